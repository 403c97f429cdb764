"""One error hierarchy for every stage: problems are collected, then reported once.

A problem renders as one line, `file:line:col: message [code]`, whatever its
file is called: a file name is shown through `shown_name`, which escapes what
could split or forge that line (control characters, line separators, the
surrogates an undecodable byte becomes) and the backslash itself, Python
repr-style, and leaves every ordinary name as it is.

The cap on problems lives here, in the Collector, and nowhere else: it keeps
at most PER_FILE problems of one file and PER_RUN of a run. Past the cap a
problem is only counted; each file that had problems dropped ends with one
located line, at its first dropped problem, saying how many more there were
(code `problems.more`, its count in `Problem.more`), so a run's total stays
exact. Callers whose problems are costly to make (locating a Pydantic error)
ask `full(file)` first and hand the rest to `more()` as a count."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PER_FILE = 100
PER_RUN = 1000
MORE = "problems.more"


def shown_name(name: str) -> str:
    """`name` as printed: unchanged if every character is printable and none a
    backslash; else each other character escaped as Python's repr escapes it
    (`\\n`, `\\x1b`, `\\udcff`) and a backslash doubled, so no two names look alike."""
    if name.isprintable() and "\\" not in name:
        return name
    return "".join("\\\\" if ch == "\\" else ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can.
    A `problems.more` line stands for `more` problems that were not kept."""

    file: str
    line: int
    col: int
    code: str
    message: str
    fact_id: str | None = None
    more: int = field(default=0, compare=False)

    def render(self) -> str:
        return f"{shown_name(self.file)}:{self.line}:{self.col}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, Any]:
        """The fields, the file name as rendered: JSON cannot hold a surrogate."""
        out = {**asdict(self), "file": shown_name(self.file)}
        if not self.more:
            del out["more"]
        return out

    @property
    def count(self) -> int:
        """How many problems this line stands for."""
        return self.more or 1


def more_line(file: str, line: int, col: int, n: int) -> Problem:
    return Problem(file, line, col, MORE, f"… and {n:,} more problems in this file", more=n)


class FactdbError(Exception):
    """Base of every error factdb raises on purpose."""

    exit_code = 2


class InvalidData(FactdbError):
    """The corpus has problems; `problems` holds those kept (each file's
    `problems.more` line last among its own), `total` counts every one found."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.code == MORE, p))
        self.total = sum(p.count for p in self.problems)
        shown = "\n".join(p.render() for p in self.problems[:5])
        rest = self.total - sum(p.count for p in self.problems[:5])
        more = f"\n... and {rest} more" if rest > 0 else ""
        super().__init__(f"{self.total} problem(s) in the corpus:\n{shown}{more}")


class UsageError(FactdbError):
    """A command was asked for something it cannot do (bad option, bad SQL, missing file)."""

    exit_code = 2


class EnvironmentFailure(FactdbError):
    """The machine, not the input, stood in the way: the database is in use by
    another process, a file cannot be read or written (permissions, a full disk)."""

    exit_code = 3


class Collector:
    """Gathers problems across stages so that a run reports all of them at once,
    at most `per_file` of one file and `per_run` in all (see the module's docstring)."""

    def __init__(self, per_file: int = PER_FILE, per_run: int = PER_RUN) -> None:
        self.per_file = per_file
        self.per_run = per_run
        self._kept: list[Problem] = []
        self._by_file: dict[str, int] = {}
        # Per file: how many were dropped, and where the first of them was.
        self._dropped: dict[str, tuple[int, int, int]] = {}

    def full(self, file: str) -> bool:
        """Whether the next problem of `file` would only be counted."""
        return self._by_file.get(file, 0) >= self.per_file or len(self._kept) >= self.per_run

    def add(
        self,
        file: str,
        line: int,
        col: int,
        code: str,
        message: str,
        fact_id: str | None = None,
    ) -> None:
        if self.full(file):
            self.more(file, line, col, 1)
            return
        self._by_file[file] = self._by_file.get(file, 0) + 1
        self._kept.append(Problem(file, line, col, code, message, fact_id))

    def more(self, file: str, line: int, col: int, n: int) -> None:
        """Count `n` problems of `file` not kept, the first of them at line:col."""
        if n <= 0:
            return
        dropped = self._dropped.get(file)
        self._dropped[file] = (dropped[0] + n, dropped[1], dropped[2]) if dropped else (n, line, col)

    def extend(self, problems: list[Problem]) -> None:
        """Another collector's problems (a file read elsewhere), under this one's caps."""
        for p in problems:
            if p.code == MORE:
                self.more(p.file, p.line, p.col, p.more)
            else:
                self.add(p.file, p.line, p.col, p.code, p.message, p.fact_id)

    @property
    def problems(self) -> list[Problem]:
        """The problems kept, then a `problems.more` line for each file that had some dropped."""
        return self._kept + [more_line(f, line, col, n) for f, (n, line, col) in self._dropped.items()]

    @property
    def total(self) -> int:
        return len(self._kept) + sum(n for n, _, _ in self._dropped.values())

    def raise_if_any(self) -> None:
        if self:
            raise InvalidData(self.problems)

    def __bool__(self) -> bool:
        return bool(self._kept) or bool(self._dropped)
