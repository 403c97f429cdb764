"""Every check in queries/checks/ has its file of cases here, with at least one
case it must fire on and one near-miss it must stay quiet on; and no file of
cases is for a check that does not exist."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest
from factdb.loader.checks import load_checks

CHECK_IDS = sorted(c.id for c in load_checks())


def cases_module(check_id: str) -> str:
    return f"test_{check_id.replace('-', '_')}"


def test_every_cases_file_is_of_a_check() -> None:
    here = Path(__file__).parent
    files = {p.stem for p in here.glob("test_*.py")} - {Path(__file__).stem}
    assert files == {cases_module(i) for i in CHECK_IDS}


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_every_check_has_cases_that_fire_and_near_misses_that_stay_quiet(check_id: str) -> None:
    name = cases_module(check_id)
    assert (Path(__file__).parent / f"{name}.py").is_file(), f"{check_id} has no tests/checks/cases/{name}.py"
    module: ModuleType = importlib.import_module(f"{__package__}.{name}")
    assert check_id == module.CHECK
    assert callable(module.test_fires) and module.FIRES, f"{check_id}: no case it must fire on"
    assert callable(module.test_quiet) and module.QUIET, f"{check_id}: no near-miss it must stay quiet on"
