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
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from .arrow_ingest import create_table
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


@dataclass(frozen=True)
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


def _fact_refs(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, list[FactRef]]:
    """The evidence rows of every fact named, in one query (a check may find thousands)."""
    if not ids:
        return {}
    con.register("wanted_ids", pa.table({"id": sorted(ids)}))
    try:
        rows = con.execute(
            """
            SELECT id, kind, file, line, article, source, quote
            FROM facts JOIN wanted_ids USING (id) ORDER BY id, evidence_seq
            """
        ).fetchall()
    finally:
        con.unregister("wanted_ids")
    refs: dict[str, list[FactRef]] = {}
    for row in rows:
        refs.setdefault(row[0], []).append(FactRef(*row))
    return refs


def run_checks(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> CheckReport:
    """Run the checks; attach reviews; list reviews whose finding is gone."""
    report = CheckReport()
    reviews = _reviews(con)
    for check in checks:
        try:
            examined = int(con.execute(check.examined_sql).fetchone()[0])  # type: ignore[index]
            rows = con.execute(check.findings_sql).fetchall()
        except duckdb.Error as exc:
            raise UsageError(f"check {check.id} ({check.path}) failed: {exc}") from exc
        refs = _fact_refs(con, {i for row in rows for i in (row[2] or [])})
        found = {
            f"{check.id}:{key}": _finding(check, f"{check.id}:{key}", message, fact_ids or [], refs, reviews)
            for key, message, fact_ids in rows
        }
        report.findings.extend(found[k] for k in sorted(found))
        report.checks.append(_stat(check, examined, len(found)))
    report.stale_reviews = _stale(reviews, checks, report.findings)
    return report


def _finding(
    check: Check,
    key: str,
    message: Any,
    fact_ids: list[str],
    refs: dict[str, list[FactRef]],
    reviews: dict[str, tuple[Any, ...]],
) -> Finding:
    """A finding with the evidence of its facts and the review of its key, if any."""
    review = reviews.get(key)
    return Finding(
        check=check.id,
        severity=check.severity,
        key=key,
        message=str(message),
        facts=[ref for i in dict.fromkeys(fact_ids) for ref in refs.get(i, [])],
        verdict=review[1] if review else None,
        review_note=review[2] if review else None,
    )


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


def stored_report(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> CheckReport | None:
    """The report `build` stored, for these checks, if every one of them is the
    very file that made it; None when a check is new or edited since the build
    (or the database predates stored hashes), so the caller runs the SQL."""
    try:
        stored = {
            row[0]: row
            for row in con.execute("SELECT id, source_sha256, examined, findings FROM checks").fetchall()
        }
    except duckdb.Error:
        return None
    if any(c.id not in stored or stored[c.id][1] != c.source_sha256 for c in checks):
        return None
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
    # Verdicts come from the reviews table, as in run_checks: the stored copy is the same data.
    reviews = _reviews(con)
    by_check: dict[str, list[Finding]] = {}
    for check_id, key, message in rows:
        by_check.setdefault(check_id, []).append(
            _finding(wanted[check_id], key, message, fact_ids.get(key, []), refs, reviews)
        )
    report = CheckReport()
    for c in checks:
        report.findings.extend(by_check.get(c.id, []))
        report.checks.append(_stat(c, int(stored[c.id][2]), int(stored[c.id][3])))
    report.stale_reviews = _stale(reviews, checks, report.findings)
    return report


def _arrow(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def store_report(con: duckdb.DuckDBPyConnection, report: CheckReport, checks: list[Check]) -> None:
    """Findings are data: keep them in the database beside the facts (via Arrow),
    with the hash of each check file that made them."""
    source = {c.id: c.source_sha256 for c in checks}
    s = pa.string()
    tables = {
        "findings": _arrow(
            [
                {
                    "check_id": f.check,
                    "severity": f.severity,
                    "key": f.key,
                    "message": f.message,
                    "verdict": f.verdict,
                    "review_note": f.review_note,
                }
                for f in report.findings
            ],
            pa.schema([(n, s) for n in ("check_id", "severity", "key", "message", "verdict", "review_note")]),
        ),
        "finding_facts": _arrow(
            [
                {"key": f.key, "seq": n, "fact_id": fid}
                for f in report.findings
                for n, fid in enumerate(dict.fromkeys(r.id for r in f.facts))
            ],
            pa.schema([("key", s), ("seq", pa.int64()), ("fact_id", s)]),
        ),
        "checks": _arrow(
            [
                {
                    "id": c.id,
                    "severity": c.severity,
                    "tags": list(c.tags),
                    "description": c.description,
                    "examined": c.examined,
                    "findings": c.findings,
                    "status": c.status,
                    "source_sha256": source.get(c.id),
                }
                for c in report.checks
            ],
            pa.schema(
                [
                    ("id", s),
                    ("severity", s),
                    ("tags", pa.list_(s)),
                    ("description", s),
                    ("examined", pa.int64()),
                    ("findings", pa.int64()),
                    ("status", s),
                    ("source_sha256", s),
                ]
            ),
        ),
    }
    for name, table in tables.items():
        create_table(con, name, table)


def check_database(
    db: Path, select: list[str] | None = None, exclude: list[str] | None = None
) -> CheckReport:
    """Run the selected checks against a built database, opened read-only."""
    from .query import connect_read_only

    checks = select_checks(load_checks(), select, exclude)
    con = connect_read_only(db)
    try:
        # build ran these very checks on this very data; running them again
        # would only take time (seconds at a million facts).
        return stored_report(con, checks) or run_checks(con, checks)
    finally:
        con.close()
