"""Hedged quantities as intervals: the one hedge table and the unit table.

Every comparison of two numbers in factdb goes through these tables, so that
"nearly $7 billion" and "$6.5 billion" are compared as intervals in the same
base unit, never as the bare numbers a writer happened to use.

Hedge table (v is the stated value, after scale and unit are applied):

| hedge                         | interval          | example                          |
|-------------------------------|-------------------|----------------------------------|
| exact                         | [v, v]            | "35-minute meeting"              |
| about, around, roughly, some, | [0.9 v, 1.1 v]    | "about five hours" = [4.5, 5.5] h|
|   approximately               |                   |                                  |
| nearly, almost, just under    | [0.9 v, v)        | "nearly $2 trillion" = [1.8, 2) T|
| more than, over, above        | (v, inf)          | "more than five hours"           |
| at least                      | [v, inf)          |                                  |
| less than, under, below       | [0, v)            |                                  |
| at most, up to                | [0, v]            |                                  |
| hundreds of, thousands of,    | [2 v, 10 v)       | "hundreds of billions" with      |
|   dozens of, millions of      |                   |   v = 100 billion                |

Units normalise to one base unit per dimension: durations to minutes, money to
US dollars, percentages to percent, ages and spans of years to years, counts to
items.  Scales (thousand, million, billion, trillion) multiply the value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, get_args


class Hedge(StrEnum):
    exact = "exact"
    about = "about"
    around = "around"
    roughly = "roughly"
    approximately = "approximately"
    some = "some"
    nearly = "nearly"
    almost = "almost"
    just_under = "just under"
    more_than = "more than"
    over = "over"
    above = "above"
    at_least = "at least"
    less_than = "less than"
    under = "under"
    below = "below"
    at_most = "at most"
    up_to = "up to"
    dozens_of = "dozens of"
    hundreds_of = "hundreds of"
    thousands_of = "thousands of"
    millions_of = "millions of"


class Scale(StrEnum):
    one = "one"
    thousand = "thousand"
    million = "million"
    billion = "billion"
    trillion = "trillion"


SCALE_FACTOR: dict[Scale, float] = {
    Scale.one: 1.0,
    Scale.thousand: 1e3,
    Scale.million: 1e6,
    Scale.billion: 1e9,
    Scale.trillion: 1e12,
}


@dataclass(frozen=True)
class UnitInfo:
    dimension: str
    base: str
    factor: float


Unit = Literal["second", "minute", "hour", "day", "week", "month", "year", "USD", "percent", "count"]

UNITS: dict[str, UnitInfo] = {
    "second": UnitInfo("duration", "minute", 1 / 60),
    "minute": UnitInfo("duration", "minute", 1.0),
    "hour": UnitInfo("duration", "minute", 60.0),
    "day": UnitInfo("duration", "minute", 1440.0),
    "week": UnitInfo("duration", "minute", 10080.0),
    # A month and a year are calendar spans; as durations they use mean lengths.
    "month": UnitInfo("span", "year", 1 / 12),
    "year": UnitInfo("span", "year", 1.0),
    "USD": UnitInfo("money", "USD", 1.0),
    "percent": UnitInfo("ratio", "percent", 1.0),
    "count": UnitInfo("count", "count", 1.0),
}

assert set(UNITS) == set(get_args(Unit)), "the Unit literal and the unit table must agree"

_ABOUT = {Hedge.about, Hedge.around, Hedge.roughly, Hedge.approximately, Hedge.some}
_NEARLY = {Hedge.nearly, Hedge.almost, Hedge.just_under}
_MORE = {Hedge.more_than, Hedge.over, Hedge.above}
_LESS = {Hedge.less_than, Hedge.under, Hedge.below}
_AT_MOST = {Hedge.at_most, Hedge.up_to}
_PLURAL = {Hedge.dozens_of, Hedge.hundreds_of, Hedge.thousands_of, Hedge.millions_of}


@dataclass(frozen=True)
class Interval:
    """A closed, open or half-open interval on the real line in a base unit."""

    low: float
    high: float
    low_closed: bool
    high_closed: bool

    def contains(self, x: float) -> bool:
        above = x > self.low or (self.low_closed and x == self.low)
        below = x < self.high or (self.high_closed and x == self.high)
        return above and below

    def overlaps(self, other: Interval) -> bool:
        return overlaps(self, other)

    @property
    def empty(self) -> bool:
        return self.low > self.high or (self.low == self.high and not (self.low_closed and self.high_closed))


def overlaps(a: Interval, b: Interval) -> bool:
    """True when the two intervals share at least one point (symmetric)."""
    if a.empty or b.empty:
        return False
    if a.high < b.low or b.high < a.low:
        return False
    if a.high == b.low:
        return a.high_closed and b.low_closed
    if b.high == a.low:
        return b.high_closed and a.low_closed
    return True


def _exact(x: float) -> float:
    """`x` to 15 significant digits: products such as 1.1 * 60 or 0.9 * 7e9 land a
    hair off the number they stand for (66.00000000000001), which would put "66
    minutes" outside "1.1 hours" and "$6.3 billion" outside "nearly $7 billion"."""
    return x if math.isinf(x) or x == 0 else float(f"{x:.15g}")


def hedge_interval(hedge: Hedge, v: float) -> Interval:
    """The interval a hedge gives a value already expressed in its base unit; an end
    the hedge computes (0.9 v) is taken to 15 significant digits, the value itself
    never changes."""
    if hedge == Hedge.exact:
        return Interval(v, v, True, True)
    if hedge in _ABOUT:
        lo, hi = sorted((_exact(0.9 * v), _exact(1.1 * v)))
        return Interval(lo, hi, True, True)
    if hedge in _NEARLY:
        return Interval(_exact(0.9 * v), v, True, False)
    if hedge in _MORE:
        return Interval(v, math.inf, False, False)
    if hedge == Hedge.at_least:
        return Interval(v, math.inf, True, False)
    if hedge in _LESS:
        return Interval(0.0, v, True, False)
    if hedge in _AT_MOST:
        return Interval(0.0, v, True, True)
    if hedge in _PLURAL:
        return Interval(_exact(2 * v), _exact(10 * v), True, False)
    raise ValueError(f"no interval rule for hedge {hedge!r}")  # pragma: no cover


def to_base(value: float, unit: str, scale: Scale = Scale.one) -> float:
    """Convert a stated value in `unit` (times `scale`) to its base unit; a value
    multiplied is taken to 15 significant digits, one already in its base unit is kept."""
    factor = SCALE_FACTOR[scale] * UNITS[unit].factor
    return value if factor == 1 else _exact(value * factor)


def from_base(value: float, unit: str, scale: Scale = Scale.one) -> float:
    """Inverse of `to_base`."""
    return value / (SCALE_FACTOR[scale] * UNITS[unit].factor)
