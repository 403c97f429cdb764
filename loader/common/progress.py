"""How the library tells its caller how far a long run has got.

A callback keeps the library free of any terminal code: the CLI turns the calls
into a progress bar when a person is watching, and everything else passes
nothing and pays nothing."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

# (stage, done, total): `done` of `total` units of `stage` are finished; a
# stage is reported at least once with done == 0 and once with done == total.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The default: nobody is watching."""


@contextlib.contextmanager
def stage(progress: Progress, name: str) -> Iterator[None]:
    """A stage of one step: reported as begun, then as finished if it finishes."""
    progress(name, 0, 1)
    yield
    progress(name, 1, 1)


class StageClock:
    """A Progress that times each stage, from its first report to the report
    that finishes it: `build --timings` and the benchmark show where a build's
    time goes without a profiler."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._start: dict[str, float] = {}
        self._end: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self._clock()
        self._start.setdefault(stage, now)
        if done >= total:
            self._end[stage] = now

    def seconds(self) -> dict[str, float]:
        """Seconds per finished stage, in the order the stages began."""
        return {s: self._end[s] - t for s, t in self._start.items() if s in self._end}


def both(first: Progress, second: Progress) -> Progress:
    def report(stage: str, done: int, total: int) -> None:
        first(stage, done, total)
        second(stage, done, total)

    return report
