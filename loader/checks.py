"""The check runner: every SQL file in queries/checks/ against a database.

A check file starts with a header of ``-- key: value`` lines (id, severity,
tags, description, rationale), then two statements, each after a marker line:

    -- examined:
    SELECT count(*) FROM ...;          -- how many rows the check looked at
    -- findings:
    SELECT key, message, facts FROM ...;

``key`` identifies the finding within its check (the runner prefixes the
check id, so ``duration-conflict:blinken-xi-meeting-2023:a:b`` is stable
across builds); ``facts`` is the list of fact ids involved.  A check that
examined nothing says so: it never passes silently.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import duckdb

from .check_reads import columns_read
from .edits import Edits
from .errors import UsageError

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
HEADER_KEYS = ("id", "severity", "tags", "description", "rationale")


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    tags: tuple[str, ...]
    description: str
    rationale: str
    examined_sql: str
    findings_sql: str
    path: str
    # sha256 of the check file: findings stored by a build are reused only if it matches.
    source_sha256: str = ""


# Not frozen: a frozen dataclass sets each field through object.__setattr__,
# five times the cost, and `check` makes one per fact of every finding (33k
# at a million facts: 0.075 s against 0.015 s).
@dataclass
class FactRef:
    id: str
    kind: str
    file: str
    line: int
    article: str | None
    source: str
    quote: str


@dataclass
class Finding:
    check: str
    severity: str
    key: str
    message: str
    facts: list[FactRef]
    verdict: str | None = None
    review_note: str | None = None


@dataclass(frozen=True)
class CheckStat:
    id: str
    severity: str
    tags: tuple[str, ...]
    description: str
    examined: int
    findings: int
    # Why the check judges as it does; rule help in SARIF says it beside each annotation.
    rationale: str = ""

    @property
    def status(self) -> str:
        if self.examined == 0:
            return "examined nothing"
        return "findings" if self.findings else "clean"


@dataclass(frozen=True)
class StaleReview:
    finding: str
    file: str
    line: int


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    checks: list[CheckStat] = field(default_factory=list)
    stale_reviews: list[StaleReview] = field(default_factory=list)

    def failing(self, strict: bool = False) -> list[Finding]:
        """Unreviewed findings that fail a run: errors, and warnings if strict."""
        levels = ("error", "warning") if strict else ("error",)
        return [f for f in self.findings if f.severity in levels and f.verdict is None]

    def failing_count(self, strict: bool = False) -> int:
        return len(self.failing(strict))


def checks_folder() -> Path:
    return Path(str(resources.files("factdb.queries").joinpath("checks")))  # works installed or editable


_MARKER = re.compile(r"^--\s*(examined|findings):\s*$", re.MULTILINE)
_HEADER = re.compile(r"^--\s*(\w+):\s*(.*)$")


def parse_check(text: str, path: str) -> Check:
    parts = _MARKER.split(text)
    if len(parts) != 5 or parts[1] != "examined" or parts[3] != "findings":
        raise UsageError(f"{path}: a check needs '-- examined:' then '-- findings:' sections")
    header: dict[str, str] = {}
    last = ""
    for line in parts[0].splitlines():
        m = _HEADER.match(line)
        if m and m.group(1) in HEADER_KEYS:
            last = m.group(1)
            header[last] = m.group(2).strip()
        elif line.startswith("--") and last:
            header[last] += " " + line.lstrip("- ").strip()
    missing = [k for k in HEADER_KEYS if not header.get(k)]
    if missing:
        raise UsageError(f"{path}: header lacks {', '.join(missing)}")
    if header["severity"] not in SEVERITIES:
        raise UsageError(f"{path}: severity {header['severity']!r} is not one of {', '.join(SEVERITIES)}")
    return Check(
        id=header["id"],
        severity=header["severity"],  # type: ignore[arg-type]
        tags=tuple(t.strip() for t in header["tags"].split(",") if t.strip()),
        description=header["description"],
        rationale=header["rationale"],
        examined_sql=parts[2].strip().rstrip(";"),
        findings_sql=parts[4].strip().rstrip(";"),
        path=path,
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def load_checks(folder: Path | None = None) -> list[Check]:
    folder = folder or checks_folder()
    checks = [parse_check(p.read_text(encoding="utf-8"), p.name) for p in sorted(folder.glob("*.sql"))]
    ids = [c.id for c in checks]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise UsageError(f"check ids used twice: {', '.join(dupes)}")
    return checks


def select_checks(checks: list[Check], select: list[str] | None, exclude: list[str] | None) -> list[Check]:
    """Keep checks named (by id or tag) in `select`, minus those in `exclude`."""
    known = {c.id for c in checks} | {t for c in checks for t in c.tags}
    for name in (select or []) + (exclude or []):
        if name not in known:
            raise UsageError(f"no check or tag named {name!r}; known: {', '.join(sorted(known))}")

    def named(c: Check, names: list[str]) -> bool:
        return c.id in names or any(t in names for t in c.tags)

    kept = [c for c in checks if not select or named(c, select)]
    return [c for c in kept if not exclude or not named(c, exclude)]


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
                    SELECT {_literal(check.id)}, {_literal(check.severity)}, {_literal(check.id + ":")} || key,
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


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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


def _stored_current(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> bool:
    """Whether build stored findings for these checks, each by the very file
    that is here now (not one new or edited since, nor a database that
    predates stored hashes)."""
    try:
        stored = dict(con.execute("SELECT id, source_sha256 FROM checks").fetchall())
    except duckdb.Error:
        return False
    return all(stored.get(c.id) == c.source_sha256 for c in checks)


def stored_report(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> CheckReport | None:
    """The report `build` stored, for these checks, if it is current; None
    when it is not, so the caller runs the SQL."""
    return _report(con, checks) if _stored_current(con, checks) else None


@contextmanager
def checked_database(db: Path, checks: list[Check]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A built database opened read-only, its finding tables those of these
    checks: the ones build stored where current (running them again would
    only take time, seconds at a million facts), else run now into temp
    tables that shadow the stored ones."""
    from .query import connect_read_only

    con = connect_read_only(db)
    try:
        if not _stored_current(con, checks):
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
