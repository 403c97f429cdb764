"""Reviews: a verdict on a finding keeps `check` green, stays visible, and goes stale."""

from __future__ import annotations

import json
from typing import Any

from ..conftest import Project
from .cases.corpus import REF, base, hours, meeting

KEY = "duration-conflict:m1:a:b"


def corpus(reviews: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data = base()
    data["facts"] = [
        {k: v for k, v in meeting("a", hours(5, "about")).items() if v is not None},
        {k: v for k, v in meeting("b", {"value": 35, "unit": "minute"}, REF).items() if v is not None},
    ]
    if reviews is not None:
        data["reviews"] = reviews
    return data


def setup(project: Project, reviews: list[dict[str, Any]] | None = None) -> None:
    from .cases.corpus import TEXT

    project.seed("art.txt", TEXT)
    project.write("corpus.yaml", corpus(reviews))
    assert project.factdb("build").returncode == 0


def test_unreviewed_error_fails_check_and_shows_both_sides(project: Project) -> None:
    setup(project)
    proc = project.factdb("check")
    assert proc.returncode == 1
    assert "error duration-conflict" in proc.stdout and f"key: {KEY}" in proc.stdout
    assert (
        "facts/corpus.yaml:" in proc.stdout
        and "“Officials met in Beijing”" in proc.stdout
        and "“the record says”" in proc.stdout
    )


def test_reviewed_finding_passes_but_stays_visible(project: Project) -> None:
    setup(project, [{"finding": KEY, "verdict": "confirmed conflict", "note": "the articles disagree"}])
    proc = project.factdb("check", "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    [finding] = out["findings"]
    assert finding["key"] == KEY and finding["verdict"] == "confirmed conflict"
    assert {c["id"] for c in out["checks"]} >= {"duration-conflict", "weekday-mismatch"}
    assert all({"examined", "findings", "status"} <= set(c) for c in out["checks"])
    stored = project.factdb("query", "select key, verdict from findings", "--format", "json")
    assert json.loads(stored.stdout) == [{"key": KEY, "verdict": "confirmed conflict"}]


def test_stale_review_is_reported(project: Project) -> None:
    setup(project, [{"finding": "duration-conflict:m1:x:y", "verdict": "false positive", "note": "old"}])
    proc = project.factdb("check", "--format", "json")
    assert json.loads(proc.stdout)["stale_reviews"][0]["finding"] == "duration-conflict:m1:x:y"


def test_select_and_exclude(project: Project) -> None:
    setup(project)
    assert project.factdb("check", "--exclude", "duration-conflict").returncode == 0
    proc = project.factdb("check", "--select", "interval", "--format", "json")
    assert {c["id"] for c in json.loads(proc.stdout)["checks"]} == {"duration-conflict", "figure-conflict"}
    bad = project.factdb("check", "--select", "no-such-check")
    assert bad.returncode == 2 and "no check or tag named 'no-such-check'" in bad.stderr


def test_strict_makes_warnings_fail(project: Project) -> None:
    from .cases.corpus import ART, TEXT, visit

    project.seed("art.txt", TEXT)
    data = base()
    data["facts"] = [
        visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
        visit("b", "v1", destination="beijing", arrive={"date": "2023-06-18", "part_of_day": "morning"}),
    ]
    project.write("corpus.yaml", data)
    assert project.factdb("build").returncode == 0
    assert project.factdb("check").returncode == 0
    assert project.factdb("check", "--strict").returncode == 1
