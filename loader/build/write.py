"""Write the database: every table through Arrow in one transaction, into a new
file beside the target, swapped in with one atomic rename.  A failed or
killed build leaves the previous database exactly as it was.

A build replaces only what a build made (`refuse_foreign`, checked by
`swap_in` itself, so every path that writes a database obeys it): the target
must be missing, or a DuckDB file (its magic bytes) holding factdb's tables
(`fact_index`, `checks`), or one the build record beside it describes.  Anything else, an empty file included, is refused
with a UsageError and left untouched: `--db facts/reviews.yaml` must not cost a
fact file.  A symlink at the target is judged by what it points at, and is
itself replaced by the new file: a build never writes through it.

The findings of the checks are written in the same new file before it is
swapped in; which checks and how is the caller's (a `FindingsWriter`, see
checks/), so that the build imports nothing of the stages after it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, TypeVar

import duckdb

from ..common import Progress, UsageError, gc_paused, left_over_temps, no_progress, stage, temp_path
from ..corpus import Corpus
from .edits import Edits
from .ingest import create_table
from .state import cache_dir, forget_state, state_path
from .tables import build_tables

T = TypeVar("T")


def _statements(folder: str) -> dict[str, str]:
    """Each .sql file of queries/<folder>, by name: one CREATE statement each."""
    root = resources.files("factdb.queries").joinpath(folder)
    return {
        Path(f.name).stem: f.read_text(encoding="utf-8")
        for f in sorted(root.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".sql")
    }


# The macros the checks share (interval overlap, ages, how values read in a
# message) and the views that are their vocabulary (terms, presence, ...) and
# the entry point of ad hoc SQL (facts): one file each under queries/.
MACROS: dict[str, str] = _statements("macros")
VIEWS: dict[str, str] = _statements("views")


class FindingsWriter(Protocol):
    """What a build asks of the checks: which tables they read (a warm build
    compares only those tables' rows), and to store their findings in the
    database being written, returning the ids of the checks that ran."""

    def tables_read(self, con: duckdb.DuckDBPyConnection) -> set[str]: ...

    def store(self, con: duckdb.DuckDBPyConnection, changed: Edits | None = None) -> list[str]: ...


def load_tables(con: duckdb.DuckDBPyConnection, corpus: Corpus) -> None:
    """Create every table and view of the corpus in `con`, in one transaction."""
    create_tables(con, build_tables(corpus))


def create_tables(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, Any]]) -> None:
    """Create these tables, then every macro and view, in one transaction.
    Takes the list over: each table is let go once DuckDB holds its copy."""
    con.execute("BEGIN TRANSACTION")
    tables.reverse()
    while tables:
        name, table = tables.pop()
        create_table(con, name, table)
        del table
    for sql in (*MACROS.values(), *VIEWS.values()):
        con.execute(sql)
    con.execute("COMMIT")


# A DuckDB file: 8 bytes of checksum, then this magic (storage format v1 and on).
DUCKDB_MAGIC = b"DUCK"
_MAGIC_AT = 8
# Tables every factdb build has written, that no other DuckDB file is likely to have.
FACTDB_TABLES = ("fact_index", "checks")


def refuse_foreign(db: Path) -> None:
    """Raise a UsageError unless `db` is missing or a database a factdb build
    wrote: the only files a build may replace."""
    if not os.path.lexists(db):
        return
    if db.is_dir():
        raise UsageError(
            f"--db {db} is a folder, not a database file: name a file, e.g. {db / 'factdb.duckdb'}"
        )
    if not db.exists():
        return  # a dangling symlink: the link is replaced, its target never written
    what = _what_is(db)
    if what is not None:
        raise UsageError(
            f"--db {db} is {what}, not a factdb database; not replacing it: "
            "choose another --db (the default is factdb.duckdb), or remove the file first"
        )


def _what_is(db: Path) -> str | None:
    """None for a factdb database, else what the file is, in words."""
    try:
        with open(db, "rb") as fh:
            head = fh.read(_MAGIC_AT + len(DUCKDB_MAGIC))
    except OSError as exc:
        return f"a file factdb cannot read ({exc.strerror or exc})"
    if not head:
        return "an empty file"
    if head[_MAGIC_AT:] != DUCKDB_MAGIC:
        return f"a file of {db.stat().st_size} bytes that is not a DuckDB database (starts {head[:8]!r})"
    if _recorded(db):
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        return f"a DuckDB file that does not open ({str(exc).splitlines()[0]})"
    try:
        have = {str(r[0]) for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()
    missing = [t for t in FACTDB_TABLES if t not in have]
    if missing:
        return f"a DuckDB database without factdb's {', '.join(missing)} table(s)"
    return None


def _recorded(db: Path) -> bool:
    """Whether the build record beside `db` (sealed: only this user's factdb
    wrote it) describes this very file, by inode, size and mtime: then a
    factdb build wrote it, and opening it to look for factdb's tables (20 ms
    of every warm build) would say nothing more."""
    from .state import cache_dir, db_identity, recorded_db, state_path

    path = state_path(cache_dir(db), db)
    return path.is_file() and recorded_db(path) == db_identity(db)


def _clear_stale_temps(db: Path) -> None:
    """Remove the temp files of builds that were killed: their process is gone."""
    for tmp in left_over_temps(db.parent, db.name):
        _remove(tmp)


def write_database(
    tables: list[tuple[str, Any]], db: Path, findings: FindingsWriter, progress: Progress = no_progress
) -> None:
    """Write these tables (taken over, see create_tables) and the findings of
    every check into a new database swapped in for `db`."""

    def write(tmp: Path) -> None:
        con = duckdb.connect(str(tmp))
        try:
            # The second half of the tables stage: build() reports the first.
            progress("tables", 1, 2)
            with gc_paused():  # also when called on its own
                create_tables(con, tables)
            progress("tables", 2, 2)
            with stage(progress, "checks"):
                con.execute("BEGIN TRANSACTION")
                findings.store(con)
                con.execute("COMMIT")
            # The write stage spans the close, so it is reported by hand.
            progress("write", 0, 1)
            con.execute("CHECKPOINT")
        finally:
            con.close()

    swap_in(db, write)
    progress("write", 1, 1)


def swap_in(db: Path, write: Callable[[Path], T]) -> T:
    """Let `write` make the new database in a temp file beside `db`, then
    rename it over `db`: readers see the old database or the new, never a part.
    Refuses (refuse_foreign) to replace a file that is not a factdb database."""
    refuse_foreign(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    _clear_stale_temps(db)
    tmp = temp_path(db)
    _remove(tmp)
    try:
        result = write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        # A state must never describe a database other than the one beside it.
        forget_state(state_path(cache_dir(db), db))
        os.replace(tmp, db)
    except BaseException:
        _remove(tmp)
        raise
    return result


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
