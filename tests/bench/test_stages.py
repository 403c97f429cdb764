"""bench/stages.py: a cold build taken apart must still be the build."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from stages import account, measure, report

from ..conftest import GENERATED_FACTS

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
    ("summaries and shares", "share"),
    ("resolve", "resolve"),
    ("verify", "verify"),
    ("build the Arrow tables", "tables"),
    ("send the rows over the pipes", "share"),
    ("merge and sort each table", "share"),
    ("write them into DuckDB", "tables"),
    ("run the checks", "checks"),
]


def test_the_steps_make_the_tables_a_build_makes(generated: Path) -> None:
    steps, rows = measure(generated / "facts", runs=1, cpus=2)
    assert [(name, part) for name, part, _ in steps] == STEPS
    con = duckdb.connect(str(generated / "bench.duckdb"), read_only=True)
    built = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0] for name in rows}
    con.close()
    assert rows == built
    assert rows["fact_index"] >= GENERATED_FACTS


def test_on_one_cpu_nothing_is_shared(generated: Path) -> None:
    steps, _ = measure(generated / "facts", runs=1, cpus=1)
    assert [(name, part) for name, part, _ in steps] == [s for s in STEPS if s[1] != "share"]


def test_the_budget_account_adds_up() -> None:
    # 10k facts: each CPU second here is 100 at 1M, i.e. 100 us per fact.
    steps = [
        ("parse (yaml12)", "floor", 0.1),
        ("validate (Pydantic)", "floor", 0.05),
        ("summaries and shares", "share", 0.01),
        ("resolve", "resolve", 0.2),
        ("write them into DuckDB", "tables", 0.04),
        ("run the checks", "checks", 0.02),
    ]
    out = report(steps, {}, facts=10_000, cpus=2)
    assert out["budget_cpu_seconds_at_1m"] == 40.0
    assert out["total_cpu_seconds_at_1m"] == 42.0
    assert out["fixed_cpu_seconds_at_1m"] == {"floor": 15.0, "duckdb": 6.0, "share": 1.0}
    assert out["own_us_per_fact"] == 20.0
    assert out["left_for_own_us_per_fact"] == 18.0
    assert account(out) == [
        "at 1M facts: 42.0 CPU s in all.",
        "paid whatever factdb's Python does: 22.0, of which the floor (parse and validate) 15.0, "
        "DuckDB (its copy of the tables, the checks) 6.0, sharing the work over 2 CPUs 1.0.",
        "a 20 s cold build on 2 CPUs may spend 40.0: that leaves 18.0 us per fact for factdb's own Python, "
        "which takes 20.0 (1.1x as much).",
    ]


def test_an_account_whose_fixed_part_alone_is_over_the_budget() -> None:
    steps = [("parse (yaml12)", "floor", 0.45), ("resolve", "resolve", 0.2)]
    out = report(steps, {}, facts=10_000, cpus=2)
    assert out["left_for_own_us_per_fact"] == -5.0
    assert account(out)[-1] == (
        "a 20 s cold build on 2 CPUs may spend 40.0: what is paid whatever that Python does "
        "is 5.0 more already, and the Python takes 20.0."
    )
