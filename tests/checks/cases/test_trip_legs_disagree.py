"""trip-legs-disagree: two accounts of the same trip list stops that the other does not
have.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import ART, Facts, fires_test, legs, quiet_test, visit

CHECK = "trip-legs-disagree"

FIRES: dict[str, Facts] = {
    "seoul-vs-london": [
        visit("t", "trip", legs=legs("beijing", "london")),
        visit("a", "trip", ART, legs=legs("beijing", "seoul")),
    ],
}

QUIET: dict[str, Facts] = {
    "city-vs-country": [
        visit("t", "trip", legs=legs("beijing", "shanghai")),
        visit("a", "trip", ART, legs=legs("china")),
    ],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
