"""show_date, the macro every message names a claimed date with: as precise as it is known."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from factdb.loader.build.write import MACROS


@pytest.mark.parametrize(
    ("d_from", "d_to", "shown"),
    [
        ("2018-10-08", "2018-10-08", "2018-10-08"),
        ("2018-10-01", "2018-10-31", "2018-10"),
        ("2018-01-01", "2018-12-31", "2018"),
        # "in February", published in June 2023: either February, never the months between
        # (the blind judge of trial 31 read "2023-02-01..2024-02-29" as thirteen months)
        ("2023-02-01", "2024-02-29", "2023-02 or 2024-02"),
        ("2023-11-01", "2024-11-30", "2023-11 or 2024-11"),
        ("2023-02-01", "2024-03-31", "2023-02-01..2024-03-31"),
        ("2018-10-02", "2018-10-05", "2018-10-02..2018-10-05"),
    ],
)
def test_a_date_is_shown_as_precisely_as_it_is_known(d_from: str, d_to: str, shown: str) -> None:
    con = duckdb.connect(":memory:")
    try:
        for statement in MACROS.values():
            con.execute(statement)
        row = con.execute(
            "SELECT show_date(?, ?)", [dt.date.fromisoformat(d_from), dt.date.fromisoformat(d_to)]
        ).fetchone()
    finally:
        con.close()
    assert row == (shown,)
