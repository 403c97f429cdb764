"""The column conventions, so that SQL reads the same everywhere:

* a date field F becomes F_from, F_to (DATE, inclusive), F_precision,
  F_phrase (the words, when relative), F_weekday (stated), F_part (of day);
* a quantity field Q becomes Q_value, Q_unit, Q_scale, Q_hedge, Q_text and
  its interval in the base unit: Q_low, Q_high, Q_low_closed, Q_high_closed,
  Q_base_unit, Q_dimension (an open end is +/-infinity)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pyarrow as pa
from factdb.schema import Quantity, When
from factdb.schema.dates import Span

STR = pa.string()
INT = pa.int64()
BOOL = pa.bool_()
DATE = pa.date32()
FLOAT = pa.float64()
STRS = pa.list_(pa.string())


def when_columns(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{prefix}_from", DATE),
        (f"{prefix}_to", DATE),
        (f"{prefix}_precision", STR),
        (f"{prefix}_phrase", STR),
        (f"{prefix}_weekday", STR),
        (f"{prefix}_part", STR),
    ]


def quantity_columns(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{prefix}_value", FLOAT),
        (f"{prefix}_unit", STR),
        (f"{prefix}_scale", STR),
        (f"{prefix}_hedge", STR),
        (f"{prefix}_text", STR),
        (f"{prefix}_low", FLOAT),
        (f"{prefix}_high", FLOAT),
        (f"{prefix}_low_closed", BOOL),
        (f"{prefix}_high_closed", BOOL),
        (f"{prefix}_base_unit", STR),
        (f"{prefix}_dimension", STR),
    ]


@functools.cache
def _names(columns: Callable[[str], list[tuple[str, pa.DataType]]], prefix: str) -> tuple[str, ...]:
    """The column names of a prefix, formatted once: rows ask for them millions of times."""
    return tuple(name for name, _ in columns(prefix))


def when_values(prefix: str, when: When | None, span: Span | None) -> dict[str, Any]:
    if when is None or span is None:
        return {}
    values = (
        span.start,
        span.end,
        span.precision.value,
        when.phrase,
        when.weekday.value if when.weekday else None,
        when.part_of_day,
    )
    return dict(zip(_names(when_columns, prefix), values, strict=True))


def quantity_values(prefix: str, q: Quantity | None) -> dict[str, Any]:
    if q is None:
        return {}
    iv = q.interval()
    values = (
        q.value,
        q.unit,
        q.scale.value,
        q.hedge.value,
        q.text,
        iv.low,
        iv.high,
        iv.low_closed,
        iv.high_closed,
        q.base_unit(),
        q.dimension(),
    )
    return dict(zip(_names(quantity_columns, prefix), values, strict=True))
