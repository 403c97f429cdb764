"""two-places-at-once: one person is placed in two different cities on the same day.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import Facts, fires_test, meeting, quiet_test, visit

CHECK = "two-places-at-once"

FIRES: dict[str, Facts] = {
    "beijing-and-shanghai": [
        meeting("a", venue="hall", when="2023-06-19"),
        {**meeting("b", venue="shanghai", when="Monday"), "of": "m1"},
    ],
}

QUIET: dict[str, Facts] = {
    "two-venues-in-beijing": [
        meeting("a", venue="hall", when="2023-06-19"),
        meeting("b", venue="guesthouse", when="Monday"),
    ],
    "travel-day": [
        visit("a", "v2", destination="seoul", arrive="2009-02-19", depart="2009-02-20"),
        visit("b", "v1", destination="beijing", arrive="2009-02-20", depart="2009-02-22"),
        meeting("c", venue="hall", when="2009-02-21"),
    ],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
