"""title-outside-tenure: an article gives someone a title on a date outside every recorded
term of theirs in that office.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import Facts, claim, fires_test, quiet_test, term

CHECK = "title-outside-tenure"

FIRES: dict[str, Facts] = {
    "minister-after-term": [
        term("t", "ann", "fm", "2007-04-27", "2013-03-16"),
        claim("a", "ann", "fm", "2014-07-10"),
    ],
    "another-holds-it": [
        term("t", "bob", "fm", "2022-12-30", "2023-07-25"),
        claim("a", "ann", "fm", "Monday"),
    ],
}

QUIET: dict[str, Facts] = {
    "title-changes-2009-2014": [
        term("t1", "ann", "fm", "2007-04-27", "2013-03-16"),
        term("t2", "ann", "sc", "2013-03-16", "2018-03-19"),
        claim("a", "ann", "fm", "2009-02-21"),
        claim("b", "ann", "sc", "2014-07-10"),
    ],
    # The day a term ends is the successor's first: an article of that day may name either.
    "the-handover-day": [
        term("t", "ann", "fm", "2007-04-27", "2013-03-16"),
        claim("a", "ann", "fm", "2013-03-16"),
    ],
    # A claim known only to its month holds if any day of the month is in a term.
    "a-month-that-ends-inside-the-term": [
        term("t", "ann", "fm", "2013-03-16", "2018-03-19"),
        claim("a", "ann", "fm", "2013-03"),
    ],
}

# Near-misses whose point is that the check has nothing it may judge.
NOTHING_TO_JUDGE: dict[str, Facts] = {
    "no-record-no-judgement": [claim("a", "ann", "fm", "2014-07-10")],
    # An office held by several at once: another's term says nothing of Ann's.
    "councilors-are-many": [
        term("t", "bob", "sc", "2013-03-16", "2018-03-19"),
        claim("a", "ann", "sc", "2014-07-10"),
    ],
    # A single-holder office whose recorded holder began in the claim's month: the claim
    # may be of a day before Bob took office, and Ann's terms are not recorded.
    "another-holder-from-inside-the-month": [
        term("t", "bob", "fm", "2013-03-16", "2018-03-19"),
        claim("a", "ann", "fm", "2013-03"),
    ],
}


# Found by an adversarial audit of the checks against the soundness rule.
QUIET["a-term-ending-in-a-month-holds-its-days"] = [
    term("t", "ann", "fm", "2020-01-01", "2023-06"),
    claim("a", "ann", "fm", "2023-06-19"),
]
NOTHING_TO_JUDGE["another-holder-from-some-day-of-a-year"] = [
    term("t", "bob", "fm", "2023"),
    claim("a", "ann", "fm", "2023-03-01"),
]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)


test_quiet_with_nothing_to_judge = quiet_test(CHECK, NOTHING_TO_JUDGE, nothing_to_judge=True)
