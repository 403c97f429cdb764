"""Reading files, the first stage: one fact file's bytes to a validated model with every position kept.

* yaml_reader: the precise reader (libyaml marks, YAML 1.2 rules, duplicate keys refused);
* fast_reader: the fast path (yaml12), judged by the precise reader;
* validate: Pydantic against schema/, its errors located;
* file_cache: per-file results cached by content, read in parallel;
* cache_codec: a file's result as JSON and back, exactly (what the cache keeps);
* stamps: what a read saw of a file (stat and digest), to tell later whether it changed.

Imports only common/ and factdb.schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.lazy import lazy_api

if TYPE_CHECKING:
    from .file_cache import (
        PARALLEL_MIN_BYTES,
        FileCache,
        clear_stale_temps,
        load_cached,
        load_files,
        note_discarded,
        read_stamped,
        take_discarded,
    )
    from .stamps import Stamp
    from .validate import ValidFile

__all__ = [
    "PARALLEL_MIN_BYTES",
    "FileCache",
    "Stamp",
    "ValidFile",
    "clear_stale_temps",
    "load_cached",
    "load_files",
    "note_discarded",
    "read_stamped",
    "take_discarded",
]

__getattr__ = lazy_api(__name__, __file__)
