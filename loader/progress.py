"""How the library tells its caller how far a long run has got.

A callback keeps the library free of any terminal code: the CLI turns the calls
into a progress bar when a person is watching, and everything else passes
nothing and pays nothing."""

from __future__ import annotations

from collections.abc import Callable

# (stage, done, total): `done` of `total` units of `stage` are finished; a
# stage is reported at least once with done == 0 and once with done == total.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The default: nobody is watching."""
