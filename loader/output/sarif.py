"""A check report as SARIF 2.1.0, so that code scanning (GitHub's and others')
shows each finding as an annotation on the fact file line it is about.

The conversion is a pure function of the report: it reads no files and no
database, so what CI uploads is exactly what `factdb check` found.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from ..checks import CheckReport, CheckStat, FactRef, Finding

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
)
# Fact files are named relative to the folder above facts/, the project root;
# consumers resolve %SRCROOT% to their checkout, so annotations land in the repository.
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Versioned so that a later change of key scheme reads as new findings, not moved ones.
FINGERPRINT = "factdbFindingKey/v1"


def factdb_version() -> str:
    try:
        return metadata.version("factdb")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def sarif_log(report: CheckReport, version: str) -> dict[str, Any]:
    """The whole SARIF log of one `factdb check` run: one run, one rule per check."""
    rule_index = {c.id: n for n, c in enumerate(report.checks)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factdb",
                        "version": version,
                        "rules": [_rule(c) for c in report.checks],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": _notifications(report, rule_index),
                    }
                ],
                "results": [_result(f, rule_index.get(f.check)) for f in report.findings],
            }
        ],
    }


def _rule(check: CheckStat) -> dict[str, Any]:
    why = check.rationale or check.description
    return {
        "id": check.id,
        "shortDescription": {"text": check.description},
        "fullDescription": {"text": why},
        "help": {"text": why},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {"tags": list(check.tags)},
    }


def _result(finding: Finding, index: int | None) -> dict[str, Any]:
    by_fact: dict[str, list[FactRef]] = {}
    for ref in finding.facts:
        by_fact.setdefault(ref.id, []).append(ref)
    groups = list(by_fact.values())
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "partialFingerprints": {FINGERPRINT: finding.key},
    }
    if index is not None:
        result["ruleIndex"] = index
    # A finding whose facts are all gone from the facts view has nowhere to point;
    # it still goes out, unlocated, rather than being dropped.
    if groups:
        result["locations"] = [_fact_location(groups[0])]
    if len(groups) > 1:
        result["relatedLocations"] = [
            {"id": n, **_fact_location(refs)} for n, refs in enumerate(groups[1:], start=1)
        ]
    if finding.verdict:
        # External: the verdict lives in reviews.yaml, not beside the fact. Consumers
        # show suppressed results as dismissed, so a reviewed finding does not annotate.
        note = f": {finding.review_note}" if finding.review_note else ""
        result["suppressions"] = [{"kind": "external", "justification": f"{finding.verdict}{note}"}]
    return result


def _fact_location(refs: list[FactRef]) -> dict[str, Any]:
    """One fact: its file and line, and every quote it rests on as the message."""
    first = refs[0]
    quotes = " / ".join(f"“{r.quote}”" for r in refs)
    return {
        "physicalLocation": _physical(first.file, first.line),
        "message": {"text": f"{first.id} ({first.article or first.source}): {quotes}"},
    }


def _physical(file: str, line: int) -> dict[str, Any]:
    return {"artifactLocation": artifact_location(file), "region": {"startLine": max(line, 1)}}


def artifact_location(file: str) -> dict[str, Any]:
    """A file as the loader names it, as a SARIF artifact location."""
    path = PurePosixPath(file)
    if path.is_absolute():
        # A corpus outside the project root has no repository-relative name.
        return {"uri": "file://" + quote(path.as_posix())}
    return {"uri": quote(path.as_posix()), "uriBaseId": SRCROOT}


def _notifications(report: CheckReport, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    """What a run should tell besides findings: checks that had nothing to judge
    (silence from them is not a pass) and reviews whose finding is gone."""
    notes: list[dict[str, Any]] = []
    for c in report.checks:
        if c.status == "examined nothing":
            notes.append(
                {
                    "level": "warning",
                    "message": {"text": f"check {c.id} examined nothing, so its silence is no pass"},
                    "associatedRule": {"id": c.id, "index": rule_index[c.id]},
                }
            )
    for s in report.stale_reviews:
        notes.append(
            {
                "level": "warning",
                "message": {"text": f"stale review: finding {s.finding} no longer occurs"},
                "locations": [{"physicalLocation": _physical(s.file, s.line)}],
            }
        )
    return notes
