"""Garbage collection off while a corpus is loaded.

Loading allocates millions of objects (parsed documents, models, rows) that
all live until the build ends: the cyclic collector finds nothing to free,
yet its passes grow with the heap, so each one costs more than the last."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
