"""figure-conflict: two figures for the same measure, subject and date cannot both be true.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import REF, Facts, figure, fires_test, quiet_test

CHECK = "figure-conflict"

FIRES: dict[str, Facts] = {
    "nearly-2T-vs-2.1T": [
        figure("a", 2, "nearly", "trillion", "2009-02-21"),
        figure("b", 2.1, "exact", "trillion", "2009-02-21", REF),
    ],
}

QUIET: dict[str, Facts] = {
    # Reserves "in February" may be the level of any day of it: two values both hold.
    "one-month-two-levels": [
        figure("a", 2, "nearly", "trillion", "2009-02"),
        figure("b", 2.1, "exact", "trillion", "2009-02", REF),
    ],
    "nearly-7bn-vs-6.5bn": [
        figure("a", 7, "nearly", "billion", "2008-10"),
        figure("b", 6.5, "exact", "billion", "2008-10-03", REF),
    ],
    "different-dates": [
        figure("a", 2, "nearly", "trillion", "2009-02"),
        figure("b", 3, "exact", "trillion", "2014-01", REF),
    ],
}


# Found on the held-out trial 42 (Civil.Today, 2022-07-28), judged a false alarm: the headline's
# "2-hour call" and the body's "2 hours and 17 minutes" (a call is an event; its length a
# figure). A value is exact at the precision it is written with: two hours at hour precision.
def _length(id: str, value: float, unit: str, hedge: str, ev: object) -> dict[str, object]:
    q = {"value": value, "unit": unit, "hedge": hedge}
    return {
        "id": id,
        "kind": "figure",
        "measure": "event.length",
        "quantity": q,
        "as_of": "2022-07-28",
        "evidence": ev,
    }


QUIET["2-hour-headline-vs-2h17m"] = [
    _length("a", 2, "hour", "exact", REF),
    _length("b", 137, "minute", "exact", REF),
]
QUIET["about-2-hours-vs-2h17m"] = [
    _length("a", 2, "hour", "about", REF),
    _length("b", 137, "minute", "exact", REF),
]
FIRES["2-hours-vs-2h45m"] = [_length("a", 2, "hour", "exact", REF), _length("b", 165, "minute", "exact", REF)]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
