"""Export a built database as files other tools read: one Parquet file per table
and per view, plus ``schema.sql`` that recreates the checks' macros and one view
per file, so the checks in queries/checks/ run on the export as on the database.

Views are written out materialised: an engine reading the export needs none of
the DuckDB SQL that defines them (recursive CTEs, unnest), only the rows.

Where it writes: every file goes into a new temporary folder beside the target
(``.<name>.<pid>.export.tmp``), renamed into place only once all are written, so
a failed export leaves the target as it was and no partial folder.  The target
may be missing, an empty folder, or a previous export (regular files only:
``schema.sql`` starting with this module's header, and ``*.parquet``), which is
replaced whole; anything else, a symlink (the target itself or inside it)
included, is refused: an export never writes through a symlink nor deletes what
it did not write.  Every name written into ``schema.sql`` is a quoted identifier
(common.sql_identifier), so a crafted macro or view name stays one name.

What a killed export left behind: once the target has been judged, before it
writes, an export into DIR removes the temp folders of earlier exports into
the same DIR (``.<name>.<pid>.export.tmp`` and ``.<name>.<pid>.old.tmp``,
exactly; real folders, never a symlink) whose process is gone
(common.process_alive), is this one, or has written nothing into it for
STALE_AFTER (a pid may have been taken by another process since; no export
runs that long between two files). The folder of an export still running is
kept: its process lives and its files are fresh. A refused export removes
nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .common import UsageError, connect_read_only, process_alive, sql_identifier, sql_string
from .output import ExportFormat

SCHEMA_FILE = "schema.sql"
HEADER = "-- Written by `factdb export`"
# The ClaimReview export: one JSON-LD file, whose first line marks it as factdb's.
CLAIMREVIEW_FILE = "claimreview.jsonld"
CLAIMREVIEW_HEAD = '{"@context": "https://schema.org",\n"@graph": ['

# A relation's name becomes a file name: keep to names that are safe as both.
_SAFE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A temp folder of an export whose process lives but that nothing was written
# into for this long is left over, its pid reused.
STALE_AFTER = 24 * 3600.0


@dataclass(frozen=True)
class Exported:
    name: str
    kind: str  # "table" or "view"
    rows: int
    file: Path


@dataclass(frozen=True)
class ExportResult:
    out_dir: Path
    relations: list[Exported]
    schema: Path  # schema.sql, or the ClaimReview file
    claim_reviews: int = 0


def _relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Every table and view a user of the database sees, not DuckDB's own."""
    rows = con.execute(
        """
        SELECT table_name, 'table' FROM duckdb_tables()
        WHERE NOT internal AND NOT temporary AND database_name = current_database() AND schema_name = 'main'
        UNION ALL
        SELECT view_name, 'view' FROM duckdb_views()
        WHERE NOT internal AND NOT temporary AND database_name = current_database() AND schema_name = 'main'
        ORDER BY 2, 1
        """
    ).fetchall()
    return [(str(name), str(kind)) for name, kind in rows]


def _macros(con: duckdb.DuckDBPyConnection) -> list[str]:
    """CREATE MACRO statements for the database's own macros, as it stores them,
    so the export carries the definitions the database was checked with."""
    rows = con.execute(
        """
        SELECT function_name, function_type, parameters, macro_definition FROM duckdb_functions()
        WHERE NOT internal AND function_type IN ('macro', 'table_macro')
          AND database_name = current_database() AND schema_name = 'main'
        ORDER BY function_name
        """
    ).fetchall()
    out = []
    for name, ftype, params, definition in rows:
        table = "TABLE " if ftype == "table_macro" else ""
        args = ", ".join(sql_identifier(str(p)) for p in params)
        out.append(f"CREATE MACRO {sql_identifier(str(name))}({args}) AS {table}{definition};")
    return out


def schema_sql(db_name: str, relations: list[Exported], macros: list[str]) -> str:
    lines = [
        f"{HEADER} from {db_name}: the macros the checks use, then one",
        "-- view per Parquet file, named as in the database. Paths are relative to this",
        "-- folder: run it from here (duckdb -c '.read schema.sql'), or first",
        "-- SET file_search_path = '<this folder>'.",
        "",
        *macros,
        "",
    ]
    lines += [
        f"CREATE VIEW {sql_identifier(r.name)} AS SELECT * FROM read_parquet({sql_string(r.file.name)});"
        for r in relations
    ]
    return "\n".join(lines) + "\n"


def _check_target(out_dir: Path) -> bool:
    """Whether `out_dir` holds a previous export to replace (False: it is
    missing or empty); a UsageError for anything an export must not replace."""
    if out_dir.is_symlink():
        raise UsageError(
            f"{out_dir} is a symlink (to {os.readlink(out_dir)}); an export never writes through one: "
            "name the real folder, or remove the link"
        )
    if not out_dir.exists():
        return False
    if not out_dir.is_dir():
        raise UsageError(f"{out_dir} is a file, not a folder: choose another folder to export into")
    entries = list(out_dir.iterdir())
    if not entries:
        return False
    if not _is_export(out_dir, entries):
        names = ", ".join(sorted(p.name for p in entries)[:5])
        raise UsageError(
            f"{out_dir} is not empty and not an export of factdb (it holds {names}); not replacing it: "
            "choose a new or empty folder"
        )
    return True


def _is_export(out_dir: Path, entries: list[Path]) -> bool:
    if (
        [p.name for p in entries] == [CLAIMREVIEW_FILE]
        and entries[0].is_file()
        and not entries[0].is_symlink()
    ):
        with open(entries[0], "rb") as fh:
            return fh.read(len(CLAIMREVIEW_HEAD)) == CLAIMREVIEW_HEAD.encode()
    for p in entries:
        if p.is_symlink() or not p.is_file():
            return False
        if p.name != SCHEMA_FILE and p.suffix != ".parquet":
            return False
    schema = out_dir / SCHEMA_FILE
    if schema not in entries:
        return False
    with open(schema, "rb") as fh:
        return fh.read(len(HEADER)) == HEADER.encode()


def export_database(
    db: Path,
    out_dir: Path,
    fmt: ExportFormat = ExportFormat.parquet,
    review_url: str | None = None,
    publisher: str | None = None,
) -> ExportResult:
    """Write every table and view of `db` as `<name>.parquet`, and `schema.sql`
    beside them, into a temporary folder then renamed to `out_dir` (see the
    module's docstring for what it may replace); the database is opened read-only.
    With `fmt` claimreview, the folder holds one file instead, `claimreview.jsonld`:
    every finding reviewed as a confirmed conflict, as schema.org ClaimReview, for
    the page at `review_url` published by `publisher`."""
    if fmt == ExportFormat.claimreview and not (review_url and re.match(r"https?://[^\s#]+$", review_url)):
        raise UsageError(
            "a ClaimReview names the page that publishes it: give --review-url https://... (without #)"
        )
    given = out_dir  # as the user named it, for the result
    out_dir = Path(os.path.abspath(out_dir))  # not resolved: a symlink must stay visible
    if not out_dir.name:
        raise UsageError(f"cannot export into {out_dir}: name a folder")
    replace = _check_target(out_dir)
    if not db.is_file():
        connect_read_only(db)  # its message: no database, run build first
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale_temps(out_dir)
    tmp = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.export.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        reviews = 0
        if fmt == ExportFormat.claimreview:
            assert review_url is not None
            exported: list[Exported] = []
            schema = given / CLAIMREVIEW_FILE
            reviews = _write_claimreview(db, tmp, review_url, publisher or "factdb")
        else:
            exported, schema = _write(db, tmp, given)
        _check_target(out_dir)  # again: it may have changed while the files were written
        if replace:
            old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.old.tmp")
            os.rename(out_dir, old)
            os.rename(tmp, out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out_dir)  # over an empty folder, or where none was
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ExportResult(out_dir=given, relations=exported, schema=schema, claim_reviews=reviews)


def _write_claimreview(db: Path, tmp: Path, review_url: str, publisher: str) -> int:
    """`claimreview.jsonld` into the new folder `tmp`; the number of ClaimReviews."""
    import datetime as dt
    import json

    from .checks import check_database
    from .output import ArticleMeta, ReferenceMeta, Speaker, claim_reviews

    report = check_database(db)
    con = connect_read_only(db)
    try:
        articles = {
            i: ArticleMeta(h, o, u, p)
            for i, h, o, u, p in con.execute(
                "SELECT id, headline, outlet, url, published FROM articles"
            ).fetchall()
        }
        references = {
            i: ReferenceMeta(t, p, u)
            for i, t, p, u in con.execute("SELECT id, title, publisher, url FROM refs").fetchall()
        }
        speakers = {
            i: Speaker(n, "Person" if kind == "people" else "Organization")
            for i, n, kind in con.execute(
                """SELECT s.id, coalesce(p.name, o.name, c.name),
                          CASE WHEN p.id IS NOT NULL THEN 'people' ELSE 'other' END
                   FROM statements s
                   LEFT JOIN people p ON p.id = s.speaker
                   LEFT JOIN organizations o ON o.id = s.speaker
                   LEFT JOIN countries c ON c.id = s.speaker"""
            ).fetchall()
            if n is not None
        }
    finally:
        con.close()
    document = claim_reviews(report, articles, references, speakers, review_url, publisher, dt.date.today())
    graph = document.pop("@graph")
    # the first two lines mark the file as this export's (_is_export)
    items = ",\n".join(json.dumps(item, ensure_ascii=False, indent=1) for item in graph)
    text = CLAIMREVIEW_HEAD + ("\n" + items if items else "") + "\n]}\n"
    with open(tmp / CLAIMREVIEW_FILE, "x", encoding="utf-8") as fh:
        fh.write(text)
    return len(graph)


def sweep_stale_temps(out_dir: Path, now: float | None = None) -> list[Path]:
    """Remove the temp folders that exports into `out_dir` left behind (the
    rule is in the module's docstring); the ones removed."""
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.([0-9]+)\.(?:export|old)\.tmp")
    now = time.time() if now is None else now
    removed = []
    for entry in out_dir.parent.iterdir():
        found = pattern.fullmatch(entry.name)
        if not found or entry.is_symlink() or not entry.is_dir():
            continue
        pid = int(found[1])
        if pid == os.getpid() or not process_alive(pid) or now - _last_written(entry) > STALE_AFTER:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _last_written(folder: Path) -> float:
    """When anything was last written into `folder`: it, or a file in it."""
    try:
        times = [folder.lstat().st_mtime]
        times += [p.lstat().st_mtime for p in folder.iterdir()]
    except OSError:  # gone meanwhile, or unreadable: judged by its pid alone
        return time.time()
    return max(times)


def _write(db: Path, tmp: Path, out_dir: Path) -> tuple[list[Exported], Path]:
    """Every file of the export into the new folder `tmp`, named as in `out_dir`."""
    con = connect_read_only(db, write_to=tmp)
    try:
        relations = _relations(con)
        bad = [name for name, _ in relations if not _SAFE_NAME.fullmatch(name)]
        if bad:
            raise UsageError(f"cannot name a file after {', '.join(map(repr, bad))}")
        exported: list[Exported] = []
        for name, kind in relations:
            target = tmp.resolve() / f"{name}.parquet"
            try:
                row = con.execute(
                    f"COPY (SELECT * FROM {sql_identifier(name)}) TO {sql_string(str(target))} (FORMAT parquet)"
                ).fetchone()
            except duckdb.Error as exc:
                raise UsageError(f"could not export {kind} {name}: {exc}") from exc
            exported.append(Exported(name, kind, int(row[0]) if row else 0, out_dir / target.name))
        macros = _macros(con)
    finally:
        con.close()
    with open(tmp / SCHEMA_FILE, "x", encoding="utf-8") as fh:
        fh.write(schema_sql(db.name, exported, macros))
    return exported, out_dir / SCHEMA_FILE
