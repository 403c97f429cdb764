"""Validate after a build: only the files changed since are read, and checked
against the rest of the corpus as the database holds it. The answer is the
one a validate of every file gives, problems included, and nothing is
written: not the database, not its record, not the cache."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

import duckdb
import pytest
from factdb.loader.build import incremental
from factdb.loader.common import InvalidData
from factdb.loader.pipeline import ValidateResult, build, validate
from factdb.loader.read import file_cache
from hypothesis import given
from hypothesis import strategies as st

from ..conftest import ARTICLE_TEXT, Project
from .test_incremental import BAD, EDITS, Edit, each_edit, edit_seed, edits, padded, review_in, write_all

Outcome = tuple[int, dict[str, int]] | list[str]


def outcome(run: Callable[[], ValidateResult]) -> Outcome:
    """What a user is told: the files and counts, or every problem as printed."""
    try:
        result = run()
    except InvalidData as e:
        return [p.render() for p in e.problems]
    return result.files, result.counts


def every_file(project: Project) -> Outcome:
    """validate with no database to start from: every file read."""
    return outcome(lambda: validate(project.facts))


def written(project: Project) -> dict[str, tuple[int, str]]:
    """Every file beside the facts and seeds, with its mtime and digest."""
    return {
        p.relative_to(project.root).as_posix(): (
            p.stat().st_mtime_ns,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(project.root.rglob("*"))
        if p.is_file() and p.relative_to(project.root).parts[0] not in ("facts", "seeds")
    }


@pytest.fixture
def built(project: Project) -> tuple[Project, dict[str, dict[str, Any]]]:
    files = padded()
    write_all(project, files)
    build(project.facts, project.db)
    return project, files


def edited(built: tuple[Project, dict[str, dict[str, Any]]], edit: Edit) -> tuple[Project, dict[str, Any]]:
    """The built project after `edit`, and what was written beside its facts."""
    project, files = built
    edit(project, files)
    write_all(project, files)
    return project, written(project)


@pytest.mark.parametrize(("edit", "warm_path"), [(e, w) for _, e, w in EDITS], ids=[i for i, _, _ in EDITS])
def test_an_edit_validates_as_every_file_does(
    built: tuple[Project, dict[str, dict[str, Any]]], edit: Edit, warm_path: bool
) -> None:
    project, before = edited(built, edit)
    result = validate(project.facts, project.db)
    if warm_path:
        assert result.reread is not None and result.reread <= 1
    else:
        assert result.reread is None
    assert (result.files, result.counts) == every_file(project)
    assert written(project) == before


@pytest.mark.parametrize(("edit", "code"), [(e, c) for _, e, c in BAD], ids=[i for i, _, _ in BAD])
def test_a_bad_edit_is_reported_as_every_file_reports_it(
    built: tuple[Project, dict[str, dict[str, Any]]], edit: Edit, code: str
) -> None:
    project, before = edited(built, edit)
    warm = outcome(lambda: validate(project.facts, project.db))
    assert warm == every_file(project)
    assert isinstance(warm, list) and any(f"[{code}" in line for line in warm), warm
    assert written(project) == before
    if edit is edit_seed:
        (project.seeds / "art.txt").write_text(ARTICLE_TEXT, encoding="utf-8")


def test_a_finding_reviewed_again_beside_an_unchanged_review_is_reported(
    built: tuple[Project, dict[str, dict[str, Any]]],
) -> None:
    """Only the whole corpus has two reviews: the database holds the unchanged one."""
    project, files = built
    review_in(project, files, "r.yaml", "one")
    build(project.facts, project.db)
    review_in(project, files, "s.yaml", "two")
    with pytest.raises(InvalidData) as error:
        validate(project.facts, project.db)
    assert [(p.file, p.code) for p in error.value.problems] == [("facts/s.yaml", "review.duplicate")]


def move_a_fact(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["b/others.yaml"]["facts"].append(f["a.yaml"]["facts"].pop())


def swap_fact_ids(p: Project, f: dict[str, dict[str, Any]]) -> None:
    a, b = f["a.yaml"]["facts"][-1], f["b/others.yaml"]["facts"][-1]
    a["id"], b["id"] = b["id"], a["id"]


def move_a_person_and_add_a_file(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["pad/0.yaml"]["people"].append(f["pad/1.yaml"]["people"].pop())
    f["pad/8.yaml"] = {
        "reviews": [{"finding": "duration-conflict:x", "verdict": "false positive", "note": "n"}]
    }


def move_the_article(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["pad/2.yaml"]["articles"] = f["a.yaml"].pop("articles")


@pytest.mark.parametrize(
    "edit",
    [move_a_fact, swap_fact_ids, move_a_person_and_add_a_file, move_the_article],
    ids=lambda e: e.__name__,
)
def test_an_edit_of_several_files_validates_as_every_file_does(
    built: tuple[Project, dict[str, dict[str, Any]]], edit: Edit
) -> None:
    """Ids that move between changed files: the database's rows of every
    changed file are set aside, the files' new rows put in their place."""
    project, files = built
    edit(project, files)
    write_all(project, files)
    before = written(project)
    result = validate(project.facts, project.db)
    assert result.reread is not None and result.reread >= 2
    assert (result.files, result.counts) == every_file(project)
    assert written(project) == before


def test_nothing_changed_reads_nothing(built: tuple[Project, dict[str, dict[str, Any]]]) -> None:
    project, files = built
    write_all(project, files)  # the same bytes again: new mtimes, same content
    before = written(project)
    result = validate(project.facts, project.db)
    assert result.reread == 0
    assert (result.files, result.counts) == every_file(project)
    assert written(project) == before


def test_without_a_record_every_file_is_read_through_the_cache(
    built: tuple[Project, dict[str, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """New code, say: the build's cached results are still read, and none is added."""
    project, _ = built

    def not_incremental(*args: Any) -> Any:
        raise incremental.NotIncremental("as if factdb's code changed")

    def parsed(raw: bytes, name: str) -> Any:
        raise AssertionError(f"{name} was parsed again: its cached result was not read")

    monkeypatch.setattr(incremental, "plan", not_incremental)
    monkeypatch.setattr(file_cache, "load_one", parsed)
    before = written(project)
    result = validate(project.facts, project.db)
    assert result.reread is None
    monkeypatch.undo()
    assert (result.files, result.counts) == every_file(project)
    assert written(project) == before


def test_a_database_held_open_for_writing_is_not_needed(
    built: tuple[Project, dict[str, dict[str, Any]]],
) -> None:
    """Another program (a DuckDB shell) holds the database: validate reads every file."""
    project, files = built
    files["b/others.yaml"]["facts"][0]["duration"]["value"] = 3
    write_all(project, files)
    con = duckdb.connect(str(project.db))
    try:
        result = validate(project.facts, project.db)
    finally:
        con.close()
    assert result.reread is None
    assert (result.files, result.counts) == every_file(project)


@pytest.mark.slow
@given(st.lists(edits, min_size=1, max_size=4))
def test_any_edits_validate_as_every_file_does(script: list[tuple[str, int, Any]]) -> None:
    """Edits pile up on one build: the files changed since it grow in number."""
    for project in each_edit(script):
        assert outcome(functools.partial(validate, project.facts, project.db)) == every_file(project)
