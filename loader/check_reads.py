"""Which tables a query reads: the base tables its plan scans, views expanded.

A warm build runs again only the checks that read a table its edit changed
(checks.store_findings). The tables are taken from DuckDB's plan with the
optimizer off: the optimizer drops the scan of a table whose statistics say
no row can match (a check of an empty table plans as an empty result), and
what a check reads must not depend on the data it happens to find."""

from __future__ import annotations

import json
from typing import Any

import duckdb


def tables_read(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    con.execute("PRAGMA disable_optimizer")
    try:
        plan = con.execute(f"EXPLAIN (FORMAT JSON) {sql}").fetchall()
    finally:
        con.execute("PRAGMA enable_optimizer")
    found: set[str] = set()
    for _, text in plan:
        _scanned(json.loads(text), found)
    return found


def _scanned(node: Any, found: set[str]) -> None:
    if isinstance(node, list):
        for child in node:
            _scanned(child, found)
    elif isinstance(node, dict):
        info = node.get("extra_info")
        if isinstance(info, dict) and isinstance(info.get("Table"), str):
            found.add(info["Table"].split(".")[-1])  # catalog.schema.table
        _scanned(node.get("children", []), found)
