"""Every check: a minimal corpus that must trigger it and a near-miss that must not."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.checks import load_checks, run_checks, select_checks

from ..conftest import Project

TEXT = "Officials met in Beijing on Monday for talks.\n\nThe meeting lasted about five hours.\n"
PUBLISHED = "2023-06-19"  # a Monday
ART = [{"source": "art", "quote": "Officials met in Beijing"}]
REF = [{"source": "ref", "quote": "the record says"}]


def base() -> dict[str, Any]:
    return {
        "articles": [
            {
                "id": "art",
                "seed": "art.txt",
                "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
                "outlet": "Wire",
                "headline": "Talks",
                "published": {"date": PUBLISHED, "basis": "stated", "reason": "dateline"},
            }
        ],
        "references": [
            {
                "id": "ref",
                "title": "Record",
                "publisher": "Archive",
                "url": "https://example.org",
                "accessed": "2026-11-23",
            }
        ],
        "countries": [{"id": "china", "name": "China"}, {"id": "uk", "name": "United Kingdom"}],
        "places": [
            {"id": "beijing", "name": "Beijing", "type": "city", "parent": "china"},
            {"id": "shanghai", "name": "Shanghai", "type": "city", "parent": "china"},
            {"id": "seoul", "name": "Seoul", "type": "city"},
            {"id": "london", "name": "London", "type": "city", "parent": "uk"},
            {"id": "hall", "name": "Great Hall", "type": "venue", "parent": "beijing"},
            {"id": "guesthouse", "name": "Guesthouse", "type": "venue", "parent": "beijing"},
        ],
        "people": [
            {"id": "ann", "name": "Ann", "born": "1962-04-16", "evidence": REF},
            {"id": "bob", "name": "Bob"},
        ],
        "offices": [
            {"id": "fm", "title": "Foreign Minister", "single_holder": True},
            {"id": "sc", "title": "State Councilor", "single_holder": False},
        ],
        "occurrences": [
            {"id": "m1", "kind": "meeting", "label": "the talks", "reason": "test"},
            {"id": "v1", "kind": "visit", "label": "the visit", "reason": "test"},
            {"id": "v2", "kind": "visit", "label": "an earlier visit", "reason": "test"},
            {"id": "trip", "kind": "visit", "label": "the trip", "reason": "test"},
            {"id": "e1", "kind": "event", "label": "the call", "reason": "test"},
        ],
    }


def meeting(id: str, duration: dict[str, Any] | None = None, ev: Any = ART, **kw: Any) -> dict[str, Any]:
    return {
        "id": id,
        "kind": "meeting",
        "of": "m1",
        "participants": ["ann"],
        "duration": duration,
        "evidence": ev,
        **kw,
    }


def hours(v: float, hedge: str = "exact") -> dict[str, Any]:
    return {"value": v, "unit": "hour", "hedge": hedge}


def figure(
    id: str, value: float, hedge: str, scale: str, as_of: str, ev: Any = ART, measure: str = "fx"
) -> dict[str, Any]:
    q = {"value": value, "unit": "USD", "hedge": hedge, "scale": scale}
    return {"id": id, "kind": "figure", "measure": measure, "quantity": q, "as_of": as_of, "evidence": ev}


def claim(id: str, person: str, office: str, at: str) -> dict[str, Any]:
    return {"id": id, "kind": "role", "person": person, "office": office, "at": at, "evidence": ART}


def term(id: str, person: str, office: str, start: str, end: str | None = None) -> dict[str, Any]:
    t = {"id": id, "kind": "role", "person": person, "office": office, "start": start, "evidence": REF}
    return {**t, "end": end} if end else t


def visit(id: str, of: str, ev: Any = REF, **kw: Any) -> dict[str, Any]:
    return {"id": id, "kind": "visit", "of": of, "travellers": ["ann"], "evidence": ev, **kw}


def event(id: str, when: Any, ev: Any = ART, **kw: Any) -> dict[str, Any]:
    return {
        "id": id,
        "kind": "event",
        "of": "e1",
        "type": "call",
        "when": when,
        "description": "a call",
        "evidence": ev,
        **kw,
    }


def legs(*places: str) -> list[dict[str, str]]:
    return [{"place": p} for p in places]


CASES: list[tuple[str, str, list[dict[str, Any]], int]] = [
    # (check, case id, facts, expected findings)
    (
        "duration-conflict",
        "about-5h-vs-35min",
        [meeting("a", hours(5, "about")), meeting("b", {"value": 35, "unit": "minute"}, REF)],
        1,
    ),
    (
        "duration-conflict",
        "more-than-5h-vs-5.5h",
        [meeting("a", hours(5, "more than")), meeting("b", hours(5.5), REF)],
        0,
    ),
    (
        "duration-conflict",
        "about-5h-vs-330min",
        [meeting("a", hours(5, "about")), meeting("b", {"value": 330, "unit": "minute"}, REF)],
        0,
    ),
    (
        "figure-conflict",
        "nearly-2T-vs-2.1T",
        [
            figure("a", 2, "nearly", "trillion", "2009-02"),
            figure("b", 2.1, "exact", "trillion", "2009-02", REF),
        ],
        1,
    ),
    (
        "figure-conflict",
        "nearly-7bn-vs-6.5bn",
        [
            figure("a", 7, "nearly", "billion", "2008-10"),
            figure("b", 6.5, "exact", "billion", "2008-10-03", REF),
        ],
        0,
    ),
    (
        "figure-conflict",
        "different-dates",
        [
            figure("a", 2, "nearly", "trillion", "2009-02"),
            figure("b", 3, "exact", "trillion", "2014-01", REF),
        ],
        0,
    ),
    (
        "single-holder-overlap",
        "two-ministers-same-day",
        [claim("a", "ann", "fm", "2023-06-19"), claim("b", "bob", "fm", "Monday")],
        1,
    ),
    (
        "single-holder-overlap",
        "two-ministers-years-apart",
        [claim("a", "ann", "fm", "2009-02-21"), claim("b", "bob", "fm", "2014-07-10")],
        0,
    ),
    (
        "single-holder-overlap",
        "handover-day",
        [term("a", "ann", "fm", "2007-04-27", "2013-03-16"), term("b", "bob", "fm", "2013-03-16")],
        0,
    ),
    (
        "single-holder-overlap",
        "overlapping-terms",
        [term("a", "ann", "fm", "2007-04-27", "2013-03-17"), term("b", "bob", "fm", "2013-03-16")],
        1,
    ),
    (
        "single-holder-overlap",
        "councilors-are-many",
        [claim("a", "ann", "sc", "2023-06-19"), claim("b", "bob", "sc", "2023-06-19")],
        0,
    ),
    (
        "title-outside-tenure",
        "minister-after-term",
        [term("t", "ann", "fm", "2007-04-27", "2013-03-16"), claim("a", "ann", "fm", "2014-07-10")],
        1,
    ),
    (
        "title-outside-tenure",
        "another-holds-it",
        [term("t", "bob", "fm", "2022-12-30", "2023-07-25"), claim("a", "ann", "fm", "Monday")],
        1,
    ),
    (
        "title-outside-tenure",
        "title-changes-2009-2014",
        [
            term("t1", "ann", "fm", "2007-04-27", "2013-03-16"),
            term("t2", "ann", "sc", "2013-03-16", "2018-03-19"),
            claim("a", "ann", "fm", "2009-02-21"),
            claim("b", "ann", "sc", "2014-07-10"),
        ],
        0,
    ),
    ("title-outside-tenure", "no-record-no-judgement", [claim("a", "ann", "fm", "2014-07-10")], 0),
    (
        "weekday-mismatch",
        "tuesday-on-a-monday",
        [event("a", {"date": "2023-06-19", "weekday": "tuesday"})],
        1,
    ),
    (
        "weekday-mismatch",
        "monday-on-a-monday",
        [event("a", {"date": "2023-06-19", "weekday": "monday"}), event("b", "Saturday")],
        0,
    ),
    (
        "age-mismatch",
        "sixty-in-2023",
        [
            {
                "id": "a",
                "kind": "figure",
                "measure": "age",
                "subject": "ann",
                "quantity": {"value": 60, "unit": "year"},
                "as_of": "Monday",
                "evidence": ART,
            }
        ],
        1,
    ),
    (
        "age-mismatch",
        "sixty-one-in-2023",
        [
            {
                "id": "a",
                "kind": "figure",
                "measure": "age",
                "subject": "ann",
                "quantity": {"value": 61, "unit": "year"},
                "evidence": ART,
            }
        ],
        0,
    ),
    (
        "trip-legs",
        "fourth-leg-is-fourth",
        [
            visit("t", "trip", legs=legs("seoul", "shanghai", "london", "beijing")),
            visit("a", "v1", ART, destination="beijing", part_of="trip", leg=4, last_stop=True),
        ],
        0,
    ),
    (
        "trip-legs",
        "third-leg-is-fourth",
        [
            visit("t", "trip", legs=legs("seoul", "shanghai", "london", "beijing")),
            visit("a", "v1", ART, destination="beijing", part_of="trip", leg=3),
        ],
        1,
    ),
    (
        "trip-legs",
        "last-stop-is-not-last",
        [
            visit("t", "trip", legs=legs("beijing", "london")),
            visit("a", "v1", ART, destination="china", part_of="trip", last_stop=True),
        ],
        1,
    ),
    (
        "trip-legs-disagree",
        "seoul-vs-london",
        [
            visit("t", "trip", legs=legs("beijing", "london")),
            visit("a", "trip", ART, legs=legs("beijing", "seoul")),
        ],
        1,
    ),
    (
        "trip-legs-disagree",
        "city-vs-country",
        [visit("t", "trip", legs=legs("beijing", "shanghai")), visit("a", "trip", ART, legs=legs("china"))],
        0,
    ),
    (
        "two-places-at-once",
        "beijing-and-shanghai",
        [
            meeting("a", venue="hall", when="2023-06-19"),
            {**meeting("b", venue="shanghai", when="Monday"), "of": "m1"},
        ],
        1,
    ),
    (
        "two-places-at-once",
        "two-venues-in-beijing",
        [meeting("a", venue="hall", when="2023-06-19"), meeting("b", venue="guesthouse", when="Monday")],
        0,
    ),
    (
        "two-places-at-once",
        "travel-day",
        [
            visit("a", "v2", destination="seoul", arrive="2009-02-19", depart="2009-02-20"),
            visit("b", "v1", destination="beijing", arrive="2009-02-20", depart="2009-02-22"),
            meeting("c", venue="hall", when="2009-02-21"),
        ],
        0,
    ),
    (
        "first-since",
        "sherman-before",
        [
            term("t", "bob", "fm", "2021-04-14", "2023-07-28"),
            visit(
                "a",
                "v1",
                ART,
                destination="beijing",
                arrive="2023-06-18",
                first_since={"by_offices": ["fm"], "to": "china", "since": "2021-01-20"},
            ),
            {**visit("b", "v2", destination="shanghai", arrive="2021-07-25"), "travellers": ["bob"]},
        ],
        1,
    ),
    (
        "first-since",
        "almost-five-years-holds",
        [
            term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
            visit(
                "a",
                "v1",
                ART,
                destination="beijing",
                arrive="2023-06-18",
                first_since={
                    "by_offices": ["fm"],
                    "to": "china",
                    "period": {"value": 5, "unit": "year", "hedge": "almost"},
                },
            ),
            {**visit("b", "v2", destination="beijing", arrive="2018-10-08"), "travellers": ["bob"]},
        ],
        0,
    ),
    (
        "first-since",
        "almost-five-years-but-three",
        [
            term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
            visit(
                "a",
                "v1",
                ART,
                destination="beijing",
                arrive="2023-06-18",
                first_since={
                    "by_offices": ["fm"],
                    "to": "china",
                    "period": {"value": 5, "unit": "year", "hedge": "almost"},
                },
            ),
            {**visit("b", "v2", destination="beijing", arrive="2020-10-08"), "travellers": ["bob"]},
        ],
        1,
    ),
    (
        "occurrence-date-conflict",
        "in-february-points-at-2021",
        [event("a", "in February"), event("b", "2021-02-10", REF)],
        1,
    ),
    (
        "occurrence-date-conflict",
        "last-year-agrees",
        [event("a", "last year"), event("b", "2022-09-18", REF)],
        0,
    ),
    (
        "occurrence-date-conflict",
        "still-ongoing-after-the-end",
        [event("a", "today"), event("b", "2018-12-01", REF, end="2021-09-24")],
        1,
    ),
    (
        "time-of-day-conflict",
        "evening-vs-morning",
        [
            visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
            visit("b", "v1", destination="beijing", arrive={"date": "2023-06-18", "part_of_day": "morning"}),
        ],
        1,
    ),
    (
        "time-of-day-conflict",
        "one-side-silent",
        [
            visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
            visit("b", "v1", destination="beijing", arrive="2023-06-18"),
        ],
        0,
    ),
    (
        "date-order",
        "departs-before-arriving",
        [visit("a", "v1", destination="beijing", arrive="2023-06-19", depart="2023-06-18")],
        1,
    ),
    (
        "date-order",
        "meeting-outside-its-visit",
        [
            visit("a", "v1", destination="beijing", arrive="2023-06-18", depart="2023-06-19"),
            meeting("b", when="2023-06-21", part_of="v1"),
        ],
        1,
    ),
    (
        "date-order",
        "all-in-order",
        [
            visit("a", "v1", destination="beijing", arrive="2023-06-18", depart="2023-06-19"),
            meeting("b", when="Monday", part_of="v1"),
        ],
        0,
    ),
]


def _build(
    project: Project, memdb: Callable[[Path], duckdb.DuckDBPyConnection], facts: list[dict[str, Any]]
) -> duckdb.DuckDBPyConnection:
    project.seed("art.txt", TEXT)
    data = base()
    data["facts"] = [{k: v for k, v in f.items() if v is not None} for f in facts]
    project.write("corpus.yaml", data)
    return memdb(project.facts)


# Near-misses whose point is that the check has nothing it may judge.
NOTHING_TO_JUDGE = {"no-record-no-judgement", "councilors-are-many"}


@pytest.mark.parametrize(
    ("case", "check_id", "facts", "expected"),
    [(i, c, f, n) for c, i, f, n in CASES],
    ids=[f"{c}:{i}" for c, i, _, _ in CASES],
)
def test_check(
    project: Project,
    memdb: Callable[[Path], duckdb.DuckDBPyConnection],
    case: str,
    check_id: str,
    facts: list[dict[str, Any]],
    expected: int,
) -> None:
    con = _build(project, memdb, facts)
    report = run_checks(con, select_checks(load_checks(), [check_id], None))
    assert [f.check for f in report.findings] == [check_id] * expected, [f.message for f in report.findings]
    assert (report.checks[0].examined == 0) is (case in NOTHING_TO_JUDGE)
    for f in report.findings:
        assert f.facts and all(ref.file == "facts/corpus.yaml" and ref.line > 0 for ref in f.facts)


def test_every_check_has_a_trigger_and_a_near_miss() -> None:
    ids = {c.id for c in load_checks()}
    triggered = {c for c, _, _, n in CASES if n > 0}
    missed = {c for c, _, _, n in CASES if n == 0}
    assert ids == triggered == missed


def test_a_check_that_examined_nothing_says_so(
    project: Project, memdb: Callable[[Path], duckdb.DuckDBPyConnection]
) -> None:
    con = _build(project, memdb, [event("a", "Monday")])
    report = run_checks(con, select_checks(load_checks(), ["duration-conflict"], None))
    assert report.checks[0].status == "examined nothing"


def _calls(sql: str, name: str) -> list[str]:
    """The argument text of every call to aggregate `name` in `sql`."""
    out = []
    for m in re.finditer(rf"\b{name}\s*\(", sql, re.IGNORECASE):
        depth, i = 1, m.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(sql[i], 0)
            i += 1
        out.append(sql[m.end() : i - 1])
    return out


@pytest.mark.parametrize("check", load_checks(), ids=lambda c: c.id)
def test_every_list_a_check_builds_is_ordered(check: Any) -> None:
    """DuckDB aggregates in parallel: an unordered list() or string_agg() can come out in a
    different order from run to run, and so would messages, JSON and SARIF."""
    sql = check.examined_sql + "\n" + check.findings_sql
    unordered = [
        f"{name}({args.strip()[:60]}…)"
        for name in ("list", "string_agg", "array_agg", "group_concat")
        for args in _calls(sql, name)
        if not re.search(r"\bORDER\s+BY\b", args, re.IGNORECASE)
    ]
    assert not unordered, f"{check.id}: aggregates without ORDER BY: {unordered}"


def test_check_reads_what_build_stored_and_it_equals_a_fresh_run(corpus_db: Path) -> None:
    from factdb.loader.checks import stored_report
    from factdb.loader.output import report_dict

    con = duckdb.connect(str(corpus_db), read_only=True)
    try:
        for names in (None, ["office"], ["duration-conflict", "first-since"]):
            checks = select_checks(load_checks(), names, None)
            stored = stored_report(con, checks)
            assert stored is not None
            assert report_dict(stored) == report_dict(run_checks(con, checks))
    finally:
        con.close()


@pytest.mark.parametrize("edited_check", [False, True], ids=["same-check-files", "a-check-file-edited"])
def test_stored_findings_are_used_only_while_the_check_files_are_unchanged(
    corpus_db: Path, tmp_path: Path, edited_check: bool
) -> None:
    """Drop a stored finding: `check` misses it only if it trusts the store, which it may
    do only while the hash of every check file matches the one the build recorded."""
    from factdb.loader.checks import check_database

    db = tmp_path / "copy.duckdb"
    db.write_bytes(corpus_db.read_bytes())
    con = duckdb.connect(str(db))
    key = con.execute("SELECT key FROM findings WHERE check_id = 'duration-conflict' LIMIT 1").fetchone()[0]  # type: ignore[index]
    con.execute("DELETE FROM findings WHERE key = ?", [key])
    if edited_check:
        con.execute("UPDATE checks SET source_sha256 = 'edited' WHERE id = 'duration-conflict'")
    con.close()
    keys = {f.key for f in check_database(db).findings}
    assert (key in keys) is edited_check


@pytest.mark.parametrize(
    "findings_sql",
    [
        "SELECT 'same' AS key, 'm' AS message, [] AS facts FROM range(2)",
        "SELECT NULL AS key, 'm' AS message, [] AS facts",
    ],
    ids=["key-twice", "key-null"],
)
def test_a_check_must_give_every_finding_its_own_key(
    project: Project, memdb: Callable[[Path], duckdb.DuckDBPyConnection], findings_sql: str
) -> None:
    """A finding is reviewed by its key, so a key given twice (or none) would
    let one review cover two findings: the run stops and names the check."""
    from dataclasses import replace

    from factdb.loader.common import UsageError

    con = _build(project, memdb, [event("a", "Monday")])
    check = replace(load_checks()[0], id="bad-keys", findings_sql=findings_sql)
    with pytest.raises(UsageError, match=r"check bad-keys .* not unique"):
        run_checks(con, [check])


def test_what_a_check_reads_does_not_depend_on_what_the_tables_hold(
    project: Project, memdb: Callable[[Path], duckdb.DuckDBPyConnection]
) -> None:
    """A warm build keeps the findings of a check that reads no changed table:
    a table left out because it is empty now would be missed once it is not."""
    from factdb.loader.checks.reads import columns_read

    con = _build(project, memdb, [event("a", "Monday")])  # no meetings, visits or legs
    assert {"meetings", "events", "visits", "visit_legs"} <= set(columns_read(con, "SELECT * FROM presence"))


def test_what_a_check_reads_is_the_columns_it_needs_filters_included(
    project: Project, memdb: Callable[[Path], duckdb.DuckDBPyConnection]
) -> None:
    """A column only a filter reads still counts: a pushed-down filter would
    hide it from the scan's columns, so the plan keeps filters above scans."""
    from factdb.loader.checks.reads import columns_read

    con = _build(project, memdb, [event("a", "Monday")])
    assert columns_read(con, "SELECT count(*) FROM meetings") == {"meetings": set()}
    assert columns_read(con, "SELECT id FROM meetings WHERE duration_low > 60 AND of = 'x'") == {
        "meetings": {"id", "duration_low", "of"}
    }
    through_view = columns_read(con, "SELECT person FROM presence")
    assert {"meetings", "events", "visits", "visit_legs"} <= set(through_view)
    assert "duration_low" not in through_view["meetings"]
    assert con.execute("SELECT current_setting('disabled_optimizers')").fetchone() == ("",)
