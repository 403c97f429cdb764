"""What a build read, kept beside its database, so that the next build can tell
which inputs changed without reading the others.

A fact file or seed counts as unchanged while its size and mtime are those
recorded, as in git's index; a file whose mtime falls within `RACY_NS` of the
moment the build started reading could have changed again within the same
clock tick, so its bytes are hashed again.  The state names the database it
describes by inode, size and mtime: a database written by anything else (a
copy, another build's rename) has no state, and the next build is cold.

The state is data: JSON, sealed (`common.sealed`) under the database's name.
A state that fails to read, to verify or to parse is discarded (the build is
then cold) and recorded for the command's warning, never trusted and never an
internal error. It records the day it was made: a build on an earlier day
(a clock or time zone set back) is cold, since a fact dated "tomorrow" may
have been judged not to be in the future."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import orjson

from ..common import library_versions, package_sources, schema_sources, source_digest
from ..common.sealed import Damaged, seal, unseal, write_atomic
from ..read import Stamp, note_discarded

T = TypeVar("T")

# Bump when the state's layout or what a warm build derives from it changes.
STATE_FORMAT = "2"


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
    # the day the build judged "in the future" against (ISO)
    today: str = field(default_factory=lambda: dt.date.today().isoformat())

    def as_data(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "facts_dir": self.facts_dir,
            "started_ns": self.started_ns,
            "files": {n: _stamp_data(s) for n, s in self.files.items()},
            "seeds": {a: [seed, _stamp_data(s)] for a, (seed, s) in self.seeds.items()},
            "db": list(self.db),
            "today": self.today,
        }

    @classmethod
    def of_data(cls, data: dict[str, Any]) -> BuildState:
        """The state `as_data` wrote; ValueError, TypeError or KeyError for
        anything else. Stamps are taken as written: the seal proves this
        user's factdb wrote them, and a state of another layout has another
        `version`, which `incremental.plan` refuses before any stamp is used."""
        db = _db_of(data)
        return cls(
            version=_text(data["version"]),
            facts_dir=_text(data["facts_dir"]),
            started_ns=int(data["started_ns"]),
            files={_text(n): _stamp(s) for n, s in data["files"].items()},
            seeds={_text(a): (_text(seed), _stamp(s)) for a, (seed, s) in data["seeds"].items()},
            db=db,
            today=dt.date.fromisoformat(_text(data["today"])).isoformat(),
        )


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("a string expected")
    return value


def _stamp_data(stamp: Stamp) -> list[Any]:
    return [stamp.path, stamp.size, stamp.mtime_ns, stamp.sha256]


def _stamp(data: Any) -> Stamp:
    path, size, mtime_ns, sha256 = data
    return Stamp(path, size, mtime_ns, sha256)


def _db_of(data: dict[str, Any]) -> tuple[int, int, int]:
    ino, size, mtime_ns = (int(x) for x in data["db"])
    return ino, size, mtime_ns


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
    """The state kept at `path`; None if there is none, or if it does not
    prove itself (then recorded as discarded, and removed)."""
    return _load(path, BuildState.of_data)


def recorded_db(path: Path) -> tuple[int, int, int] | None:
    """Only the identity of the database the state at `path` describes, as
    `load_state` would find it, without making its thousands of stamps."""
    return _load(path, _db_of)


def _load(path: Path, parse: Callable[[dict[str, Any]], T]) -> T | None:
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        note_discarded([(str(path), f"cannot be read: {exc.strerror or type(exc).__name__}")])
        return None
    try:
        return parse(orjson.loads(unseal(path.name, blob)))
    except Damaged as exc:
        why = str(exc)
    except (ValueError, TypeError, KeyError, AttributeError, orjson.JSONDecodeError) as exc:
        why = f"unreadable content ({type(exc).__name__})"
    note_discarded([(str(path), why)])
    path.unlink(missing_ok=True)
    return None


def save_state(path: Path, state: BuildState) -> None:
    """Keep `state` at `path` (sealed, through a temporary file)."""
    write_atomic(path, seal(path.name, orjson.dumps(state.as_data())))


def forget_state(path: Path) -> None:
    """Before a database is replaced: a state must never outlive its database."""
    path.unlink(missing_ok=True)
