"""Export a built database as files other tools read: one Parquet file per table
and per view, plus ``schema.sql`` that recreates the checks' macros and one view
per file, so the checks in queries/checks/ run on the export as on the database.

Views are written out materialised: an engine reading the export needs none of
the DuckDB SQL that defines them (recursive CTEs, unnest), only the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .common import UsageError, connect_read_only, sql_string
from .output import ExportFormat

SCHEMA_FILE = "schema.sql"
# A relation's name becomes a file name: keep to names that are safe as both.
_SAFE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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
    schema: Path


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
        out.append(f'CREATE MACRO "{name}"({", ".join(params)}) AS {table}{definition};')
    return out


def schema_sql(db_name: str, relations: list[Exported], macros: list[str]) -> str:
    lines = [
        f"-- Written by `factdb export` from {db_name}: the macros the checks use, then one",
        "-- view per Parquet file, named as in the database. Paths are relative to this",
        "-- folder: run it from here (duckdb -c '.read schema.sql'), or first",
        "-- SET file_search_path = '<this folder>'.",
        "",
        *macros,
        "",
    ]
    lines += [
        f'CREATE VIEW "{r.name}" AS SELECT * FROM read_parquet({sql_string(r.file.name)});' for r in relations
    ]
    return "\n".join(lines) + "\n"


def export_database(db: Path, out_dir: Path, fmt: ExportFormat = ExportFormat.parquet) -> ExportResult:
    """Write every table and view of `db` into `out_dir` as `<name>.parquet`, and
    `schema.sql` beside them; the database is opened read-only."""
    if fmt != ExportFormat.parquet:
        raise UsageError(f"cannot export as {fmt}; only parquet")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} is a file, not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect_read_only(db, write_to=out_dir)
    try:
        relations = _relations(con)
        bad = [name for name, _ in relations if not _SAFE_NAME.fullmatch(name)]
        if bad:
            raise UsageError(f"cannot name a file after {', '.join(map(repr, bad))}")
        exported: list[Exported] = []
        for name, kind in relations:
            target = out_dir.resolve() / f"{name}.parquet"
            try:
                row = con.execute(
                    f'COPY (SELECT * FROM "{name}") TO {sql_string(str(target))} (FORMAT parquet)'
                ).fetchone()
            except duckdb.Error as exc:
                raise UsageError(f"could not export {kind} {name}: {exc}") from exc
            exported.append(Exported(name, kind, int(row[0]) if row else 0, out_dir / target.name))
        macros = _macros(con)
    finally:
        con.close()
    schema = out_dir / SCHEMA_FILE
    schema.write_text(schema_sql(db.name, exported, macros), encoding="utf-8")
    return ExportResult(out_dir=out_dir, relations=exported, schema=schema)
