"""age-mismatch: a stated age does not match the person's recorded birth date.

FIRES: what it must find; QUIET: the near-misses it must stay quiet on."""

from __future__ import annotations

import pytest

from ...conftest import Project
from .corpus import ART, Facts, MemDb, assert_case

CHECK = "age-mismatch"

FIRES: dict[str, Facts] = {
    "sixty-in-2023": [
        {
            "id": "a",
            "kind": "figure",
            "measure": "age",
            "subject": "ann",
            "quantity": {"value": 60, "unit": "year"},
            "as_of": "Monday",
            "evidence": ART,
        }
    ],
}

QUIET: dict[str, Facts] = {
    "sixty-one-in-2023": [
        {
            "id": "a",
            "kind": "figure",
            "measure": "age",
            "subject": "ann",
            "quantity": {"value": 61, "unit": "year"},
            "evidence": ART,
        }
    ],
}


@pytest.mark.parametrize("facts", FIRES.values(), ids=list(FIRES))
def test_fires(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 1)


@pytest.mark.parametrize("facts", QUIET.values(), ids=list(QUIET))
def test_quiet(project: Project, memdb: MemDb, facts: Facts) -> None:
    assert_case(project, memdb, CHECK, facts, 0)
