"""wikidata-disagrees: Wikidata and the hand-written record disagree on a term or a birth date.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import REF, WD, Facts, fires_test, quiet_test, term

CHECK = "wikidata-disagrees"


def born(id: str, date: str, ev: list[dict[str, str]] = WD) -> dict[str, object]:
    return {"id": id, "kind": "birth", "person": "ann", "born": date, "evidence": ev}


FIRES: dict[str, Facts] = {
    # the record has Ann in office from January, Wikidata only from March
    "a-later-start": [
        term("h", "ann", "fm", "2019-01-01", "2020-01-01"),
        term("w", "ann", "fm", "2019-03-01", "2020-01-01", ev=WD),
    ],
    # Wikidata, read on 2024-01-01, has Ann still in office; the record ended her term in 2020
    "still-in-office": [
        term("h", "ann", "fm", "2019-01-01", "2020-01-01"),
        term("w", "ann", "fm", "2019-01-01", ev=WD),
    ],
    # a gap between two Wikidata terms that the record's one term covers
    "a-gap": [
        term("h", "ann", "fm", "2019-01-01", "2020-01-01"),
        term("w1", "ann", "fm", "2019-01-01", "2019-05-01", ev=WD),
        term("w2", "ann", "fm", "2019-07-01", "2020-01-01", ev=WD),
    ],
    # born 1962-04-16 in the record
    "another-birth-year": [born("b", "1961")],
}

QUIET: dict[str, Facts] = {
    # a start known to a year holds any day of it
    "a-year-start": [
        term("h", "ann", "fm", "2019-03-16", "2020-01-01"),
        term("w", "ann", "fm", "2019", "2020-01-01", ev=WD),
    ],
    # one tenure as two consecutive terms (a reappointment)
    "a-reappointment": [
        term("h", "ann", "fm", "2019-01-01", "2020-01-01"),
        term("w1", "ann", "fm", "2019-01-01", "2019-06-01", ev=WD),
        term("w2", "ann", "fm", "2019-06-01", "2020-01-01", ev=WD),
    ],
    # both open: still in office when each was read
    "both-open": [term("h", "ann", "fm", "2019-01-01"), term("w", "ann", "fm", "2019-01", ev=WD)],
    # a birth month holds the recorded day
    "a-birth-month": [born("b", "1962-04")],
}

# Nothing to judge: the record has no term of Ann as state councilor, and Bob has no recorded birth.
QUIET_NOTHING: dict[str, Facts] = {
    "no-hand-term-in-that-office": [
        term("h", "ann", "fm", "2019-01-01", "2020-01-01"),
        term("w", "ann", "sc", "2021-01-01", ev=WD),
    ],
    # two hand-written terms that differ are not Wikidata's to judge
    "two-hand-terms": [
        term("h1", "ann", "fm", "2019-01-01", "2020-01-01"),
        term("h2", "ann", "fm", "2019-03-01", "2020-01-01", ev=REF),
    ],
    "no-recorded-birth": [{"id": "b", "kind": "birth", "person": "bob", "born": "1950", "evidence": WD}],
}

test_fires = fires_test(CHECK, FIRES)
test_quiet = quiet_test(CHECK, QUIET)
test_quiet_with_nothing_to_judge = quiet_test(CHECK, QUIET_NOTHING, nothing_to_judge=True)
