"""The report DuckDB lays out for a pipe is, byte for byte, the one the
finding objects give: on the seed corpus, and on a copy whose findings,
quotes and reviews were made to differ in every way the layout branches on."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import pytest
from factdb.loader.checks import check_database
from factdb.loader.output.check_text import PlainReport, findings_plain, plain_report, print_report
from rich.console import Console

from .test_render_checks import ATTACK, ESCAPED, RAW
from .test_render_checks import ODD as ANY_ODD

ODD = ANY_ODD.replace("\ud800", "")  # DuckDB stores UTF-8 only: a lone surrogate never reaches it


def same_report(db: Path, select: list[str] | None = None) -> PlainReport:
    """The plain report of `db`, asserted equal to the one made from objects."""
    report = check_database(db, select)
    plain = plain_report(db, select)
    assert plain.text == findings_plain(report)
    assert plain.findings == len(report.findings)
    assert plain.reviewed == sum(1 for f in report.findings if f.verdict)
    for strict in (False, True):
        assert plain.failing_count(strict) == report.failing_count(strict)
    assert plain.checks == report.checks
    assert plain.stale_reviews == report.stale_reviews
    return plain


def odd_copy(corpus_db: Path, tmp_path: Path) -> Path:
    """The seed corpus's database with odd text in every column the layout
    prints, a finding with no facts, one with no message, one unreviewed,
    and a review whose finding is gone."""
    db = tmp_path / "odd.duckdb"
    shutil.copy(corpus_db, db)
    con = duckdb.connect(str(db))
    try:
        keys = [k for (k,) in con.execute("SELECT key FROM findings ORDER BY key").fetchall()]
        assert len(keys) >= 4
        odd, bare, silent, unreviewed = keys[:4]
        con.execute("UPDATE findings SET message = $m WHERE key = $k", {"m": f"message {ODD}", "k": odd})
        con.execute("UPDATE reviews SET note = $n WHERE finding = $k", {"n": ODD, "k": odd})
        con.execute(
            """UPDATE evidence SET quote = $q
               WHERE owner = (SELECT fact_id FROM finding_facts WHERE key = $k AND seq = 0)""",
            {"q": ODD, "k": odd},
        )
        con.execute("DELETE FROM finding_facts WHERE key = $k", {"k": bare})
        con.execute("UPDATE findings SET message = NULL WHERE key = $k", {"k": silent})
        con.execute("DELETE FROM reviews WHERE finding = $k", {"k": unreviewed})
        con.execute(
            """INSERT INTO reviews SELECT 'duration-conflict:gone', 'false positive', 'n', NULL, file, line, col
               FROM reviews LIMIT 1"""
        )
    finally:
        con.close()
    return db


def test_the_seed_corpus_reads_the_same(corpus_db: Path) -> None:
    plain = same_report(corpus_db)
    assert plain.findings and plain.reviewed == plain.findings


def test_odd_text_and_missing_parts_read_the_same(corpus_db: Path, tmp_path: Path) -> None:
    plain = same_report(odd_copy(corpus_db, tmp_path))
    assert "\x07" not in plain.text and "中文" in plain.text
    assert "  None\n" in plain.text
    assert plain.failing_count() == 1
    assert [s.finding for s in plain.stale_reviews] == ["duration-conflict:gone"]


@pytest.mark.parametrize("select", [["duration-conflict"], ["weekday-mismatch", "office"]], ids=str)
def test_a_selection_reads_the_same(corpus_db: Path, tmp_path: Path, select: list[str]) -> None:
    same_report(odd_copy(corpus_db, tmp_path), select)


def test_checks_edited_since_the_build_run_again_and_read_the_same(corpus_db: Path, tmp_path: Path) -> None:
    """Stored findings of a check file that changed are not used: both forms
    run the SQL into temp tables, which shadow the odd stored ones."""
    db = odd_copy(corpus_db, tmp_path)
    con = duckdb.connect(str(db))
    con.execute("UPDATE checks SET source_sha256 = 'edited'")
    con.close()
    plain = same_report(db)
    assert "  None\n" not in plain.text and "  message bell" not in plain.text


def test_control_characters_in_a_finding_are_printed_escaped(corpus_db: Path, tmp_path: Path) -> None:
    """The layout DuckDB writes: a finding's message, note, quote and file and
    a stale review's key hold every planted character; what `check` prints
    holds each one's escape and none raw, as the Python layouts do."""
    db = tmp_path / "attack.duckdb"
    shutil.copy(corpus_db, db)
    con = duckdb.connect(str(db))
    try:
        (key,) = con.execute("SELECT min(key) FROM findings").fetchone()  # type: ignore[misc]
        con.execute("UPDATE findings SET message = $m WHERE key = $k", {"m": ATTACK, "k": key})
        con.execute("UPDATE reviews SET note = $n WHERE finding = $k", {"n": ATTACK, "k": key})
        first = "(SELECT fact_id FROM finding_facts WHERE key = $k AND seq = 0)"
        con.execute(f"UPDATE evidence SET quote = $q WHERE owner = {first}", {"q": ATTACK, "k": key})
        con.execute(
            f"UPDATE fact_index SET file = $f WHERE id = {first}", {"f": f"facts/{ATTACK}.yaml", "k": key}
        )
        con.execute(
            """INSERT INTO reviews SELECT $f, 'false positive', 'n', NULL, file, line, col
               FROM reviews LIMIT 1""",
            {"f": f"duration-conflict:{ATTACK}"},
        )
    finally:
        con.close()
    plain = same_report(db)
    out = io.StringIO()
    print_report(plain, Console(file=out, width=5000, color_system=None))
    text = out.getvalue()
    assert not RAW.search(text), repr(RAW.findall(text))
    assert f"  {ESCAPED}\n" in text and f"  note: {ESCAPED}\n" in text and f"“{ESCAPED}”" in text
    assert f"facts/{ESCAPED}.yaml:" in text
    assert f"stale review: finding duration-conflict:{ESCAPED} no longer occurs" in text
