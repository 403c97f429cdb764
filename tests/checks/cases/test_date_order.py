"""date-order: dates in the wrong order: a departure before the arrival, legs out of order,
a meeting outside its visit, an end before its start.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import Facts, fires_test, meeting, quiet_test, visit

CHECK = "date-order"

FIRES: dict[str, Facts] = {
    "departs-before-arriving": [
        visit("a", "v1", destination="beijing", arrive="2023-06-19", depart="2023-06-18")
    ],
    "meeting-outside-its-visit": [
        visit("a", "v1", destination="beijing", arrive="2023-06-18", depart="2023-06-19"),
        meeting("b", when="2023-06-21", part_of="v1"),
    ],
}

QUIET: dict[str, Facts] = {
    "all-in-order": [
        visit("a", "v1", destination="beijing", arrive="2023-06-18", depart="2023-06-19"),
        meeting("b", when="Monday", part_of="v1"),
    ],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
