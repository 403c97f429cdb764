"""age-mismatch: a stated age does not match the person's recorded birth date.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import ART, Facts, fires_test, quiet_test

CHECK = "age-mismatch"

FIRES: dict[str, Facts] = {
    "sixty-in-2023": [
        {
            "id": "a",
            "kind": "figure",
            "measure": "age",
            "subject": "ann",
            "quantity": {"value": 60, "unit": "year"},
            "as_of": "Monday",
            "evidence": ART,
        }
    ],
}

QUIET: dict[str, Facts] = {
    "sixty-one-in-2023": [
        {
            "id": "a",
            "kind": "figure",
            "measure": "age",
            "subject": "ann",
            "quantity": {"value": 61, "unit": "year"},
            "evidence": ART,
        }
    ],
}


# Found by an adversarial audit of the checks against the soundness rule.
QUIET["more-than-the-whole-years"] = [
    {
        "id": "a",
        "kind": "figure",
        "measure": "age",
        "subject": "ann",
        "quantity": {"value": 61, "unit": "year", "hedge": "more than"},
        "as_of": "2023-06-19",
        "evidence": ART,
    },
]
QUIET["an-age-in-months"] = [
    {
        "id": "a",
        "kind": "figure",
        "measure": "age",
        "subject": "ann",
        "quantity": {"value": 734, "unit": "month"},
        "as_of": "2023-06-19",
        "evidence": ART,
    },
]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
