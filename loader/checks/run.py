"""Run the checks against a database and keep what they find as tables beside
the facts (findings, finding_facts, checks), or read back what a build kept.

See checks/catalogue.py for what a check file holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..common import UsageError, connect_read_only, sql_string
from .catalogue import Check, load_checks, select_checks
from .reads import columns_read
from .report import CheckReport, CheckStat, FactRef, Finding, StaleReview

if TYPE_CHECKING:  # a warm build's edit, handed over by the build: no import of it at run time
    from ..build import Edits

# The tables a run of the checks leaves: what each check found, the facts of
# each finding in order, and each check with how many rows it examined, the
# tables it reads and the columns it reads of them ("table.column").
FINDING_TABLES: dict[str, str] = {
    "findings": "check_id VARCHAR, severity VARCHAR, key VARCHAR, message VARCHAR, verdict VARCHAR, review_note VARCHAR",
    "finding_facts": "key VARCHAR, seq BIGINT, fact_id VARCHAR",
    "checks": (
        "id VARCHAR, severity VARCHAR, tags VARCHAR[], description VARCHAR, examined BIGINT, findings BIGINT,"
        " status VARCHAR, source_sha256 VARCHAR, reads VARCHAR[], read_columns VARCHAR[]"
    ),
}


def store_findings(
    con: duckdb.DuckDBPyConnection, checks: list[Check], temp: bool = False, changed: Edits | None = None
) -> list[str]:
    """Run the checks and keep what they find as tables beside the facts;
    return the ids of the checks that ran.

    Findings never leave DuckDB on the way: a million facts give tens of
    thousands of findings, and fetching them with their evidence into Python
    to write them back cost more than the checks themselves. `temp` puts the
    tables in the connection's temp schema, where they shadow any stored ones,
    so a read-only database can be checked too. `changed` is what a warm
    build's edit changed: a check whose findings were stored by this very
    check file, and which reads none of what changed, keeps them."""
    # What the very same check files stored last build: the tables a check
    # reads depend on its SQL and the schema alone, and a warm build runs the
    # code that wrote them (13 checks' plans cost 0.13 s to read again).
    stored: dict[str, tuple[int, dict[str, set[str]]]] = {}
    kept: dict[str, tuple[int, dict[str, set[str]]]] = {}
    if changed is not None:
        stored = _stored_checks(con, checks)
        kept = {cid: row for cid, row in stored.items() if not changed.touch(row[1])}
    if kept:
        con.execute(
            "DELETE FROM findings WHERE check_id NOT IN (SELECT unnest($ids::VARCHAR[]))", {"ids": list(kept)}
        )
        con.execute("DELETE FROM finding_facts WHERE key NOT IN (SELECT key FROM findings)")
        if changed is not None and "reviews" in changed.tables:
            con.execute(
                """UPDATE findings SET verdict = (SELECT r.verdict FROM reviews r WHERE r.finding = findings.key),
                                      review_note = (SELECT r.note FROM reviews r WHERE r.finding = findings.key)"""
            )
        con.execute("DELETE FROM checks")
    else:
        kind = "TEMP TABLE" if temp else "TABLE"
        for name, columns in FINDING_TABLES.items():
            con.execute(f"CREATE OR REPLACE {kind} {name} ({columns})")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE found"
        " (check_id VARCHAR, severity VARCHAR, key VARCHAR, message VARCHAR, facts VARCHAR[])"
    )
    ran = [c for c in checks if c.id not in kept]
    examined: dict[str, int] = {cid: row[0] for cid, row in kept.items()}
    reads: dict[str, dict[str, set[str]]] = {cid: row[1] for cid, row in stored.items()}
    for check in ran:
        try:
            examined[check.id] = int(con.execute(check.examined_sql).fetchone()[0])  # type: ignore[index]
            con.execute(
                f"""INSERT INTO found
                    SELECT {sql_string(check.id)}, {sql_string(check.severity)}, {sql_string(check.id + ":")} || key,
                           CAST(message AS VARCHAR), CAST(facts AS VARCHAR[])
                    FROM ({check.findings_sql})"""
            )
            if check.id not in reads:
                read = columns_read(con, check.examined_sql)
                for table, cols in columns_read(con, check.findings_sql).items():
                    read.setdefault(table, set()).update(cols)
                reads[check.id] = read
        except duckdb.Error as exc:
            raise UsageError(f"check {check.id} ({check.path}) failed: {exc}") from exc
    for check_id, n, keys, distinct in con.execute(
        "SELECT check_id, count(*), count(key), count(DISTINCT key) FROM found GROUP BY check_id ORDER BY check_id"
    ).fetchall():
        if not n == keys == distinct:
            check = next(c for c in checks if c.id == check_id)
            raise UsageError(
                f"check {check.id} ({check.path}) gives a finding key that is empty or not unique"
            )
    con.execute(
        """INSERT INTO findings
           SELECT f.check_id, f.severity, f.key, f.message, r.verdict, r.note
           FROM found f LEFT JOIN reviews r ON r.finding = f.key"""
    )
    # A finding's facts in the order the check named them, each once, and only
    # those that are facts (every fact has evidence: the schema says so); one
    # pass for all checks, as each pass reads every fact.
    con.execute(
        """INSERT INTO finding_facts
           SELECT key, row_number() OVER (PARTITION BY key ORDER BY pos) - 1, fact_id
           FROM (
               SELECT key, fact_id, min(pos) AS pos
               FROM (SELECT key, unnest(facts) AS fact_id, generate_subscripts(facts, 1) AS pos FROM found)
               WHERE fact_id IN (SELECT id FROM fact_index)
               GROUP BY key, fact_id
           )"""
    )
    con.execute("DROP TABLE temp.found")
    counts = dict(con.execute("SELECT check_id, count(*) FROM findings GROUP BY check_id").fetchall())
    for check in checks:
        stat = _stat(check, examined[check.id], counts.get(check.id, 0))
        con.execute(
            "INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                stat.id,
                stat.severity,
                list(stat.tags),
                stat.description,
                stat.examined,
                stat.findings,
                stat.status,
                check.source_sha256,
                sorted(reads[check.id]),
                sorted(f"{t}.{c}" for t, columns in reads[check.id].items() for c in columns),
            ],
        )
    return [c.id for c in ran]


def tables_checked(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every table a stored check reads. A warm build only ever meets a
    database this very code wrote, so the column is there."""
    return {t for (reads,) in con.execute("SELECT reads FROM checks").fetchall() for t in reads or []}


def _stored_checks(
    con: duckdb.DuckDBPyConnection, checks: list[Check]
) -> dict[str, tuple[int, dict[str, set[str]]]]:
    """(examined, columns read of each table) of each check as stored by the
    check file that is here now."""
    stored = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT id, source_sha256, examined, reads, read_columns FROM checks"
        ).fetchall()
    }
    out: dict[str, tuple[int, dict[str, set[str]]]] = {}
    for c in checks:
        sha, examined, tables, columns = stored.get(c.id, (None, 0, None, None))
        if sha != c.source_sha256 or tables is None or columns is None:
            continue
        read: dict[str, set[str]] = {t: set() for t in tables}
        for name in columns:
            table, column = name.split(".", 1)
            read[table].add(column)
        out[c.id] = (int(examined), read)
    return out


def run_checks(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> CheckReport:
    """Run the checks; attach reviews; list reviews whose finding is gone.
    Writes nothing to the database: the findings are kept in temp tables
    just long enough to be read back."""
    store_findings(con, checks, temp=True)
    try:
        return _report(con, checks)
    finally:
        for name in FINDING_TABLES:
            con.execute(f"DROP TABLE temp.{name}")


def _stat(check: Check, examined: int, findings: int) -> CheckStat:
    return CheckStat(
        check.id, check.severity, check.tags, check.description, examined, findings, check.rationale
    )


def _reviews(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[Any, ...]]:
    return {
        row[0]: row
        for row in con.execute(
            "SELECT finding, verdict, note, file, line FROM reviews ORDER BY finding"
        ).fetchall()
    }


def _stale(
    reviews: dict[str, tuple[Any, ...]], checks: list[Check], findings: list[Finding]
) -> list[StaleReview]:
    ran = {c.id for c in checks}
    live = {f.key for f in findings}
    return [
        StaleReview(key, row[3], row[4])
        for key, row in reviews.items()
        if key.split(":", 1)[0] in ran and key not in live
    ]


def stored_current(con: duckdb.DuckDBPyConnection, checks: list[Check], every: bool = False) -> bool:
    """Whether build stored findings for these checks, each by the very file
    that is here now (not one new or edited since, nor a database that
    predates stored hashes); with `every`, and for no other check (one since
    removed), as a build of these checks must leave them."""
    try:
        stored = dict(con.execute("SELECT id, source_sha256 FROM checks").fetchall())
    except duckdb.Error:
        return False
    if every and stored.keys() != {c.id for c in checks}:
        return False
    return all(stored.get(c.id) == c.source_sha256 for c in checks)


def findings_current(db: Path, checks: list[Check]) -> bool:
    """Whether the findings stored in `db` are exactly those these check files make."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return stored_current(con, checks, every=True)
    finally:
        con.close()


@dataclass(frozen=True)
class StoredFindings:
    """The build's FindingsWriter (build/write.py): these checks, run into
    the database being written."""

    checks: list[Check]

    def tables_read(self, con: duckdb.DuckDBPyConnection) -> set[str]:
        return tables_checked(con)

    def store(self, con: duckdb.DuckDBPyConnection, changed: Edits | None = None) -> list[str]:
        return store_findings(con, self.checks, changed=changed)


def stored_report(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> CheckReport | None:
    """The report `build` stored, for these checks, if it is current; None
    when it is not, so the caller runs the SQL."""
    return _report(con, checks) if stored_current(con, checks) else None


@contextmanager
def checked_database(db: Path, checks: list[Check]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A built database opened read-only, its finding tables those of these
    checks: the ones build stored where current (running them again would
    only take time, seconds at a million facts), else run now into temp
    tables that shadow the stored ones."""
    con = connect_read_only(db)
    try:
        if not stored_current(con, checks):
            store_findings(con, checks, temp=True)
        yield con
    finally:
        con.close()


def stats_of(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> list[CheckStat]:
    """Each check with how much it examined and found, as the checks table holds it."""
    stats = {row[0]: row for row in con.execute("SELECT id, examined, findings FROM checks").fetchall()}
    return [_stat(c, int(stats[c.id][1]), int(stats[c.id][2])) for c in checks]


def _report(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> CheckReport:
    """The report of these checks as the finding tables hold it."""
    wanted = {c.id: c for c in checks}
    rows = [
        r
        for r in con.execute("SELECT check_id, key, message FROM findings ORDER BY check_id, key").fetchall()
        if r[0] in wanted
    ]
    fact_ids: dict[str, list[str]] = {}
    for key, fact_id in con.execute("SELECT key, fact_id FROM finding_facts ORDER BY key, seq").fetchall():
        fact_ids.setdefault(key, []).append(fact_id)
    # The evidence of just the facts these findings name, chosen inside DuckDB
    # rather than handed to it as a table of ids (1M facts, 27k findings:
    # this function 0.68 -> 0.64 s).
    ref_rows = con.execute(
        """
        SELECT id, kind, file, line, article, source, quote FROM facts
        WHERE id IN (
            SELECT fact_id FROM finding_facts JOIN findings USING (key)
            WHERE check_id IN (SELECT unnest($checks))
        )
        ORDER BY id, evidence_seq
        """,
        {"checks": list(wanted)},
    ).fetchall()
    refs: dict[str, list[FactRef]] = {}
    for row in ref_rows:
        refs.setdefault(row[0], []).append(FactRef(*row))
    # Verdicts come from the reviews table, not the stored copy: the same data,
    # and the one place a review is kept.
    reviews = _reviews(con)
    by_check: dict[str, list[Finding]] = {c: [] for c in wanted}
    no_refs: list[FactRef] = []
    for check_id, key, message in rows:
        review = reviews.get(key)
        ids = fact_ids.get(key, ())
        by_check[check_id].append(
            Finding(
                check_id,
                wanted[check_id].severity,
                key,
                str(message),
                [r for i in ids for r in refs.get(i, no_refs)],
                review[1] if review else None,
                review[2] if review else None,
            )
        )
    report = CheckReport(checks=stats_of(con, checks))
    for c in checks:
        report.findings.extend(by_check[c.id])
    report.stale_reviews = _stale(reviews, checks, report.findings)
    return report


def check_database(
    db: Path, select: list[str] | None = None, exclude: list[str] | None = None
) -> CheckReport:
    """Run the selected checks against a built database, opened read-only."""
    checks = select_checks(load_checks(), select, exclude)
    with checked_database(db, checks) as con:
        return _report(con, checks)
