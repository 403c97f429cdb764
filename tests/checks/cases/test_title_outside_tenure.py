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
}

# Near-misses whose point is that the check has nothing it may judge.
NOTHING_TO_JUDGE: dict[str, Facts] = {
    "no-record-no-judgement": [claim("a", "ann", "fm", "2014-07-10")],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)


test_quiet_with_nothing_to_judge = quiet_test(CHECK, NOTHING_TO_JUDGE, nothing_to_judge=True)
