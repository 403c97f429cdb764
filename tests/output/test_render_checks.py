"""How a check report is written: the plain text a pipe gets is exactly what the
styled text reads, and the JSON form holds every field of every finding."""

from __future__ import annotations

import io
import re
from dataclasses import asdict
from pathlib import Path

import pytest
from factdb.loader.checks import CheckReport, FactRef, Finding, StaleReview, check_database
from factdb.loader.output.check_text import findings_plain, findings_text, print_report, report_dict
from rich.console import Console

ODD = "bell\x07 back\x08 vt\x0b ff\x0c cr\r tab\t “quoted” — ü 中文 \x1b[31mred lone \ud800 surrogate"
# What data may hold that a terminal would act on, and the text printed instead.
PLANTED = {
    "\x00": "\\x00",  # NUL
    "\x07": "\\x07",  # BEL
    "\x08": "\\x08",  # BS
    "\r": "\\x0d",
    "\x1b": "\\x1b",  # ESC
    "\x7f": "\\x7f",  # DEL
    "\x9b": "\\x9b",  # CSI, a C1 control
    "\u2028": "\\u2028",  # line separator
    "\u202e": "\\u202e",  # right-to-left override
    "\ufffe": "\\ufffe",
    "\U0010ffff": "\\U0010ffff",
}
ATTACK = "say \x1b[2J\x1b]0;pwned\x07 then " + " ".join(f"<{c}>" for c in PLANTED)
ESCAPED = "say \\x1b[2J\\x1b]0;pwned\\x07 then " + " ".join(f"<{e}>" for e in PLANTED.values())
RAW = re.compile("[" + "".join(PLANTED) + "]")


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


def test_control_codes_are_escaped_and_the_rest_kept() -> None:
    text = findings_plain(odd_report())
    assert not any(c in text for c in "\x07\x08\x0b\x0c\r\x1b\ud800")
    assert (
        "bell\\x07 back\\x08 vt\\x0b ff\\x0c cr\\x0d tab\t “quoted” — ü 中文 \\x1b[31mred lone \\ud800"
        in text
    )


def attack_report() -> CheckReport:
    """A finding with the attack in every field the layout prints."""
    ref = FactRef(f"f{ATTACK}", "meeting", f"facts/{ATTACK}.yaml", 3, f"art{ATTACK}", "art", ATTACK)
    finding = Finding("c", "error", f"c:{ATTACK}", ATTACK, [ref], verdict=ATTACK, review_note=ATTACK)
    return CheckReport(findings=[finding], stale_reviews=[StaleReview(f"c:{ATTACK}", f"{ATTACK}.yaml", 4)])


def printed(report: CheckReport, styled: bool) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=5000,
        force_terminal=styled,
        color_system="truecolor" if styled else None,
        no_color=not styled,
    )
    print_report(report, console)
    return out.getvalue()


@pytest.mark.parametrize("styled", [False, True], ids=["plain", "styled"])
def test_control_characters_in_a_finding_are_printed_escaped(styled: bool) -> None:
    """Every field of a finding, printed by either Python layout: each planted
    character as its escape, none raw (the styled output's own colour codes aside)."""
    text = printed(attack_report(), styled)
    if styled:
        assert "\x1b[" in text  # it was styled; its own SGR codes are taken out below
        text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert not RAW.search(text), repr(RAW.findall(text))
    # message, note, quote, and the stale review's line, each in full
    assert text.count(f"  {ESCAPED}\n") == 1
    assert f"  note: {ESCAPED}\n" in text
    assert f"“{ESCAPED}”" in text
    assert f"facts/{ESCAPED}.yaml:3" in text and f"key: c:{ESCAPED}" in text
    assert f"{ESCAPED}.yaml:4: stale review: finding c:{ESCAPED} no longer occurs" in text


@pytest.mark.parametrize("which", ["seed-corpus", "control-codes-and-unicode"])
def test_json_form_holds_what_asdict_would_with_each_fact_once(which: str, corpus_db: Path) -> None:
    """Everything of each finding, its facts each once with every evidence quote (a
    consumer never dedupes), in the order the finding lists them."""
    report = check_database(corpus_db) if which == "seed-corpus" else odd_report()
    findings = report_dict(report)["findings"]
    for got, f in zip(findings, report.findings, strict=True):
        full = asdict(f)
        assert {k: v for k, v in got.items() if k != "facts"} == {
            k: v for k, v in full.items() if k != "facts"
        }
        assert [x["id"] for x in got["facts"]] == list(dict.fromkeys(r["id"] for r in full["facts"]))
        flat = [
            {"id": x["id"], "kind": x["kind"], "file": x["file"], "line": x["line"], **e}
            for x in got["facts"]
            for e in x["evidence"]
        ]
        assert sorted(flat, key=repr) == sorted(full["facts"], key=repr)
    if which == "seed-corpus":
        assert any(len(x["evidence"]) > 1 for got in findings for x in got["facts"])
