"""Ad hoc and saved SQL against a built database, opened read-only.

`run_query(db, sql, params)` runs any SQL, binding ``$name`` to ``params[name]``
(every value a string). `run_saved(db, name, params)` runs a saved query: one
file per query in ``queries/saved/`` (installed as package data of
``factdb.queries``), named ``<id>.sql``, that starts with a header of
``-- key: value`` lines, then the SQL:

    -- id: holder-on                 (required; equal to the file's stem)
    -- description: Who held ...     (required; more ``--`` lines continue it)
    -- params: office, date          (required line; comma-separated, may be empty)
    -- example: factdb query --saved holder-on -p office ... (optional)
    SELECT ... WHERE office = $office ...

The header ends at the first line that is not a comment. Each declared parameter
is used in the SQL as ``$name`` and each ``$name`` the SQL uses (outside its
comments and string literals) is declared; the values are bound, never pasted
into the text. `parse_saved` holds a file to all of that and `saved_queries`
reads every file, each problem a `UsageError` that names the file. Running one,
an unknown name is an error that suggests the closest id and lists them all, a
missing parameter one that shows the query's params and example, and an
unknown parameter one that names the valid ones.

`query` only reads, and refuses, before running it, any SQL but one statement
of these types (as DuckDB parses it, `read_statement`): SELECT (with WITH,
FROM-first, VALUES, UNION, DESCRIBE, SHOW and SUMMARIZE, which DuckDB parses
as SELECT); EXPLAIN (and EXPLAIN ANALYZE) of such a statement; and PRAGMA of
the ones in `READ_PRAGMAS`, which only report. Everything else (CALL, SET,
ATTACH, PIVOT, EXPORT, LOAD, a transaction, a write, ...) is a `UsageError`
naming the statement's type: some of them change the session's state, some
crash DuckDB (`CALL enable_logging(storage='file', ...)` aborts the process).

`open_query` streams: it yields the columns and the rows in batches of
`BATCH_ROWS` (fetchmany), so a caller that stops early, or writes each batch
as it comes, never holds the whole result.

Ctrl-C always stops a query: DuckDB runs each call in a worker thread
(`_interruptible`) while the main thread waits where Python sees the signal;
it then interrupts the connection and raises `KeyboardInterrupt`, which the CLI
maps to exit code 130. (Left to itself DuckDB polls for signals only now and
then, and a busy join may not poll for minutes.)
"""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from .common import UsageError, connect_read_only

T = TypeVar("T")
BATCH_ROWS = 2048
INTERRUPT_GRACE = 10.0  # seconds a query has to stop once interrupted
ALLOWED_TYPES = ("SELECT", "EXPLAIN")
READ_PRAGMAS = frozenset(
    {
        "collations",
        "database_list",
        "database_size",
        "functions",
        "metadata_info",
        "platform",
        "show",
        "show_databases",
        "show_tables",
        "show_tables_expanded",
        "storage_info",
        "table_info",
        "user_agent",
        "version",
    }
)
_PRAGMA = r"(?i)\s*pragma\s+(\w+)"  # patterns compile on first use (re caches them): query starts sooner
_EXPLAIN = r"(?i)\s*explain\s+(?:analyze\s+)?"

SAVED_KEYS = ("id", "description", "params", "example")
REQUIRED_KEYS = ("id", "description", "params")


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True)
class SavedQuery:
    """One file of queries/saved/, its header checked against its SQL."""

    id: str
    description: str
    params: tuple[str, ...]
    example: str | None
    sql: str
    path: Path


def read_statement(sql: str, what: str = "query", con: duckdb.DuckDBPyConnection | None = None) -> None:
    """Nothing if `sql` is one statement that only reads (see the module's
    docstring); a `UsageError` starting with `what` otherwise. Parsed on `con`
    when given (the module-level parser opens an in-memory database first)."""
    try:
        statements = (con or duckdb).extract_statements(sql)
    except duckdb.Error as exc:
        raise UsageError(f"{what} failed: {exc}") from exc
    if not statements:
        raise UsageError(f"{what}: no SQL statement to run")
    if len(statements) == 1:
        _check_one(statements[0].type.name, sql, what, con)
        return
    for statement in statements:
        _check_one(statement.type.name, statement.query, what, con)
    raise UsageError(f"{what}: give one SQL statement; this holds {len(statements)}")


def _check_one(kind: str, sql: str, what: str, con: duckdb.DuckDBPyConnection | None) -> None:
    if kind == "PRAGMA":
        m = re.match(_PRAGMA, sql)
        name = m.group(1).lower() if m else "?"
        if name not in READ_PRAGMAS:
            raise UsageError(
                f"{what}: PRAGMA {name} is refused: only these PRAGMAs, which only read, run: "
                + ", ".join(sorted(READ_PRAGMAS))
            )
        return
    if kind == "EXPLAIN":
        inner = re.match(_EXPLAIN, sql)
        if inner:
            read_statement(sql[inner.end() :], what, con)
        return
    if kind not in ALLOWED_TYPES:
        raise UsageError(
            f"{what}: a {kind} statement is refused: query is read-only and runs only statements that read "
            "(SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, and PRAGMAs that report)"
        )


def _interruptible(con: duckdb.DuckDBPyConnection, call: Callable[[], T]) -> T:
    """`call()`, run in a worker thread so that Ctrl-C is seen at once: the
    connection is then interrupted and `KeyboardInterrupt` raised here."""
    box: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()  # not Thread.join: a join that Ctrl-C breaks marks the thread stopped

    def work() -> None:
        try:
            box.append(call())
        except BaseException as exc:  # handed to the caller's thread as is
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=work, name="factdb-query", daemon=True).start()
    try:
        while not done.wait(0.5):  # a timed wait: the signal handler runs in between
            pass
    except KeyboardInterrupt:
        con.interrupt()
        done.wait(INTERRUPT_GRACE)
        raise
    if failure:
        if isinstance(failure[0], duckdb.InterruptException):  # interrupted, by whoever: Ctrl-C's exit
            raise KeyboardInterrupt from failure[0]
        raise failure[0]
    return box[0]


@dataclass(frozen=True)
class QueryStream:
    """An open query's columns and its rows, fetched a batch at a time."""

    columns: list[str]
    cursor: duckdb.DuckDBPyConnection
    what: str

    def batches(self) -> Iterator[list[tuple[Any, ...]]]:
        while True:
            try:
                rows = _interruptible(self.cursor, lambda: self.cursor.fetchmany(BATCH_ROWS))
            except duckdb.Error as exc:
                raise UsageError(f"{self.what} failed: {exc}") from exc
            if not rows:
                return
            yield rows

    def rows(self, limit: int | None = None) -> Iterator[tuple[Any, ...]]:
        """Every row, or the first `limit`, one at a time."""
        every = chain.from_iterable(self.batches())
        return every if limit is None else islice(every, limit)


@contextmanager
def open_query(
    db: Path, sql: str, params: dict[str, str] | None = None, what: str = "query"
) -> Iterator[QueryStream]:
    """Run `sql` on `db` opened read-only, once `read_statement` allows it, and
    yield its rows as a stream; a failure is a `UsageError` starting with `what`."""
    con = connect_read_only(db)
    try:
        read_statement(sql, what, con)
        try:
            cur = _interruptible(con, lambda: con.execute(sql, params or None))
        except duckdb.Error as exc:
            raise UsageError(f"{what} failed: {exc}") from exc
        columns = [d[0] for d in cur.description] if cur.description else []
        yield QueryStream(columns, cur, what)
    finally:
        with suppress(duckdb.ResourceInUseException):  # a query that ignored its interrupt: the process ends
            con.close()


def run_query(
    db: Path, sql: str, params: dict[str, str] | None = None, what: str = "query", limit: int | None = None
) -> QueryResult:
    """Run `sql` as `open_query` does and fetch every row (or the first `limit`)."""
    with open_query(db, sql, params, what) as stream:
        return QueryResult(columns=stream.columns, rows=list(stream.rows(limit)))


def parse_params(pairs: list[str]) -> dict[str, str]:
    """`-p NAME=VALUE` options as a dict (the CLI has joined `-p NAME VALUE`)."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"-p {pair}: give a parameter as -p NAME VALUE or -p NAME=VALUE")
        if name in params:
            raise UsageError(f"-p {name} given twice")
        params[name] = value
    return params


def saved_folder() -> Path:
    return Path(str(resources.files("factdb.queries").joinpath("saved")))  # works installed or editable


# `-- key: value`; a line indented further (`--   more`) continues the key before.
_KEY_LINE = r"^-- ?([a-z][a-z_]*):\s*(.*)$"
_NAME = r"[A-Za-z_]\w*"
# What the SQL holds besides code: comments and quoted strings and identifiers.
_NOT_CODE = r"(?s)--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\""
_DOLLAR = r"\$(\w+)"


def parse_saved(text: str, path: Path) -> SavedQuery:
    """A saved query file as a `SavedQuery`; a `UsageError` naming `path` for
    anything wrong with its header or with the parameters its SQL uses."""
    lines = text.splitlines()
    header: dict[str, str] = {}
    last = ""
    n = 0
    while n < len(lines) and lines[n].startswith("--"):
        line = lines[n]
        m = re.match(_KEY_LINE, line)
        if m:
            last = m.group(1)
            if last not in SAVED_KEYS:
                raise UsageError(
                    f"{path}:{n + 1}: unknown header key {last!r}; known: {', '.join(SAVED_KEYS)}"
                )
            if last in header:
                raise UsageError(f"{path}:{n + 1}: header gives {last!r} twice")
            header[last] = m.group(2).strip()
        elif last:
            header[last] = f"{header[last]} {line.lstrip('-').strip()}".strip()
        else:
            raise UsageError(f"{path}:{n + 1}: {line!r} is not a `-- key: value` line of the header")
        n += 1
    sql = "\n".join(lines[n:]).strip().rstrip(";").strip()
    missing = [k for k in REQUIRED_KEYS if k not in header or (k != "params" and not header[k])]
    if missing:
        raise UsageError(f"{path}: header lacks {', '.join(missing)}")
    if header["id"] != path.stem:
        raise UsageError(f"{path}: id {header['id']!r} differs from the file name {path.stem!r}")
    if not sql:
        raise UsageError(f"{path}: no SQL after the header")
    params = tuple(p.strip() for p in header["params"].split(",") if p.strip())
    for p in params:
        if not re.fullmatch(_NAME, p):
            raise UsageError(f"{path}: parameter {p!r} is not a name (letters, digits and _)")
    twice = sorted({p for p in params if params.count(p) > 1})
    if twice:
        raise UsageError(f"{path}: params lists {', '.join(twice)} twice")
    used = set(re.findall(_DOLLAR, re.sub(_NOT_CODE, " ", sql)))
    undeclared = sorted(used - set(params))
    if undeclared:
        names = ", ".join(f"${u}" for u in undeclared)
        raise UsageError(f"{path}: the SQL uses {names}, which params does not declare")
    unused = [p for p in params if p not in used]
    if unused:
        names = ", ".join(unused)
        dollars = ", ".join(f"${u}" for u in unused)
        raise UsageError(f"{path}: params declares {names}, but the SQL never uses {dollars}")
    return SavedQuery(
        id=header["id"],
        description=header["description"],
        params=params,
        example=header.get("example") or None,
        sql=sql,
        path=path,
    )


def _files(folder: Path | None) -> dict[str, Path]:
    folder = folder or saved_folder()
    return {p.stem: p for p in sorted(folder.glob("*.sql"))}


def saved_queries(folder: Path | None = None) -> list[SavedQuery]:
    """Every saved query, by id; a `UsageError` names each file in error."""
    found: list[SavedQuery] = []
    problems: list[str] = []
    for path in _files(folder).values():
        try:
            found.append(parse_saved(path.read_text(encoding="utf-8"), path))
        except UsageError as exc:
            problems.append(str(exc))
    if problems:
        raise UsageError("\n".join(problems))
    return found


def saved_query(name: str, folder: Path | None = None) -> SavedQuery:
    """The saved query `name`, read from its own file alone (a broken other
    file does not stop it); an unknown name suggests the closest."""
    files = _files(folder)
    if name not in files:
        close = difflib.get_close_matches(name, list(files), n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        known = ", ".join(files) or "none"
        raise UsageError(f"no saved query named {name!r}{hint} (saved queries: {known}; see --list)")
    path = files[name]
    return parse_saved(path.read_text(encoding="utf-8"), path)


def bind(query: SavedQuery, params: dict[str, str]) -> dict[str, str]:
    """`params` checked against what `query` declares: none missing, none unknown."""
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        takes = f"its parameters: {', '.join(query.params)}" if query.params else "it takes no parameters"
        raise UsageError(f"saved query {query.id!r} has no parameter {', '.join(unknown)}; {takes}")
    missing = [p for p in query.params if p not in params]
    if missing:
        example = f"; example: {query.example}" if query.example else ""
        raise UsageError(
            f"saved query {query.id!r} needs {' '.join(f'-p {m} VALUE' for m in missing)}"
            f" (its parameters: {', '.join(query.params)}){example}"
        )
    return {p: params[p] for p in query.params}


def run_saved(db: Path, name: str, params: dict[str, str], folder: Path | None = None) -> QueryResult:
    """Run the saved query `name` with `params`, read-only as `run_query` runs SQL."""
    sql, bound, what = saved_call(name, params, folder)
    return run_query(db, sql, bound, what=what)


def saved_call(
    name: str, params: dict[str, str], folder: Path | None = None
) -> tuple[str, dict[str, str], str]:
    """The SQL, bound parameters and error prefix of the saved query `name`."""
    query = saved_query(name, folder)
    return query.sql, bind(query, params), f"saved query {query.id!r} ({query.path})"
