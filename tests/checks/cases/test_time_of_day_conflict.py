"""time-of-day-conflict: two facts put the same moment of one occurrence on the same day
but at different times of day.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import ART, Facts, fires_test, quiet_test, visit

CHECK = "time-of-day-conflict"

FIRES: dict[str, Facts] = {
    "evening-vs-morning": [
        visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
        visit("b", "v1", destination="beijing", arrive={"date": "2023-06-18", "part_of_day": "morning"}),
    ],
}

QUIET: dict[str, Facts] = {
    "one-side-silent": [
        visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
        visit("b", "v1", destination="beijing", arrive="2023-06-18"),
    ],
    # Late evening is night: neighbouring parts of a day can name one hour.
    "evening-vs-night": [
        visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
        visit("b", "v1", destination="beijing", arrive={"date": "2023-06-18", "part_of_day": "night"}),
    ],
}


# Found by an adversarial audit of the checks against the soundness rule.
# A delegation may arrive in groups: Ann in the morning, Bob in the evening.
QUIET["two-travellers"] = [
    visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
    {
        **visit("b", "v1", destination="beijing", arrive={"date": "2023-06-18", "part_of_day": "morning"}),
        "travellers": ["bob"],
    },
]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
