"""The checks decide exactly: where a check can tell from the facts alone whether some
world satisfies a set of claims, it fires exactly when none does.

Each property draws random imprecise claims of one kind (hedged durations and figures,
ages against birth dates known to a day, month or year, dates of one occurrence in
every combination of arrival, departure, start, end and day it was going on, stated
weekdays, parts of a day, titles against terms of office, two holders of one office on
one day, a departure and its arrival, the stops of a trip in two accounts, a claimed leg,
a whole day in one country and a meeting in another, "first since" against an earlier
arrival) and asks a plain Python
oracle, which searches the readings one by one (every day of a span, every point
where two intervals may meet), whether any world makes them all true. The check, run
through the real loader on the same claims, must find something exactly when the
oracle finds no world. test_soundness.py holds the other direction over all checks at
once, on whole drawn worlds."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.build.write import load_tables
from factdb.loader.checks import load_checks, run_checks, select_checks
from factdb.loader.corpus import load_corpus
from factdb.schema.quantities import Hedge, Interval, Scale, quantity_interval
from hypothesis import example, given
from hypothesis import strategies as st

from .cases.corpus import ART, REF, TEXT, WD, sources
from .test_soundness import PART_HOURS, dump

CHECKS = load_checks()
CITY = {"beijing": "china", "shanghai": "china", "london": "uk", "tokyo": "japan"}
COUNTRIES = sorted(set(CITY.values()))
W0 = dt.date(2023, 1, 1)  # the window claims' dates fall in: W0 .. W0 + 89
WINDOW = 90


def run(
    check: str,
    facts: list[dict[str, Any]],
    occurrences: list[dict[str, Any]] | None = None,
    people: list[dict[str, Any]] | None = None,
) -> list[str]:
    """The findings of one check on the claims, loaded through the real loader."""
    data = {
        **sources(),
        "countries": [{"id": c, "name": c.title()} for c in COUNTRIES],
        "places": [{"id": p, "name": p.title(), "type": "city", "parent": c} for p, c in CITY.items()],
        "people": people or [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
        "offices": [
            {"id": "fm", "title": "Foreign Minister", "single_holder": True},
            {"id": "sc", "title": "State Councilor", "single_holder": False},
        ],
        "occurrences": occurrences
        or [{"id": "o", "kind": "meeting", "label": "the talks", "reason": "drawn"}],
        "facts": facts,
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "seeds").mkdir()
        (root / "seeds" / "art.txt").write_text(TEXT, encoding="utf-8")
        (root / "facts").mkdir()
        (root / "facts" / "corpus.yaml").write_text(dump(data), encoding="utf-8")
        con = duckdb.connect(":memory:")
        try:
            load_tables(con, load_corpus(root / "facts"))
            report = run_checks(con, select_checks(CHECKS, [check], None))
        finally:
            con.close()
    return [f.message for f in report.findings]


# --- intervals: durations and figures --------------------------------------------

HEDGES = [h.value for h in Hedge]
values = st.sampled_from([0.5, 1, 2, 2.5, 3, 4.5, 5, 5.5, 7, 35, 60, 300])


def share_a_point(a: Interval, b: Interval) -> bool:
    """Whether some number lies in both: tried at every end and between every two ends."""
    ends = sorted({a.low, a.high, b.low, b.high} - {math.inf, -math.inf})
    points = [
        *ends,
        *((x + y) / 2 for x, y in itertools.pairwise(ends)),
        (ends[-1] + 1) if ends else 0.0,
    ]
    return any(a.contains(x) and b.contains(x) for x in points) or (
        math.isinf(a.high) and math.isinf(b.high) and not a.empty and not b.empty
    )


def quantity(hedge: str, value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "hedge": hedge}


@pytest.mark.slow
@given(
    st.sampled_from(HEDGES),
    values,
    st.sampled_from(["minute", "hour"]),
    st.sampled_from(HEDGES),
    values,
    st.sampled_from(["minute", "hour"]),
)
@example("about", 5, "hour", "exact", 35, "minute")  # seed 002 against 003: fires
@example("more than", 5, "hour", "about", 5.5, "hour")  # agrees
@example("less than", 2, "hour", "at least", 120, "minute")  # meet at no point: [0, 120) and [120, inf)
@example("exact", 1.1, "hour", "exact", 66, "minute")  # 1.1 * 60 is 66.00000000000001 in floats: agrees
def test_duration_conflict_fires_exactly_when_no_length_fits(
    h1: str, v1: float, u1: str, h2: str, v2: float, u2: str
) -> None:
    a = quantity_interval(Hedge(h1), v1, u1)
    b = quantity_interval(Hedge(h2), v2, u2)
    facts = [
        {
            "id": f"m{n}",
            "kind": "meeting",
            "of": "o",
            "participants": ["ann"],
            "duration": quantity(h, v, u),
            "evidence": ART,
        }
        for n, (h, v, u) in enumerate([(h1, v1, u1), (h2, v2, u2)])
    ]
    assert bool(run("duration-conflict", facts)) == (not share_a_point(a, b))


@pytest.mark.slow
@given(
    st.sampled_from(HEDGES),
    values,
    st.sampled_from(HEDGES),
    values,
    st.sampled_from(["2023-02-10", "2023-02"]),
    st.booleans(),
)
@example("nearly", 7, "exact", 6.463, "2023-02", True)  # "nearly $7 billion" holds $6.463 billion
def test_figure_conflict_fires_exactly_when_no_value_fits(
    h1: str, v1: float, h2: str, v2: float, as_of: str, same: bool
) -> None:
    """Two figures of one measure as of the same day, the same month, or a day and its
    month: a measure may change within a month, so only the same day can conflict."""
    a = quantity_interval(Hedge(h1), v1, "USD", Scale.billion)
    b = quantity_interval(Hedge(h2), v2, "USD", Scale.billion)
    other = as_of if same else ("2023-02" if as_of != "2023-02" else "2023-02-10")
    facts = [
        {
            "id": f"f{n}",
            "kind": "figure",
            "measure": "fx",
            "quantity": dict(quantity(h, v, "USD"), scale="billion"),
            "as_of": d,
            "evidence": ART,
        }
        for n, (h, v, d) in enumerate([(h1, v1, as_of), (h2, v2, other)])
    ]
    # Only figures as of one day are compared: "as of February" may be any day of it.
    assert bool(run("figure-conflict", facts)) == (same and as_of == "2023-02-10" and not share_a_point(a, b))


# --- ages ------------------------------------------------------------------------


def age_on(born: dt.date, d: dt.date) -> int:
    return d.year - born.year - ((d.month, d.day) < (born.month, born.day))


def days_of(text: str) -> list[dt.date]:
    """Every day a date of the form YYYY, YYYY-MM or YYYY-MM-DD may be."""
    parts = [int(p) for p in text.split("-")]
    first = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 3:
        return [first]
    if len(parts) == 2:
        nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    else:
        nxt = dt.date(first.year + 1, 1, 1)
    return [first + dt.timedelta(n) for n in range((nxt - first).days)]


def a_date(d: dt.date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.strftime("%Y-%m"), "year": str(d.year)}[precision]


precisions = st.sampled_from(["day", "month", "year"])


@pytest.mark.slow
@given(
    st.dates(dt.date(1950, 1, 1), dt.date(1970, 12, 31)),
    precisions,
    st.dates(dt.date(2020, 1, 1), dt.date(2023, 6, 1)),
    precisions,
    st.sampled_from(["exact", "about", "nearly", "more than", "at most"]),
    st.integers(45, 75),
)
@example(dt.date(1962, 4, 16), "day", dt.date(2023, 6, 19), "day", "exact", 61)  # Blinken, 61: holds
@example(dt.date(1962, 4, 16), "day", dt.date(2023, 4, 15), "day", "exact", 61)  # a day before his birthday
@example(dt.date(1962, 4, 16), "year", dt.date(2023, 4, 15), "day", "exact", 61)  # born some day of 1962
@example(dt.date(1962, 4, 16), "day", dt.date(2023, 6, 19), "day", "more than", 61)  # 61 and two months
def test_age_mismatch_fires_exactly_when_no_birthday_fits(
    born: dt.date, bp: str, on: dt.date, op: str, hedge: str, age: int
) -> None:
    # an age without a hedge is that many whole years, not a figure's rounding (age-mismatch)
    claim = (
        Interval(age, age, True, True) if hedge == "exact" else quantity_interval(Hedge(hedge), age, "year")
    )
    possible = {age_on(b, d) for b in days_of(a_date(born, bp)) for d in days_of(a_date(on, op))}
    # A person of whole age a is any age from a up to a + 1 ("more than 61" fits 61).
    fits = any(share_a_point(claim, Interval(float(a), float(a + 1), True, False)) for a in possible)
    people = [{"id": "ann", "name": "Ann", "born": a_date(born, bp), "evidence": REF}]
    facts = [
        {
            "id": "age",
            "kind": "figure",
            "measure": "age",
            "subject": "ann",
            "quantity": quantity(hedge, age, "year"),
            "as_of": a_date(on, op),
            "evidence": ART,
        }
    ]
    assert bool(run("age-mismatch", facts, people=people)) == (not fits)


# --- one occurrence's dates --------------------------------------------------------

spans = st.tuples(st.integers(0, WINDOW - 1), st.integers(0, 6))


def span_text(span: tuple[int, int]) -> str:
    a = W0 + dt.timedelta(span[0])
    b = a + dt.timedelta(span[1])
    return a.isoformat() if a == b else f"{a.isoformat()}/{b.isoformat()}"


def span_days(span: tuple[int, int]) -> range:
    return range(span[0], span[0] + span[1] + 1)


def any_zone(span: tuple[int, int]) -> range:
    """A date's days and the day after: two sources' time zones put one moment at most a
    day apart, so dates a day apart may be one moment."""
    return range(span[0], span[0] + span[1] + 2)


# What each kind's dates bound: (field, bounds) with bounds "start", "end", "both" or "touch".
SHAPES = {
    "visit": [("arrive", "start"), ("depart", "end")],
    "event": [("when", "start"), ("end", "end")],
    "meeting": [("when", "both")],
    "agreement": [("when", "touch")],
}


@st.composite
def dated_fact(draw: st.DrawFn, kind: str, n: int) -> tuple[dict[str, Any], list[tuple[str, range]]]:
    fields = [f for f in SHAPES[kind] if draw(st.booleans())] or SHAPES[kind][:1]
    fact: dict[str, Any] = {"id": f"d{n}", "kind": kind, "of": "o", "evidence": ART}
    extra: dict[str, dict[str, Any]] = {
        "visit": {"travellers": ["ann"], "destination": "beijing"},
        "event": {"type": "talks", "description": "talks"},
        "meeting": {"participants": ["ann"]},
        "agreement": {"parties": ["china"], "subject": "a deal", "status": "agreed"},
    }
    fact.update(extra[kind])
    bounds = []
    has_end = any(f == "end" for f, _ in fields)
    for name, role in fields:
        span = draw(spans)
        fact[name] = span_text(span)
        if kind == "event" and name == "when" and not has_end:
            role = "both"  # an event without an end took place within its `when`
        bounds.append((role, any_zone(span)))
    return fact, bounds


def satisfiable(bounds: list[tuple[str, range]]) -> bool:
    """Whether some first day S <= last day E meets every bound, day by day."""
    for s in range(-1, WINDOW + 9):
        for e in range(s, WINDOW + 10):
            if all(
                (role != "start" or s in days)
                and (role != "end" or e in days)
                and (role != "both" or (s in days and e in days))
                and (role != "touch" or (s <= days[-1] and days[0] <= e))
                for role, days in bounds
            ):
                return True
    return False


@st.composite
def two_accounts(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]], list[list[tuple[str, range]]]]:
    if draw(st.booleans()):
        kinds = ["visit", "visit"]
        occurrence = "visit"
    else:
        kinds = [draw(st.sampled_from(["meeting", "event", "agreement"])) for _ in range(2)]
        occurrence = "meeting"
    drawn = [draw(dated_fact(k, n)) for n, k in enumerate(kinds)]
    return occurrence, [f for f, _ in drawn], [b for _, b in drawn]


def _visit(n: int, **dates: tuple[int, int]) -> tuple[dict[str, Any], list[tuple[str, range]]]:
    fact = {
        "id": f"d{n}",
        "kind": "visit",
        "of": "o",
        "travellers": ["ann"],
        "destination": "beijing",
        "evidence": ART,
    }
    role = {"arrive": "start", "depart": "end"}
    return {**fact, **{k: span_text(v) for k, v in dates.items()}}, [
        (role[k], any_zone(v)) for k, v in dates.items()
    ]


TWO_ARRIVALS = [_visit(0, arrive=(6, 0)), _visit(1, arrive=(5, 0))]  # trial 11: Thursday and Friday, agree
TWO_DAYS_APART = [_visit(0, arrive=(7, 0)), _visit(1, arrive=(5, 0))]  # Saturday and Thursday: no time zone
ARRIVED_AND_LEFT = [_visit(0, arrive=(5, 0)), _visit(1, depart=(8, 0))]  # one account each: agree


@pytest.mark.slow
@given(two_accounts())
@example(("visit", [f for f, _ in TWO_ARRIVALS], [b for _, b in TWO_ARRIVALS]))
@example(("visit", [f for f, _ in ARRIVED_AND_LEFT], [b for _, b in ARRIVED_AND_LEFT]))
@example(("visit", [f for f, _ in TWO_DAYS_APART], [b for _, b in TWO_DAYS_APART]))
def test_occurrence_date_conflict_fires_exactly_when_no_dates_fit(
    accounts: tuple[str, list[dict[str, Any]], list[list[tuple[str, range]]]],
) -> None:
    occurrence, facts, bounds = accounts
    alone = all(satisfiable(b) for b in bounds)  # a fact wrong on its own is date-order's
    expected = alone and not satisfiable(bounds[0] + bounds[1])
    found = run(
        "occurrence-date-conflict", facts, [{"id": "o", "kind": occurrence, "label": "it", "reason": "drawn"}]
    )
    assert bool(found) == expected, (facts, found)


# --- weekdays and parts of a day --------------------------------------------------


@pytest.mark.slow
@given(
    st.integers(0, WINDOW - 1),
    st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
)
def test_weekday_mismatch_fires_exactly_when_the_day_is_another(n: int, weekday: str) -> None:
    d = W0 + dt.timedelta(n)
    facts = [
        {
            "id": "e",
            "kind": "event",
            "of": "o",
            "type": "talks",
            "description": "talks",
            "when": {"date": d.isoformat(), "weekday": weekday},
            "evidence": ART,
        }
    ]
    assert bool(run("weekday-mismatch", facts)) == (d.strftime("%A").lower() != weekday)


@pytest.mark.slow
@given(st.sampled_from(list(PART_HOURS)), st.sampled_from(list(PART_HOURS)))
def test_time_of_day_conflict_fires_exactly_when_no_hour_fits(a: str, b: str) -> None:
    facts = [
        {
            "id": f"v{n}",
            "kind": "visit",
            "of": "o",
            "travellers": ["ann"],
            "destination": "beijing",
            "arrive": {"date": "2023-06-18", "part_of_day": p},
            "evidence": ART,
        }
        for n, p in enumerate([a, b])
    ]
    found = run(
        "time-of-day-conflict", facts, [{"id": "o", "kind": "visit", "label": "it", "reason": "drawn"}]
    )
    assert bool(found) == (not set(PART_HOURS[a]) & set(PART_HOURS[b]))


# --- titles against terms ----------------------------------------------------------


@st.composite
def tenure(draw: st.DrawFn) -> tuple[list[tuple[str, int, int | None]], str, tuple[int, int]]:
    """Recorded terms of the single-holder office (ann's and bob's, in turn, with
    handover days), and ann's claim: a span of days."""
    cuts = sorted(draw(st.lists(st.integers(0, WINDOW), min_size=1, max_size=4, unique=True)))
    holders = draw(st.lists(st.sampled_from(["ann", "bob"]), min_size=len(cuts), max_size=len(cuts)))
    terms: list[tuple[str, int, int | None]] = []
    for n, (person, start) in enumerate(zip(holders, cuts, strict=True)):
        end = cuts[n + 1] if n + 1 < len(cuts) else draw(st.none() | st.integers(start + 1, WINDOW + 5))
        terms.append((person, start, end))
    return terms, draw(st.sampled_from(["fm", "sc"])), draw(spans)


def iso(n: int) -> str:
    return (W0 + dt.timedelta(n)).isoformat()


def title_admissible(terms: list[tuple[str, int, int | None]], office: str, claim: tuple[int, int]) -> bool:
    """Whether some day of ann's claim may be a day she held the office. Her recorded
    terms, once she has one, are all of hers; a term's last day is a handover and
    belongs to both holders. Without terms of hers, the office may be hers on any day
    no one else certainly holds it (only a single-holder office excludes her)."""
    days = span_days(claim)
    mine = [(s, e) for p, s, e in terms if p == "ann"]
    if mine:
        return any(s <= x and (e is None or x <= e) for x in days for s, e in mine)
    if office == "sc":
        return True
    return any(all(not (s < x and (e is None or x < e)) for p, s, e in terms) for x in days)


@pytest.mark.slow
@given(tenure())
@example(([("ann", 0, 10), ("bob", 10, None)], "fm", (10, 0)))  # the handover day: hers too
@example(([("bob", 0, None)], "fm", (5, 0)))  # bob holds it: not hers
@example(([("bob", 5, None)], "fm", (3, 4)))  # a claim that may fall before bob's term
def test_title_outside_tenure_fires_exactly_when_no_day_of_the_claim_is_in_a_term(
    drawn: tuple[list[tuple[str, int, int | None]], str, tuple[int, int]],
) -> None:
    terms, office, claim = drawn
    facts: list[dict[str, Any]] = []
    for n, (person, start, end) in enumerate(terms):
        t = {
            "id": f"t{n}",
            "kind": "role",
            "person": person,
            "office": office,
            "start": iso(start),
            "evidence": REF,
        }
        facts.append({**t, "end": iso(end)} if end is not None else t)
    facts.append(
        {
            "id": "claim",
            "kind": "role",
            "person": "ann",
            "office": office,
            "at": span_text(claim),
            "evidence": ART,
        }
    )
    found = run("title-outside-tenure", facts)
    assert bool(found) == (not title_admissible(terms, office, claim)), (terms, claim, found)


# --- dates in order, one holder, trips, places, "first since" -----------------------


@pytest.mark.slow
@given(spans, spans)
def test_date_order_fires_exactly_when_the_departure_is_before_every_arrival(
    arrive: tuple[int, int], depart: tuple[int, int]
) -> None:
    facts = [
        {
            "id": "v",
            "kind": "visit",
            "of": "o",
            "travellers": ["ann"],
            "destination": "beijing",
            "arrive": span_text(arrive),
            "depart": span_text(depart),
            "evidence": ART,
        }
    ]
    found = run("date-order", facts, [{"id": "o", "kind": "visit", "label": "it", "reason": "drawn"}])
    fits = any(a <= d for a in span_days(arrive) for d in span_days(depart))
    assert bool(found) == (not fits)


@pytest.mark.slow
@given(st.integers(0, 6), st.integers(0, 6), st.none() | st.integers(0, 6))
@example(3, 3, 3)  # both named on the handover day: both held it
@example(3, 3, None)  # one day, two ministers, no record: it may be their handover day
@example(3, 3, 1)  # one day, two ministers, and a term that covers it
def test_single_holder_overlap_fires_exactly_when_two_hold_it_on_a_day_that_is_no_handover(
    x: int, y: int, handover: int | None
) -> None:
    facts: list[dict[str, Any]] = []
    if handover is not None:
        facts += [
            {
                "id": "ta",
                "kind": "role",
                "person": "ann",
                "office": "fm",
                "start": iso(-30),
                "end": iso(handover),
                "evidence": REF,
            },
            {
                "id": "tb",
                "kind": "role",
                "person": "bob",
                "office": "fm",
                "start": iso(handover),
                "evidence": REF,
            },
        ]
    facts += [
        {"id": "ca", "kind": "role", "person": "ann", "office": "fm", "at": iso(x), "evidence": ART},
        {"id": "cb", "kind": "role", "person": "bob", "office": "fm", "at": iso(y), "evidence": ART},
    ]
    found = [m for m in run("single-holder-overlap", facts) if "recorded terms" not in m]
    # Any day may be a handover day, which belongs to both, unless a recorded term covers
    # it other than at its ends: then that term's holder alone has it.
    covered = handover is not None and x != handover
    assert bool(found) == (x == y and covered)


PLACES = [*CITY, *COUNTRIES]


def _matches(stop: str, place: str) -> bool:
    """A real stop (a city) matches a place an account names: the city or its country."""
    return place in (stop, CITY[stop])


@st.composite
def accounts(draw: st.DrawFn) -> list[tuple[list[str], bool]]:
    return [
        (draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=3, unique=True)), draw(st.booleans()))
        for _ in range(2)
    ]


@pytest.mark.slow
@given(accounts())
@example([(["beijing", "london"], True), (["beijing", "tokyo"], False)])  # seed 002's tour
@example([(["beijing", "london"], False), (["beijing", "tokyo"], False)])  # two partial accounts agree
def test_trip_legs_disagree_fires_exactly_when_no_set_of_stops_fits_both_accounts(
    drawn: list[tuple[list[str], bool]],
) -> None:
    """A world is the set of cities the trip stopped in: every place an account names is
    one of them (or their country), and a complete account names every one."""

    def fits(world: tuple[str, ...]) -> bool:
        return all(
            all(any(_matches(s, p) for s in world) for p in places)
            and (not complete or all(any(_matches(s, p) for p in places) for s in world))
            for places, complete in drawn
        )

    worlds = (w for n in range(1, len(CITY) + 1) for w in itertools.combinations(CITY, n))
    facts = [
        {
            "id": f"t{n}",
            "kind": "visit",
            "of": "o",
            "travellers": ["ann"],
            "legs": [{"place": p} for p in places],
            "legs_complete": complete,
            "evidence": ART,
        }
        for n, (places, complete) in enumerate(drawn)
    ]
    found = run("trip-legs-disagree", facts, [{"id": "o", "kind": "visit", "label": "it", "reason": "drawn"}])
    assert bool(found) == (not any(fits(w) for w in worlds))


@pytest.mark.slow
@given(
    st.lists(st.sampled_from(list(CITY)), min_size=1, max_size=4),
    st.sampled_from(PLACES),
    st.integers(1, 4),
    st.booleans(),
)
@example(["beijing", "london", "beijing"], "beijing", 3, False)  # a trip that passes one city twice
def test_trip_legs_fires_exactly_when_the_stop_is_not_that_leg(
    legs: list[str], destination: str, leg: int, last: bool
) -> None:
    """The account lists every stop in order, so it is the world; the claim holds when
    some leg at the place is the claimed one (and, for the last stop, the last)."""
    at = [i + 1 for i, s in enumerate(legs) if _matches(s, destination) or CITY.get(destination) == s]
    holds = leg in at and (not last or len(legs) in at)
    claim = {
        "id": "a",
        "kind": "visit",
        "of": "v",
        "travellers": ["ann"],
        "destination": destination,
        "part_of": "trip",
        "leg": leg,
        "evidence": ART,
    }
    facts = [
        {
            "id": "t",
            "kind": "visit",
            "of": "trip",
            "travellers": ["ann"],
            "legs": [{"place": p} for p in legs],
            "legs_complete": True,
            "evidence": REF,
        },
        {**claim, "last_stop": True} if last else claim,
    ]
    occurrences = [{"id": o, "kind": "visit", "label": o, "reason": "drawn"} for o in ("trip", "v")]
    assert bool(run("trip-legs", facts, occurrences)) == (not holds)


@pytest.mark.slow
@given(
    st.sampled_from(list(CITY)),
    st.integers(0, 8),
    st.integers(0, 4),
    st.sampled_from(list(CITY)),
    st.integers(0, 12),
)
def test_two_places_at_once_fires_exactly_when_a_whole_day_abroad_holds_a_meeting(
    stay: str, arrive: int, nights: int, venue: str, day: int
) -> None:
    """A stay from `arrive` to `arrive + nights` takes each day strictly between whole;
    a meeting takes part of its day. Only a whole day in one country and a meeting in
    another cannot both be."""
    facts = [
        {
            "id": "v",
            "kind": "visit",
            "of": "o",
            "travellers": ["ann"],
            "destination": stay,
            "arrive": iso(arrive),
            "depart": iso(arrive + nights),
            "evidence": ART,
        },
        {
            "id": "m",
            "kind": "meeting",
            "of": "talks",
            "participants": ["ann"],
            "venue": venue,
            "when": iso(day),
            "evidence": ART,
        },
    ]
    occurrences = [
        {"id": "o", "kind": "visit", "label": "o", "reason": "drawn"},
        {"id": "talks", "kind": "meeting", "label": "talks", "reason": "drawn"},
    ]
    whole = arrive < day < arrive + nights
    assert bool(run("two-places-at-once", facts, occurrences)) == (whole and CITY[stay] != CITY[venue])


@pytest.mark.slow
@given(spans, spans, st.integers(30, 60))
@example((10, 0), (5, 0), 40)  # "since" the 5th, a visit on the 10th, the claim on the 40th
@example((10, 0), (5, 6), 40)  # "since" the week of the 5th, which holds the 10th
def test_first_since_fires_exactly_when_an_earlier_arrival_is_certainly_after_the_bound(
    earlier: tuple[int, int], since: tuple[int, int], arrive: int
) -> None:
    """Bob, a holder of the office throughout, arrived in China some day of `earlier`;
    the claimed visit arrived on `arrive` and is "the first since" a day of `since`,
    read as: none after the bound's last day."""
    facts: list[dict[str, Any]] = [
        {"id": "t", "kind": "role", "person": "bob", "office": "fm", "start": iso(-400), "evidence": REF},
        {
            "id": "a",
            "kind": "visit",
            "of": "v1",
            "travellers": ["ann"],
            "destination": "beijing",
            "arrive": iso(arrive),
            "first_since": {"by_offices": ["fm"], "to": "china", "since": span_text(since)},
            "evidence": ART,
        },
        {
            "id": "b",
            "kind": "visit",
            "of": "v2",
            "travellers": ["bob"],
            "destination": "shanghai",
            "arrive": span_text(earlier),
            "evidence": REF,
        },
    ]
    occurrences = [{"id": o, "kind": "visit", "label": o, "reason": "drawn"} for o in ("v1", "v2")]
    last = span_days(since)[-1]
    fits = any(e <= last or e >= arrive for e in span_days(earlier))
    assert bool(run("first-since", facts, occurrences)) == (not fits)


# --- Wikidata against the record ---------------------------------------------------

# When each source was read: an open term is certain up to it (sources(): `ref`, `wd`).
READ = {"record": (dt.date(2026, 11, 23) - W0).days, "wikidata": (dt.date(2024, 1, 1) - W0).days}
# A date to the day or to its month.
dated = st.tuples(st.integers(0, WINDOW - 1), st.booleans())
source_terms = st.lists(st.tuples(dated, st.one_of(st.none(), dated)), min_size=1, max_size=2)


def bounds(d: tuple[int, bool]) -> tuple[int, int]:
    """The first and last day a date may be: the day, or every day of its month."""
    n, to_month = d
    if not to_month:
        return n, n
    first = (W0 + dt.timedelta(n)).replace(day=1)
    last = (first + dt.timedelta(32)).replace(day=1) - dt.timedelta(1)
    return (first - W0).days, (last - W0).days


def as_date(d: tuple[int, bool]) -> str:
    day = W0 + dt.timedelta(d[0])
    return day.strftime("%Y-%m") if d[1] else day.isoformat()


def wikidata_disagrees(terms: dict[str, list[tuple[tuple[int, bool], tuple[int, bool] | None]]]) -> bool:
    """Some day one source's terms certainly cover and no term of the other may cover, tried
    day by day: certain from a start's last day to an end's first (an open term, to the day
    its source was read), possible from a start's first day to an end's last (or forever)."""

    def certain(source: str) -> set[int]:
        days: set[int] = set()
        for start, end in terms[source]:
            last_start = bounds(start)[1]
            first_end = bounds(end)[0] if end is not None else READ[source]
            days |= set(range(last_start, first_end + 1))
        return days

    def possible(source: str, x: int) -> bool:
        return any(
            bounds(start)[0] <= x and (end is None or x <= bounds(end)[1]) for start, end in terms[source]
        )

    return any(
        not possible(b, x) for a, b in (("record", "wikidata"), ("wikidata", "record")) for x in certain(a)
    )


@pytest.mark.slow
@given(source_terms, source_terms)
@example([((0, False), (50, False))], [((0, True), (50, False))])  # a start to the month: agrees
@example([((0, False), (50, False))], [((0, False), (20, False)), ((20, False), (50, False))])  # two terms
@example([((0, False), (50, False))], [((0, False), None)])  # still in office on Wikidata: disagrees
def test_wikidata_disagrees_fires_exactly_when_a_certain_day_of_one_is_no_day_of_the_other(
    record: list[tuple[tuple[int, bool], tuple[int, bool] | None]],
    wikidata: list[tuple[tuple[int, bool], tuple[int, bool] | None]],
) -> None:
    facts: list[dict[str, Any]] = []
    written: dict[str, list[tuple[tuple[int, bool], tuple[int, bool] | None]]] = {
        "record": [],
        "wikidata": [],
    }
    for source, drawn in (("record", record), ("wikidata", wikidata)):
        for n, (start, end) in enumerate(drawn):
            if end is not None and bounds(end)[1] < bounds(start)[0]:
                end = None  # an end before its start is no term: an open one instead
            written[source].append((start, end))
            t = {
                "id": f"{source}{n}",
                "kind": "role",
                "person": "ann",
                "office": "sc",
                "start": as_date(start),
                "evidence": WD if source == "wikidata" else REF,
            }
            facts.append({**t, "end": as_date(end)} if end is not None else t)
    found = run("wikidata-disagrees", facts)
    assert bool(found) == wikidata_disagrees(written), (written, found)
