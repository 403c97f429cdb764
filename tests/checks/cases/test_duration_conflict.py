"""duration-conflict: two accounts of the same meeting give durations that cannot both be
true.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

import pytest

from ...conftest import Project
from .corpus import REF, Facts, MemDb, assert_case, hours, meeting

CHECK = "duration-conflict"

FIRES: dict[str, Facts] = {
    "about-5h-vs-35min": [
        meeting("a", hours(5, "about")),
        meeting("b", {"value": 35, "unit": "minute"}, REF),
    ],
}

QUIET: dict[str, Facts] = {
    "more-than-5h-vs-5.5h": [meeting("a", hours(5, "more than")), meeting("b", hours(5.5), REF)],
    "about-5h-vs-330min": [
        meeting("a", hours(5, "about")),
        meeting("b", {"value": 330, "unit": "minute"}, REF),
    ],
}


@pytest.mark.parametrize("facts", FIRES.values(), ids=list(FIRES))
def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 1)


@pytest.mark.parametrize("facts", QUIET.values(), ids=list(QUIET))
def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 0)
