"""A warm build: only the fact files that changed since the last build are read,
and their rows replace theirs in a copy of the previous database.

A file's rows depend on its own bytes and, of every other file, only on the
ids it names: which section each is in, an occurrence's kind, and for an
article its publication day, its text (fixed by its sha256) and its furniture.
Those are read back from the previous database.  Whatever the warm path cannot
vouch for it hands to a cold build by raising `NotIncremental`: any problem in
a changed file (the cold build reports all of them, located), an id that other
files may name removed or changed, a duplicate id, a containment cycle, a seed
that moved or changed, or factdb's own code changed.  So a warm build writes
exactly the rows a cold build would, and tests hold it to that."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa
from factdb.schema import DRAFTS, ID_SECTIONS, SECTION_TABLES, refs

from ..common import Collector, Progress, stage
from ..corpus import (
    ArticleText,
    Corpus,
    Resolved,
    SeedFinder,
    Verified,
    containment,
    find_cycles,
    normalise,
)
from ..corpus.resolve import resolve
from ..corpus.verify import verify
from ..read import Stamp, ValidFile, load_files
from .edits import Edits, TableEdit
from .state import BuildState, code_version, db_identity, load_state, state_path
from .tables import build_tables
from .write import FindingsWriter

# Above this share of changed files a cold build does less work.
MAX_CHANGED_SHARE = 0.5

# Tables without a `file` column, and the column that says whose row it is.
# Any other table without one is keyed by its fact's id.
OWNED_BY = {
    "furniture": ("article", "gone_articles"),
    "sentences": ("article", "gone_articles"),
    "visit_legs": ("visit", "gone_facts"),
    "fact_dates": ("owner", "gone_facts"),
}


def all_ids(table: Callable[[str], str]) -> str:
    """Every id with its section, kind and file, from the tables `table` names."""
    return " UNION ALL ".join(
        f"SELECT id, '{section}' AS section, {'kind' if section == 'occurrences' else 'NULL'} AS kind, file "
        f"FROM {table(name)}"
        for section, name in SECTION_TABLES.items()
    )


# A table's name -> the SQL of its rows once the changed files' have replaced theirs.
After = Callable[[str], str]
T = TypeVar("T")


class NotIncremental(Exception):
    """Why this build must be cold."""


@dataclass(frozen=True)
class Changes:
    """What differs between the inputs now and those the state recorded."""

    changed: list[tuple[Path, str]]  # files to read again (new or edited), in corpus order
    removed: list[str]  # display names of files that are gone
    stamps: dict[str, Stamp]  # the files that did not change, with their stamps as they are now
    # a stamp differs from the one recorded though the bytes did not (a racy
    # mtime settled, a touched file): the record is worth writing again
    restamped: bool = False


@dataclass(frozen=True)
class WarmResult:
    files: int
    counts: dict[str, int]
    reread: int
    # the checks run again: those that read a column the edit changed
    rechecked: list[str]


def plan(
    facts_dir: Path, db: Path, cache_dir: Path, files: list[tuple[str, str]]
) -> tuple[BuildState, Changes]:
    """The previous build's state and what changed since; NotIncremental if none applies."""
    state = load_state(state_path(cache_dir, db))
    if state is None:
        raise NotIncremental("no record of a previous build")
    if state.version != code_version():
        raise NotIncremental("factdb's code changed")
    if state.facts_dir != str(facts_dir):
        raise NotIncremental("another facts folder")
    if not db.is_file() or state.db != db_identity(db):
        raise NotIncremental("the database is not the one the last build wrote")
    if state.today > dt.date.today().isoformat():
        raise NotIncremental("today is earlier than the last build's day (the clock or time zone moved back)")
    changed: list[tuple[Path, str]] = []
    stamps: dict[str, Stamp] = {}
    for path, name in files:
        old = state.files.get(name)
        now = old.now(path, state.started_ns) if old is not None else None
        if now is None:
            changed.append((Path(path), name))
        else:
            stamps[name] = now
    present = {name for _, name in files}
    removed = sorted(n for n in state.files if n not in present)
    if len(changed) + len(removed) > MAX_CHANGED_SHARE * max(1, len(files)):
        raise NotIncremental("most files changed")
    seeds: dict[str, tuple[str, Stamp]] = {}
    finder = SeedFinder(facts_dir)
    for article, (seed, old) in state.seeds.items():
        found = finder.find_path(seed)
        now = _hashed(old, found) if found is not None else None
        if now is None:
            raise NotIncremental(f"the seed of {article} moved or changed")
        seeds[article] = (seed, now)
    restamped = seeds != state.seeds or any(state.files[name] != stamp for name, stamp in stamps.items())
    state.seeds = seeds
    return state, Changes(changed, removed, stamps, restamped)


def _hashed(old: Stamp, path: str) -> Stamp | None:
    """A seed's stamp as it is now if its bytes are still those recorded, else
    None. Unlike a fact file's, a seed's stat is never trusted: an edit that
    keeps its size and mtime (cp -p, touch -r, rsync, tar) must still fail
    its sha256, and seeds are few and small."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        now = Stamp.of(path, st, fh.read())
    return now if now.path == old.path and now.sha256 == old.sha256 else None


def warm_build(
    facts_dir: Path,
    db: Path,
    tmp: Path,
    cache_dir: Path,
    state: BuildState,
    changes: Changes,
    findings: FindingsWriter,
    progress: Progress,
) -> tuple[WarmResult, BuildState]:
    """Write into `tmp` the database a cold build of the corpus would write, and
    the state that describes it (its `db` filled in once `tmp` is renamed)."""
    started_ns = time.time_ns()
    stamps: dict[str, Stamp] = {}
    valid = _read_changed(changes, cache_dir, progress, stamps, write_cache=True)
    shutil.copyfile(db, tmp)
    con = duckdb.connect(str(tmp))
    try:
        resolved, verified = _against_the_rest(con, facts_dir, valid, changes, progress)
        with stage(progress, "tables"):
            con.execute("BEGIN TRANSACTION")
            corpus = Corpus(facts_dir=facts_dir, resolved=resolved, verified=verified)
            # Reviews too: a kept finding's verdict is read again if they changed.
            changed = _replace_rows(con, corpus, watched=findings.tables_read(con) | {"reviews"})
            _check_integrity(con, resolved, lambda name: name)
        with stage(progress, "checks"):
            rechecked = findings.store(con, changed)
            con.execute("COMMIT")
        counts = _counts(con, lambda name: name)
        replaced = {r[0] for r in con.execute("SELECT id FROM gone_articles").fetchall()}
        progress("write", 0, 1)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    seeds = {a: s for a, s in state.seeds.items() if a not in replaced}
    for article, stamp in verified.seeds.items():
        seeds[article] = (resolved.items[article].model.seed, stamp)
    new_state = BuildState(
        version=state.version,
        facts_dir=state.facts_dir,
        started_ns=started_ns,
        files={**changes.stamps, **stamps},
        seeds=seeds,
    )
    result = WarmResult(
        files=len(changes.stamps) + len(stamps),
        counts=counts,
        reread=len(changes.changed),
        rechecked=rechecked,
    )
    return result, new_state


def warm_read(
    facts_dir: Path,
    db: Path,
    cache_dir: Path,
    changes: Changes,
    progress: Progress,
    read: Callable[[duckdb.DuckDBPyConnection, After], T],
) -> T:
    """`read` of the database a warm build would write, writing nothing: the
    changed files read (through the cache, left as it is) and checked against
    the rest of the corpus as the previous database holds it; `read` is given
    each table as if their rows had replaced theirs. Raises NotIncremental
    wherever a warm build would."""
    valid = _read_changed(changes, cache_dir, progress, None, write_cache=False)
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as e:  # held open for writing by another program
        raise NotIncremental(f"the database cannot be read: {e}") from None
    try:
        if not changes.changed and not changes.removed:
            return read(con, lambda name: name)  # the database is what a build would write
        resolved, verified = _against_the_rest(con, facts_dir, valid, changes, progress)
        with stage(progress, "tables"):
            tables = build_tables(Corpus(facts_dir=facts_dir, resolved=resolved, verified=verified))
            after = _as_if_replaced(con, tables)
            _check_integrity(con, resolved, after)
        return read(con, after)
    finally:
        con.close()


def warm_validate(
    facts_dir: Path, db: Path, cache_dir: Path, changes: Changes, progress: Progress
) -> tuple[int, dict[str, int]]:
    """The files and counts a validate of every file would give (see warm_read)."""
    counts = warm_read(facts_dir, db, cache_dir, changes, progress, _counts)
    return len(changes.stamps) + len(changes.changed), counts


def _read_changed(
    changes: Changes,
    cache_dir: Path,
    progress: Progress,
    stamps: dict[str, Stamp] | None,
    write_cache: bool,
) -> list[ValidFile]:
    valid: list[ValidFile] = []
    for vf, problems in load_files(changes.changed, cache_dir, progress, stamps, write_cache):
        if problems:
            raise NotIncremental("a changed file has problems")
        if vf is not None:
            valid.append(vf)
    return valid


def _against_the_rest(
    con: duckdb.DuckDBPyConnection,
    facts_dir: Path,
    valid: list[ValidFile],
    changes: Changes,
    progress: Progress,
) -> tuple[Resolved, Verified]:
    """The changed files resolved and verified against the ids and articles of
    every other file, as the previous database holds them."""
    gone = [name for _, name in changes.changed] + changes.removed
    con.execute("CREATE TEMP TABLE gone_files AS SELECT unnest($f::VARCHAR[]) AS file", {"f": gone})
    con.execute(
        "CREATE TEMP TABLE gone_facts AS SELECT id FROM fact_index WHERE file IN (SELECT file FROM gone_files)"
    )
    con.execute(
        "CREATE TEMP TABLE gone_articles AS SELECT id FROM articles WHERE file IN (SELECT file FROM gone_files)"
    )
    errors = Collector()
    with stage(progress, "resolve"):
        resolved = _resolve(con, valid, errors)
    with stage(progress, "verify"):
        verified = verify(resolved, facts_dir, errors, texts=_texts(con, resolved))
    if errors:
        raise NotIncremental("a changed file has problems")
    _same_signatures(con, resolved)
    return resolved, verified


def _as_if_replaced(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, pa.Table]]) -> After:
    """Each table's rows as _replace_rows would leave them, without writing:
    the kept rows of the database and the changed files' new rows."""
    relations: dict[str, str] = {}
    for name, table in tables:
        con.register(f"new_{name}", table)
        relations[name] = (
            f"(SELECT * FROM {name} WHERE NOT ({_owned(name, table)}) UNION ALL BY NAME SELECT * FROM new_{name})"
        )
    return relations.__getitem__


def _resolve(con: duckdb.DuckDBPyConnection, valid: list[ValidFile], errors: Collector) -> Resolved:
    """Resolve the changed files against the ids the rest of the corpus defines."""
    own = {str(m.id) for vf in valid for s in ID_SECTIONS for m in getattr(vf.model, s)}
    named = {ref for vf in valid for s in ID_SECTIONS for m in getattr(vf.model, s) for _, ref, _ in refs(m)}
    rows = con.execute(
        f"""SELECT id, section, kind FROM ({all_ids(lambda name: name)})
            WHERE id IN (SELECT unnest($ids::VARCHAR[])) AND file NOT IN (SELECT file FROM gone_files)""",
        {"ids": sorted(named - own)},
    ).fetchall()
    known = {r[0]: (r[1], r[2]) for r in rows}
    articles = sorted(i for i, (section, _) in known.items() if section == "articles")
    anchors: dict[str, dt.date] = dict(
        con.execute(
            "SELECT id, published FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))",
            {"ids": articles},
        ).fetchall()
    )
    return resolve(valid, errors, known=known, anchors=anchors)


def _texts(con: duckdb.DuckDBPyConnection, resolved: Resolved) -> dict[str, ArticleText]:
    """The verified texts of the articles outside the changed files that they cite."""
    wanted = sorted(i for i, (section, _) in resolved.known.items() if section == "articles")
    spans: dict[str, list[tuple[int, int]]] = {}
    for article, start, end in con.execute(
        """SELECT article, text_start, text_end FROM furniture
           WHERE article IN (SELECT unnest($ids::VARCHAR[])) ORDER BY article, seq""",
        {"ids": wanted},
    ).fetchall():
        spans.setdefault(article, []).append((start, end))
    texts: dict[str, ArticleText] = {}
    for article, text in con.execute(
        "SELECT id, text FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": wanted}
    ).fetchall():
        norm, where = normalise(text)
        texts[article] = ArticleText(text, norm, where, spans.get(article, []))
    return texts


Signature = tuple[Any, ...]


def _same_signatures(con: duckdb.DuckDBPyConnection, resolved: Resolved) -> None:
    """Every id the changed files used to define that other files may name is
    still defined, with all that their rows read of it unchanged."""
    old: dict[str, Signature] = {}
    for section, table in SECTION_TABLES.items():
        if section == "facts":
            continue  # nothing names a fact
        kind = "kind" if section == "occurrences" else "NULL"
        for i, k in con.execute(
            f"SELECT id, {kind} FROM {table} WHERE file IN (SELECT file FROM gone_files)"
        ).fetchall():
            old[i] = (section, k, None, None, ())
    for i, published, sha, furniture in con.execute(
        """SELECT a.id, a.published, a.sha256,
                  coalesce((SELECT list(f.text ORDER BY f.seq) FROM furniture f WHERE f.article = a.id), [])
           FROM articles a WHERE a.file IN (SELECT file FROM gone_files)"""
    ).fetchall():
        old[i] = ("articles", None, published, sha, tuple(furniture))
    for i, sig in old.items():
        item = resolved.items.get(i)
        if item is None:
            raise NotIncremental(f"{i} is no longer defined")
        if _signature(resolved, i) != sig:
            raise NotIncremental(f"{i} changed in what other files read of it")


def _signature(resolved: Resolved, i: str) -> Signature:
    item = resolved.items[i]
    m = item.model
    if item.section == "articles":
        return ("articles", None, resolved.anchor(i), m.sha256, tuple(f.text for f in m.furniture))
    return (*item.section_kind(), None, None, ())


def _replace_rows(con: duckdb.DuckDBPyConnection, corpus: Corpus, watched: set[str]) -> Edits:
    """Delete the rows of every changed or removed file, then add the new ones;
    return how the tables of `watched` (those some check reads) changed. Only
    those tables hand back the rows they delete: that costs a few hundredths
    of a second each at a million facts."""
    tables = build_tables(corpus)
    edits = Edits()
    # Rows owned through another table go first, while that table still says whose they are.
    for name, table in sorted(tables, key=lambda t: "file" in t[1].column_names):
        delete = f"DELETE FROM {name} WHERE {_owned(name, table)}"
        if name in watched:
            old = con.execute(f"{delete} RETURNING *").fetchall()
            new = _rows(table)
            # In the same order, as a rebuild writes them, or else in any order.
            if new != old and sorted(map(repr, new)) != sorted(map(repr, old)):
                edits.tables[name] = TableEdit(table.column_names, old, new)
        else:
            con.execute(delete)
        if table.num_rows:
            con.from_arrow(table).insert_into(name)
    return edits


def _rows(table: pa.Table) -> list[tuple[Any, ...]]:
    """The rows of one file's table as DuckDB hands them back (locations included)."""
    return list(zip(*(column.to_pylist() for column in table.columns), strict=True)) if table.num_rows else []


def _owned(name: str, table: pa.Table) -> str:
    if "file" in table.column_names:
        return "file IN (SELECT file FROM gone_files)"
    column, ids = OWNED_BY.get(name, ("id", "gone_facts"))
    if column not in table.column_names:  # pragma: no cover - a new table must say whose rows are whose
        raise AssertionError(f"table {name} has no file column and no owner")
    return f"{column} IN (SELECT id FROM {ids})"


def _check_integrity(con: duckdb.DuckDBPyConnection, resolved: Resolved, after: After) -> None:
    """What the changed files can break in the corpus as a whole, read from
    the tables as `after` gives them."""
    dupe = con.execute(
        f"""SELECT id FROM ({all_ids(after)}) WHERE id IN (SELECT unnest($ids::VARCHAR[]))
            GROUP BY id HAVING count(*) > 1 LIMIT 1""",
        {"ids": sorted(resolved.items)},
    ).fetchone()
    if dupe is not None:
        raise NotIncremental(f"id {dupe[0]} is defined twice")
    twice = con.execute(
        f"SELECT finding FROM {after('reviews')} GROUP BY finding HAVING count(*) > 1 LIMIT 1"
    ).fetchone()
    if twice is not None:
        raise NotIncremental(f"finding {twice[0]} is reviewed twice")
    # The cold build's containment graph (corpus/integrity.py).
    places = con.execute(f"SELECT id, parent FROM {after('places')} WHERE parent IS NOT NULL").fetchall()
    nestings = con.execute(
        f"""SELECT id, of, part_of FROM {after("visits")} WHERE part_of IS NOT NULL
            UNION ALL SELECT id, of, part_of FROM {after("meetings")} WHERE part_of IS NOT NULL"""
    ).fetchall()
    parent, _ = containment(places, nestings)
    if find_cycles(parent):
        raise NotIncremental("a containment cycle")


def db_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return _counts(con, lambda name: name)
    finally:
        con.close()


def _counts(con: duckdb.DuckDBPyConnection, after: After) -> dict[str, int]:
    """As the cold build counts: facts by kind, every other section by name, and the
    unconfirmed drafts; in one query (each query is planned on its own, and a warm
    validate's `after` relations are unions)."""
    parts = [f"SELECT kind AS name, count(*) AS n FROM {after('fact_index')} GROUP BY kind"]
    sections = {section: table for section, table in SECTION_TABLES.items() if section != "facts"}
    parts += [f"SELECT '{section}', count(*) FROM {after(table)}" for section, table in sections.items()]
    parts.append(f"SELECT '{DRAFTS}', count(*) FROM {after('drafts')}")
    rows = con.execute(" UNION ALL ".join(parts)).fetchall()
    return dict(sorted((name, n) for name, n in rows if n))
