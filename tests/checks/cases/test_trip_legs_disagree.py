"""trip-legs-disagree: an account of a trip has a stop that another account, which lists
every stop, does not.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import ART, Facts, fires_test, legs, quiet_test, visit

CHECK = "trip-legs-disagree"

FIRES: dict[str, Facts] = {
    "shanghai-vs-london": [
        visit("t", "trip", legs_complete=True, legs=legs("beijing", "london")),
        visit("a", "trip", ART, legs=legs("beijing", "shanghai")),
    ],
}

QUIET: dict[str, Facts] = {
    # Seoul's country is not in this record: it may lie inside a stop, so it is not judged.
    "a-place-of-unknown-country": [
        visit("t", "trip", legs_complete=True, legs=legs("beijing", "london")),
        visit("a", "trip", ART, legs=legs("beijing", "seoul")),
    ],
    "city-vs-country": [
        visit("t", "trip", legs=legs("beijing", "shanghai")),
        visit("a", "trip", ART, legs=legs("china")),
    ],
    # Seed 002: "He will also visit South Korea and Japan" names stops, not all of them;
    # neither account says it lists every stop, so neither contradicts the other.
    "two-partial-accounts": [
        visit("t", "trip", legs=legs("beijing", "london")),
        visit("a", "trip", ART, legs=legs("beijing", "seoul")),
    ],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
