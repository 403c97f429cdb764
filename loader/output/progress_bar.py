"""A rich progress bar for long builds, shown only to a person at a terminal:
never in a pipe, a test or CI, where it would only be noise in the output."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TextIO

from ..common import Progress, no_progress


@contextlib.contextmanager
def progress_for(stream: TextIO) -> Iterator[Progress]:
    if not _is_terminal(stream) or os.environ.get("CI"):
        yield no_progress
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("{task.description:>10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=stream),
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield report


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
