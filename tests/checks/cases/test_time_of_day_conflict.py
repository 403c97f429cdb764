"""time-of-day-conflict: two facts put the same moment of one occurrence on the same day
but at different times of day.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

import pytest

from ...conftest import Project
from .corpus import ART, Facts, MemDb, assert_case, visit

CHECK = "time-of-day-conflict"

FIRES: dict[str, Facts] = {
    "evening-vs-morning": [
        visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
        visit("b", "v1", destination="beijing", arrive={"date": "2023-06-18", "part_of_day": "morning"}),
    ],
}

QUIET: dict[str, Facts] = {
    "one-side-silent": [
        visit("a", "v1", ART, destination="beijing", arrive="Sunday evening"),
        visit("b", "v1", destination="beijing", arrive="2023-06-18"),
    ],
}


@pytest.mark.parametrize("facts", FIRES.values(), ids=list(FIRES))
def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 1)


@pytest.mark.parametrize("facts", QUIET.values(), ids=list(QUIET))
def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 0)
