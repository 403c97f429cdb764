"""How a check report reads: each finding with both sides and full quotes, then
a line per check saying how much it examined."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.control import STRIP_CONTROL_CODES
from rich.table import Table
from rich.text import Text

from .checks import CheckReport

if TYPE_CHECKING:
    from .plain_report import PlainReport

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def report_dict(report: CheckReport) -> dict[str, Any]:
    return {
        # Shallow copies: asdict deep-copies every value, 6.8 s for 27k findings.
        "findings": [{**vars(f), "facts": [dict(vars(r)) for r in f.facts]} for f in report.findings],
        "checks": [{**asdict(c), "status": c.status} for c in report.checks],
        "stale_reviews": [asdict(s) for s in report.stale_reviews],
    }


def _segments(report: CheckReport) -> Iterator[tuple[str, str]]:
    """Every finding as (text, style) pieces: with both sides and full quotes."""
    for f in report.findings:
        yield f.severity, STYLE.get(f.severity, "")
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
        out.append(text, style=style)
    return out


# The control codes rich strips from every text it is given: all ASCII, so their
# bytes can be deleted from UTF-8 without ever splitting a character.
_CONTROL = bytes(STRIP_CONTROL_CODES)


def strip_controls(text: str) -> str:
    """The text without the control codes rich strips. Over a whole report
    str.translate looks up every character (2.4 s for 16 MB), where
    bytes.translate deletes them in one C loop (0.06 s)."""
    raw = text.encode("utf-8", "surrogatepass").translate(None, _CONTROL)
    return raw.decode("utf-8", "surrogatepass")


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
    return strip_controls("".join(out))


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
            f"{s.file}:{s.line}: stale review: finding {s.finding} no longer occurs",
            style="yellow",
            markup=False,
        )
    console.print(
        f"{total} finding(s), {reviewed} reviewed, {report.failing_count(strict)} unreviewed "
        f"{'error/warning' if strict else 'error'} finding(s)",
        markup=False,
    )
