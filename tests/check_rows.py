"""Rows of facts for the checks, drawn at random and written straight into
tables shaped like a build's: crowded into a few days and a few groups, so
that ties, inverted spans, open ends and empty intervals are common.
test_check_equivalence holds the fast check SQL to its plain reading on them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
from hypothesis import strategies as st

DAY0 = dt.date(2023, 6, 1)
PEOPLE = ["ann", "bob", "cy"]
OCCURRENCES = ["c0", "c1"]
# A city inside a country, two venues in it, a city of the same country, a city of another
# country, and one without a country.
PLACES = [
    ("beijing", "city", "china"),
    ("hall", "venue", "beijing"),
    ("guesthouse", "venue", "beijing"),
    ("shanghai", "city", "china"),
    ("london", "city", "uk"),
    ("seoul", "city", None),
]
ARTICLES = [None, "art0", "art1"]

days = st.integers(0, 4)
maybe_day = st.none() | days


@st.composite
def fact_dates(draw: st.DrawFn) -> list[dict[str, Any]]:
    # A fact's kind and occurrence are its own, whichever of its dates a row is.
    owners = [
        (
            draw(st.sampled_from(["meeting", "visit", "event", "agreement", "statement"])),
            draw(st.sampled_from([*OCCURRENCES, None])),
        )
        for _ in range(4)
    ]
    rows = []
    # Each of a fact's dates at most once (arrive and depart, say), as in a build.
    dated = draw(
        st.lists(
            st.tuples(st.integers(0, 3), st.sampled_from(["when", "arrive", "depart", "end", "as_of"])),
            max_size=7,
            unique=True,
        )
    )
    for n, (owner, field) in enumerate(dated):
        start = draw(days)
        rows.append(
            {
                "owner": f"d{owner}",
                "kind": owners[owner][0],
                "of": owners[owner][1],
                "field": field,
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
                "duration_covers": draw(st.sampled_from([None, None, "talks and a dinner"])),
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


def empty_database(corpus_db: Path) -> duckdb.DuckDBPyConnection:
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
    return con


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        names = ", ".join(row)
        con.execute(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )


def fill(con: duckdb.DuckDBPyConnection, corpus: dict[str, list[dict[str, Any]]]) -> None:
    """Empty every table, then write the context and the corpus's facts."""
    for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
        con.execute(f'DELETE FROM "{name}"')
    fill_context(con)
    insert_facts(con, corpus)


def fill_context(con: duckdb.DuckDBPyConnection) -> None:
    """The rows that are not facts: people, offices, places, occurrences, articles."""
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
    _insert(
        con,
        "countries",
        [{"id": c, "name": c.title(), "file": "f", "line": 1, "col": 1} for c in ("china", "uk")],
    )
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


def insert_facts(con: duckdb.DuckDBPyConnection, corpus: dict[str, list[dict[str, Any]]]) -> None:
    """Write the corpus's facts, each with its row in fact_index."""
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
