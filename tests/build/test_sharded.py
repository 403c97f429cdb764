"""A cold load shared out over workers (loader/build/sharded.py) writes the very
database, rows in the same order, that the single-process load writes; any
problem anywhere, one that only the whole corpus shows included, is reported
exactly as the single-process load reports it."""

from __future__ import annotations

import copy
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.build import cache_dir, sharded
from factdb.loader.build.sharded import ShardedLoad, WorkerFailed, deal
from factdb.loader.build.state import load_state, state_path
from factdb.loader.common import InvalidData
from factdb.loader.pipeline import build, validate
from factdb.loader.read import fast_reader
from hypothesis import example, given
from hypothesis import strategies as st

from ..conftest import ROOT, Project
from .test_incremental import corpus, write_all

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

# DuckDB stores the findings from several threads: their row order differs
# between two single-process builds as well.
UNORDERED = {"findings", "finding_facts"}


def ordered_dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        rows = {t: con.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    return {t: sorted(r, key=repr) if t in UNORDERED else r for t, r in rows.items()}


Outcomes = list[ShardedLoad | None]


@pytest.fixture
def shared_out(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Outcomes]]:
    """Calling it makes every later load go to that many workers, however
    small the corpus, in chunks of that many files; it returns what each
    sharded attempt gave."""
    outcomes: Outcomes = []
    real = sharded.load_sharded

    def spy(*args: Any, **kwargs: Any) -> ShardedLoad | None:
        out = real(*args, **kwargs)
        outcomes.append(out)
        return out

    def share(workers: int, chunk_files: int = 1) -> Outcomes:
        monkeypatch.setattr(sharded, "PARALLEL_MIN_BYTES", 0)
        # One file to a chunk: rows of many chunks to put back in order.
        monkeypatch.setattr(sharded, "CHUNK_FILES", chunk_files)
        monkeypatch.setattr(sharded, "worker_count", lambda: workers)
        monkeypatch.setattr(sharded, "load_sharded", spy)
        return outcomes

    yield share


def in_process(run: Callable[[], Any]) -> Any:
    """`run` with every load in the main process, as a small corpus loads."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(sharded, "load_sharded", lambda *args, **kwargs: None)
        return run()


def with_reviews(files: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Reviews and drafts in files that land with different workers, in an order
    that only a sort by finding (id), file and line restores."""
    files = copy.deepcopy(files)
    fact = files["b/others.yaml"]["facts"][0]
    files["a.yaml"]["drafts"] = [{**fact, "id": "z-draft"}]
    files["b/others.yaml"]["drafts"] = [{**fact, "id": "a-draft"}, {**fact, "id": "z-draft"}]
    files["a.yaml"]["reviews"] = [{"finding": "z-check:one", "verdict": "confirmed conflict", "note": "a"}]
    files["b/others.yaml"]["reviews"] = [
        {"finding": "a-check:two", "verdict": "false positive", "note": "b"},
        {"finding": "m-check:three", "verdict": "confirmed conflict", "note": "c"},
    ]
    return files


def same_builds(project: Project, outcomes: Outcomes) -> None:
    shared = project.root / "shared" / "factdb.duckdb"
    single = project.root / "single" / "factdb.duckdb"
    result = build(project.facts, shared)
    assert len(outcomes) == 1 and outcomes[0] is not None, "the load was not shared out"
    expected = in_process(lambda: build(project.facts, single))
    assert (result.files, result.counts) == (expected.files, expected.counts)
    assert ordered_dump(shared) == ordered_dump(single)
    a = load_state(state_path(cache_dir(shared), shared))
    b = load_state(state_path(cache_dir(single), single))
    assert a is not None and b is not None
    assert (a.files, a.seeds) == (b.files, b.seeds)


@pytest.mark.parametrize("workers", [2, 3])
def test_files_citing_each_other_across_workers_build_the_same_database(
    project: Project, shared_out: Callable[..., Outcomes], workers: int
) -> None:
    """b/others.yaml quotes the article of a.yaml, resolves its relative dates
    against that article's day and nests a meeting in entities.yaml's summit:
    with two workers, all of that crosses from one to the other."""
    write_all(project, with_reviews(corpus()))
    same_builds(project, shared_out(workers))
    with duckdb.connect(str(project.root / "shared" / "factdb.duckdb"), read_only=True) as con:
        drafts = con.execute("SELECT id, file FROM drafts").fetchall()
    assert drafts == [
        ("a-draft", "facts/b/others.yaml"),
        ("z-draft", "facts/a.yaml"),
        ("z-draft", "facts/b/others.yaml"),
    ]


@pytest.mark.parametrize("chunk_files", [1, 5, 256])
def test_a_generated_corpus_builds_the_same_database(
    tmp_path: Path, shared_out: Callable[..., Outcomes], chunk_files: int
) -> None:
    generate(1_500, tmp_path / "g")
    project = Project.__new__(Project)
    project.root, project.facts = tmp_path, tmp_path / "g" / "facts"
    same_builds(project, shared_out(2, chunk_files))


def test_the_repository_corpus_builds_the_same_database(
    tmp_path: Path, shared_out: Callable[..., Outcomes]
) -> None:
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    project = Project.__new__(Project)
    project.root, project.facts = tmp_path, tmp_path / "facts"
    same_builds(project, shared_out(2))


def test_validate_counts_the_same(project: Project, shared_out: Callable[..., Outcomes]) -> None:
    write_all(project, corpus())
    outcomes = shared_out(2)
    result = validate(project.facts)
    assert outcomes and outcomes[0] is not None
    assert result == in_process(lambda: validate(project.facts))


def test_a_shared_out_validate_scans_for_no_position(
    project: Project, shared_out: Callable[..., Outcomes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positions are for the tables and for problems: a validate of a valid
    corpus never scans for them, while a build does."""
    write_all(project, corpus())
    expected = in_process(lambda: validate(project.facts))
    outcomes = shared_out(2)

    def scan(*args: Any) -> None:
        raise AssertionError("the positions were scanned for")

    monkeypatch.setattr(fast_reader, "_positions", scan)
    assert validate(project.facts) == expected
    assert outcomes and outcomes[0] is not None
    with pytest.raises(WorkerFailed, match="the positions were scanned for"):
        build(project.facts, project.root / "s" / "factdb.duckdb")


def test_a_shared_out_build_reports_every_stage_in_order(
    project: Project, shared_out: Callable[..., Outcomes]
) -> None:
    write_all(project, corpus())
    shared_out(2)
    calls: list[tuple[str, int, int]] = []
    build(project.facts, project.db, progress=lambda *call: calls.append(call))
    stages = ["read", "resolve", "verify", "tables", "checks", "write"]
    assert list(dict.fromkeys(stage for stage, _, _ in calls)) == stages
    for stage in stages:
        mine = [(done, total) for s, done, total in calls if s == stage]
        assert mine[0][0] == 0 and mine[-1][0] == mine[-1][1], stage
        assert [d for d, _ in mine] == sorted(d for d, _ in mine), stage
    assert [c for c in calls if c[0] == "read"][-1] == ("read", 3, 3)


Files = dict[str, Any]


def _person_in_two_workers(files: Files) -> None:
    files["b/others.yaml"]["people"] = [{"id": "ann", "name": "Ann again"}]


def _fact_in_two_workers(files: Files) -> None:
    files["b/others.yaml"]["facts"][1]["id"] = "m1"


def _fact_named_as_an_occurrence(files: Files) -> None:
    # One that no file names: only the index of every id tells the two apart.
    files["b/others.yaml"]["facts"][1]["id"] = "spare"


def _reviewed_in_two_workers(files: Files) -> None:
    review = {"finding": "duration-conflict:x", "verdict": "false positive", "note": "one"}
    files["a.yaml"]["reviews"] = [review]
    files["b/others.yaml"]["reviews"] = [{**review, "note": "two"}]


def _cycle_across_workers(files: Files) -> None:
    files["entities.yaml"]["places"][0]["parent"] = "district"
    files["b/others.yaml"]["places"] = [{"id": "district", "name": "D", "type": "city", "parent": "beijing"}]


def _nesting_cycle_across_workers(files: Files) -> None:
    files["a.yaml"]["facts"][0]["part_of"] = "summit"
    files["b/others.yaml"]["facts"][0].update(of="summit", part_of="talks")


def _unknown_id(files: Files) -> None:
    files["b/others.yaml"]["facts"][1]["speaker"] = "bobb"


def _wrong_kind_across_workers(files: Files) -> None:
    files["b/others.yaml"]["facts"][0]["of"] = "spare"


def _quote_not_in_the_other_workers_article(files: Files) -> None:
    files["b/others.yaml"]["facts"][1]["evidence"][0]["quote"] = "Trade reached nearly $9 billion"


def _unparsable(files: Files) -> None:
    files["b/others.yaml"] = "facts: [\n  {id: x"


def _unknown_key(files: Files) -> None:
    files["b/others.yaml"]["facts"][1]["sayd"] = "x"


def _seed_changed(project: Project) -> None:
    (project.seeds / "art.txt").write_text("Another text altogether.\n", encoding="utf-8")


BAD: list[tuple[str, Callable[[Files], None]]] = [
    ("person-in-two-workers", _person_in_two_workers),
    ("fact-in-two-workers", _fact_in_two_workers),
    ("fact-named-as-an-occurrence", _fact_named_as_an_occurrence),
    ("reviewed-in-two-workers", _reviewed_in_two_workers),
    ("place-cycle-across-workers", _cycle_across_workers),
    ("nesting-cycle-across-workers", _nesting_cycle_across_workers),
    ("unknown-id", _unknown_id),
    ("wrong-kind-across-workers", _wrong_kind_across_workers),
    ("quote-not-in-the-other-workers-article", _quote_not_in_the_other_workers_article),
    ("unparsable", _unparsable),
    ("unknown-key", _unknown_key),
]


def _problems(run: Callable[[], Any]) -> list[str]:
    with pytest.raises(InvalidData) as error:
        run()
    return [p.render() for p in error.value.problems]


@pytest.mark.parametrize("case", [c for _, c in BAD] + [None], ids=[i for i, _ in BAD] + ["seed-changed"])
def test_a_problem_is_reported_as_the_single_process_load_reports_it(
    project: Project, shared_out: Callable[..., Outcomes], case: Callable[[Files], None] | None
) -> None:
    files = corpus()
    if case is None:
        _seed_changed(project)
    else:
        case(files)
    write_all(project, files)
    outcomes = shared_out(2)
    shared = _problems(lambda: build(project.facts, project.root / "s" / "factdb.duckdb"))
    assert outcomes == [None], "the sharded load vouched for a corpus with a problem"
    assert shared == in_process(
        lambda: _problems(lambda: build(project.facts, project.root / "p" / "x.duckdb"))
    )
    assert shared == _problems(lambda: validate(project.facts))


def _first_build_then_break(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    shared_out: Callable[..., Outcomes],
    fault: Callable[..., Any],
) -> bytes:
    write_all(project, corpus())
    shared_out(2)
    build(project.facts, project.db)
    before = project.db.read_bytes()
    shutil.rmtree(cache_dir(project.db))  # no state: the next build is cold
    monkeypatch.setattr(sharded, "build_tables", fault)
    return before


def test_a_worker_that_raises_fails_the_build_with_its_traceback(
    project: Project, monkeypatch: pytest.MonkeyPatch, shared_out: Callable[..., Outcomes]
) -> None:
    def fault(*args: Any) -> Any:
        raise RuntimeError("boom in a worker")

    before = _first_build_then_break(project, monkeypatch, shared_out, fault)
    with pytest.raises(WorkerFailed, match="boom in a worker"):
        build(project.facts, project.db)
    assert project.db.read_bytes() == before


def test_a_worker_that_dies_fails_the_build(
    project: Project, monkeypatch: pytest.MonkeyPatch, shared_out: Callable[..., Outcomes]
) -> None:
    def fault(*args: Any) -> Any:
        os._exit(3)

    before = _first_build_then_break(project, monkeypatch, shared_out, fault)
    with pytest.raises(WorkerFailed, match="ended without a word"):
        build(project.facts, project.db)
    assert project.db.read_bytes() == before


@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=200), st.integers(2, 4))
@example(sizes=[48_000] * 10 + [11_800_000], workers=2)  # the generated corpus: one big entities file
@example(sizes=[0, 0, 0], workers=3)
def test_dealing_gives_every_file_once_and_evens_the_bytes(sizes: list[int], workers: int) -> None:
    files = [(Path(f"{n}.yaml"), f"facts/{n}.yaml") for n in range(len(sizes))]
    shards = deal(files, sizes, workers)
    assert sorted(f for shard in shards for f in shard) == sorted(files)
    loads = [sum(sizes[int(name[6:-5])] for _, name in shard) for shard in shards]
    assert max(loads) - min(loads) <= max(sizes)
    for shard in shards:  # largest first: a big file is not left to the end
        mine = [sizes[int(name[6:-5])] for _, name in shard]
        assert mine == sorted(mine, reverse=True)
