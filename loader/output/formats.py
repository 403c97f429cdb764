"""Output formats and the JSON form of database values: what every command
needs before it knows whether it will render a table (kept apart from rich).

JSON is written by orjson (Rust; MIT or Apache-2.0): json.dumps with an
indent runs the pure-Python encoder, 0.74 s of `check --format json` at a
million facts against orjson's 0.06 s, for the same bytes but in one respect:
a float below 1e-4 may be written as `0.000015` or `1.5e-7` where Python writes
`1.5e-05` or `1.5e-07`, the same number to any JSON reader. What orjson
refuses (an integer beyond 64 bits, a lone surrogate) json.dumps writes."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
from enum import StrEnum
from typing import Any

import orjson


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


# Types JSON takes as they are: checked first, by exact type, because nearly
# every value is one (isinstance against the unions below for each of 400k
# values in a report was 0.9 s of `check --format json` at 27k findings).
_AS_IS = frozenset({str, int, bool, type(None)})


def plain(value: Any) -> Any:
    """A JSON-safe form of a database value; infinities become strings."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is dict:
        return {k if type(k) is str else str(k): plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
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


def to_json(data: Any, native: bool = False) -> str:
    """`data` as indented JSON. With `native` the caller vouches that it holds
    only str, int, bool, None, lists, tuples and dicts with str keys (a check
    report's dataclasses, say): orjson writes those exactly as `plain` would
    hand them over, and walking 27k findings first took 0.3 s of `check
    --format json` at a million facts."""
    value = data if native else plain(data)
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, indent=2, ensure_ascii=False)
