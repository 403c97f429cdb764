"""Progress: every stage of a build is reported, timed by StageClock, and
shown by `--timings`; the bar itself appears only at a terminal."""

from __future__ import annotations

import io
import json

from factdb.loader.common import StageClock, both
from factdb.loader.output import progress_for
from factdb.loader.pipeline import build

from ..conftest import Project, minimal_corpus

STAGES = ["read", "resolve", "verify", "tables", "checks", "write"]


def test_a_build_reports_every_stage_in_order_and_finishes_each(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    calls: list[tuple[str, int, int]] = []
    build(project.facts, project.db, progress=lambda *call: calls.append(call))
    assert list(dict.fromkeys(stage for stage, _, _ in calls)) == STAGES
    for stage in STAGES:
        mine = [(done, total) for s, done, total in calls if s == stage]
        assert mine[0][0] == 0 and mine[-1][0] == mine[-1][1], stage
        assert [d for d, _ in mine] == sorted(d for d, _ in mine), stage


def test_stage_clock_times_from_first_report_to_the_finishing_one() -> None:
    ticks = iter([1.0, 1.5, 4.0, 4.0, 6.5, 10.0])
    clock = StageClock(clock=lambda: next(ticks))
    clock("read", 0, 2)
    clock("read", 1, 2)
    clock("read", 2, 2)
    clock("tables", 0, 1)
    clock("tables", 1, 1)
    clock("unfinished", 0, 1)
    assert clock.seconds() == {"read": 3.0, "tables": 2.5}


def test_both_reports_to_each() -> None:
    seen: list[str] = []
    report = both(lambda s, d, t: seen.append("a" + s), lambda s, d, t: seen.append("b" + s))
    report("x", 0, 1)
    assert seen == ["ax", "bx"]


def test_timings_reach_the_json_output(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    out = project.factdb("build", "--timings", "--format", "json")
    assert out.returncode == 0, out.stderr
    timings = json.loads(out.stdout)["timings"]
    assert list(timings) == STAGES
    assert all(isinstance(v, float) and v >= 0 for v in timings.values())
    # After a build, validate plans what to read again; without one, it reads every file.
    plain = project.factdb("validate", "--timings")
    assert plain.returncode == 0 and plain.stderr.startswith("timings: plan "), plain.stderr
    cold = project.factdb("validate", "--timings", "--db", str(project.root / "none.duckdb"))
    assert cold.returncode == 0 and cold.stderr.startswith("timings: read "), cold.stderr


def test_no_bar_off_a_terminal() -> None:
    stream = io.StringIO()
    with progress_for(stream) as progress:
        progress("read", 0, 10)
        progress("read", 10, 10)
    assert stream.getvalue() == ""
