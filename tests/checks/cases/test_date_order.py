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


# Found by an adversarial audit of the checks against the soundness rule.
# A meeting of the visit before its arrival, where the visit gives no departure.
FIRES["a-meeting-before-an-arrival-alone"] = [
    visit("v", "v1", destination="beijing", arrive="2023-06-18"),
    meeting("m", when="2023-06-10", part_of="v1"),
]
# Beijing reached while the traveller had not yet left London.
FIRES["a-leg-reached-before-the-last-is-left"] = [
    visit(
        "v",
        "v1",
        legs=[
            {"place": "london", "arrive": "2023-06-10", "depart": "2023-06-20"},
            {"place": "beijing", "arrive": "2023-06-15"},
        ],
    ),
]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
