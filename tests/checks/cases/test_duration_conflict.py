"""duration-conflict: two accounts of the same meeting give durations that cannot both be
true.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import REF, Facts, fires_test, hours, meeting, quiet_test

CHECK = "duration-conflict"

FIRES: dict[str, Facts] = {
    "about-5h-vs-35min": [
        meeting("a", hours(5, "about")),
        meeting("b", {"value": 35, "unit": "minute"}, REF),
    ],
}

QUIET: dict[str, Facts] = {
    "more-than-5h-vs-5.5h": [meeting("a", hours(5, "more than")), meeting("b", hours(5.5), REF)],
    "about-5h-vs-330min": [
        meeting("a", hours(5, "about")),
        meeting("b", {"value": 330, "unit": "minute"}, REF),
    ],
}


# Found by an adversarial audit of the checks against the soundness rule.
# "About 20 seconds" reaches exactly 22: computed exactly, never a float's hair short.
QUIET["about-reaches-its-end-exactly"] = [
    meeting("a", {"value": 20, "unit": "second", "hedge": "about"}),
    meeting("b", {"value": 22, "unit": "second"}, REF),
]

# A value is exact at the precision it is written with (schema/quantities.py): "a 2-hour
# meeting" is any length from 1.5 to 2.5 hours (held-out trial 42, where it was a call).
QUIET["2-hour-vs-2h17m"] = [meeting("a", hours(2)), meeting("b", {"value": 137, "unit": "minute"}, REF)]
FIRES["35min-vs-37min"] = [
    meeting("a", {"value": 35, "unit": "minute"}),
    meeting("b", {"value": 37, "unit": "minute"}, REF),
]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
