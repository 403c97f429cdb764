"""`factdb import wikidata`: Wikidata's entity JSON, read as it is saved, into records.

The test data (tests/data/wikidata/) is Wikidata's exact format: Q646148.json is a
real entity (Henning Christophersen, revision 2101106611, trimmed to English labels
and the properties read); shapes.json and dump.json are made in that format with
the shapes that matter: several P39 for one office, missing qualifiers, deprecated
and preferred ranks, precision 8/9/10/11, "somevalue" and "novalue" snaks, the
Julian calendar, a death that ends a term with no end. No test reaches the
network: the live reader is given a fetch that serves the same files."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import urllib.error
from email.message import Message
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from factdb.loader.checks import load_checks, run_checks, select_checks
from factdb.loader.cli import app
from factdb.loader.common import InvalidData, UsageError
from factdb.loader.wikidata import LiveEntities, SavedEntities, WikiTime, import_wikidata, parse_entity
from factdb.loader.wikidata.records import Recorder
from factdb.schema.common import check_absolute
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ..conftest import Project

DATA = Path(__file__).resolve().parents[1] / "data" / "wikidata"
REF = [{"source": "ref", "quote": "the record says"}]


def corpus(project: Project, born: str = "1962-04-16") -> None:
    """Ann (wikidata: Q900001) with one term as Foreign Minister (Q900010), and Bob."""
    project.write(
        "record.yaml",
        {
            "references": [
                {
                    "id": "ref",
                    "title": "Record",
                    "publisher": "Archive",
                    "url": "https://example.org",
                    "accessed": "2026-11-23",
                }
            ],
            "people": [
                {"id": "ann", "name": "Ann Smith", "born": born, "evidence": REF, "wikidata": "Q900001"},
                {"id": "bob", "name": "Bob"},
            ],
            "offices": [
                {"id": "fm", "title": "Foreign Minister", "single_holder": True, "wikidata": "Q900010"}
            ],
            "facts": [
                {
                    "id": "ann-fm",
                    "kind": "role",
                    "person": "ann",
                    "office": "fm",
                    "start": "2019-01-01",
                    "end": "2020-01-01",
                    "evidence": REF,
                }
            ],
        },
    )


def written(project: Project) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((project.facts / "background" / "wikidata.yaml").read_text())
    return data


def findings(project: Project) -> list[str]:
    from factdb.loader.pipeline import build

    build(project.facts, project.db)
    con = duckdb.connect(str(project.db), read_only=True)
    try:
        report = run_checks(con, select_checks(load_checks(), ["wikidata-disagrees"], None))
    finally:
        con.close()
    return [f.message for f in report.findings]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project(tmp_path)
    corpus(p)
    return p


def test_terms_keep_precision_and_every_shape_is_read_or_said_why_not(project: Project) -> None:
    result = import_wikidata(project.facts, project.db, ["Q900001"], DATA / "shapes.json")
    terms = {
        (f["office"], f["start"], f.get("end")) for f in written(project)["facts"] if f["kind"] == "role"
    }
    assert terms == {
        ("fm", "2019-01-01", "2020-01-01"),  # the corpus's office, by its wikidata id
        ("fm", "2021-03", None),  # precision 10; "novalue" end: still held
        ("state-councilor-of-testland", "2018", "2018/2024-01-01"),  # "somevalue" end: ended, not known when
        ("wd-q900012", "1990/1999", "1999"),  # precision 8 (a decade), and an office not in the source
    }
    why = sorted(w for _, w in result.records.skipped)
    assert why == [
        "a date in another calendar than the Gregorian (Q1985786)",
        "deprecated rank",
        "no start time (P580): a term needs its start",
        "the position is not known (some value)",
        "the start time is not known",
    ]
    # two P39 for one office stay two terms, each citing its own statement
    quotes = [f["evidence"][0]["quote"] for f in written(project)["facts"] if f.get("office") == "fm"]
    assert len(quotes) == 2 and len({q.split(":")[0] for q in quotes}) == 2
    assert all(q.startswith("Q900001$") and "P39 position held Q900010" in q for q in quotes)
    offices = {o["id"]: o for o in written(project)["offices"]}
    assert offices["state-councilor-of-testland"]["title"] == "State Councilor of Testland"
    assert offices["wd-q900012"]["title"] == "Wikidata Q900012" and result.records.unnamed_offices == [
        "Q900012"
    ]
    # Ann is the corpus's person: no new person, her birth a `birth` fact (the preferred value)
    assert result.records.matched == [("ann", "Q900001", "wikidata", "facts/record.yaml:8")]
    births = [f for f in written(project)["facts"] if f["kind"] == "birth"]
    assert [(b["person"], b["born"]) for b in births] == [("ann", "1962-04-16")]
    ref = written(project)["references"][0]
    assert ref["url"] == "https://www.wikidata.org/w/index.php?title=Q900001&oldid=1000"
    assert ref["accessed"] == "2024-01-01"  # the revision's date, when no --retrieved is given


def test_disagreements_with_the_hand_record_are_findings_with_both_sources(project: Project) -> None:
    import_wikidata(project.facts, project.db, ["Q900001"], DATA / "shapes.json")
    found = findings(project)
    # Wikidata's second term (from 2021-03, still held) is none of the record's
    assert len(found) == 1 and "Ann Smith" in found[0] and "2021-03" in found[0] and "2019-01-01" in found[0]
    # a recorded birth a day later is a disagreement too
    corpus(project, born="1962-04-17")
    assert any("born" in f and "1962-04-17" in f and "1962-04-16" in f for f in findings(project))


def test_a_new_subject_from_one_command_from_a_dump(project: Project, tmp_path: Path) -> None:
    """Bob Jones is no one the corpus holds: a new person, born to the month, and a term
    with no end that his death ends."""
    dump = tmp_path / "dump.json.gz"
    dump.write_bytes(gzip.compress((DATA / "dump.json").read_bytes()))
    result = import_wikidata(project.facts, project.db, ["Q900002"], dump)
    data = written(project)
    assert [(p["id"], p["born"], p["wikidata"]) for p in data["people"]] == [
        ("bob-jones", "1950-06", "Q900002")
    ]
    assert [(f["person"], f["office"], f["start"], f["end"]) for f in data["facts"]] == [
        ("bob-jones", "fm", "2005-01-01", "2005-01-01/2010-01-01")
    ]
    assert result.records.matched == [] and result.read == ["Q900002"]


def test_the_real_entity_keeps_its_terms(project: Project) -> None:
    """Henning Christophersen, as Wikidata had him (revision 2101106611)."""
    import_wikidata(project.facts, project.db, ["Q646148"], DATA)
    data = written(project)
    assert data["people"][0]["name"] == "Henning Christophersen" and data["people"][0]["born"] == "1939-11-08"
    terms = sorted((f["start"], f.get("end")) for f in data["facts"] if f["kind"] == "role")
    assert terms == [
        ("1977", "1984"),
        ("1978-08-30", "1979-10-26"),
        ("1982-09-10", "1984-07-23"),
        ("1985-01-06", "1995-01-22"),
        ("1989-01-06", "1995-01-22"),
    ]


def test_a_rerun_replaces_what_it_wrote_and_keeps_the_rest(project: Project) -> None:
    import_wikidata(project.facts, project.db, ["Q900001"], DATA / "shapes.json")
    import_wikidata(project.facts, project.db, ["Q900002"], DATA / "dump.json")
    first = written(project)
    import_wikidata(project.facts, project.db, ["Q900001"], DATA / "shapes.json")
    again = written(project)
    assert sorted(f["id"] for f in again["facts"]) == sorted(f["id"] for f in first["facts"])
    assert {p["id"] for p in again["people"]} == {"bob-jones"}
    # with no ids, the people the corpus and the file already name are read again
    result = import_wikidata(project.facts, project.db, [], DATA)
    assert set(result.read) == {"Q900001", "Q900002"}
    # the hand-written file is as it was
    assert yaml.safe_load((project.facts / "record.yaml").read_text())["facts"][0]["end"] == "2020-01-01"


def test_a_person_the_corpus_names_is_matched_by_name_and_said_so(project: Project) -> None:
    text = (project.facts / "record.yaml").read_text().replace("wikidata: Q900001", "aliases: [Ann]")
    (project.facts / "record.yaml").write_text(text)
    result = import_wikidata(project.facts, project.db, [], DATA / "shapes.json")
    assert [(p, q, how) for p, q, how, _ in result.records.matched] == [("ann", "Q900001", "name")]
    assert "people" not in written(project)


def test_a_failed_import_leaves_the_corpus_as_it_was(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_wikidata(project.facts, project.db, ["Q900002"], DATA / "dump.json")
    before = (project.facts / "background" / "wikidata.yaml").read_text()
    # records the corpus would not validate with (a term in an office no one defines)
    monkeypatch.setattr(Recorder, "_office", lambda self, position: "no-such-office")
    with pytest.raises(InvalidData) as raised:
        import_wikidata(project.facts, project.db, ["Q900001"], DATA / "shapes.json")
    assert "no-such-office" in str(raised.value.problems[0].render())
    assert (project.facts / "background" / "wikidata.yaml").read_text() == before
    monkeypatch.undo()
    # a corpus that does not validate before: nothing is written
    (project.facts / "bad.yaml").write_text("people:\n  - {id: Bad Id, name: X}\n")
    with pytest.raises(InvalidData):
        import_wikidata(project.facts, project.db, ["Q900001"], DATA / "shapes.json")
    assert (project.facts / "background" / "wikidata.yaml").read_text() == before


def test_the_live_reader_is_the_same_code_with_another_fetch(project: Project) -> None:
    served: list[str] = []

    def fetch(url: str) -> bytes:
        served.append(url)
        qid = url.rsplit("/", 1)[-1].removesuffix(".json")
        entities = json.loads((DATA / "shapes.json").read_text())["entities"]
        if qid not in entities:  # as the API answers for an item it does not have
            raise urllib.error.HTTPError(url, 404, "Not Found", Message(), None)
        return json.dumps({"entities": {qid: entities[qid]}}).encode()

    live = import_wikidata(project.facts, project.db, ["Q900001"], None, reader=LiveEntities(fetch))
    saved = written(project)
    import_wikidata(project.facts, project.db, ["Q900001"], DATA / "shapes.json")
    assert written(project) == saved and live.read == ["Q900001"]
    assert served[0] == "https://www.wikidata.org/wiki/Special:EntityData/Q900001.json"


def test_bad_input_says_what_and_where(project: Project, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a Wikidata item id: 'q42'"):
        import_wikidata(project.facts, project.db, ["q42"], DATA)
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": {"Q1": ')
    with pytest.raises(UsageError, match=r"bad.json:1:\d+: not JSON"):
        SavedEntities(bad)
    with pytest.raises(UsageError, match="no such file"):
        SavedEntities(tmp_path / "none")
    with pytest.raises(ValueError, match="not a Wikidata item"):
        parse_entity({"id": "P39"})


def test_the_command_prints_what_it_did(project: Project) -> None:
    out = CliRunner().invoke(
        app,
        [
            "import",
            "wikidata",
            "Q900001",
            "--from",
            str(DATA / "shapes.json"),
            "--retrieved",
            "2024-02-02",
            "--facts",
            str(project.facts),
            "--db",
            str(project.db),
        ],
    )
    assert out.exit_code == 0, out.output
    assert "4 term(s)" in out.output and "Q900001 is ann, by wikidata" in out.output
    assert "left out Q900001$" in out.output and "deprecated rank" in out.output
    assert written(project)["references"][0]["accessed"] == "2024-02-02"
    as_json = CliRunner().invoke(
        app,
        [
            "import",
            "wikidata",
            "--from",
            str(DATA / "shapes.json"),
            "--facts",
            str(project.facts),
            "--db",
            str(project.db),
            "--format",
            "json",
        ],
    )
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["terms"] == 4
    bad = CliRunner().invoke(
        app, ["import", "wikidata", "--retrieved", "soon", "--facts", str(project.facts)]
    )
    assert bad.exit_code == 2 and "--retrieved 'soon' is not a day" in bad.output


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)), st.sampled_from([8, 9, 10, 11])
)
@example(dt.date(1900, 1, 1), 8)  # the first decade a fact file holds
@example(dt.date(2024, 2, 29), 11)
@example(dt.date(1999, 12, 31), 8)
def test_a_time_is_the_days_its_precision_allows(day: dt.date, precision: int) -> None:
    """Wikidata writes the unknown parts of a time as zeros ("+1977-00-00"); whatever the
    precision, the date written holds the day, and is a day, month, year or decade. Before
    1900 a time is not read (a fact file holds no earlier date)."""
    if day.year < 1900:
        return
    parts = {11: (day.month, day.day), 10: (day.month, 0), 9: (0, 0), 8: (0, 0)}[precision]
    t = WikiTime(f"+{day.year:04d}-{parts[0]:02d}-{parts[1]:02d}T00:00:00Z", precision)
    text = t.as_date()
    assert text is not None
    span = check_absolute(text)
    assert span.start <= day <= span.end
    widths = {11: 0, 10: 27, 9: 364, 8: 3651}
    assert (span.end - span.start).days >= widths[precision]
