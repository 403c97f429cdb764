"""Ad hoc SQL against a built database, opened read-only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .common import UsageError, connect_read_only


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(db: Path, sql: str, params: dict[str, str] | None = None) -> QueryResult:
    con = connect_read_only(db)
    try:
        cur = con.execute(sql, params or None)
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall() if cur.description else []
    except duckdb.Error as exc:
        raise UsageError(f"query failed: {exc}") from exc
    finally:
        con.close()
    return QueryResult(columns=columns, rows=rows)
