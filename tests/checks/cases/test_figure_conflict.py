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


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
