"""The check report as a pipe or a CI log gets it, laid out by DuckDB.

At a million facts a run has tens of thousands of findings. Made into a
Python object per finding and per fact, then into text, they cost `check`
half a second (27k findings: 0.36 s for the objects, 0.13 s for the text);
laid out by one SQL query, 0.22-0.30 s, most of it DuckDB scanning fact_index
and evidence. The layout is the one of render_checks.findings_plain, and a
test holds the two equal, byte for byte, on data chosen to differ (control
codes, other scripts, reviews, a finding with no facts, a NULL message).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checks import CheckStat, StaleReview, checked_database, load_checks, select_checks, stats_of
from .render_checks import strip_controls

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
        levels = ("error", "warning") if strict else ("error",)
        return sum(self.unreviewed.get(level, 0) for level in levels)


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
        text=strip_controls("".join([row[0] for row in rows])),
        findings=len(rows),
        reviewed=sum(1 for row in rows if row[2]),
        unreviewed=unreviewed,
        checks=stats,
        stale_reviews=stale,
    )
