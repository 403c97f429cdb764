"""The check runner: a check that examined nothing says so, lists come out in
one order, stored findings are read back only while the check files are
unchanged, every finding has its own key, and what a check reads is known from
its plan. The cases of each check are in cases/."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.checks import load_checks, run_checks, select_checks

from ..conftest import Project
from .cases.corpus import corpus_with, event


def test_a_check_that_examined_nothing_says_so(
    project: Project, memdb: Callable[[Path], duckdb.DuckDBPyConnection]
) -> None:
    con = corpus_with(project, memdb, [event("a", "Monday")])
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

    con = corpus_with(project, memdb, [event("a", "Monday")])
    check = replace(load_checks()[0], id="bad-keys", findings_sql=findings_sql)
    with pytest.raises(UsageError, match=r"check bad-keys .* not unique"):
        run_checks(con, [check])


def test_what_a_check_reads_does_not_depend_on_what_the_tables_hold(
    project: Project, memdb: Callable[[Path], duckdb.DuckDBPyConnection]
) -> None:
    """A warm build keeps the findings of a check that reads no changed table:
    a table left out because it is empty now would be missed once it is not."""
    from factdb.loader.checks.reads import columns_read

    con = corpus_with(project, memdb, [event("a", "Monday")])  # no meetings, visits or legs
    assert {"meetings", "events", "visits", "visit_legs"} <= set(columns_read(con, "SELECT * FROM presence"))


def test_what_a_check_reads_is_the_columns_it_needs_filters_included(
    project: Project, memdb: Callable[[Path], duckdb.DuckDBPyConnection]
) -> None:
    """A column only a filter reads still counts: a pushed-down filter would
    hide it from the scan's columns, so the plan keeps filters above scans."""
    from factdb.loader.checks.reads import columns_read

    con = corpus_with(project, memdb, [event("a", "Monday")])
    assert columns_read(con, "SELECT count(*) FROM meetings") == {"meetings": set()}
    assert columns_read(con, "SELECT id FROM meetings WHERE duration_low > 60 AND of = 'x'") == {
        "meetings": {"id", "duration_low", "of"}
    }
    through_view = columns_read(con, "SELECT person FROM presence")
    assert {"meetings", "events", "visits", "visit_legs"} <= set(through_view)
    assert "duration_low" not in through_view["meetings"]
    assert con.execute("SELECT current_setting('disabled_optimizers')").fetchone() == ("",)
