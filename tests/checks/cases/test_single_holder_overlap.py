"""single-holder-overlap: two different people are said to hold an office that only one
person holds at a time.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import Facts, claim, fires_test, quiet_test, term

CHECK = "single-holder-overlap"

FIRES: dict[str, Facts] = {
    # Bob's recorded term covers the day: it is no handover day, so Ann cannot hold it too.
    "two-ministers-same-day": [
        term("t", "bob", "fm", "2022-12-30", "2023-07-25"),
        claim("a", "ann", "fm", "2023-06-19"),
        claim("b", "bob", "fm", "Monday"),
    ],
    "overlapping-terms": [
        term("a", "ann", "fm", "2007-04-27", "2013-03-17"),
        term("b", "bob", "fm", "2013-03-16"),
    ],
}

QUIET: dict[str, Facts] = {
    "two-ministers-years-apart": [
        claim("a", "ann", "fm", "2009-02-21"),
        claim("b", "bob", "fm", "2014-07-10"),
    ],
    "handover-day": [
        term("a", "ann", "fm", "2007-04-27", "2013-03-16"),
        term("b", "bob", "fm", "2013-03-16"),
    ],
    # Two ministers named on one day, and no record: the day may be their handover day.
    "two-ministers-same-day-no-record": [
        claim("a", "ann", "fm", "2023-06-19"),
        claim("b", "bob", "fm", "Monday"),
    ],
    # Terms recorded to the month overlap only where both are certain: a handover in June.
    "terms-known-to-the-month": [
        term("a", "ann", "fm", "2020-01-01", "2023-06"),
        term("b", "bob", "fm", "2023-06"),
    ],
    # Two articles of the handover day itself, one naming the outgoing minister and one the
    # incoming: both held it that day.
    "claims-on-the-handover-day": [
        term("a", "ann", "fm", "2007-04-27", "2013-03-16"),
        claim("c", "ann", "fm", "2013-03-16"),
        claim("d", "bob", "fm", "2013-03-16"),
    ],
}

# Near-misses whose point is that the check has nothing it may judge.
NOTHING_TO_JUDGE: dict[str, Facts] = {
    "councilors-are-many": [claim("a", "ann", "sc", "2023-06-19"), claim("b", "bob", "sc", "2023-06-19")],
}


# Found on the blind trial 25 (SCMP, 2017): an article's "after taking office last month" is a
# term without an end, held when the article was published; a later holder's recorded term
# does not overlap it (before, an open term was certain for ever).
QUIET["an-article-term-ends-no-later-than-the-next-holder"] = [
    {
        "id": "a",
        "kind": "role",
        "person": "ann",
        "office": "fm",
        "start": "2023-05",
        "evidence": [{"source": "art", "quote": "Officials met in Beijing"}],
    },
    term("b", "bob", "fm", "2023-07-25"),
]
# And a record's open term, read on 2026-11-23, does not certainly go on after that day.
QUIET["a-record-open-term-and-a-later-term"] = [
    term("a", "ann", "fm", "2020-01-01"),
    term("b", "bob", "fm", "2026-11-30"),
]


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)


test_quiet_with_nothing_to_judge = quiet_test(CHECK, NOTHING_TO_JUDGE, nothing_to_judge=True)
