"""What a query reads: the base tables its plan scans, views expanded, and
the columns it reads of each.

A warm build runs again only the checks that read a column its edit changed
(checks.store_findings). The reads are taken from DuckDB's plan with every
optimizer off but the two that prune unused columns: the others may drop the
scan of a table whose statistics say no row can match (a check of an empty
table plans as an empty result), or push a filter into a scan where its
column no longer shows among the scan's columns, and what a check reads must
not depend on the data it happens to find."""

from __future__ import annotations

import json
from typing import Any

import duckdb

# Column pruning alone: a scan then lists every column that anything above it uses.
_KEPT_OPTIMIZERS = ("unused_columns", "column_lifetime")


def columns_read(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, set[str]]:
    """Each base table the query scans, with the columns it reads of it (none
    for a scan that only counts rows)."""
    before = con.execute("SELECT current_setting('disabled_optimizers')").fetchone()
    names = [r[0] for r in con.execute("SELECT name FROM duckdb_optimizers()").fetchall()]
    off = ",".join(n for n in names if n not in _KEPT_OPTIMIZERS)
    con.execute(f"SET disabled_optimizers = '{off}'")
    try:
        plan = con.execute(f"EXPLAIN (FORMAT JSON) {sql}").fetchall()
    finally:
        con.execute("SET disabled_optimizers = $v", {"v": before[0] if before else ""})
    found: dict[str, set[str]] = {}
    for _, text in plan:
        _scanned(json.loads(text), found)
    return found


def _scanned(node: Any, found: dict[str, set[str]]) -> None:
    if isinstance(node, list):
        for child in node:
            _scanned(child, found)
    elif isinstance(node, dict):
        info = node.get("extra_info")
        if isinstance(info, dict) and isinstance(info.get("Table"), str):
            columns = info.get("Projections") or []
            # One column is given as a string, several as a list.
            found.setdefault(info["Table"].split(".")[-1], set()).update(
                [columns] if isinstance(columns, str) else columns
            )
        _scanned(node.get("children", []), found)
