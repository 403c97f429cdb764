"""bench/compare.py's premise: two step tables on one corpus, their steps run in
turn, each time a warm step for each side, and each side's warm build reads
again exactly the file the step edits, never finding it as its last build left it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from compare import Side, table_lines
from run import StepTable, step_table


@pytest.mark.slow
def test_both_sides_see_each_warm_edit(generated: Path, tmp_path: Path) -> None:
    shutil.copytree(generated / "facts", tmp_path / "facts")
    shutil.copytree(generated / "seeds", tmp_path / "seeds")
    original = {p: p.read_bytes() for p in (tmp_path / "facts").rglob("*.yaml")}
    tables = []
    for side in ("before", "after"):
        (tmp_path / side).mkdir()
        tables.append(step_table(sys.executable, tmp_path / "facts", tmp_path / side))
    env = {**os.environ, "FACTDB_PROJECT": str(tmp_path)}
    reread: dict[str, list[int | None]] = {}
    for step in ("build_cold", "build_warm_one_file_edited", "build_warm_statement_edited"):
        for table in tables:
            run = table.steps[step]
            if run.before is not None:
                run.before()
            out = subprocess.run(run.cmd, capture_output=True, text=True, env=env, check=True)
            reread.setdefault(step, []).append(json.loads(out.stdout)["reread"])
    assert reread == {
        "build_cold": [None, None],
        "build_warm_one_file_edited": [1, 1],
        "build_warm_statement_edited": [1, 1],
    }
    tables[0].restore()
    assert {p: p.read_bytes() for p in (tmp_path / "facts").rglob("*.yaml")} == original


def test_the_table_gives_medians_and_after_over_before() -> None:
    empty = StepTable({}, Path("x"), lambda: None)
    before = Side(
        "before", "py", Path("."), empty, {}, {"check": [1.0, 3.0, 2.0]}, {"check": [0.5, 0.7, 0.6]}
    )
    after = Side("after", "py", Path("."), empty, {}, {"check": [1.0, 1.0, 1.5]}, {"check": [0.4, 0.4, 0.4]})
    assert table_lines([before, after], ["check"]) == [
        "step                              before s   after s   ratio  before cpu s  after cpu s",
        "check                                2.000     1.000    0.50          0.60         0.40",
    ]
