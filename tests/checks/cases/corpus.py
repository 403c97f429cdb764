"""What every check's cases share: the corpus they add their facts to (an
article published on a Monday, a reference, places, people, offices and
occurrences), builders for the facts, and the one assertion every case makes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.checks import load_checks, run_checks, select_checks

from ...conftest import Project, article

Facts = list[dict[str, Any]]
MemDb = Callable[[Path], duckdb.DuckDBPyConnection]

TEXT = "Officials met in Beijing on Monday for talks.\n\nThe meeting lasted about five hours.\n"
PUBLISHED = "2023-06-19"  # a Monday
ART = [{"source": "art", "quote": "Officials met in Beijing"}]
REF = [{"source": "ref", "quote": "the record says"}]
# A Wikidata statement, as `factdb import wikidata` cites one.
WD = [{"source": "wd", "quote": "Q1$1: P39 position held"}]


def sources() -> dict[str, Any]:
    """The article (`art`, TEXT) and the reference (`ref`) every claim of the check tests cites."""
    reference = {
        "id": "ref",
        "title": "Record",
        "publisher": "Archive",
        "url": "https://example.org",
        "accessed": "2026-11-23",
    }
    wikidata = {
        "id": "wd",
        "title": "Wikidata Q1 (revision 1)",
        "publisher": "Wikidata",
        "url": "https://www.wikidata.org/w/index.php?title=Q1&oldid=1",
        "accessed": "2024-01-01",
    }
    return {
        "articles": [article(TEXT, outlet="Wire", published=PUBLISHED)],
        "references": [reference, wikidata],
    }


def base() -> dict[str, Any]:
    return {
        **sources(),
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


def term(
    id: str, person: str, office: str, start: str, end: str | None = None, ev: Any = REF
) -> dict[str, Any]:
    t = {"id": id, "kind": "role", "person": person, "office": office, "start": start, "evidence": ev}
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


def corpus_with(project: Project, memdb: MemDb, facts: Facts) -> duckdb.DuckDBPyConnection:
    """The base corpus with `facts` (keys set to None left out), loaded in memory."""
    project.seed("art.txt", TEXT)
    data = base()
    data["facts"] = [{k: v for k, v in f.items() if v is not None} for f in facts]
    project.write("corpus.yaml", data)
    return memdb(project.facts)


def assert_case(
    project: Project, memdb: MemDb, check_id: str, facts: Facts, expected: int, nothing_to_judge: bool = False
) -> None:
    """Run the one check on the base corpus with `facts`: it finds `expected`
    findings, each on located facts of the corpus file, and it examined nothing
    exactly when the case is a near-miss whose point is that it has nothing it
    may judge."""
    con = corpus_with(project, memdb, facts)
    report = run_checks(con, select_checks(load_checks(), [check_id], None))
    assert [f.check for f in report.findings] == [check_id] * expected, [f.message for f in report.findings]
    assert (report.checks[0].examined == 0) is nothing_to_judge
    for f in report.findings:
        assert f.facts and all(ref.file == "facts/corpus.yaml" and ref.line > 0 for ref in f.facts)


CaseTest = Callable[[Project, MemDb, Facts], None]


def fires_test(check_id: str, cases: dict[str, Facts]) -> CaseTest:
    """The test of a check's cases that must each give one finding."""

    @pytest.mark.parametrize("facts", cases.values(), ids=list(cases))
    def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
        assert_case(project, memdb, check_id, facts, 1)

    return test_fires


def quiet_test(check_id: str, cases: dict[str, Facts], nothing_to_judge: bool = False) -> CaseTest:
    """The test of a check's near-misses that must give none (and, with
    `nothing_to_judge`, leave the check nothing to examine)."""

    @pytest.mark.parametrize("facts", cases.values(), ids=list(cases))
    def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
        assert_case(project, memdb, check_id, facts, 0, nothing_to_judge=nothing_to_judge)

    return test_quiet
