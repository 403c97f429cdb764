"""What every stage shares: the one error hierarchy (errors), progress callbacks, where a project's files are (paths), the
garbage-collector pause, opening a database read-only and quoting SQL (db), sealed files that prove who wrote them (sealed),
the digests of code and library versions (versions), whether the process that named a temp file still runs (processes), and
how names are compared and made into ids (names).
Imports nothing else of factdb."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_api

if TYPE_CHECKING:
    from .db import connect_read_only, sql_identifier, sql_string
    from .errors import (
        Collector,
        EnvironmentFailure,
        FactdbError,
        InvalidData,
        Problem,
        UsageError,
        shown_name,
    )
    from .gc_pause import gc_paused
    from .names import fold, slug
    from .paths import default_db, default_facts, project_dir
    from .processes import left_over_temps, process_alive, temp_path
    from .progress import Progress, StageClock, both, no_progress, stage
    from .versions import library_versions, package_sources, schema_sources, source_digest

__all__ = [
    "Collector",
    "EnvironmentFailure",
    "FactdbError",
    "InvalidData",
    "Problem",
    "Progress",
    "StageClock",
    "UsageError",
    "both",
    "connect_read_only",
    "default_db",
    "default_facts",
    "fold",
    "gc_paused",
    "left_over_temps",
    "library_versions",
    "no_progress",
    "package_sources",
    "process_alive",
    "project_dir",
    "schema_sources",
    "shown_name",
    "slug",
    "source_digest",
    "sql_identifier",
    "sql_string",
    "stage",
    "temp_path",
]

__getattr__ = lazy_api(__name__, __file__)
