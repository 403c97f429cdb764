"""Output formats and the JSON form of database values: what every command
needs before it knows whether it will render a table (kept apart from rich).

JSON is written by orjson (Rust; MIT or Apache-2.0): json.dumps with an
indent runs the pure-Python encoder, 0.74 s of `check --format json` at a
million facts against orjson's 0.06 s, for the same bytes but in one respect:
a float below 1e-4 may be written as `0.000015` or `1.5e-7` where Python writes
`1.5e-05` or `1.5e-07`, the same number to any JSON reader. What orjson
refuses (an integer beyond 64 bits, a lone surrogate) json.dumps writes.

The JSON form of every DuckDB type (`plain`), for `query -f json|jsonl`:
VARCHAR, integers of any width (HUGEINT too) and BOOLEAN as they are; DOUBLE
as a number, NaN and infinities as the strings "nan", "inf", "-inf"; DECIMAL
as a number (a double: 15-17 significant digits); DATE, TIMESTAMP, TIME and
TIMETZ as ISO 8601 strings (a zone's offset where the value has one);
INTERVAL as an ISO 8601 duration ("P1DT2H3M4.5S", "-P3D", "PT0S"; DuckDB hands
a month over as 30 days); BLOB as base64; UUID as its canonical string; LIST
and ARRAY as arrays, STRUCT and MAP as objects (a key that is not text as its
string); NULL at any depth as null; anything else as its string.

`escape_control` is what a person's terminal gets instead of the control
characters in data, wherever data is printed as text: the table and markdown
formats (csv and json keep them), a check report in both its layouts, `show`,
`coverage`. It is the one rule for text meant to be read; `common.shown_name`
is the stricter one for a file name, which must also never look like another."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import math
import re
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
    claimreview = "claimreview"


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
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, dt.timedelta):
        return iso_duration(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, int | str):  # a subclass: an enum, say
        return value
    return str(value)  # a UUID, and what a newer DuckDB may hand over


def iso_duration(value: dt.timedelta) -> str:
    """`value` as an ISO 8601 duration: days, hours, minutes and seconds (with
    a fraction where there is one), zero parts left out; "PT0S" for none."""
    micros = abs(value) // dt.timedelta(microseconds=1)
    seconds, micro = divmod(micros, 1_000_000)
    days, seconds = divmod(seconds, 86_400)
    hours, seconds = divmod(seconds, 3_600)
    minutes, seconds = divmod(seconds, 60)
    secs = f"{seconds}.{micro:06d}".rstrip("0") if micro else str(seconds)
    time = "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M")) if n)
    time += f"{secs}S" if seconds or micro else ""
    body = (f"{days}D" if days else "") + (f"T{time}" if time else "")
    return ("-" if value < dt.timedelta(0) else "") + "P" + (body or "T0S")


# What a terminal would act on or a reader could be misled by, rather than
# see: C0 and C1 controls and DEL but for tab and newline; the line and
# paragraph separators; the bidirectional embeddings, overrides and isolates
# (they reorder what follows them on screen); lone surrogates (no encoding
# holds them); and the noncharacters U+FDD0..U+FDEF and U+xFFFE, U+xFFFF of
# every plane.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# The noncharacters of planes 1 to 16, apart: a class that holds them is
# checked character by character (59 ms over the 1.7 MB report of 100k facts,
# against 4 ms for the class above), so they are looked for only in a text
# that has any character past the BMP at all.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_CONTROL = re.compile(
    "[" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)) + "]"
)


def _escape(m: re.Match[str]) -> str:
    n = ord(m.group())
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def escape_control(text: str) -> str:
    """`text` with each character of `_CONTROL` written as Python writes it in
    a literal (``\\x1b``, ``\\u202e``, ``\\U0001fffe``), so that data cannot
    move the cursor, clear the screen, retitle the window or reorder the line
    of the terminal it is printed to. Tab and newline stay; so does every
    other character."""
    text = _CONTROL.sub(_escape, text)
    return _ASTRAL_CONTROL.sub(_escape, text) if _ASTRAL.search(text) else text


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
