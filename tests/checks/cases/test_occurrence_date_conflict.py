"""occurrence-date-conflict: two facts about the same meeting, visit or event put it on
dates that cannot both be true.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import ART, REF, Facts, event, fires_test, quiet_test, visit

CHECK = "occurrence-date-conflict"

FIRES: dict[str, Facts] = {
    "in-february-points-at-2021": [event("a", "in February"), event("b", "2021-02-10", REF)],
    "still-ongoing-after-the-end": [event("a", "today"), event("b", "2018-12-01", REF, end="2021-09-24")],
    # two accounts of one arrival two days apart: no time zone makes them one day
    "two-arrivals": [
        visit("a", "v1", ART, destination="beijing", arrive="2023-07-08"),
        visit("b", "v1", destination="beijing", arrive="2023-07-06"),
    ],
    "left-before-it-arrived": [
        visit("a", "v1", ART, destination="beijing", arrive="2023-07-07"),
        visit("b", "v1", destination="beijing", depart="2023-07-04"),
    ],
    "a-meeting-two-days-after-another-account": [
        {**event("a", "2023-06-17"), "kind": "event"},
        {**event("b", "2023-06-19", REF), "kind": "event"},
    ],
}

QUIET: dict[str, Facts] = {
    # Found on the blind trial 31 (CGTN, 2021): Biden and Xi's call was on 10 February in
    # Washington and on the Chinese New Year's Eve, 11 February, in Beijing: a date is
    # written in its source's time zone.
    "a-day-apart-in-two-time-zones": [
        {**event("a", "2021-02-11"), "kind": "event"},
        {**event("b", "2021-02-10", REF), "kind": "event"},
    ],
    # Trial 11: one account has the visit begin on Friday, another on Thursday; the judge
    # found the text gave no second arrival day, and a day apart is one moment in two zones.
    "two-arrivals-a-day-apart": [
        visit("a", "v1", ART, destination="beijing", arrive="2023-07-07"),
        visit("b", "v1", destination="beijing", arrive="2023-07-06"),
    ],
    "last-year-agrees": [event("a", "last year"), event("b", "2022-09-18", REF)],
    # A visit known by its arrival alone may go on for any time after it: arriving on
    # Thursday and leaving on Sunday, told by two accounts, agree.
    "arrival-and-departure-in-two-accounts": [
        visit("a", "v1", ART, destination="beijing", arrive="2023-07-06"),
        visit("b", "v1", destination="beijing", depart="2023-07-09"),
    ],
    # An agreement reached during an event that ran for years is dated by a day in it.
    "an-agreement-during-a-long-event": [
        event("a", "2018-12-01", REF, end="2021-09-24"),
        {
            "id": "b",
            "kind": "agreement",
            "of": "e1",
            "parties": ["ann"],
            "subject": "a deal",
            "status": "agreed",
            "when": "2020-05",
            "evidence": ART,
        },
    ],
    "a-month-that-holds-the-day": [event("a", "in February"), event("b", "2023-02-10", REF)],
}


# Found by an adversarial audit of the checks against the soundness rule.
# A delegation arriving in two groups, one account of each.
QUIET["two-travellers-two-arrivals"] = [
    visit("a", "v1", ART, destination="beijing", arrive="2023-06-17"),
    {**visit("b", "v1", destination="beijing", arrive="2023-06-18"), "travellers": ["bob"]},
]

# Found on the blind trial 73 (News.ru, 2021): seed 002's "took office in January" (2023) is
# wrong against the record; a new article's right "in January" (2021) agrees with the record
# and was paired with seed 002 too. The wrong account is reported once, against the record.
FIRES["the-record-settles-it-once"] = [
    event("a", "in February"),
    event("b", "2021-02-10", REF),
    event("c", "2021-02"),
]
# Two accounts that disagree while the record has no date: still each other's conflict.
FIRES["no-record-to-settle-it"] = [event("a", "in February"), event("c", "2021-02")]

test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
