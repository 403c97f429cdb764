"""What a build read, kept beside its database, so that the next build can tell
which inputs changed without reading the others.

A fact file or seed counts as unchanged while its size and mtime are those
recorded, as in git's index; a file whose mtime falls within `RACY_NS` of the
moment the build started reading could have changed again within the same
clock tick, so its bytes are hashed again.  The state names the database it
describes by inode, size and mtime: a database written by anything else (a
copy, another build's rename) has no state, and the next build is cold."""

from __future__ import annotations

import functools
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..common import library_versions, package_sources, schema_sources, source_digest
from ..read import Stamp

# Bump when the state's layout or what a warm build derives from it changes.
STATE_FORMAT = "1"


@dataclass
class BuildState:
    version: str
    facts_dir: str
    started_ns: int
    # display name -> stamp, for every fact file of the build
    files: dict[str, Stamp] = field(default_factory=dict)
    # article id -> (seed name, stamp of the seed file it was verified against)
    seeds: dict[str, tuple[str, Stamp]] = field(default_factory=dict)
    # (inode, size, mtime_ns) of the database this state describes
    db: tuple[int, int, int] = (0, 0, 0)


# The sub-packages whose code a build runs, cold or warm: a change to any file
# in them (or in the schema, or the SQL of the macros and views) may change a
# database.
# What only reads a database or shows results (the CLI, coverage, the report,
# show, export, output/) is not among them, so a change there leaves every
# database as fresh as it was.
BUILD_PACKAGES = ("common", "read", "corpus", "build", "checks")
BUILD_MODULES = ("pipeline.py",)


def build_sources() -> list[Path]:
    """The loader's source files a build runs: whole folders, so no import,
    however it is spelt, can bring in code the version does not cover."""
    import factdb.queries

    loader = Path(__file__).parent.parent
    queries = Path(factdb.queries.__file__).parent
    folders = [loader / name for name in BUILD_PACKAGES] + [queries / "macros", queries / "views"]
    return package_sources(*folders) + [loader / name for name in BUILD_MODULES]


@functools.cache
def code_version() -> str:
    """Everything a database depends on besides its inputs: the schema and
    the loader's code a build runs, the libraries that read and validate
    files, and DuckDB and pyarrow, which write it."""
    import duckdb
    import pyarrow

    salt = f"{STATE_FORMAT};{library_versions()};duckdb={duckdb.__version__};pyarrow={pyarrow.__version__}"
    return source_digest(salt, schema_sources() + build_sources())


def cache_dir(db: Path) -> Path:
    """Where a build keeps per-file results and its state: beside the database it builds."""
    return db.parent / ".factdb-cache"


def state_path(cache_dir: Path, db: Path) -> Path:
    return cache_dir / f"{db.name}.state"


def db_identity(db: Path) -> tuple[int, int, int]:
    st = db.stat()
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def load_state(path: Path) -> BuildState | None:
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return state if isinstance(state, BuildState) else None


def save_state(path: Path, state: BuildState) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def forget_state(path: Path) -> None:
    """Before a database is replaced: a state must never outlive its database."""
    path.unlink(missing_ok=True)
