"""How a check report is written: the plain text a pipe gets is exactly what the
styled text reads, and the JSON form holds every field of every finding."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest
from factdb.loader.checks import CheckReport, FactRef, Finding, check_database
from factdb.loader.output.check_text import findings_plain, findings_text, report_dict

ODD = "bell\x07 back\x08 vt\x0b ff\x0c cr\r tab\t “quoted” — ü 中文 \x1b[31mred lone \ud800 surrogate"


def odd_report() -> CheckReport:
    ref = FactRef("f1", "meeting", "facts/a.yaml", 3, "art", "art", ODD)
    return CheckReport(
        findings=[
            Finding("c", "error", "c:1", f"message {ODD}", [ref, ref], verdict="ok", review_note=ODD),
            Finding("c", "warning", "c:2", "no facts", []),
        ]
    )


@pytest.mark.parametrize("which", ["seed-corpus", "control-codes-and-unicode"])
def test_plain_text_is_the_styled_text_without_styles(which: str, corpus_db: Path) -> None:
    report = check_database(corpus_db) if which == "seed-corpus" else odd_report()
    assert report.findings
    assert findings_plain(report) == findings_text(report).plain


def test_control_codes_are_stripped_and_the_rest_kept() -> None:
    text = findings_plain(odd_report())
    assert not any(c in text for c in "\x07\x08\x0b\x0c\r")
    assert "tab\t “quoted” — ü 中文" in text


@pytest.mark.parametrize("which", ["seed-corpus", "control-codes-and-unicode"])
def test_json_form_holds_what_asdict_would(which: str, corpus_db: Path) -> None:
    report = check_database(corpus_db) if which == "seed-corpus" else odd_report()
    assert report_dict(report)["findings"] == [asdict(f) for f in report.findings]
