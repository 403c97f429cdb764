"""Output formats and the JSON form of database values: what every command
needs before it knows whether it will render a table (kept apart from rich)."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    jsonl = "jsonl"
    markdown = "markdown"


class ReportFmt(StrEnum):
    """Reports (check, coverage, show, ...) have a shape of their own: a table or JSON."""

    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    parquet = "parquet"


def plain(value: Any) -> Any:
    """A JSON-safe form of a database value; infinities become strings."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def to_json(data: Any) -> str:
    return json.dumps(plain(data), indent=2, ensure_ascii=False)
