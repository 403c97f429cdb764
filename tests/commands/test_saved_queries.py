"""Saved queries (`queries/saved/*.sql`, `factdb query --saved NAME` and `--list`):
every shipped file holds to the header format and its example runs; each query
returns, on the seed corpus, the rows an independent reading gives (the YAML of
the background record, or plain SQL on the tables); the library and the CLI
refuse each misuse with exit 2 and a message that says what to do instead."""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from factdb.loader import query as query_mod
from factdb.loader.cli import app, join_params
from factdb.loader.common import UsageError
from factdb.loader.query import parse_saved, run_saved, saved_queries, saved_query
from typer.testing import CliRunner, Result

from tests.conftest import ROOT

SHIPPED = {"holder-on", "occurrence", "findings-by-article", "timeline", "figures"}
TERMS_YAML = ROOT / "facts" / "background" / "terms-of-office.yaml"


def _cli(*args: str) -> Result:
    """`factdb ARGS` in this process, `-p NAME VALUE` joined as main() joins it."""
    env = {"NO_COLOR": "1", "COLUMNS": "200", "FACTDB_PROJECT": str(ROOT)}
    return CliRunner(env=env).invoke(app, join_params(list(args)))


def _saved(db: Path, name: str, **params: str) -> list[dict[str, Any]]:
    """The rows of a saved query as `--format json` prints them."""
    args = ["query", "--saved", name, "--db", str(db), "-f", "json"]
    for key, value in params.items():
        args += ["-p", key, value]
    out = _cli(*args)
    assert out.exit_code == 0, out.stderr
    rows: list[dict[str, Any]] = json.loads(out.stdout)
    return rows


def _sql(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _line_of(at: str) -> str:
    """The text of the line a `file:line` column points at."""
    file, line = at.rsplit(":", 1)
    return (ROOT / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]


# --- the shipped files ------------------------------------------------------


def test_every_shipped_file_holds_to_the_format() -> None:
    found = saved_queries()  # raises, naming the file, if any header or $name is wrong
    assert {q.id for q in found} == SHIPPED
    for q in found:
        assert q.path.name == f"{q.id}.sql"
        assert q.description and q.sql
        assert q.example is not None, f"{q.path}: give an example"
        words = shlex.split(q.example)
        assert words[:4] == ["factdb", "query", "--saved", q.id], q.example
        given = [words[i + 1] for i, w in enumerate(words) if w in ("-p", "--param")]
        assert given == list(q.params), f"{q.path}: the example binds {given}, params are {q.params}"
    assert {q.id: q.params for q in found}["holder-on"] == ("office", "date")
    assert {q.id: q.params for q in found}["findings-by-article"] == ()


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_example_runs_and_finds_rows(corpus_db: Path, name: str) -> None:
    example = saved_query(name).example
    assert example is not None
    out = _cli(*shlex.split(example)[1:], "--db", str(corpus_db), "-f", "json")
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout), f"{example} found nothing on the seed corpus"


def test_the_folder_is_found_as_package_data() -> None:
    folder = query_mod.saved_folder()
    assert folder.is_dir()
    assert {p.stem for p in folder.glob("*.sql")} == SHIPPED


# --- holder-on ----------------------------------------------------------------


def _holders_in_yaml(office: str, day: dt.date) -> dict[str, set[str]]:
    """Terms of office as the background record writes them: fact id -> its sources,
    for each term that holds `day` (the end day is the next holder's)."""
    facts = yaml.safe_load(TERMS_YAML.read_text(encoding="utf-8"))["facts"]
    held = {}
    for f in facts:
        if f["kind"] != "role" or f["office"] != office:
            continue
        start = dt.date.fromisoformat(f["start"])
        end = dt.date.fromisoformat(f["end"]) if "end" in f else dt.date.max
        if start <= day < end:
            held[f["id"]] = {e["source"] for e in f["evidence"]}
    return held


@pytest.mark.parametrize(
    ("day", "holder"),
    [
        ("2009-02-21", "yang-jiechi"),
        ("2013-03-16", "wang-yi"),  # handover day: Yang Jiechi's term ends, Wang Yi's begins
        ("2022-12-30", "qin-gang"),
        ("2023-06-19", "qin-gang"),
        ("2023-07-25", "wang-yi"),
        ("2024-04-26", "wang-yi"),
    ],
)
def test_holder_on_gives_the_term_the_background_record_gives(corpus_db: Path, day: str, holder: str) -> None:
    rows = _saved(corpus_db, "holder-on", office="china-foreign-minister", date=day)
    terms = [r for r in rows if r["basis"] == "term"]
    expected = _holders_in_yaml("china-foreign-minister", dt.date.fromisoformat(day))
    assert {r["fact"]: set(r["sources"]) for r in terms} == expected
    assert [r["person"] for r in terms] == [holder]
    for r in terms:
        assert r["date_from"] <= day and (r["date_to"] is None or day < r["date_to"])
        assert r["article"] is None  # the background record
        assert r["at"].startswith("facts/background/terms-of-office.yaml:")
        assert _line_of(r["at"]).strip() == f"- id: {r['fact']}"


def test_holder_on_also_gives_the_titles_articles_use_that_day(corpus_db: Path) -> None:
    rows = _saved(corpus_db, "holder-on", office="china-foreign-minister", date="2023-06-19")
    titles = {(r["fact"], r["person"], r["article"]) for r in rows if r["basis"] == "title"}
    # The blog calls Wang Yi foreign minister on a day Qin Gang held the post (a finding).
    assert titles == {
        ("a003-role-qin-gang", "qin-gang", "bbc-2023-blinken-xi"),
        ("a002-role-wang-yi", "wang-yi", "blog-2023-blinken-xi"),
    }
    independent = _sql(
        corpus_db,
        "SELECT id FROM roles WHERE office = 'china-foreign-minister' AND at_from <= DATE '2023-06-19' "
        "AND DATE '2023-06-19' <= at_to",
    )
    assert {r["fact"] for r in rows if r["basis"] == "title"} == {i for (i,) in independent}
    for r in rows:
        assert r["sources"], r
        assert _line_of(r["at"]).strip() == f"- id: {r['fact']}"
    assert [r["basis"] for r in rows] == sorted(r["basis"] for r in rows)


def test_holder_on_a_day_no_term_covers_is_empty(corpus_db: Path) -> None:
    assert _saved(corpus_db, "holder-on", office="china-foreign-minister", date="1990-01-01") == []


# --- occurrence -------------------------------------------------------------

_NAMING = """
    SELECT id, 'of' AS via FROM fact_index WHERE "of" = $o
    UNION ALL SELECT id, 'part_of' FROM visits WHERE part_of = $o
    UNION ALL SELECT id, 'part_of' FROM meetings WHERE part_of = $o
    UNION ALL SELECT id, 'setting' FROM statements WHERE setting = $o
"""


@pytest.mark.parametrize("occurrence", ["blinken-xi-meeting-2023", "blinken-2023-china-visit"])
def test_occurrence_gives_every_quote_of_every_fact_that_names_it(corpus_db: Path, occurrence: str) -> None:
    rows = _saved(corpus_db, "occurrence", occurrence=occurrence)
    con = duckdb.connect(str(corpus_db), read_only=True)
    try:
        naming = con.execute(_NAMING, {"o": occurrence}).fetchall()
        quotes = con.execute(
            f"SELECT e.owner, e.quote FROM evidence e WHERE e.owner IN (SELECT id FROM ({_NAMING}))",
            {"o": occurrence},
        ).fetchall()
        texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
        published = dict(con.execute("SELECT id, published FROM articles").fetchall())
    finally:
        con.close()
    assert Counter((r["fact"], r["quote"]) for r in rows) == Counter(quotes)
    vias: dict[str, set[str]] = {}
    for fact, via in naming:
        vias.setdefault(fact, set()).add(via)
    assert {r["fact"]: set(r["via"].split(", ")) for r in rows} == vias
    for r in rows:
        assert _line_of(r["at"]).strip() == f"- id: {r['fact']}"
        if r["article"] is not None:
            assert r["quote"] in texts[r["article"]]  # the quote is the article's words
            assert r["reference"] is None and r["outlet"]
        else:
            assert r["reference"]
    # By article in order of publication, the references after them; facts by id within one.
    keys = [
        (r["article"] is None, published.get(r["article"]), r["article"] or r["reference"], r["fact"])
        for r in rows
    ]
    assert keys == sorted(keys)


def test_occurrence_holds_the_accounts_that_disagree(corpus_db: Path) -> None:
    rows = _saved(corpus_db, "occurrence", occurrence="blinken-xi-meeting-2023")
    by_fact = {r["fact"]: r for r in rows}
    assert by_fact["a002-xi-meeting-duration"]["article"] == "blog-2023-blinken-xi"
    assert by_fact["a003-xi-meeting-length-venue"]["article"] == "bbc-2023-blinken-xi"
    assert "35-minute meeting" in by_fact["a003-xi-meeting-length-venue"]["quote"]
    assert (by_fact["a003-xi-progress"]["kind"], by_fact["a003-xi-progress"]["via"]) == (
        "statement",
        "setting",
    )
    vias = {r["via"] for r in _saved(corpus_db, "occurrence", occurrence="blinken-2023-china-visit")}
    assert {"of", "part_of", "setting"} <= vias


# --- findings-by-article ----------------------------------------------------


def test_findings_by_article_lists_each_finding_under_each_of_its_articles(corpus_db: Path) -> None:
    rows = _saved(corpus_db, "findings-by-article")
    findings = _sql(
        corpus_db, "SELECT key, check_id, severity, coalesce(verdict, 'unreviewed') FROM findings"
    )
    articles_of = {
        key: set(arts)
        for key, arts in _sql(
            corpus_db,
            "SELECT ff.key, list(fi.article) FILTER (WHERE fi.article IS NOT NULL) "
            "FROM finding_facts ff JOIN fact_index fi ON fi.id = ff.fact_id GROUP BY ff.key",
        )
        if arts is not None
    }
    assert len(findings) >= 10
    expected = Counter(
        (key, article) for key, *_ in findings for article in (sorted(articles_of.get(key, set())) or [None])
    )
    assert Counter((r["key"], r["article"]) for r in rows) == expected
    described = {key: (check, severity, verdict) for key, check, severity, verdict in findings}
    for r in rows:
        assert (r["check"], r["severity"], r["verdict"]) == described[r["key"]]
        assert set(r["articles"]) == articles_of.get(r["key"], set())
        assert r["article"] is None or r["article"] in r["articles"]
        assert r["facts"] and r["message"]
    # The two accounts of Wang Yi's and Qin Gang's titles: one finding, under both articles.
    overlap = "single-holder-overlap:claims:china-foreign-minister:a002-role-wang-yi:a003-role-qin-gang"
    assert sorted(r["article"] for r in rows if r["key"] == overlap) == [
        "bbc-2023-blinken-xi",
        "blog-2023-blinken-xi",
    ]
    # Grouped by article, in order of publication; a finding of the background record alone last.
    published = dict(_sql(corpus_db, "SELECT id, published FROM articles"))
    order = [r["article"] for r in rows]
    groups = [a for i, a in enumerate(order) if i == 0 or order[i - 1] != a]
    assert len(groups) == len(set(groups)), f"an article's findings come in two places: {groups}"
    assert groups == sorted(groups, key=lambda a: (a is None, published.get(a), a or ""))


def test_a_finding_of_the_background_record_alone_still_comes(tmp_path: Path) -> None:
    """No seed finding rests on background facts alone, or on no fact: a database
    made by hand has one of each, and an article's, which come in that order."""
    db = tmp_path / "hand.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        """
        CREATE TABLE articles AS SELECT * FROM (VALUES ('art', 'Wire', DATE '2023-06-19'))
            t(id, outlet, published);
        CREATE TABLE fact_index AS SELECT * FROM (VALUES ('a1', 'art'), ('b1', NULL), ('b2', NULL))
            t(id, article);
        CREATE TABLE findings AS SELECT * FROM (VALUES
            ('c', 'error', 'k-art', 'm1', NULL), ('c', 'warning', 'k-bg', 'm2', 'false positive'),
            ('c', 'info', 'k-none', 'm3', NULL)) t(check_id, severity, key, message, verdict);
        CREATE TABLE finding_facts AS SELECT * FROM (VALUES ('k-art', 0, 'a1'), ('k-art', 1, 'b1'),
            ('k-bg', 0, 'b1'), ('k-bg', 1, 'b2')) t(key, seq, fact_id);
        """
    )
    con.close()
    result = run_saved(db, "findings-by-article", {})
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    got = [(r["article"], r["key"], r["verdict"], r["articles"], r["facts"]) for r in rows]
    assert got == [
        ("art", "k-art", "unreviewed", ["art"], ["a1", "b1"]),
        (None, "k-bg", "false positive", [], ["b1", "b2"]),
        (None, "k-none", "unreviewed", [], []),
    ]


# --- timeline -----------------------------------------------------------------

_OF_PERSON = """
    SELECT id FROM roles WHERE person = $p
    UNION SELECT id FROM visits WHERE list_contains(travellers, $p)
    UNION SELECT id FROM meetings WHERE list_contains(participants, $p)
    UNION SELECT id FROM statements WHERE speaker = $p
    UNION SELECT id FROM events WHERE list_contains(participants, $p)
"""


def test_timeline_holds_every_fact_of_the_person_in_date_order(corpus_db: Path) -> None:
    rows = _saved(corpus_db, "timeline", person="antony-blinken")
    con = duckdb.connect(str(corpus_db), read_only=True)
    try:
        expected = {i for (i,) in con.execute(_OF_PERSON, {"p": "antony-blinken"}).fetchall()}
        statements = con.execute(
            "SELECT count(*) FROM statements WHERE speaker = 'antony-blinken'"
        ).fetchone()
    finally:
        con.close()
    assert {r["fact"] for r in rows} == expected
    assert statements is not None and sum(r["entry"] == "statement" for r in rows) == statements[0]
    dated = [r["date_from"] for r in rows if r["date_from"] is not None]
    assert dated == sorted(dated)
    first_undated = next(i for i, r in enumerate(rows) if r["date_from"] is None)
    assert all(r["date_from"] is None for r in rows[first_undated:])
    for r in rows:
        assert r["date_to"] is None or r["date_from"] <= r["date_to"]
        assert (r["precision"] is None) == (r["date_from"] is None)


def test_timeline_terms_are_the_background_records(corpus_db: Path) -> None:
    rows = _saved(corpus_db, "timeline", person="antony-blinken")
    facts = yaml.safe_load(TERMS_YAML.read_text(encoding="utf-8"))["facts"]
    expected = {(f["id"], f["start"], f.get("end")) for f in facts if f["person"] == "antony-blinken"}
    assert {(r["fact"], r["date_from"], r["date_to"]) for r in rows if r["entry"] == "term"} == expected
    assert len(expected) == 2


def test_timeline_has_the_visits_meetings_and_titles_of_june_2023(corpus_db: Path) -> None:
    rows = _saved(corpus_db, "timeline", person="antony-blinken")
    on = {(r["date_from"], r["entry"], r["fact"]) for r in rows}
    assert ("2023-06-18", "arrive", "bg-visit-blinken-2023-beijing") in on
    assert ("2023-06-19", "depart", "bg-visit-blinken-2023-beijing") in on
    assert ("2023-06-19", "meeting", "a003-xi-meeting") in on
    assert ("2023-06-19", "title", "a003-role-blinken") in on
    assert ("2023-06-18", "event", "a002-airport-greeting") in on
    # A trip's legs: London, after Beijing, from the background record.
    legs = [r for r in rows if r["fact"] == "bg-visit-blinken-2023-june-trip"]
    assert [(r["entry"], r["detail"], r["date_from"]) for r in legs] == [
        ("arrive", "beijing (leg 1)", "2023-06-18"),
        ("depart", "beijing (leg 1)", "2023-06-19"),
        ("arrive", "london (leg 2)", "2023-06-20"),
        ("depart", "london (leg 2)", "2023-06-21"),
    ]
    xi = next(r for r in rows if r["fact"] == "a003-xi-meeting")
    assert xi["detail"] == "with xi-jinping" and xi["of"] == "blinken-xi-meeting-2023"
    assert xi["article"] == "bbc-2023-blinken-xi"


# --- figures ------------------------------------------------------------------


def test_figures_gives_each_figure_of_the_measure_with_its_interval(corpus_db: Path) -> None:
    rows = _saved(corpus_db, "figures", measure="china.fx-reserves")
    ids = {i for (i,) in _sql(corpus_db, "SELECT id FROM figures WHERE measure = 'china.fx-reserves'")}
    assert {r["fact"] for r in rows} == ids and len(rows) == len(ids) >= 3
    dates = [r["as_of_from"] for r in rows]
    assert dates == sorted(dates) and {"2008-12-31", "2009-02-21", "2009-03-31"} <= set(dates)
    nearly = next(r for r in rows if r["fact"] == "a000-china-fx-reserves")
    # "nearly $2 trillion": below two trillion, not at it.
    assert nearly["text"] == "nearly $2 trillion" and nearly["hedge"] == "nearly"
    assert (nearly["low"], nearly["high"]) == (1.8e12, 2e12)
    assert (nearly["low_closed"], nearly["high_closed"]) == (True, False)
    assert nearly["base_unit"] == "USD" and nearly["interval"].endswith(") USD")
    assert nearly["sources"] == ["voa-2009-clinton-beijing"] and nearly["as_of_precision"] == "day"
    exact = next(r for r in rows if r["fact"] == "bg-figure-china-fx-reserves-2008")
    # $1.946 trillion, exact at the precision it is written with: half a billion either way
    assert (
        (exact["low"], exact["high"]) == (1.9455e12, 1.9465e12)
        and exact["low_closed"]
        and exact["high_closed"]
    )
    assert exact["sources"] == ["ref-sdut-china-reserves-2009", "ref-tribuna-china-reserves-2008"]


def test_figures_of_an_undated_measure_still_come(corpus_db: Path) -> None:
    rows = _saved(corpus_db, "figures", measure="visit.length")
    ids = {i for (i,) in _sql(corpus_db, "SELECT id FROM figures WHERE measure = 'visit.length'")}
    assert {r["fact"] for r in rows} == ids >= {"a003-visit-length", "bg-figure-blinken-2023-visit-length"}
    assert all(r["as_of_from"] is None for r in rows)
    two_days = [r for r in rows if r["fact"] in ("a003-visit-length", "bg-figure-blinken-2023-visit-length")]
    # two days, in minutes, at day precision: half a day either way
    assert all((r["low"], r["high"]) == (2160.0, 3600.0) for r in two_days)
    assert {r["base_unit"] for r in rows} == {"minute"}


# --- the command line -------------------------------------------------------


def test_list_gives_id_params_and_description_in_every_format() -> None:
    out = _cli("query", "--list", "-f", "json")
    assert out.exit_code == 0, out.stderr
    listed = json.loads(out.stdout)
    assert [r["id"] for r in listed] == sorted(SHIPPED)
    assert {r["id"]: r["params"] for r in listed} == {q.id: list(q.params) for q in saved_queries()}
    assert all(r["description"] for r in listed)
    csv_out = _cli("query", "--list", "-f", "csv")
    assert csv_out.exit_code == 0 and csv_out.stdout.splitlines()[0] == "id,params,description"
    assert any(line.startswith('holder-on,"office, date",') for line in csv_out.stdout.splitlines())
    table = _cli("query", "--list")
    assert table.exit_code == 0 and "holder-on" in table.stdout and "5 row(s)" in table.stdout


def test_saved_runs_as_json_from_the_real_entry_point(corpus_db: Path) -> None:
    """`-p NAME VALUE` as a shell passes it, through main()."""
    env = {**os.environ, "NO_COLOR": "1", "FACTDB_PROJECT": str(ROOT)}
    argv = ["query", "--saved", "holder-on", "-p", "office", "us-secretary-of-state"]
    argv += ["-p", "date", "2014-07-10", "--db", str(corpus_db), "--format", "json"]
    out = subprocess.run(
        [sys.executable, "-m", "factdb.loader", *argv], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {r["person"] for r in rows} == {"john-kerry"}
    assert {r["basis"] for r in rows} == {"term", "title"}


@pytest.mark.parametrize(
    ("args", "messages"),
    [
        pytest.param(
            ["--saved", "holder-of"],
            ["no saved query named 'holder-of'", "did you mean 'holder-on'?", ", ".join(sorted(SHIPPED))],
            id="unknown-name",
        ),
        pytest.param(
            ["--saved", "zzz"], ["no saved query named 'zzz' (saved queries: figures,"], id="no-match"
        ),
        pytest.param(
            ["--saved", "holder-on", "-p", "office", "china-foreign-minister"],
            [
                "saved query 'holder-on' needs -p date VALUE",
                "its parameters: office, date",
                "example: factdb query --saved holder-on -p office",
            ],
            id="missing-param",
        ),
        pytest.param(
            ["--saved", "timeline", "-p", "person", "wang-yi", "-p", "who", "x"],
            ["saved query 'timeline' has no parameter who; its parameters: person"],
            id="unknown-param",
        ),
        pytest.param(
            ["--saved", "findings-by-article", "-p", "article", "x"],
            ["saved query 'findings-by-article' has no parameter article; it takes no parameters"],
            id="param-to-none",
        ),
        pytest.param(
            ["--saved", "holder-on", "-p", "office", "china-foreign-minister", "-p", "date", "2023-13-01"],
            ["saved query 'holder-on'", "holder-on.sql", "Conversion Error"],
            id="bad-value",
        ),
        pytest.param(["select 1", "--saved", "timeline"], ["give SQL or --saved NAME, not both"], id="both"),
        pytest.param([], ["give SQL to run, --saved NAME, or --list"], id="neither"),
        pytest.param(
            ["--list", "--saved", "timeline"], ["--list takes no SQL, --saved or -p"], id="list-saved"
        ),
        pytest.param(["select 1", "--list"], ["--list takes no SQL, --saved or -p"], id="list-sql"),
        pytest.param(
            ["--saved", "timeline", "-p", "person"],
            ["-p person: give a parameter as -p NAME VALUE or -p NAME=VALUE"],
            id="p-without-value",
        ),
        pytest.param(
            ["--saved", "timeline", "-p", "person=a", "-p", "person=b"],
            ["-p person given twice"],
            id="p-twice",
        ),
    ],
)
def test_each_misuse_is_a_usage_error(corpus_db: Path, args: list[str], messages: list[str]) -> None:
    out = _cli("query", "--db", str(corpus_db), "-f", "json", *args)
    assert out.exit_code == 2, (out.stdout, out.stderr)
    assert out.stdout == ""
    assert out.stderr.startswith("error: ")
    for m in messages:
        assert m in out.stderr


def test_ad_hoc_queries_bind_parameters_as_before(corpus_db: Path) -> None:
    out = _cli(
        "query", "select name from people where id = $who", "--db", str(corpus_db), "-p", "who", "wang-yi"
    )
    assert out.exit_code == 0, out.stderr
    assert "Wang Yi" in out.stdout


# --- files in error, and read-only ------------------------------------------

GOOD = "-- id: {id}\n-- description: One person.\n--   By id.\n-- params: who\nSELECT name FROM people WHERE id = $who\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("-- description: x\n-- params:\nSELECT 1", "header lacks id", id="no-id"),
        pytest.param("-- id: q\n-- params:\nSELECT 1", "header lacks description", id="no-description"),
        pytest.param(
            "-- id: q\n-- description:\n-- params:\nSELECT 1", "header lacks description", id="empty"
        ),
        pytest.param("-- id: q\n-- description: x\nSELECT 1", "header lacks params", id="no-params"),
        pytest.param(
            "-- id: other\n-- description: x\n-- params:\nSELECT 1",
            "id 'other' differs from the file name 'q'",
            id="id-not-stem",
        ),
        pytest.param(
            "-- id: q\n-- description: x\n-- params: a\nSELECT $a, $b",
            "the SQL uses $b, which params does not declare",
            id="undeclared",
        ),
        pytest.param(
            "-- id: q\n-- description: x\n-- params: a, b\nSELECT $a -- $b is in a comment only",
            "params declares b, but the SQL never uses $b",
            id="unused",
        ),
        pytest.param(
            "-- id: q\n-- description: x\n-- params: a\nSELECT '$a'",
            "params declares a, but the SQL never uses $a",
            id="in-a-string",
        ),
        pytest.param(
            "-- id: q\n-- description: x\n-- parmas: a\n-- params: a\nSELECT $a",
            "unknown header key 'parmas'",
            id="unknown-key",
        ),
        pytest.param(
            "-- id: q\n-- id: q\n-- description: x\n-- params:\nSELECT 1",
            "header gives 'id' twice",
            id="twice",
        ),
        pytest.param(
            "-- id: q\n-- description: x\n-- params: a, a\nSELECT $a", "lists a twice", id="dup-param"
        ),
        pytest.param(
            "-- id: q\n-- description: x\n-- params: 1a\nSELECT 1", "'1a' is not a name", id="bad-name"
        ),
        pytest.param("--   stray\n-- id: q\n-- description: x\n-- params:\nSELECT 1", "q.sql:1:", id="stray"),
        pytest.param("-- id: q\n-- description: x\n-- params:\n", "no SQL after the header", id="no-sql"),
    ],
)
def test_a_file_in_error_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "q.sql"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        parse_saved(text, path)
    assert str(path) in str(err.value)
    assert message in str(err.value)
    with pytest.raises(UsageError, match=r"q\.sql"):
        saved_queries(tmp_path)


def test_a_good_file_parses_to_its_parts(tmp_path: Path) -> None:
    path = tmp_path / "who.sql"
    q = parse_saved(GOOD.format(id="who") + ";\n", path)
    assert (q.id, q.description, q.params, q.example) == ("who", "One person. By id.", ("who",), None)
    assert q.sql == "SELECT name FROM people WHERE id = $who"
    none = parse_saved("-- id: n\n-- description: d\n-- params:\nSELECT '$x' -- $y\n", tmp_path / "n.sql")
    assert none.params == ()


def test_every_file_in_error_is_reported_and_others_still_run(tmp_path: Path, corpus_db: Path) -> None:
    (tmp_path / "who.sql").write_text(GOOD.format(id="who"), encoding="utf-8")
    (tmp_path / "bad-a.sql").write_text("-- id: x\n-- description: d\n-- params:\nSELECT 1", encoding="utf-8")
    (tmp_path / "bad-b.sql").write_text("-- id: bad-b\n-- params:\nSELECT 1", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        saved_queries(tmp_path)
    assert "bad-a.sql" in str(err.value) and "bad-b.sql" in str(err.value)
    result = run_saved(corpus_db, "who", {"who": "qin-gang"}, tmp_path)
    assert result.columns == ["name"] and result.rows == [("Qin Gang",)]


def test_list_names_a_broken_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "q.sql").write_text("-- id: q\n-- description: d\n-- params: a\nSELECT 1", encoding="utf-8")
    monkeypatch.setattr(query_mod, "saved_folder", lambda: tmp_path)
    out = _cli("query", "--list")
    assert out.exit_code == 2 and out.stdout == ""
    assert f"{tmp_path / 'q.sql'}: params declares a, but the SQL never uses $a" in out.stderr


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE stolen AS SELECT $who AS who",
        "COPY (SELECT $who) TO '{out}'",
        "DELETE FROM people WHERE id = $who",
    ],
)
def test_a_saved_query_runs_read_only(tmp_path: Path, corpus_db: Path, sql: str) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    out = tmp_path / "out.csv"
    header = "-- id: w\n-- description: tries to write\n-- params: who\n"
    (saved / "w.sql").write_text(header + sql.format(out=out), encoding="utf-8")
    before = _sql(corpus_db, "SELECT count(*) FROM people")
    with pytest.raises(UsageError, match="saved query 'w'"):
        run_saved(corpus_db, "w", {"who": "wang-yi"}, saved)
    assert not out.exists()
    assert _sql(corpus_db, "SELECT count(*) FROM people") == before
    assert _sql(corpus_db, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'stolen'") == [
        (0,)
    ]


@pytest.mark.parametrize(
    ("argv", "joined"),
    [
        (["query", "x", "-p", "a", "b"], ["query", "x", "-p", "a=b"]),
        (["query", "x", "-p", "n", "-5"], ["query", "x", "-p", "n=-5"]),
        (["query", "x", "-p", "a=b", "--db", "d"], ["query", "x", "-p", "a=b", "--db", "d"]),
        # A long option after the name is never taken for its value.
        (["query", "x", "-p", "a", "--db", "d"], ["query", "x", "-p", "a", "--db", "d"]),
    ],
)
def test_param_pairs_join_but_never_swallow_an_option(argv: list[str], joined: list[str]) -> None:
    assert join_params(argv) == joined
