"""two-places-at-once: one person is placed in two different cities on the same day.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

import pytest

from ...conftest import Project
from .corpus import Facts, MemDb, assert_case, meeting, visit

CHECK = "two-places-at-once"

FIRES: dict[str, Facts] = {
    "beijing-and-shanghai": [
        meeting("a", venue="hall", when="2023-06-19"),
        {**meeting("b", venue="shanghai", when="Monday"), "of": "m1"},
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
}


@pytest.mark.parametrize("facts", FIRES.values(), ids=list(FIRES))
def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 1)


@pytest.mark.parametrize("facts", QUIET.values(), ids=list(QUIET))
def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 0)
