"""trip-legs: a visit called "the fourth leg" or "the last stop" of a trip is not that leg
of the trip as recorded.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import ART, Facts, fires_test, legs, quiet_test, visit

CHECK = "trip-legs"

FIRES: dict[str, Facts] = {
    "third-leg-is-fourth": [
        visit("t", "trip", legs=legs("seoul", "shanghai", "london", "beijing")),
        visit("a", "v1", ART, destination="beijing", part_of="trip", leg=3),
    ],
    "last-stop-is-not-last": [
        visit("t", "trip", legs=legs("beijing", "london")),
        visit("a", "v1", ART, destination="china", part_of="trip", last_stop=True),
    ],
}

QUIET: dict[str, Facts] = {
    "fourth-leg-is-fourth": [
        visit("t", "trip", legs=legs("seoul", "shanghai", "london", "beijing")),
        visit("a", "v1", ART, destination="beijing", part_of="trip", leg=4, last_stop=True),
    ],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
