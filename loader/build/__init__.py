"""The build, the third stage: a corpus into a DuckDB file.

* tables: the Arrow tables, one per kind, with the column conventions;
* ingest: one Arrow table into DuckDB;
* write: every table and view in one transaction into a new file, swapped in atomically,
  never over a file that is not a factdb database;
* sharded: a cold load over every core; incremental: a warm build of the files changed;
* state: what a build read, to plan the next; edits: what a warm build's edit changed.

The checks' findings are stored through a FindingsWriter the caller hands in: the build imports nothing of checks/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.lazy import lazy_api

if TYPE_CHECKING:
    from .edits import Edits, TableEdit
    from .incremental import After, Changes, NotIncremental, plan, warm_build, warm_read, warm_validate
    from .sharded import load_sharded
    from .state import BuildState, cache_dir, code_version, db_identity, save_state, state_path
    from .tables import build_tables
    from .write import FindingsWriter, refuse_foreign, swap_in, write_database

__all__ = [
    "After",
    "BuildState",
    "Changes",
    "Edits",
    "FindingsWriter",
    "NotIncremental",
    "TableEdit",
    "build_tables",
    "cache_dir",
    "code_version",
    "db_identity",
    "load_sharded",
    "plan",
    "refuse_foreign",
    "save_state",
    "state_path",
    "swap_in",
    "warm_build",
    "warm_read",
    "warm_validate",
    "write_database",
]

__getattr__ = lazy_api(__name__, __file__)
