"""Opening a built database, and writing SQL text safely (sql_identifier,
sql_string): what every reader of
a database shares (the checks, export, the report, query, show)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .errors import EnvironmentFailure, UsageError


def connect_read_only(db: Path, write_to: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open `db` read-only with no access to other files, except, if given, the
    folder `write_to` (an export's COPY ... TO needs that one and no other).
    A database another process holds for writing, or one this user may not
    read, is an `EnvironmentFailure`; a missing one a `UsageError`."""
    if not db.is_file():
        raise UsageError(f"no database at {db}: run `factdb build` first")
    try:
        return _connect(db, write_to)
    except duckdb.IOException as exc:
        raise environment_failure(db, exc) from exc


def environment_failure(db: Path, exc: Exception) -> EnvironmentFailure:
    """A plain message for DuckDB failing to open `db` (a lock, permissions)."""
    text = str(exc)
    if "lock" in text.lower():
        return EnvironmentFailure(f"database {db} is in use by another process; try again when it is done")
    if "permission denied" in text.lower():
        return EnvironmentFailure(f"cannot read database {db}: permission denied")
    return EnvironmentFailure(f"cannot open database {db}: {text}")


def _connect(db: Path, write_to: Path | None) -> duckdb.DuckDBPyConnection:
    # Read-only refuses every write to the database; no external access keeps
    # a query from writing files (COPY ... TO) or attaching others.
    if write_to is None:
        return duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})
    # DuckDB takes allowed_directories only while external access is still on,
    # and never lets it back on once off: allow the one folder, then switch off.
    con = duckdb.connect(str(db), read_only=True)
    try:
        folder = str(write_to.resolve()).rstrip("/") + "/"  # a prefix: no sibling 'out-other/'
        con.execute(f"SET allowed_directories = [{sql_string(folder)}]")
        con.execute("SET enable_external_access = false")
    except BaseException:
        con.close()
        raise
    return con


def sql_identifier(name: str) -> str:
    """A SQL identifier, double-quoted with its double quotes doubled, for every
    name written into SQL text that another engine runs (export's schema.sql):
    a crafted name stays one name, never closes its quote and runs a statement.
    An empty name or one with a NUL is no identifier: ValueError."""
    if not name or "\0" in name:
        raise ValueError(f"not a SQL identifier: {name!r}")
    return '"' + name.replace('"', '""') + '"'


def sql_string(text: str) -> str:
    """A SQL string literal (for the places DuckDB takes no bound parameter)."""
    return "'" + text.replace("'", "''") + "'"
