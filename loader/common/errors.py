"""One error hierarchy for every stage: problems are collected, then reported once."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int
    col: int
    code: str
    message: str
    fact_id: str | None = None

    def render(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class FactdbError(Exception):
    """Base of every error factdb raises on purpose."""

    exit_code = 2


class InvalidData(FactdbError):
    """The corpus has problems; `problems` holds every one found in the run."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        shown = "\n".join(p.render() for p in self.problems[:5])
        more = f"\n... and {len(self.problems) - 5} more" if len(self.problems) > 5 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the corpus:\n{shown}{more}")


class UsageError(FactdbError):
    """A command was asked for something it cannot do (bad option, bad SQL, missing file)."""

    exit_code = 2


class EnvironmentFailure(FactdbError):
    """The machine, not the input, stood in the way: the database is in use by
    another process, a file cannot be read or written (permissions, a full disk)."""

    exit_code = 3


class Collector:
    """Gathers problems across stages so that a run reports all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        file: str,
        line: int,
        col: int,
        code: str,
        message: str,
        fact_id: str | None = None,
    ) -> None:
        self.problems.append(Problem(file, line, col, code, message, fact_id))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidData(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)
