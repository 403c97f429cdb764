"""bench/stages.py: a cold build taken apart must still be the build."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from stages import measure, report

from .conftest import GENERATED_FACTS

STEPS = [
    ("read and stamp each file", "read"),
    ("decode", "read"),
    ("screen for the plain subset", "read"),
    ("parse (yaml12)", "floor"),
    ("check no key was dropped", "read"),
    ("find positions", "read"),
    ("pack the text", "read"),
    ("validate (Pydantic)", "floor"),
    ("write the cache", "read"),
    ("resolve", "resolve"),
    ("verify", "verify"),
    ("build the Arrow tables", "tables"),
    ("write them into DuckDB", "tables"),
    ("run the checks", "checks"),
]


def test_the_steps_make_the_tables_a_build_makes(generated: Path) -> None:
    steps, rows = measure(generated / "facts", runs=1)
    assert [(name, part) for name, part, _ in steps] == STEPS
    con = duckdb.connect(str(generated / "bench.duckdb"), read_only=True)
    built = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0] for name in rows}
    con.close()
    assert rows == built
    assert rows["fact_index"] >= GENERATED_FACTS
    out = report(steps, rows, GENERATED_FACTS, cpus=2)
    assert out["budget_cpu_seconds_at_1m"] == 40.0
    parts = out["floor_cpu_seconds_at_1m"] + out["rest_cpu_seconds_at_1m"]
    assert abs(out["total_cpu_seconds_at_1m"] - parts) < 0.05
