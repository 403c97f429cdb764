"""Write the database: every table through Arrow in one transaction, into a new
file beside the target, swapped in with one atomic rename.  A failed or
killed build leaves the previous database exactly as it was.

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

from ..common import Progress, gc_paused, no_progress, stage
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


def _clear_stale_temps(db: Path) -> None:
    """Remove the temp files of builds that were killed: their process is gone."""
    for tmp in db.parent.glob(f".{db.name}.*.tmp"):
        pid = tmp.name[len(db.name) + 2 : -len(".tmp")]
        if pid.isdigit() and not _alive(int(pid)):
            _remove(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


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
    rename it over `db`: readers see the old database or the new, never a part."""
    db.parent.mkdir(parents=True, exist_ok=True)
    _clear_stale_temps(db)
    tmp = db.with_name(f".{db.name}.{os.getpid()}.tmp")
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
