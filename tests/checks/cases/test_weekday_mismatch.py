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

# Blind trial 28 (Denver Post, 2017): the encoder dated Trump's arrival, the day before "Thursday",
# with the phrase "[Thursday was] Trump's second day in China". Words in brackets are the
# encoder's (docs/format.md): the article names no weekday for the arrival.
QUIET["a-weekday-in-the-encoder-s-brackets"] = [
    event("a", {"date": "2023-06-19", "phrase": "[Tuesday was] the second day of the visit"}),
    event("b", {"date": "2023-06-20", "phrase": "Tuesday"}),
]
# The article's own words outside the brackets still state a weekday.
FIRES["a-weekday-outside-the-brackets"] = [
    event("a", {"date": "2023-06-19", "phrase": "Tuesday [the second day of the visit]"})
]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
