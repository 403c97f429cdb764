"""How a check report reads as text, in its three layouts side by side, which
tests hold to the same bytes:

* `findings_text`: each finding with both sides and full quotes, as one styled
  rich Text, for a person at a terminal;
* `findings_plain`: the same layout as one plain string, from a CheckReport;
* `plain_report`: the same layout written by DuckDB in one query, for a pipe,
  a CI log or NO_COLOR. At a million facts a run has tens of thousands of
  findings; made into a Python object per finding and per fact, then into
  text, they cost `check` half a second (27k findings: 0.36 s for the
  objects, 0.13 s for the text); laid out by one SQL query, 0.22-0.30 s, most
  of it DuckDB scanning fact_index and evidence. A test holds it to
  findings_plain byte for byte, on data chosen to differ (control codes,
  other scripts, reviews, a finding with no facts, a NULL message).

Every layout prints data (messages, notes, names, quotes, file names, review
keys) with its control characters escaped by `formats.escape_control`, ESC as
``\\x1b``: a quote taken from a seed reaches the terminal as text, never as a
command to it. The styled layout escapes each piece before rich sees it; the
plain ones escape the whole text once, the same characters either way, since
the layout's own text holds none of them but newlines.

Then `print_report` adds a line per check saying how much it examined."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checks import (
    CheckReport,
    CheckStat,
    StaleReview,
    checked_database,
    failing_levels,
    load_checks,
    select_checks,
    stats_of,
)
from .formats import escape_control
from .styles import SEVERITY_STYLE


def _facts_once(refs: list[Any]) -> list[dict[str, Any]]:
    """A finding's facts, each once, in order, with all its evidence quotes: the
    finding holds one row per (fact, quote)."""
    facts: dict[str, dict[str, Any]] = {}
    for r in refs:
        fact = facts.get(r.id)
        if fact is None:
            fact = facts[r.id] = {"id": r.id, "kind": r.kind, "file": r.file, "line": r.line, "evidence": []}
        fact["evidence"].append({"source": r.source, "article": r.article, "quote": r.quote})
    return list(facts.values())


def report_dict(report: CheckReport) -> dict[str, Any]:
    return {
        # Shallow copies: asdict deep-copies every value, 6.8 s for 27k findings.
        "findings": [{**vars(f), "facts": _facts_once(f.facts)} for f in report.findings],
        "checks": [{**asdict(c), "status": c.status} for c in report.checks],
        "stale_reviews": [asdict(s) for s in report.stale_reviews],
    }


def _segments(report: CheckReport) -> Iterator[tuple[str, str]]:
    """Every finding as (text, style) pieces: with both sides and full quotes,
    data not yet escaped."""
    for f in report.findings:
        yield f.severity, SEVERITY_STYLE.get(f.severity, "")
        yield f" {f.check}" + (f" — reviewed: {f.verdict}" if f.verdict else "") + "\n", ""
        yield f"  {f.message}\n", ""
        if f.review_note:
            yield f"  note: {f.review_note}\n", "dim"
        for ref in f.facts:
            yield f"  • {ref.id}  {ref.file}:{ref.line}  [{ref.article or ref.source}]\n", ""
            yield f"      “{ref.quote}”\n", "italic"
        yield f"  key: {f.key}\n\n", "dim"


def findings_text(report: CheckReport) -> Text:
    """Every finding as one styled text: rich renders one Text of thousands of
    lines in a fraction of the time of thousands of print calls."""
    out = Text()
    for text, style in _segments(report):
        out.append(escape_control(text), style=style)
    return out


def findings_plain(report: CheckReport) -> str:
    """What findings_text(report).plain is, without a Text or its pieces: the
    layout of _segments written out as one string per finding (220k pieces
    cost 0.12 s at a million facts, these 27k strings 0.07 s). Tests hold the
    two layouts equal, and plain_report's SQL to this one."""
    out: list[str] = []
    add = out.append
    for f in report.findings:
        verdict = f" — reviewed: {f.verdict}" if f.verdict else ""
        note = f"  note: {f.review_note}\n" if f.review_note else ""
        refs = "".join(
            [
                f"  • {r.id}  {r.file}:{r.line}  [{r.article or r.source}]\n      “{r.quote}”\n"
                for r in f.facts
            ]
        )
        add(f"{f.severity} {f.check}{verdict}\n  {f.message}\n{note}{refs}  key: {f.key}\n\n")
    return escape_control("".join(out))


# One row per finding, in the order of the checks given, then of keys; each
# fact's evidence in the order the finding names its facts.
_FINDINGS_TEXT = """
WITH wanted AS (SELECT unnest($checks) AS check_id, generate_subscripts($checks, 1) AS pos),
found AS (
    SELECT f.key, f.check_id, f.severity, f.message, w.pos, r.verdict, r.note
    FROM findings f JOIN wanted w USING (check_id) LEFT JOIN reviews r ON r.finding = f.key
),
refs AS (
    SELECT ff.key,
           string_agg(
               '  • ' || e.id || '  ' || e.file || ':' || CAST(e.line AS VARCHAR)
               || '  [' || coalesce(e.article, e.source) || ']' || chr(10)
               || '      “' || e.quote || '”' || chr(10),
               '' ORDER BY ff.seq, e.evidence_seq
           ) AS text
    FROM finding_facts ff JOIN found USING (key) JOIN facts e ON e.id = ff.fact_id
    GROUP BY ff.key
)
SELECT f.severity || ' ' || f.check_id
       || CASE WHEN coalesce(f.verdict, '') <> '' THEN ' — reviewed: ' || f.verdict ELSE '' END || chr(10)
       || '  ' || coalesce(f.message, 'None') || chr(10)
       || CASE WHEN coalesce(f.note, '') <> '' THEN '  note: ' || f.note || chr(10) ELSE '' END
       || coalesce(refs.text, '')
       || '  key: ' || f.key || chr(10) || chr(10),
       f.severity,
       f.verdict IS NOT NULL
FROM found f LEFT JOIN refs USING (key)
ORDER BY f.pos, f.key
"""

_STALE = """
SELECT finding, file, line FROM reviews
WHERE split_part(finding, ':', 1) IN (SELECT unnest($checks))
  AND finding NOT IN (SELECT key FROM findings)
ORDER BY finding, file, line
"""


@dataclass(frozen=True)
class PlainReport:
    """What `check` prints without styles: every finding as text, then a line per check."""

    text: str
    findings: int
    reviewed: int
    # Unreviewed findings of each severity.
    unreviewed: dict[str, int]
    checks: list[CheckStat]
    stale_reviews: list[StaleReview]

    def failing_count(self, strict: bool = False) -> int:
        return sum(self.unreviewed.get(level, 0) for level in failing_levels(strict))


def plain_report(db: Path, select: list[str] | None = None, exclude: list[str] | None = None) -> PlainReport:
    """The selected checks' report on a built database, laid out as plain text."""
    checks = select_checks(load_checks(), select, exclude)
    params = {"checks": [c.id for c in checks]}
    with checked_database(db, checks) as con:
        rows = con.execute(_FINDINGS_TEXT, params).fetchall()
        stale = [StaleReview(*row) for row in con.execute(_STALE, params).fetchall()]
        stats = stats_of(con, checks)
    unreviewed: dict[str, int] = {}
    for _, severity, reviewed in rows:
        if not reviewed:
            unreviewed[severity] = unreviewed.get(severity, 0) + 1
    return PlainReport(
        text=escape_control("".join([row[0] for row in rows])),
        findings=len(rows),
        reviewed=sum(1 for row in rows if row[2]),
        unreviewed=unreviewed,
        checks=stats,
        stale_reviews=stale,
    )


def is_plain(console: Console) -> bool:
    """No styles to draw: a pipe, a CI log, NO_COLOR."""
    return console.color_system is None or console.no_color


def print_report(report: CheckReport | PlainReport, console: Console, strict: bool = False) -> None:
    if isinstance(report, CheckReport):
        if report.findings:
            if is_plain(console):  # skip rich's layout of every line
                console.file.write(findings_plain(report))
            else:
                console.print(findings_text(report), end="")
        total, reviewed = len(report.findings), sum(1 for f in report.findings if f.verdict)
    else:
        console.file.write(report.text)
        total, reviewed = report.findings, report.reviewed
    summary = Table("check", "severity", "examined", "findings", "status", title="checks")
    for c in report.checks:
        style = "yellow" if c.status == "examined nothing" else ""
        summary.add_row(c.id, c.severity, str(c.examined), str(c.findings), c.status, style=style)
    console.print(summary)
    for s in report.stale_reviews:
        console.print(
            escape_control(f"{s.file}:{s.line}: stale review: finding {s.finding} no longer occurs"),
            style="yellow",
            markup=False,
        )
    console.print(
        f"{total} finding(s), {reviewed} reviewed, {report.failing_count(strict)} unreviewed "
        f"{'error/warning' if strict else 'error'} finding(s)",
        markup=False,
    )
