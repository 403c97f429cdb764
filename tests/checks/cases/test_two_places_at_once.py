"""two-places-at-once: one person is placed in two different countries on a day one of them
takes whole.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

from .corpus import Facts, fires_test, meeting, quiet_test, visit

CHECK = "two-places-at-once"

FIRES: dict[str, Facts] = {
    # In Beijing from the 20th to the 23rd, so all of the 21st, and at a meeting in London
    # on the 21st.
    "a-whole-day-in-china-and-a-meeting-in-london": [
        visit("a", "v1", destination="beijing", arrive="2009-02-20", depart="2009-02-23"),
        meeting("b", venue="london", when="2009-02-21"),
    ],
    "two-whole-days-in-two-countries": [
        visit("a", "v1", destination="beijing", arrive="2009-02-20", depart="2009-02-23"),
        visit("b", "v2", destination="london", arrive="2009-02-19", depart="2009-02-22"),
    ],
}

QUIET: dict[str, Facts] = {
    "two-venues-in-beijing": [
        meeting("a", venue="hall", when="2023-06-19"),
        meeting("b", venue="guesthouse", when="Monday"),
    ],
    "travel-day": [
        visit("a", "v2", destination="seoul", arrive="2009-02-19", depart="2009-02-20"),
        visit("b", "v1", destination="beijing", arrive="2009-02-20", depart="2009-02-22"),
        meeting("c", venue="hall", when="2009-02-21"),
    ],
    # A meeting in Beijing and one in London on one day: a flight joins two parts of a day.
    "two-meetings-a-flight-apart": [
        meeting("a", venue="hall", when="2023-06-19"),
        {**meeting("b", venue="london", when="Monday"), "of": "m1"},
    ],
    # A stay in Beijing and a meeting in Shanghai on one of its days: a day trip.
    "a-day-trip-inside-a-stay": [
        visit("a", "v1", destination="beijing", arrive="2009-02-20", depart="2009-02-23"),
        meeting("b", venue="shanghai", when="2009-02-21"),
    ],
}


test_fires = fires_test(CHECK, FIRES)


test_quiet = quiet_test(CHECK, QUIET)
