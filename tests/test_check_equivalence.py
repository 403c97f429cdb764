"""The fast checks find what their plain readings find.

Some checks in queries/checks/ skip the groups that cannot hold a finding
(occurrences whose dates or durations all share a point, rows that share no day
with another) before pairing rows up, which is what keeps them fast at a million
facts. tests/data/reference_checks/ holds the plain pairwise reading of each;
on random rows, crowded into a few days and a few groups so that ties, inverted
spans, open ends and empty intervals are common, both must give the same
examined count and the same findings, message for message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.checks import load_checks, parse_check
from hypothesis import example, given
from hypothesis import strategies as st

REFERENCE = Path(__file__).parent / "data" / "reference_checks"
CHECKS = {c.id: c for c in load_checks()}
REFERENCED = sorted(p.stem for p in REFERENCE.glob("*.sql"))

DAY0 = dt.date(2023, 6, 1)
PEOPLE = ["ann", "bob", "cy"]
OCCURRENCES = ["c0", "c1"]
# A city inside a country, two venues in it, a city of the same country, and one without a country.
PLACES = [
    ("beijing", "city", "china"),
    ("hall", "venue", "beijing"),
    ("guesthouse", "venue", "beijing"),
    ("shanghai", "city", "china"),
    ("seoul", "city", None),
]
ARTICLES = [None, "art0", "art1"]

days = st.integers(0, 4)
maybe_day = st.none() | days


@st.composite
def fact_dates(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows = []
    for n in range(draw(st.integers(0, 7))):
        start = draw(days)
        rows.append(
            {
                "owner": f"d{draw(st.integers(0, 3))}",  # one fact may date itself twice (arrive, depart)
                "kind": draw(st.sampled_from(["meeting", "visit", "event", "agreement", "statement"])),
                "of": draw(st.sampled_from([*OCCURRENCES, None])),
                "field": draw(st.sampled_from(["when", "arrive", "depart", "end", "as_of"])),
                "d_from": DAY0 + dt.timedelta(start),
                "d_to": DAY0 + dt.timedelta(start + draw(st.integers(-1, 2))),
                "d_phrase": draw(st.none() | st.just(f"phrase {n}")),
            }
        )
    return rows


@st.composite
def meetings(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows = []
    for n in range(draw(st.integers(0, 6))):
        low = draw(st.none() | st.integers(0, 3).map(float))
        high = None if low is None else draw(st.sampled_from([0.0, 1.0, 2.0, 3.0, float("inf")]))
        when = draw(days)
        rows.append(
            {
                "id": f"m{n}",
                "of": draw(st.sampled_from(OCCURRENCES)),
                "participants": draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=2, unique=True)),
                "venue": draw(st.sampled_from([p for p, _, _ in PLACES] + [None])),
                "when_from": DAY0 + dt.timedelta(when),
                "when_to": DAY0 + dt.timedelta(when + draw(st.integers(-1, 1))),
                "when_precision": draw(st.sampled_from(["day", "month"])),
                "duration_value": low,
                "duration_unit": "hour",
                "duration_hedge": "about",
                "duration_text": None,
                "duration_low": low,
                "duration_high": high,
                "duration_low_closed": draw(st.booleans()),
                "duration_high_closed": draw(st.booleans()),
            }
        )
    return rows


@st.composite
def visits(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows = []
    for n in range(draw(st.integers(0, 3))):
        arrive = draw(days)
        rows.append(
            {
                "id": f"v{n}",
                "of": draw(st.sampled_from(OCCURRENCES)),
                "travellers": draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=2, unique=True)),
                "destination": draw(st.sampled_from([p for p, _, _ in PLACES])),
                "arrive_from": DAY0 + dt.timedelta(arrive),
                "arrive_to": DAY0 + dt.timedelta(arrive),
                "arrive_precision": "day",
                "depart_from": DAY0 + dt.timedelta(arrive + draw(st.integers(0, 4))),
                "depart_to": None,
                "depart_precision": draw(st.sampled_from(["day", "month"])),
            }
        )
    return rows


@st.composite
def roles(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows = []
    for n in range(draw(st.integers(0, 8))):
        at = draw(st.none() | st.integers(0, 2))  # claims crowd into three days, so they often meet
        start = draw(maybe_day)
        end = None if start is None else draw(st.none() | st.integers(start, start + 3))
        rows.append(
            {
                "id": f"r{n}",
                "person": draw(st.sampled_from(PEOPLE)),
                "office": draw(st.sampled_from(["fm", "sc"])),
                "title": draw(st.none() | st.just("Minister")),
                "at_from": None if at is None else DAY0 + dt.timedelta(at),
                "at_to": None if at is None else DAY0 + dt.timedelta(at + draw(st.integers(0, 1))),
                "at_precision": None if at is None else draw(st.sampled_from(["day", "month"])),
                "start_from": None if start is None else DAY0 + dt.timedelta(start),
                "end_from": None if end is None else DAY0 + dt.timedelta(end),
            }
        )
    return rows


corpora = st.fixed_dictionaries(
    {"fact_dates": fact_dates(), "meetings": meetings(), "visits": visits(), "roles": roles()}
)


@pytest.fixture(scope="module")
def con(corpus_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Empty tables and the views and macros of a real build, to fill per example."""
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{corpus_db}' AS src (READ_ONLY)")
    for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src'"
    ).fetchall():
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM src."{name}" LIMIT 0')
    for name, sql in con.execute(
        "SELECT function_name, macro_definition FROM duckdb_functions() "
        "WHERE database_name = 'src' AND function_type = 'macro' AND NOT internal"
    ).fetchall():
        params = con.execute(
            "SELECT parameters FROM duckdb_functions() WHERE database_name = 'src' AND function_name = ?",
            [name],
        ).fetchone()[0]  # type: ignore[index]
        con.execute(f"CREATE MACRO {name}({', '.join(params)}) AS {sql}")
    for (sql,) in con.execute("SELECT sql FROM duckdb_views() WHERE database_name = 'src'").fetchall():
        con.execute(sql)
    con.execute("DETACH src")
    yield con
    con.close()


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        names = ", ".join(row)
        con.execute(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )


def _fill(con: duckdb.DuckDBPyConnection, corpus: dict[str, list[dict[str, Any]]]) -> None:
    for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
        con.execute(f'DELETE FROM "{name}"')
    _insert(con, "people", [{"id": p, "name": p.title(), "file": "f", "line": 1, "col": 1} for p in PEOPLE])
    _insert(
        con,
        "offices",
        [
            {
                "id": "fm",
                "title": "Foreign Minister",
                "single_holder": True,
                "file": "f",
                "line": 1,
                "col": 1,
            },
            {
                "id": "sc",
                "title": "State Councilor",
                "single_holder": False,
                "file": "f",
                "line": 1,
                "col": 1,
            },
        ],
    )
    _insert(con, "countries", [{"id": "china", "name": "China", "file": "f", "line": 1, "col": 1}])
    _insert(
        con,
        "places",
        [
            {"id": i, "name": i, "type": t, "parent": p, "file": "f", "line": 1, "col": 1}
            for i, t, p in PLACES
        ],
    )
    _insert(
        con,
        "occurrences",
        [
            {"id": o, "kind": "meeting", "label": o.upper(), "file": "f", "line": 1, "col": 1}
            for o in OCCURRENCES
        ],
    )
    _insert(
        con,
        "articles",
        [
            {"id": a, "published": DAY0 + dt.timedelta(n), "file": "f", "line": 1, "col": 1}
            for n, a in enumerate(ARTICLES)
            if a
        ],
    )
    facts: dict[str, tuple[str, str | None]] = {}
    for table, kind in (("meetings", "meeting"), ("visits", "visit"), ("roles", "role")):
        _insert(con, table, corpus[table])
        facts.update({row["id"]: (kind, row.get("of")) for row in corpus[table]})
    _insert(con, "fact_dates", corpus["fact_dates"])
    facts.update({row["owner"]: (row["kind"], row["of"]) for row in corpus["fact_dates"]})
    _insert(
        con,
        "fact_index",
        [
            {
                "id": i,
                "kind": kind,
                "of": of,
                "article": ARTICLES[n % len(ARTICLES)],
                "file": "f",
                "line": n,
                "col": 1,
            }
            for n, (i, (kind, of)) in enumerate(sorted(facts.items()))
        ],
    )


def _result(con: duckdb.DuckDBPyConnection, examined: str, findings: str) -> tuple[int, list[Any]]:
    return con.execute(examined).fetchone()[0], sorted(con.execute(findings).fetchall())  # type: ignore[index]


def test_every_reference_is_of_a_check_and_differs_from_it() -> None:
    assert REFERENCED, "no reference readings found"
    for name in REFERENCED:
        reference = parse_check(_with_header(name), name)
        assert name in CHECKS
        assert reference.findings_sql != CHECKS[name].findings_sql, (
            f"{name}: the reference is the check itself"
        )


def _with_header(name: str) -> str:
    header = (
        "".join(f"-- {k}: x\n" for k in ("id", "tags", "description", "rationale")) + "-- severity: info\n"
    )
    return header + (REFERENCE / f"{name}.sql").read_text(encoding="utf-8")


TIE = {  # two meetings whose durations touch at 2 hours, one end open: no duration satisfies both
    "fact_dates": [],
    "visits": [],
    "roles": [],
    "meetings": [
        {
            "id": f"m{n}",
            "of": "c0",
            "participants": ["ann"],
            "venue": None,
            "when_from": DAY0,
            "when_to": DAY0,
            "when_precision": "day",
            "duration_value": low,
            "duration_unit": "hour",
            "duration_hedge": "about",
            "duration_text": None,
            "duration_low": low,
            "duration_high": high,
            "duration_low_closed": True,
            "duration_high_closed": closed,
        }
        for n, (low, high, closed) in enumerate([(0.0, 2.0, False), (2.0, 3.0, True)])
    ],
}


# Two claims of the single-holder office by different people that share only
# the day one ends and the other starts.
TOUCH = {
    "fact_dates": [],
    "visits": [],
    "meetings": [],
    "roles": [
        {
            "id": f"r{n}",
            "person": person,
            "office": "fm",
            "title": None,
            "at_from": DAY0 + dt.timedelta(start),
            "at_to": DAY0 + dt.timedelta(end),
            "at_precision": "day",
            "start_from": None,
            "end_from": None,
        }
        for n, (person, start, end) in enumerate([("ann", 0, 1), ("bob", 1, 1)])
    ],
}


@given(corpus=corpora)
@example(corpus=TIE)
@example(corpus=TOUCH)
def test_fast_checks_find_what_their_plain_readings_find(
    con: duckdb.DuckDBPyConnection, corpus: dict[str, list[dict[str, Any]]]
) -> None:
    _fill(con, corpus)
    for name in REFERENCED:
        check = CHECKS[name]
        reference = parse_check(_with_header(name), name)
        assert _result(con, check.examined_sql, check.findings_sql) == _result(
            con, reference.examined_sql, reference.findings_sql
        ), name
