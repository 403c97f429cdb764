"""first-since: a "first visit in N years" or "first visit since X" claim is contradicted
by a recorded earlier visit.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from typing import Any

from .corpus import ART, Facts, fires_test, quiet_test, term, visit

CHECK = "first-since"
ALMOST_FIVE_YEARS = {"period": {"value": 5, "unit": "year", "hedge": "almost"}}


def claimed(bound: dict[str, Any], arrive: str = "2023-06-18", **kw: Any) -> dict[str, Any]:
    """Ann's visit to Beijing, called the first to China by a foreign minister within `bound`."""
    first = {"by_offices": ["fm"], "to": "china", **bound}
    return visit("a", "v1", ART, destination="beijing", arrive=arrive, first_since=first, **kw)


def bobs(occurrence: str = "v2", **kw: Any) -> dict[str, Any]:
    """An earlier visit, in the record, by Bob."""
    return {**visit("b", occurrence, **kw), "travellers": ["bob"]}


def asia_trip(beijing: str = "2018-10-08") -> dict[str, Any]:
    """Ann's trip through Seoul (from 6 October 2018) to Beijing."""
    return visit(
        "b",
        "trip",
        legs=[{"place": "seoul", "arrive": "2018-10-06"}, {"place": "beijing", "arrive": beijing}],
    )


FIRES: dict[str, Facts] = {
    "sherman-before": [
        term("t", "bob", "fm", "2021-04-14", "2023-07-28"),
        claimed({"since": "2021-01-20"}),
        bobs(destination="shanghai", arrive="2021-07-25"),
    ],
    "almost-five-years-but-three": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        claimed(ALMOST_FIVE_YEARS),
        bobs(destination="beijing", arrive="2020-10-08"),
    ],
    # "In five years" for a visit three years before: no rounding makes three five.
    "a-round-number-of-years-but-three": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        claimed({"period": {"value": 5, "unit": "year"}}),
        bobs(destination="beijing", arrive="2020-06-08"),
    ],
    # "The first since 2018" (trial 04): a visit in 2019 contradicts it.
    "since-a-year-a-visit-after-it": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        claimed({"since": "2018"}),
        bobs(destination="shanghai", arrive="2019-03-02"),
    ],
    # A trip's stop in China, dated by its own leg, inside the window.
    "a-trip-leg-inside-the-window": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        claimed({"since": "2019-01-01"}),
        bobs(legs=[{"place": "seoul", "arrive": "2019-01-02"}, {"place": "beijing"}], depart="2019-01-04"),
    ],
    # "The first such visit by a foreign defence official" (held-out trial 76): any earlier
    # visit by a holder contradicts it, however long ago.
    "ever-a-visit-years-before": [
        term("t", "bob", "fm", "2009-04-26", "2012-01-20"),
        claimed({"ever": True}),
        bobs(destination="shanghai", arrive="2010-03-02"),
    ],
}

QUIET: dict[str, Facts] = {
    # the first ever, and the only earlier visit is by someone who held no such office then
    "ever-no-earlier-holder": [
        term("t", "bob", "fm", "2021-04-14", "2023-07-28"),
        claimed({"ever": True}),
        bobs(destination="beijing", arrive="2019-10-08"),
    ],
    "almost-five-years-holds": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        claimed(ALMOST_FIVE_YEARS),
        bobs(destination="beijing", arrive="2018-10-08"),
    ],
    # Trial 04: "the first secretary of state to visit China since 2018" and the 2018 visit
    # it points at; "since 2018" is after 2018-12-31, not after 2018-01-01.
    "since-a-year-the-visit-in-that-year": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        claimed({"since": "2018"}),
        bobs(destination="beijing", arrive="2018-10-08"),
    ],
    # Trial 09: the claimed Beijing stop is the last leg of a trip that began in Seoul
    # two days before; the trip is the same journey and never counts against it.
    "own-trip-begun-earlier": [
        term("t", "ann", "fm", "2018-04-26", "2021-01-20"),
        claimed({"since": "2018-09-26"}, arrive="2018-10-08", part_of="trip"),
        asia_trip(),
    ],
    # Shanghai, then Beijing, on one trip, each a visit of its own: the Beijing stop is the
    # same journey as the Shanghai one, which is no earlier visit to China.
    "a-sibling-stop-of-the-same-trip": [
        term("t", "ann", "fm", "2018-04-26", "2021-01-20"),
        claimed({"since": "2018-09-26"}, arrive="2018-10-08", part_of="trip"),
        visit("b", "v2", destination="shanghai", arrive="2018-10-06", part_of="trip"),
    ],
    # The same trip, not linked by part_of: its China leg is dated by the leg (the day of
    # the claimed visit), not by the trip's first day, so it is not earlier.
    "trip-dated-by-its-leg": [
        term("t", "ann", "fm", "2018-04-26", "2021-01-20"),
        claimed({"since": "2018-09-26"}, arrive="2018-10-08"),
        asia_trip(),
    ],
    # An earlier visit known only to its month, which may fall before the `since` day.
    "visit-month-may-precede-since": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        claimed({"since": "2019-03-15"}),
        bobs(destination="beijing", arrive="2019-03"),
    ],
    # Trial 05: "the first visit … in five years", no hedge, for a visit four years and
    # eight months before: a round figure, any length that rounds to five years.
    "a-round-number-of-years": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        claimed({"period": {"value": 5, "unit": "year"}}),
        bobs(destination="beijing", arrive="2018-10-08"),
    ],
    # "In almost five years", the latest recorded visit ten years before: the record may
    # lack the visit the claim points at, so it is not judged.
    "period-longer-ago-than-claimed": [
        term("t", "bob", "fm", "2012-04-26", "2021-01-20"),
        claimed(ALMOST_FIVE_YEARS),
        bobs(destination="beijing", arrive="2013-10-08"),
    ],
    # A visitor whose term began during the month of the visit may not yet have held it.
    "term-begins-inside-the-visit-month": [
        term("t", "bob", "fm", "2021-04-14", "2023-07-28"),
        claimed({"since": "2021-01-20"}),
        bobs(destination="shanghai", arrive="2021-04"),
    ],
}


# Found by an adversarial audit of the checks against the soundness rule.
# A term known to begin some day of 2021: the March visit may precede it.
QUIET["a-term-begun-some-day-of-a-year"] = [
    term("t", "bob", "fm", "2021"),
    claimed({"since": "2020"}),
    bobs(destination="beijing", arrive="2021-03-01", depart="2021-03-03"),
]
# One journey two levels deep: the trip, its China portion, and the Beijing stop.
QUIET["a-stop-two-levels-down-the-same-journey"] = [
    term("t", "ann", "fm", "2010-01-01"),
    visit(
        "f",
        "trip",
        legs=[
            {"place": "shanghai", "arrive": "2023-06-15", "depart": "2023-06-17"},
            {"place": "beijing", "arrive": "2023-06-18", "depart": "2023-06-20"},
        ],
    ),
    visit("c", "v2", destination="china", arrive="2023-06-15", depart="2023-06-20", part_of="trip"),
    claimed({"since": "2018"}, part_of="v2"),
]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
