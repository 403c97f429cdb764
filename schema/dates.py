"""Honest dates: precision, stated weekdays, and relative phrases.

A date in a fact file is either absolute (``2009-02-21``, ``2008-10``, ``1995``,
or an interval ``2023-06-18/2023-06-19``) or a relative phrase as the article
wrote it (``Saturday``, ``last October``, ``earlier this year``).  A phrase is
resolved against the publication date of the article the fact cites, by this
rule (P is the publication date):

| phrase | resolves to |
|---|---|
| today / yesterday / tomorrow | P / P-1 / P+1 |
| this morning / tonight / last night | P / P / P-1, with that part of the day |
| earlier today / later in the day / earlier this day | P |
| earlier on WEEKDAY / later on WEEKDAY | as "on WEEKDAY": "earlier" and "later" change no date |
| [on] WEEKDAY [morning…] | the latest WEEKDAY on or before P |
| last WEEKDAY | the latest WEEKDAY strictly before P |
| next WEEKDAY | the first WEEKDAY strictly after P |
| [in] MONTH / back in MONTH | both readings: the latest MONTH that does not start after P, and the first after it (P's own month: itself) |
| last MONTH | the latest MONTH that ends before P's month |
| next MONTH | the first MONTH that starts after P's month |
| MONTH NN / NN MONTH | that day within half a year of P, before or after it |
| this week / earlier this week | Monday of P's week .. Sunday / .. P |
| last week / earlier last week | the Monday..Sunday week before P's week |
| next week | the Monday..Sunday week after P's week |
| over the weekend / last weekend | the latest Saturday..Sunday that starts before P |
| this month / earlier this month | P's month / its first day .. P |
| last month / next month | the month before / after P's month |
| this year / earlier this year | P's year / 1 January .. P |
| last year / next year | the year before / after P's year |
| in recent days / the past week | P-7 .. P |
| in recent weeks | P-28 .. P |
| NN days ago | P-NN |
| NN weeks ago | 7 NN days before P, give or take 3 |
| a few weeks ago / several weeks ago | P-42 .. P-14 |

A month without a year can point back or forward ("in November" in October is next month;
"in February" in June is four months ago), and nothing in the phrase says which: both
readings are kept, as the span from the first to the second, so that no check reads it one
way.  Where the text settles it, write "last November" or "next November", or the date
beside the phrase.  A day without a year ("Oct. 4") is the one within half a year of P.  A
month may be abbreviated (Oct., Sept.) or possessive (November's); NN is a number in digits.

Weeks run Monday to Sunday (ISO 8601).  A weekday named in the phrase is kept
as the stated weekday so that a check can compare it with the resolved date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"
    span = "span"


class Weekday(StrEnum):
    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"
    saturday = "saturday"
    sunday = "sunday"


WEEKDAYS = [w.value for w in Weekday]
MONTHS = [m.lower() for m in calendar.month_name][1:]
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
# Words a phrase may start with that change nothing ("on Saturday", "during the last week").
LEADING_WORDS = ("on", "in", "during", "the")

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Span:
    """A run of days, both ends inclusive, with the precision it was known to."""

    start: dt.date
    end: dt.date
    precision: Precision

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end


class DateError(ValueError):
    """A date or phrase that cannot be read; the message says why."""


# A corpus names the same few thousand days over and over (a million facts,
# under 10,000 distinct dates): each is read once, and its Span is shared.
# Errors are not cached: lru_cache keeps only what returns.
@functools.lru_cache(maxsize=1 << 16)
def parse_iso(text: str) -> Span:
    """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``A/B`` as a span of days."""
    if "/" in text:
        a, _, b = text.partition("/")
        first, last = parse_iso(a.strip()), parse_iso(b.strip())
        if last.end < first.start:
            raise DateError(f"interval {text!r} ends before it starts")
        return Span(first.start, last.end, Precision.span)
    if not ISO_DATE.match(text):
        raise DateError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 1:
            return Span(dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), Precision.year)
        if len(parts) == 2:
            y, m = parts
            return _month_span(y, m)
        day = dt.date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise DateError(f"{text!r} is not a real date: {exc}") from None
    return Span(day, day, Precision.day)


def _month_span(year: int, month: int) -> Span:
    last = calendar.monthrange(year, month)[1]
    return Span(dt.date(year, month, 1), dt.date(year, month, last), Precision.month)


def _year_span(year: int) -> Span:
    return Span(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.year)


def _prev_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def article_words(phrase: str) -> str:
    """A phrase without what an encoder wrote into it in square brackets ("[Thursday was]
    Trump's second day in China", "then [after the afternoon event]"): the article's words,
    from which a stated weekday or part of the day is read."""
    return re.sub(r"\[[^\]]*\]", " ", phrase)


@functools.lru_cache(maxsize=1 << 14)  # phrases repeat as dates do
def phrase_weekday(phrase: str) -> Weekday | None:
    """The weekday a phrase names in the article's words, if it names one."""
    for word in re.findall(r"[a-z]+", article_words(phrase).lower()):
        if word in WEEKDAYS:
            return Weekday(word)
    return None


# Abbreviations reporters write for months ("Oct. 4", "Sept. 11").
MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"sept": "september"}
# Words that only frame a phrase: "earlier on Saturday" is "on Saturday".
FRAMING_WORDS = ("earlier", "later", "back", "over")


def _month_of(word: str) -> int | None:
    name = MONTH_ABBREVIATIONS.get(word, word)
    return MONTHS.index(name) + 1 if name in MONTHS else None


def _months_apart(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _both_months(month: int, p: dt.date) -> Span:
    """Both readings of a month without a year: the latest `month` that does not start
    after P and the first that starts after it, as the span from one to the other; P's
    own month is read as itself."""
    if month == p.month:
        return _month_span(p.year, month)
    back_year = p.year if month < p.month else p.year - 1
    return Span(dt.date(back_year, month, 1), _month_span(back_year + 1, month).end, Precision.span)


def _day_within_half_a_year(month: int, day: int, p: dt.date) -> Span:
    """A day without a year: the one within half a year of P (both, as a span, in the
    rare case that two are)."""
    found = []
    for year in (p.year - 1, p.year, p.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if abs((d - p).days) <= 183:
            found.append(d)
    if not found:
        raise DateError(f"{MONTHS[month - 1].title()} {day} is not a day of a year within half a year of {p}")
    return Span(found[0], found[-1], Precision.day if len(found) == 1 else Precision.span)


@functools.lru_cache(maxsize=1 << 16)
def resolve_phrase(phrase: str, published: dt.date) -> Span:
    """Resolve a relative phrase against a publication date by the table above."""
    words = re.findall(r"[a-z]+|\d+", phrase.lower())
    if len(words) > 1 and words[-1] == "s" and _month_of(words[-2]) is not None:
        words = words[:-1]  # "November's midterm elections": the month
    while words and words[0] in (*LEADING_WORDS, *FRAMING_WORDS) and len(words) > 1:
        if words[0] in ("earlier", "later") and words[1:] in (
            ["this", "week"],
            ["this", "month"],
            ["this", "year"],
        ):
            break
        words = words[1:]
    part = words[-1] if words and words[-1] in PARTS_OF_DAY else None
    while words and words[-1] in PARTS_OF_DAY:
        words = words[:-1]
    key = " ".join(words)
    p = published
    single = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this day": 0, "day": 0}
    if part is not None:
        single |= {"this": 0, "": 0, "last": -1}
    if key in single:
        d = p + dt.timedelta(days=single[key])
        return Span(d, d, Precision.day)
    if len(words) in (1, 2) and words[-1] in WEEKDAYS:
        target = WEEKDAYS.index(words[-1])
        mod = words[0] if len(words) == 2 else ""
        if mod in ("", "this"):
            back = (p.weekday() - target) % 7
            d = p - dt.timedelta(days=back)
        elif mod == "last":
            back = (p.weekday() - target) % 7 or 7
            d = p - dt.timedelta(days=back)
        elif mod == "next":
            ahead = (target - p.weekday()) % 7 or 7
            d = p + dt.timedelta(days=ahead)
        else:
            raise DateError(f"cannot resolve {phrase!r}: unknown modifier {mod!r}")
        return Span(d, d, Precision.day)
    if len(words) == 2 and (
        (_month_of(words[0]) and words[1].isdigit()) or (_month_of(words[1]) and words[0].isdigit())
    ):
        month, day = (
            (_month_of(words[0]), words[1]) if words[1].isdigit() else (_month_of(words[1]), words[0])
        )
        assert month is not None
        return _day_within_half_a_year(month, int(day), p)
    if len(words) in (1, 2) and _month_of(words[-1]) is not None:
        month = _month_of(words[-1])
        assert month is not None
        mod = words[0] if len(words) == 2 else ""
        if mod == "":
            return _both_months(month, p)
        if mod == "last":
            year = p.year if month < p.month else p.year - 1
            return _month_span(year, month)
        if mod == "next":
            year = p.year if month > p.month else p.year + 1
            return _month_span(year, month)
        raise DateError(f"cannot resolve {phrase!r}: unknown modifier {mod!r}")
    monday = p - dt.timedelta(days=p.weekday())
    if key == "this week":
        return Span(monday, monday + dt.timedelta(days=6), Precision.week)
    if key == "earlier this week":
        return Span(monday, p, Precision.week)
    if key == "last week":
        start = monday - dt.timedelta(days=7)
        return Span(start, start + dt.timedelta(days=6), Precision.week)
    if key == "next week":
        start = monday + dt.timedelta(days=7)
        return Span(start, start + dt.timedelta(days=6), Precision.week)
    if key in ("weekend", "last weekend"):
        saturday = (
            p - dt.timedelta(days=(p.weekday() - 5) % 7 or 7)
            if p.weekday() != 6
            else p - dt.timedelta(days=1)
        )
        return Span(saturday, saturday + dt.timedelta(days=1), Precision.span)
    if key == "this month":
        return _month_span(p.year, p.month)
    if key == "earlier this month":
        return Span(p.replace(day=1), p, Precision.month)
    if key == "last month":
        return _month_span(*_prev_month(p.year, p.month))
    if key == "next month":
        return _month_span(p.year + (p.month == 12), p.month % 12 + 1)
    if key == "this year":
        return _year_span(p.year)
    if key == "earlier this year":
        return Span(dt.date(p.year, 1, 1), p, Precision.year)
    if key == "last year":
        return _year_span(p.year - 1)
    if key == "next year":
        return _year_span(p.year + 1)
    if key in ("recent days", "past week"):
        return Span(p - dt.timedelta(days=7), p, Precision.span)
    if key in ("recent weeks", "in recent weeks"):
        return Span(p - dt.timedelta(days=28), p, Precision.span)
    if len(words) == 3 and words[0].isdigit() and words[2] == "ago" and words[1] in ("day", "days"):
        d = p - dt.timedelta(days=int(words[0]))
        return Span(d, d, Precision.day)
    if len(words) == 3 and words[0].isdigit() and words[2] == "ago" and words[1] in ("week", "weeks"):
        d = p - dt.timedelta(days=7 * int(words[0]))
        return Span(d - dt.timedelta(days=3), d + dt.timedelta(days=3), Precision.span)
    if key in ("a few weeks ago", "few weeks ago", "several weeks ago"):
        return Span(p - dt.timedelta(days=42), p - dt.timedelta(days=14), Precision.span)
    raise DateError(
        f"cannot resolve the phrase {phrase!r}; give an absolute `date` beside it "
        "(docs/format.md lists the phrases factdb resolves)"
    )
