"""`factdb show ID`: every claim about one id, from every article, with quotes and findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Project, minimal_corpus


def _show(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "FACTDB_PROJECT": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "factdb.loader", "show", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
    )


def _json(db: Path, id: str) -> dict[str, Any]:
    out = _show(db, id, "--format", "json")
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def test_a_person_shows_every_claim_from_every_article_with_findings(corpus_db: Path) -> None:
    data = _json(corpus_db, "wang-yi")
    assert data["kind"] == "person" and data["row"]["name"] == "Wang Yi"
    articles = {m["article"] for m in data["facts"]}
    # Wang Yi appears in the 2023 blog, the 2023 BBC piece and the 2024 article.
    assert {"blog-2023-blinken-xi", "bbc-2023-blinken-xi", "mt-2024-blinken-xi-friday"} <= articles
    for m in data["facts"]:
        assert m["quotes"], m["id"]
        assert m["file"].startswith("facts/") and m["line"] > 0
    checks = {f["check"] for f in data["findings"]}
    assert "single-holder-overlap" in checks
    assert all(f["key"] and f["facts"] for f in data["findings"])


def test_an_occurrence_shows_the_accounts_that_disagree(corpus_db: Path) -> None:
    data = _json(corpus_db, "blinken-xi-meeting-2023")
    assert data["kind"] == "occurrence"
    kinds = {m["kind"] for m in data["facts"]}
    assert "meeting" in kinds
    assert "duration-conflict" in {f["check"] for f in data["findings"]}


def test_a_fact_shows_its_own_quotes(project: Project) -> None:
    project.write("corpus.yaml", minimal_corpus())
    assert project.factdb("build").returncode == 0
    data = _json(project.db, "m1")
    assert data["kind"] == "meeting"
    (own,) = [m for m in data["facts"] if m["id"] == "m1"]
    assert own["fields"] == ["id"]
    assert [q["quote"] for q in own["quotes"]] == ["The meeting lasted about five hours"]


def test_the_table_view_has_quotes_and_locations(project: Project) -> None:
    project.write("corpus.yaml", minimal_corpus())
    assert project.factdb("build").returncode == 0
    out = project.factdb("show", "ann")
    assert out.returncode == 0, out.stderr
    assert "person ann — Ann" in out.stdout
    assert "m1  meeting of talks (participants)  facts/corpus.yaml:" in out.stdout
    assert "“The meeting lasted about five hours”" in out.stdout


@pytest.mark.parametrize(
    ("wanted", "suggested"),
    [
        pytest.param("wang-yy", "wang-yi", id="typo"),
        pytest.param("Wang Yi", "wang-yi", id="a-name-not-an-id"),
    ],
)
def test_an_unknown_id_suggests_the_closest(corpus_db: Path, wanted: str, suggested: str) -> None:
    out = _show(corpus_db, wanted)
    assert out.returncode == 2
    assert repr(wanted) in out.stderr and f"did you mean {suggested}" in out.stderr
    assert "Traceback" not in out.stderr


def test_show_without_a_database_says_to_build(tmp_path: Path) -> None:
    out = _show(tmp_path / "none.duckdb", "wang-yi")
    assert out.returncode == 2 and "build" in out.stderr and "Traceback" not in out.stderr
