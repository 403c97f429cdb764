"""How a check report reads: each finding with both sides and full quotes, then
a line per check saying how much it examined."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .checks import CheckReport

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def report_dict(report: CheckReport) -> dict[str, Any]:
    return {
        "findings": [asdict(f) for f in report.findings],
        "checks": [{**asdict(c), "status": c.status} for c in report.checks],
        "stale_reviews": [asdict(s) for s in report.stale_reviews],
    }


def findings_text(report: CheckReport) -> Text:
    """Every finding as one styled text: rich renders one Text of thousands of
    lines in a fraction of the time of thousands of print calls."""
    out = Text()
    for f in report.findings:
        out.append(f.severity, style=STYLE.get(f.severity, ""))
        out.append(f" {f.check}" + (f" — reviewed: {f.verdict}" if f.verdict else "") + "\n")
        out.append(f"  {f.message}\n")
        if f.review_note:
            out.append(f"  note: {f.review_note}\n", style="dim")
        for ref in f.facts:
            out.append(f"  • {ref.id}  {ref.file}:{ref.line}  [{ref.article or ref.source}]\n")
            out.append(f"      “{ref.quote}”\n", style="italic")
        out.append(f"  key: {f.key}\n\n", style="dim")
    return out


def print_report(report: CheckReport, console: Console, strict: bool = False) -> None:
    if report.findings:
        text = findings_text(report)
        if console.color_system is None or console.no_color:
            # No styles to draw (a pipe, NO_COLOR): skip rich's layout of every line.
            console.file.write(text.plain)
        else:
            console.print(text, end="")
    summary = Table("check", "severity", "examined", "findings", "status", title="checks")
    for c in report.checks:
        style = "yellow" if c.status == "examined nothing" else ""
        summary.add_row(c.id, c.severity, str(c.examined), str(c.findings), c.status, style=style)
    console.print(summary)
    for s in report.stale_reviews:
        console.print(
            f"{s.file}:{s.line}: stale review: finding {s.finding} no longer occurs",
            style="yellow",
            markup=False,
        )
    failing = report.failing(strict)
    reviewed = sum(1 for f in report.findings if f.verdict)
    console.print(
        f"{len(report.findings)} finding(s), {reviewed} reviewed, {len(failing)} unreviewed "
        f"{'error/warning' if strict else 'error'} finding(s)",
        markup=False,
    )
