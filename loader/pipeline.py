"""The pipeline from fact files to a checked database, stage by stage: what
`factdb validate` and `factdb build` call.

Each stage is a sub-package (read/ -> corpus/ -> build/ -> checks/); this
module only chooses the path (warm when the last build's record holds, else
sharded over the cores, else in one process, which reports every problem)
and hands the build the checks whose findings it stores."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from .build import (
    BuildState,
    NotIncremental,
    build_tables,
    cache_dir,
    code_version,
    db_identity,
    incremental,
    refuse_foreign,
    save_state,
    state_path,
    swap_in,
    write_database,
)
from .checks import CheckReport, StoredFindings, check_database, findings_current, load_checks, select_checks
from .common import Progress, gc_paused, no_progress
from .corpus import count_items, discover, load_corpus
from .read import Stamp, clear_stale_temps, take_discarded

T = TypeVar("T")


@dataclass(frozen=True)
class BuildResult:
    db: Path
    files: int
    counts: dict[str, int]
    # None for a cold build; else how many files a warm build read again
    reread: int | None = None
    # None for a cold build; else the checks a warm build ran again
    rechecked: list[str] | None = None
    # (file, why) of each damaged cache entry or build record discarded and computed again
    discarded: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ValidateResult:
    files: int
    counts: dict[str, int]
    # None when every file was read; else how many files were read again
    reread: int | None = None
    # (file, why) of each damaged cache entry or build record discarded and computed again
    discarded: list[tuple[str, str]] = field(default_factory=list)


def validate(
    facts_dir: Path, db: Path | None = None, progress: Progress = no_progress, cold: bool = False
) -> ValidateResult:
    """Run every stage short of writing; raise InvalidData with all problems.

    With `db`, a database built before: if its build's record still holds,
    only the files changed since are read, as a warm build reads them
    (build/incremental.py); otherwise the whole corpus is, through the cache
    that build left, as with `cold`. Either way nothing is written. The
    result names the damaged cache entries that were discarded."""
    take_discarded()
    result = _validate(facts_dir, db, progress, cold)
    return replace(result, discarded=take_discarded())


def _validate(facts_dir: Path, db: Path | None, progress: Progress, cold: bool) -> ValidateResult:
    facts_dir = facts_dir.resolve()
    cache = cache_dir(db) if db is not None else None
    with gc_paused():
        if db is not None and not cold:
            try:
                return _validate_warm(facts_dir, db, progress)
            except NotIncremental:
                pass
        # Imported only on the cold path: the sharded load brings multiprocessing
        # and pyarrow.compute (40 ms), which warm builds, warm validates and
        # coverage never use.
        from .build.sharded import load_sharded

        loaded = load_sharded(
            facts_dir, _discovered(facts_dir), cache, progress, None, want_tables=False, write_cache=False
        )
        if loaded is not None:
            return ValidateResult(files=loaded.files, counts=loaded.counts)
        corpus = load_corpus(facts_dir, cache_dir=cache, progress=progress, write_cache=False)
    return ValidateResult(files=len(corpus.resolved.files), counts=count_items(corpus.resolved))


def _validate_warm(facts_dir: Path, db: Path, progress: Progress) -> ValidateResult:
    cache = cache_dir(db)
    _, changes = _plan(facts_dir, db, cache, progress)
    files, counts = incremental.warm_validate(facts_dir, db, cache, changes, progress)
    return ValidateResult(files=files, counts=counts, reread=len(changes.changed))


def read_as_built(
    facts_dir: Path,
    db: Path,
    read: Callable[[duckdb.DuckDBPyConnection, incremental.After], T],
    progress: Progress = no_progress,
) -> T:
    """`read` of the database as a build of the facts as they are now would
    write it, writing nothing (incremental.warm_read); NotIncremental where
    only a cold build could tell."""
    facts_dir, cache = facts_dir.resolve(), cache_dir(db)
    with gc_paused():
        _, changes = _plan(facts_dir, db, cache, progress)
        return incremental.warm_read(facts_dir, db, cache, changes, progress, read)


def _plan(
    facts_dir: Path, db: Path, cache: Path, progress: Progress
) -> tuple[BuildState, incremental.Changes]:
    """The last build's state and what changed since (incremental.plan)."""
    if not state_path(cache, db).is_file():
        raise NotIncremental("no record of a previous build")
    progress("plan", 0, 1)
    try:
        found = discover(facts_dir)
        if found.problems:
            raise NotIncremental("a problem finding the fact files")  # the cold build reports it
        return incremental.plan(facts_dir, db, cache, found.files)
    finally:
        progress("plan", 1, 1)  # finished either way: a cold build follows a plan that fails


def _discovered(facts_dir: Path) -> list[tuple[Path, str]]:
    """The fact files for the sharded load; none when discovery found a
    problem, so that the one-process load, which reports it with all the
    others, takes over."""
    found = discover(facts_dir)
    return [] if found.problems else [(Path(path), name) for path, name in found.files]


def build(facts_dir: Path, db: Path, progress: Progress = no_progress, cold: bool = False) -> BuildResult:
    """Load the corpus and, only if it is wholly valid, replace the database.

    When the last build left a record of what it read, only the files that
    changed since are read (build/incremental.py); whatever that path cannot
    vouch for is built cold, from every file. A fact file counts as unchanged
    while its size and mtime are those recorded; `cold` trusts no stat and
    reads every file (its cached result is still keyed by its bytes). The
    result names the damaged cache entries that were discarded."""
    take_discarded()
    result = _build(facts_dir, db, progress, cold)
    return replace(result, discarded=take_discarded())


def _build(facts_dir: Path, db: Path, progress: Progress, cold: bool) -> BuildResult:
    refuse_foreign(db)  # before the load, not after it; swap_in checks again
    facts_dir = facts_dir.resolve()
    cache = cache_dir(db)
    clear_stale_temps(cache)  # of builds that died writing
    # Paused across every stage: re-enabled between them, the collector would
    # make one full pass over the whole corpus for nothing (0.7 s at 100k facts).
    with gc_paused():
        try:
            if cold:
                raise NotIncremental("asked for a cold build")
            return _build_warm(facts_dir, db, cache, progress)
        except NotIncremental:
            pass
        from .build.sharded import load_sharded  # the cold path only (see validate)

        started_ns = time.time_ns()
        stamps: dict[str, Stamp] = {}
        loaded = load_sharded(facts_dir, _discovered(facts_dir), cache, progress, stamps, want_tables=True)
        if loaded is not None and loaded.tables is not None:
            files, counts, seeds, tables = loaded.files, loaded.counts, loaded.seeds, loaded.tables
            del loaded
        else:
            # Too small to share out, or it has problems: this way reports them.
            files, counts, seeds, tables = _load_in_process(facts_dir, cache, progress, stamps)
        write_database(tables, db, StoredFindings(load_checks()), progress)
    state = BuildState(code_version(), str(facts_dir), started_ns, stamps, seeds, db_identity(db))
    save_state(state_path(cache, db), state)
    return BuildResult(db=db, files=files, counts=counts)


def _load_in_process(
    facts_dir: Path, cache: Path, progress: Progress, stamps: dict[str, Stamp]
) -> tuple[int, dict[str, int], dict[str, tuple[str, Stamp]], list[tuple[str, Any]]]:
    corpus = load_corpus(facts_dir, cache_dir=cache, progress=progress, stamps=stamps)
    r = corpus.resolved
    seeds = {
        article: (r.items[article].model.seed, stamp) for article, stamp in corpus.verified.seeds.items()
    }
    files, counts = len(r.files), count_items(r)
    progress("tables", 0, 2)  # the Arrow tables; write_database reports their copy into DuckDB
    tables = build_tables(corpus)
    # The models are done with: at a million facts they are 4 GB that
    # DuckDB's copy of the tables would otherwise come on top of.
    del corpus, r
    return files, counts, seeds, tables


def _build_warm(facts_dir: Path, db: Path, cache: Path, progress: Progress) -> BuildResult:
    state, changes = _plan(facts_dir, db, cache, progress)
    if not changes.changed and not changes.removed and findings_current(db, load_checks()):
        # Nothing to write: the database already is what a build would make,
        # and its record too unless a file's stamp was refreshed (a racy
        # mtime settled, a same-size edit undone): a read-only checkout builds.
        if changes.restamped:
            state.files = changes.stamps
            save_state(state_path(cache, db), state)
        return BuildResult(
            db=db, files=len(changes.stamps), counts=incremental.db_counts(db), reread=0, rechecked=[]
        )
    result, new_state = swap_in(
        db,
        lambda tmp: incremental.warm_build(
            facts_dir, db, tmp, cache, state, changes, StoredFindings(load_checks()), progress
        ),
    )
    progress("write", 1, 1)
    new_state.db = db_identity(db)
    save_state(state_path(cache, db), new_state)
    return BuildResult(
        db=db, files=result.files, counts=result.counts, reread=result.reread, rechecked=result.rechecked
    )


def build_and_check(
    facts_dir: Path, db: Path, select: list[str] | None = None, exclude: list[str] | None = None
) -> tuple[BuildResult, CheckReport]:
    """Build, then check the new database: hook runners (pre-commit) exec one
    command, and a check of a database older than the facts would pass stale."""
    select_checks(load_checks(), select, exclude)  # a misspelt --select fails before a build, not after
    built = build(facts_dir, db)
    return built, check_database(db, select, exclude)
