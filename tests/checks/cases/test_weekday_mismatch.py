"""weekday-mismatch: a stated weekday does not fall on the date it is given with.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import Facts, event, fires_test, quiet_test

CHECK = "weekday-mismatch"

FIRES: dict[str, Facts] = {
    "tuesday-on-a-monday": [event("a", {"date": "2023-06-19", "weekday": "tuesday"})],
}

QUIET: dict[str, Facts] = {
    "monday-on-a-monday": [event("a", {"date": "2023-06-19", "weekday": "monday"}), event("b", "Saturday")],
}


# Found by an adversarial audit of the checks against the soundness rule.
# "Monday night" running past midnight: the date given is Tuesday's.
QUIET["a-night-past-midnight"] = [event("a", {"date": "2023-06-20", "phrase": "late Monday night"})]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
