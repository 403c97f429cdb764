"""figure-conflict: two figures for the same measure, subject and date cannot both be true.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

import pytest

from ...conftest import Project
from .corpus import REF, Facts, MemDb, assert_case, figure

CHECK = "figure-conflict"

FIRES: dict[str, Facts] = {
    "nearly-2T-vs-2.1T": [
        figure("a", 2, "nearly", "trillion", "2009-02"),
        figure("b", 2.1, "exact", "trillion", "2009-02", REF),
    ],
}

QUIET: dict[str, Facts] = {
    "nearly-7bn-vs-6.5bn": [
        figure("a", 7, "nearly", "billion", "2008-10"),
        figure("b", 6.5, "exact", "billion", "2008-10-03", REF),
    ],
    "different-dates": [
        figure("a", 2, "nearly", "trillion", "2009-02"),
        figure("b", 3, "exact", "trillion", "2014-01", REF),
    ],
}


@pytest.mark.parametrize("facts", FIRES.values(), ids=list(FIRES))
def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 1)


@pytest.mark.parametrize("facts", QUIET.values(), ids=list(QUIET))
def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 0)
