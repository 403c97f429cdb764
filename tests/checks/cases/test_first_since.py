"""first-since: a "first visit in N years" or "first visit since X" claim is contradicted
by a recorded earlier visit.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import ART, Facts, fires_test, quiet_test, term, visit

CHECK = "first-since"

FIRES: dict[str, Facts] = {
    "sherman-before": [
        term("t", "bob", "fm", "2021-04-14", "2023-07-28"),
        visit(
            "a",
            "v1",
            ART,
            destination="beijing",
            arrive="2023-06-18",
            first_since={"by_offices": ["fm"], "to": "china", "since": "2021-01-20"},
        ),
        {**visit("b", "v2", destination="shanghai", arrive="2021-07-25"), "travellers": ["bob"]},
    ],
    "almost-five-years-but-three": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        visit(
            "a",
            "v1",
            ART,
            destination="beijing",
            arrive="2023-06-18",
            first_since={
                "by_offices": ["fm"],
                "to": "china",
                "period": {"value": 5, "unit": "year", "hedge": "almost"},
            },
        ),
        {**visit("b", "v2", destination="beijing", arrive="2020-10-08"), "travellers": ["bob"]},
    ],
}

QUIET: dict[str, Facts] = {
    "almost-five-years-holds": [
        term("t", "bob", "fm", "2018-04-26", "2021-01-20"),
        visit(
            "a",
            "v1",
            ART,
            destination="beijing",
            arrive="2023-06-18",
            first_since={
                "by_offices": ["fm"],
                "to": "china",
                "period": {"value": 5, "unit": "year", "hedge": "almost"},
            },
        ),
        {**visit("b", "v2", destination="beijing", arrive="2018-10-08"), "travellers": ["bob"]},
    ],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
