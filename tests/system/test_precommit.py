""".pre-commit-hooks.yaml: each hook execs a real `factdb` command, runs on fact
files only, and `factdb check --build` (the check hook's one command) builds, then checks."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import ROOT, Project, minimal_corpus

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"


def hooks() -> list[dict[str, Any]]:
    data = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def by_id(hook_id: str) -> dict[str, Any]:
    [hook] = [h for h in hooks() if h["id"] == hook_id]
    return hook


def test_hooks_file_declares_both_hooks() -> None:
    assert [h["id"] for h in hooks()] == ["factdb-validate", "factdb-check"]
    for h in hooks():
        # pre-commit requires these keys; the rest is how factdb must be run.
        assert {"id", "name", "entry", "language"} <= set(h)
        assert h["language"] == "python"
        # The corpus is judged whole: a list of staged files would mean nothing to it.
        assert h["pass_filenames"] is False


@pytest.mark.parametrize("hook_id", ["factdb-validate", "factdb-check"])
def test_files_pattern_is_fact_files(hook_id: str) -> None:
    pattern = re.compile(by_id(hook_id)["files"])
    # pre-commit matches with re.search against repository-relative paths.
    for path in ("facts/articles/x.yaml", "facts/x.yml", "facts/background/events.yaml"):
        assert pattern.search(path), path
    for path in ("seeds/000.txt", "docs/facts/x.yaml", "facts/x.yaml.bak", "README.md"):
        assert not pattern.search(path), path


@pytest.mark.parametrize("hook_id", ["factdb-validate", "factdb-check"])
def test_entry_is_a_real_command(hook_id: str, project: Project) -> None:
    argv = shlex.split(by_id(hook_id)["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert argv[0] in scripts  # the console script that `language: python` installs
    # --help parses every option of the entry, so an unknown command or flag fails here.
    proc = project.factdb(*argv[1:], "--help")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"Usage: factdb {argv[1]} ")


def run_entry(project: Project, hook_id: str) -> Any:
    return project.factdb(*shlex.split(by_id(hook_id)["entry"])[1:])


def test_check_hook_builds_then_passes_on_a_clean_corpus(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    assert not project.db.exists()
    proc = run_entry(project, "factdb-check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert project.db.is_file() and "built " in proc.stdout and "finding(s)" in proc.stdout
    assert run_entry(project, "factdb-validate").returncode == 0


def test_check_hook_fails_on_an_unreviewed_conflict_even_with_an_old_clean_database(
    project: Project,
) -> None:
    data = minimal_corpus()
    project.write("one.yaml", data)
    assert project.factdb("build").returncode == 0
    m2 = {**data["facts"][0], "id": "m2", "duration": {"value": 35, "unit": "minute"}}
    m2["evidence"] = [{"source": "art", "quote": "Officials met in Beijing"}]
    data["facts"].append(m2)
    project.write("one.yaml", data)
    # The database built before the edit is clean; only a build first sees the conflict.
    assert project.factdb("check").returncode == 0
    proc = run_entry(project, "factdb-check")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "duration-conflict:talks:m1:m2" in proc.stdout


def test_check_hook_fails_on_invalid_facts_and_keeps_the_old_database(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    assert project.factdb("build").returncode == 0
    before = project.db.read_bytes()
    project.write("bad.yaml", "facts:\n  - id: x\n    kind: nonsense\n")
    for hook_id in ("factdb-validate", "factdb-check"):
        proc = run_entry(project, hook_id)
        assert proc.returncode == 1, (hook_id, proc.stdout, proc.stderr)
        assert "facts/bad.yaml:" in proc.stderr
    assert project.db.read_bytes() == before


def test_check_build_takes_facts_and_db(project: Project, tmp_path: Path) -> None:
    project.write("one.yaml", minimal_corpus())
    db = tmp_path / "elsewhere" / "x.duckdb"
    proc = project.factdb("check", "--build", "--facts", str(project.facts), "--db", str(db), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert db.is_file() and proc.stdout.lstrip().startswith("{")  # json stays pure JSON


def test_facts_without_build_is_a_usage_error(project: Project) -> None:
    proc = project.factdb("check", "--facts", str(project.facts))
    assert proc.returncode == 2 and "--facts needs --build" in proc.stderr


def test_misspelt_select_fails_before_building(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    proc = project.factdb("check", "--build", "--select", "no-such-check")
    assert proc.returncode == 2 and "no-such-check" in proc.stderr
    assert not project.db.exists()
