"""trip-legs-disagree: two accounts of the same trip list stops that the other does not
have.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

import pytest

from ...conftest import Project
from .corpus import ART, Facts, MemDb, assert_case, legs, visit

CHECK = "trip-legs-disagree"

FIRES: dict[str, Facts] = {
    "seoul-vs-london": [
        visit("t", "trip", legs=legs("beijing", "london")),
        visit("a", "trip", ART, legs=legs("beijing", "seoul")),
    ],
}

QUIET: dict[str, Facts] = {
    "city-vs-country": [
        visit("t", "trip", legs=legs("beijing", "shanghai")),
        visit("a", "trip", ART, legs=legs("china")),
    ],
}


@pytest.mark.parametrize("facts", FIRES.values(), ids=list(FIRES))
def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 1)


@pytest.mark.parametrize("facts", QUIET.values(), ids=list(QUIET))
def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 0)
