"""trip-legs: a visit called "the fourth leg" or "the last stop" of a trip is not that leg
of the trip as recorded.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

import pytest

from ...conftest import Project
from .corpus import ART, Facts, MemDb, assert_case, legs, visit

CHECK = "trip-legs"

FIRES: dict[str, Facts] = {
    "third-leg-is-fourth": [
        visit("t", "trip", legs=legs("seoul", "shanghai", "london", "beijing")),
        visit("a", "v1", ART, destination="beijing", part_of="trip", leg=3),
    ],
    "last-stop-is-not-last": [
        visit("t", "trip", legs=legs("beijing", "london")),
        visit("a", "v1", ART, destination="china", part_of="trip", last_stop=True),
    ],
}

QUIET: dict[str, Facts] = {
    "fourth-leg-is-fourth": [
        visit("t", "trip", legs=legs("seoul", "shanghai", "london", "beijing")),
        visit("a", "v1", ART, destination="beijing", part_of="trip", leg=4, last_stop=True),
    ],
}


@pytest.mark.parametrize("facts", FIRES.values(), ids=list(FIRES))
def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 1)


@pytest.mark.parametrize("facts", QUIET.values(), ids=list(QUIET))
def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 0)
