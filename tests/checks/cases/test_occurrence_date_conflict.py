"""occurrence-date-conflict: two facts about the same meeting, visit or event put it on
dates that do not overlap.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import REF, Facts, event, fires_test, quiet_test

CHECK = "occurrence-date-conflict"

FIRES: dict[str, Facts] = {
    "in-february-points-at-2021": [event("a", "in February"), event("b", "2021-02-10", REF)],
    "still-ongoing-after-the-end": [event("a", "today"), event("b", "2018-12-01", REF, end="2021-09-24")],
}

QUIET: dict[str, Facts] = {
    "last-year-agrees": [event("a", "last year"), event("b", "2022-09-18", REF)],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
