"""How a check report reads: each finding with both sides and full quotes, then
a line per check saying how much it examined."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table

from .checks import CheckReport

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def report_dict(report: CheckReport) -> dict[str, Any]:
    return {
        "findings": [asdict(f) for f in report.findings],
        "checks": [{**asdict(c), "status": c.status} for c in report.checks],
        "stale_reviews": [asdict(s) for s in report.stale_reviews],
    }


def print_report(report: CheckReport, console: Console, strict: bool = False) -> None:
    for f in report.findings:
        mark = f" — reviewed: {f.verdict}" if f.verdict else ""
        console.print(f"[{STYLE.get(f.severity, '')}]{f.severity}[/] {f.check}{mark}", highlight=False)
        console.print(f"  {f.message}", highlight=False, markup=False)
        if f.review_note:
            console.print(f"  note: {f.review_note}", style="dim", markup=False)
        for ref in f.facts:
            console.print(f"  • {ref.id}  {ref.file}:{ref.line}  [{ref.article or ref.source}]", markup=False)
            console.print(f"      “{ref.quote}”", markup=False, style="italic")
        console.print(f"  key: {f.key}", style="dim", markup=False)
        console.print()
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
