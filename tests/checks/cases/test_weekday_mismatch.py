"""weekday-mismatch: a stated weekday does not fall on the date it is given with.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

import pytest

from ...conftest import Project
from .corpus import Facts, MemDb, assert_case, event

CHECK = "weekday-mismatch"

FIRES: dict[str, Facts] = {
    "tuesday-on-a-monday": [event("a", {"date": "2023-06-19", "weekday": "tuesday"})],
}

QUIET: dict[str, Facts] = {
    "monday-on-a-monday": [event("a", {"date": "2023-06-19", "weekday": "monday"}), event("b", "Saturday")],
}


@pytest.mark.parametrize("facts", FIRES.values(), ids=list(FIRES))
def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 1)


@pytest.mark.parametrize("facts", QUIET.values(), ids=list(QUIET))
def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 0)
