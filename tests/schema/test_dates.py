"""Dates: absolute forms, relative phrases, and their documented resolution rule."""

from __future__ import annotations

import datetime as dt

import pytest
from factdb.schema import When
from factdb.schema.dates import WEEKDAYS, DateError, Precision, Weekday, parse_iso, resolve_phrase
from hypothesis import example, given
from hypothesis import strategies as st

PUB = dt.date(2023, 6, 19)  # a Monday


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("on Monday", "2023-06-19", "2023-06-19"),
        ("Saturday", "2023-06-17", "2023-06-17"),
        ("Sunday evening", "2023-06-18", "2023-06-18"),
        ("last Monday", "2023-06-12", "2023-06-12"),
        ("next Friday", "2023-06-23", "2023-06-23"),
        # A month without a year keeps both readings, back and forward (trial 09's
        # "November's midterm elections" in October is next month, not last year's).
        ("in February", "2023-02-01", "2024-02-29"),
        ("in December", "2022-12-01", "2023-12-31"),
        ("in June", "2023-06-01", "2023-06-30"),
        ("November's", "2022-11-01", "2023-11-30"),
        ("next November", "2023-11-01", "2023-11-30"),
        ("next month", "2023-07-01", "2023-07-31"),
        # A day without a year is the one within half a year of publication.
        ("Oct. 4", "2023-10-04", "2023-10-04"),
        ("May 31", "2023-05-31", "2023-05-31"),
        ("4 August", "2023-08-04", "2023-08-04"),
        # The phrases blind encoders met that did not resolve.
        ("this morning", "2023-06-19", "2023-06-19"),
        ("last night", "2023-06-18", "2023-06-18"),
        ("Earlier on Saturday", "2023-06-17", "2023-06-17"),
        ("Earlier this day", "2023-06-19", "2023-06-19"),
        ("later in the day", "2023-06-19", "2023-06-19"),
        ("earlier last week", "2023-06-12", "2023-06-18"),
        ("Over the weekend", "2023-06-17", "2023-06-18"),
        ("back in November", "2022-11-01", "2023-11-30"),
        ("in recent days", "2023-06-12", "2023-06-19"),
        ("the past week", "2023-06-12", "2023-06-19"),
        ("several weeks ago", "2023-05-08", "2023-06-05"),
        ("3 days ago", "2023-06-16", "2023-06-16"),
        ("2 weeks ago", "2023-06-02", "2023-06-08"),
        ("last October", "2022-10-01", "2022-10-31"),
        ("last June", "2022-06-01", "2022-06-30"),
        ("earlier this week", "2023-06-19", "2023-06-19"),
        ("last week", "2023-06-12", "2023-06-18"),
        ("earlier this year", "2023-01-01", "2023-06-19"),
        ("last year", "2022-01-01", "2022-12-31"),
        ("yesterday", "2023-06-18", "2023-06-18"),
    ],
)
def test_phrases_resolve_by_the_documented_rule(phrase: str, start: str, end: str) -> None:
    span = resolve_phrase(phrase, PUB)
    assert (span.start.isoformat(), span.end.isoformat()) == (start, end)


def test_unknown_phrase_is_an_error() -> None:
    with pytest.raises(DateError, match="cannot resolve"):
        resolve_phrase("a while back", PUB)


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2009", Precision.year, "2009-01-01", "2009-12-31"),
        ("2024-02", Precision.month, "2024-02-01", "2024-02-29"),
        ("2009-02-21", Precision.day, "2009-02-21", "2009-02-21"),
        ("2023-06-18/2023-06-19", Precision.span, "2023-06-18", "2023-06-19"),
    ],
)
def test_absolute_dates_carry_their_precision(text: str, precision: Precision, start: str, end: str) -> None:
    span = parse_iso(text)
    assert (span.precision, span.start.isoformat(), span.end.isoformat()) == (precision, start, end)


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13", "21/02/2009", "2023-06-19/2023-06-01"])
def test_impossible_dates_are_errors(text: str) -> None:
    with pytest.raises(DateError):
        parse_iso(text)


@given(
    st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(WEEKDAYS),
    st.sampled_from(["", "on ", "last "]),
)
@example(dt.date(2009, 2, 21), "saturday", "")
@example(dt.date(2009, 2, 21), "saturday", "last ")
def test_weekday_phrase_has_that_weekday_and_is_not_after_publication(
    published: dt.date, day: str, prefix: str
) -> None:
    span = resolve_phrase(prefix + day.capitalize(), published)
    assert span.start == span.end
    assert WEEKDAYS[span.start.weekday()] == day
    assert span.start <= published and (published - span.start).days < 8
    if prefix == "last ":
        assert span.start < published


@given(st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 1, 1)), st.sampled_from(WEEKDAYS))
def test_next_weekday_is_after_publication(published: dt.date, day: str) -> None:
    span = resolve_phrase(f"next {day}", published)
    assert WEEKDAYS[span.start.weekday()] == day and 0 < (span.start - published).days <= 7


def test_a_phrase_gives_its_weekday_and_part_of_day_without_being_given_them() -> None:
    when = When.model_validate("Sunday evening")
    assert (when.weekday, when.part_of_day) == (Weekday.sunday, "evening")
    assert when.model_fields_set == {"phrase"}


def test_models_given_the_same_keys_share_one_frozen_set_of_them() -> None:
    # One set per instance was half of a loaded corpus's memory.
    a, b = When.model_validate("Sunday evening"), When.model_validate({"phrase": "last week"})
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    with pytest.raises(AttributeError):
        a.phrase = "yesterday"  # would mark `phrase` given on every sharer


@pytest.mark.parametrize(
    "text", ["2023-02-30", "2999-01-01", "1899-12-31"], ids=["no-such-day", "future", "too-early"]
)
def test_a_refused_date_is_refused_every_time_it_is_read(text: str) -> None:
    # Dates are read once and kept (parse_iso, check_absolute are memoised):
    # only what passes may be kept, or the second fact with a bad date would pass.
    for _ in range(2):
        with pytest.raises(ValueError):
            When.model_validate({"date": text})


def test_a_date_read_twice_is_one_shared_span() -> None:
    first, again = parse_iso("2011-01-19/2011-01-21"), parse_iso("2011-01-19/2011-01-21")
    assert first is again
    assert (first.start, first.end, first.precision) == (
        dt.date(2011, 1, 19),
        dt.date(2011, 1, 21),
        Precision.span,
    )
