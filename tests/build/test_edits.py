"""Whether an edit touches what a check reads: the rows removed and added,
cut down to the columns the check reads, compared as multisets."""

from __future__ import annotations

import pytest
from factdb.loader.build import Edits, TableEdit

COLUMNS = ["id", "of", "low", "when"]
A = ("m1", "talks", 60, "2023-06-19")
B = ("m2", "talks", 300, "2023-06-19")
MOVED = ("m1", "talks", 60, "2023-06-20")
# m1 and m2 with their durations swapped
A_SWAPPED = ("m1", "talks", 300, "2023-06-19")
B_SWAPPED = ("m2", "talks", 60, "2023-06-19")

CASES = [
    # (id, removed, added, columns read, touches)
    ("same-rows", [A, B], [A, B], {"low"}, False),
    ("same-rows-other-order", [A, B], [B, A], {"id", "low"}, False),
    ("date-moved-durations-read", [A], [MOVED], {"id", "low"}, False),
    ("date-moved-dates-read", [A], [MOVED], {"when"}, True),
    # Each column keeps its values, but not which row holds which.
    ("durations-swapped", [A, B], [A_SWAPPED, B_SWAPPED], {"id", "low"}, True),
    ("durations-swapped-ids-not-read", [A, B], [A_SWAPPED, B_SWAPPED], {"low"}, False),
    ("row-added-count-read", [A], [A, B], set(), True),
    ("row-removed", [A, B], [A], {"of"}, True),
    ("column-the-rows-lack", [A], [A], {"nowhere"}, True),
]


@pytest.mark.parametrize(
    ("removed", "added", "read", "touches"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_an_edit_touches_a_check_only_through_the_columns_it_reads(
    removed: list[tuple[object, ...]], added: list[tuple[object, ...]], read: set[str], touches: bool
) -> None:
    edits = Edits({"meetings": TableEdit(COLUMNS, removed, added)})
    assert edits.touch({"meetings": read}) is touches


def test_a_table_the_edit_left_alone_touches_nothing() -> None:
    edits = Edits({"meetings": TableEdit(COLUMNS, [A], [B])})
    assert not edits.touch({"events": {"id"}, "people": set()})
