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
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from .common import UsageError, connect_read_only

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


def run_query(db: Path, sql: str, params: dict[str, str] | None = None, what: str = "query") -> QueryResult:
    """Run `sql` on `db` opened read-only; a failure is a `UsageError` that
    starts with `what`."""
    con = connect_read_only(db)
    try:
        cur = con.execute(sql, params or None)
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall() if cur.description else []
    except duckdb.Error as exc:
        raise UsageError(f"{what} failed: {exc}") from exc
    finally:
        con.close()
    return QueryResult(columns=columns, rows=rows)


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
_KEY_LINE = re.compile(r"^-- ?([a-z][a-z_]*):\s*(.*)$")
_NAME = re.compile(r"[A-Za-z_]\w*")
# What the SQL holds besides code: comments and quoted strings and identifiers.
_NOT_CODE = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"", re.DOTALL)
_DOLLAR = re.compile(r"\$(\w+)")


def parse_saved(text: str, path: Path) -> SavedQuery:
    """A saved query file as a `SavedQuery`; a `UsageError` naming `path` for
    anything wrong with its header or with the parameters its SQL uses."""
    lines = text.splitlines()
    header: dict[str, str] = {}
    last = ""
    n = 0
    while n < len(lines) and lines[n].startswith("--"):
        line = lines[n]
        m = _KEY_LINE.match(line)
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
        if not _NAME.fullmatch(p):
            raise UsageError(f"{path}: parameter {p!r} is not a name (letters, digits and _)")
    twice = sorted({p for p in params if params.count(p) > 1})
    if twice:
        raise UsageError(f"{path}: params lists {', '.join(twice)} twice")
    used = set(_DOLLAR.findall(_NOT_CODE.sub(" ", sql)))
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
    query = saved_query(name, folder)
    return run_query(db, query.sql, bind(query, params), what=f"saved query {query.id!r} ({query.path})")
