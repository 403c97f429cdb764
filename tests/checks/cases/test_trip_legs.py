"""trip-legs: a visit called "the fourth leg" or "the last stop" of a trip is not that leg
of the trip in an account that lists every stop.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import ART, Facts, fires_test, legs, quiet_test, visit

CHECK = "trip-legs"

FIRES: dict[str, Facts] = {
    "third-leg-is-fourth": [
        visit("t", "trip", legs_complete=True, legs=legs("seoul", "shanghai", "london", "beijing")),
        visit("a", "v1", ART, destination="beijing", part_of="trip", leg=3),
    ],
    "last-stop-is-not-last": [
        visit("t", "trip", legs_complete=True, legs=legs("beijing", "london")),
        visit("a", "v1", ART, destination="china", part_of="trip", last_stop=True),
    ],
}

QUIET: dict[str, Facts] = {
    "fourth-leg-is-fourth": [
        visit("t", "trip", legs_complete=True, legs=legs("seoul", "shanghai", "london", "beijing")),
        visit("a", "v1", ART, destination="beijing", part_of="trip", leg=4, last_stop=True),
    ],
}


# An account that may leave stops out cannot say which leg a stop was: the article that
# names three stops of a four-stop trip is judged by nothing.
UNJUDGED: dict[str, Facts] = {
    "an-account-that-may-leave-stops-out": [
        visit("t", "trip", legs=legs("seoul", "london", "beijing")),
        visit("a", "v1", ART, destination="beijing", part_of="trip", leg=4),
    ],
}

# Found by an adversarial audit of the checks against the soundness rule.
# A portion of a trip that names no destination of its own is not judged.
UNJUDGED["a-portion-without-a-destination"] = [
    visit("t", "trip", legs_complete=True, legs=legs("seoul", "beijing", "shanghai")),
    visit("a", "v1", ART, legs=legs("beijing", "shanghai"), part_of="trip", last_stop=True),
]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)


test_unjudged = quiet_test(CHECK, UNJUDGED, nothing_to_judge=True)
