"""`factdb check --format sarif`: valid SARIF 2.1.0 (against the OASIS schema, offline)
whose annotations land on the fact files' own lines, and whose reviewed findings
are suppressed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from factdb.loader.checks import CheckReport, CheckStat, FactRef, Finding, load_checks
from factdb.loader.output.sarif import FINGERPRINT, SRCROOT, sarif_log
from jsonschema import Draft7Validator
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource

from ..conftest import ROOT, Project, minimal_corpus

SCHEMA = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"
CHECK_IDS = {c.id for c in load_checks()}


def _no_fetch(uri: str) -> Resource[Any]:
    raise AssertionError(f"the SARIF schema asked for {uri}: validation must not go online")


@pytest.fixture(scope="module")
def validator() -> Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # The schema names its own draft; trust that over a default that may move.
    assert "$schema" in schema
    cls = validator_for(schema)
    assert cls is Draft7Validator, schema.get("$schema")
    cls.check_schema(schema)
    # `retrieve` is an attrs field behind an alias the type stubs do not see.
    return cls(schema, registry=Registry(retrieve=_no_fetch))  # type: ignore[call-arg]


def assert_valid(validator: Validator, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def run_json(project: Project, *args: str) -> tuple[int, Any]:
    proc = project.factdb(*args)
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def fact_line_holds(root: Path, location: dict[str, Any], fact_id: str) -> bool:
    """The location's line in its file is where the fact's `- id:` is written."""
    artifact = location["physicalLocation"]["artifactLocation"]
    assert artifact["uriBaseId"] == SRCROOT
    lines = (root / unquote(artifact["uri"])).read_text(encoding="utf-8").splitlines()
    line = int(location["physicalLocation"]["region"]["startLine"])
    return lines[line - 1].strip() == f"- id: {fact_id}"


def named_fact(location: dict[str, Any]) -> str:
    """The fact a location's message is about: it starts with the fact's id."""
    return str(location["message"]["text"].split(" ", 1)[0])


def assert_matches_report(log: dict[str, Any], report: dict[str, Any], root: Path) -> None:
    """Each result says what its finding in `check --format json` says, at the fact's line."""
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c["id"] for c in report["checks"]]
    assert {r["id"] for r in rules} <= CHECK_IDS
    results = run["results"]
    assert len(results) == len(report["findings"])
    for result, finding in zip(results, report["findings"], strict=True):
        assert result["ruleId"] == finding["check"] and result["ruleId"] in CHECK_IDS
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert (
            result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        )
        assert result["message"]["text"] == finding["message"]
        assert result["partialFingerprints"] == {FINGERPRINT: finding["key"]}
        fact_ids = [f["id"] for f in finding["facts"]]
        assert len(set(fact_ids)) == len(fact_ids)  # each fact once, with all its quotes
        first = next(f for f in finding["facts"] if f["id"] == fact_ids[0])
        [loc] = result["locations"]
        assert named_fact(loc) == fact_ids[0]
        assert loc["physicalLocation"]["region"]["startLine"] == first["line"]
        assert unquote(loc["physicalLocation"]["artifactLocation"]["uri"]) == first["file"]
        assert fact_line_holds(root, loc, fact_ids[0])
        # Matched by fact id, not position: the two runs compared here may list a
        # finding's later facts in different orders (first-since builds them with
        # an unordered list(DISTINCT ...)).
        related = {named_fact(rel): rel for rel in result.get("relatedLocations", [])}
        assert sorted(related) == sorted(fact_ids[1:])
        for fact_id, rel in related.items():
            assert fact_line_holds(root, rel, fact_id)
            for f in finding["facts"]:
                if f["id"] == fact_id:
                    for evidence in f["evidence"]:
                        assert f"“{evidence['quote']}”" in rel["message"]["text"]
        if finding["verdict"]:
            [suppression] = result["suppressions"]
            assert suppression["kind"] == "external"
            assert suppression["justification"].startswith(finding["verdict"])
        else:
            assert "suppressions" not in result


def test_real_corpus_is_valid_sarif_on_the_fact_lines(
    project: Project, validator: Validator, tmp_path: Path
) -> None:
    db = str(tmp_path / "corpus.duckdb")
    built = project.factdb("build", "--facts", str(ROOT / "facts"), "--db", db)
    assert built.returncode == 0, built.stderr
    code, log = run_json(project, "check", "--db", db, "--format", "sarif")
    _, report = run_json(project, "check", "--db", db, "--format", "json")
    assert code == 0  # every error finding of the corpus is reviewed
    assert_valid(validator, log)
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["tool"]["driver"]["name"] == "factdb"
    assert report["findings"] and all(f["verdict"] for f in report["findings"])
    assert_matches_report(log, report, ROOT)


def conflicting_corpus() -> dict[str, Any]:
    data = minimal_corpus()
    m1 = data["facts"][0]
    quote = [{"source": "art", "quote": "Officials met in Beijing on Monday"}]
    data["facts"] += [
        {**m1, "id": "m2", "duration": {"value": 35, "unit": "minute"}, "evidence": quote},
        {**m1, "id": "m3", "duration": {"value": 1, "unit": "day"}, "evidence": quote},
    ]
    data["reviews"] = [
        {
            "finding": "duration-conflict:talks:m1:m2",
            "verdict": "confirmed conflict",
            "note": "they disagree",
        },
        {"finding": "duration-conflict:talks:x:y", "verdict": "false positive", "note": "long gone"},
    ]
    return data


def test_unreviewed_conflict_fails_and_only_reviewed_findings_are_suppressed(
    project: Project, validator: Validator
) -> None:
    project.write("corpus.yaml", conflicting_corpus())
    assert project.factdb("build").returncode == 0
    code, log = run_json(project, "check", "--format", "sarif")
    _, report = run_json(project, "check", "--format", "json")
    assert code == 1  # the exit code does not depend on the format
    assert_valid(validator, log)
    assert_matches_report(log, report, project.root)
    [run] = log["runs"]
    suppressed = {r["partialFingerprints"][FINGERPRINT] for r in run["results"] if "suppressions" in r}
    assert suppressed == {"duration-conflict:talks:m1:m2"}
    assert len(run["results"]) == 3  # m1-m2, m1-m3, m2-m3
    notes = run["invocations"][0]["toolExecutionNotifications"]
    idle = {c["id"] for c in report["checks"] if c["status"] == "examined nothing"}
    assert idle and {n["associatedRule"]["id"] for n in notes if "associatedRule" in n} == idle
    [stale] = [n for n in notes if "stale review" in n["message"]["text"]]
    assert "duration-conflict:talks:x:y" in stale["message"]["text"]
    assert stale["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "facts/corpus.yaml"


def test_sarif_is_for_check_alone(project: Project) -> None:
    project.write("corpus.yaml", minimal_corpus())
    for args in (("validate",), ("build",), ("query", "select 1")):
        assert project.factdb(*args, "--format", "sarif").returncode == 2, args


def test_paths_outside_the_project_and_unlocated_findings(validator: Validator) -> None:
    ref = FactRef("f1", "figure", "/srv/corpus one/facts/a.yaml", 3, None, "ref", "a quote")
    report = CheckReport(
        findings=[
            Finding("c", "info", "c:1", "located", [ref]),
            Finding("c", "info", "c:2", "its facts are gone", []),
        ],
        checks=[CheckStat("c", "info", ("t",), "A check.", 2, 2, "Because.")],
    )
    log = sarif_log(report, "1.2.3")
    assert_valid(validator, log)
    [run] = log["runs"]
    located, unlocated = run["results"]
    artifact = located["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "file:///srv/corpus%20one/facts/a.yaml"}
    assert located["level"] == "note" and "locations" not in unlocated
    assert run["tool"]["driver"]["rules"][0]["fullDescription"]["text"] == "Because."
