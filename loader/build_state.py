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
import hashlib
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

# Bump when the state's layout or what a warm build derives from it changes.
STATE_FORMAT = "1"
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Stamp:
    """A file as a build read it: its stat taken before reading, and its digest."""

    path: str
    size: int
    mtime_ns: int
    sha256: str = ""

    @classmethod
    def of(cls, path: str | Path, st: os.stat_result, raw: bytes | None = None) -> Stamp:
        digest = hashlib.sha256(raw).hexdigest() if raw is not None else ""
        return cls(os.fspath(path), st.st_size, st.st_mtime_ns, digest)

    def same_stat(self, path: str | Path, st: os.stat_result, started_ns: int) -> bool:
        return (
            self.path == os.fspath(path)
            and self.size == st.st_size
            and self.mtime_ns == st.st_mtime_ns
            and self.mtime_ns < started_ns - RACY_NS
        )

    def now(self, path: str | Path, started_ns: int) -> Stamp | None:
        """This file's stamp as it is now if its bytes are still those recorded, else None.
        Takes a plain string too: a warm build stats every file, and 10,000
        Path objects cost more than the stats."""
        st = os.stat(path)
        if self.same_stat(path, st, started_ns):
            return self
        with open(path, "rb") as fh:
            now = Stamp.of(path, st, fh.read())
        return now if now.path == self.path and now.sha256 == self.sha256 else None


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


# What a file's parsed and validated result, and so a database, depends on
# besides factdb's own code: a new release of any may read a file otherwise.
LIBRARIES = ("pydantic", "pydantic_core", "yaml12", "yaml", "orjson")


def library_versions() -> str:
    """The versions of LIBRARIES, as one string."""
    import importlib

    return ";".join(f"{name}={importlib.import_module(name).__version__}" for name in LIBRARIES)


# A loader module's imports of its siblings, at any depth in the file (lazy ones too).
_SIBLINGS = re.compile(
    r"^\s*from (?:\.|factdb\.loader\.)(\w+) import|^\s*from \. import ([\w, ]+)", re.MULTILINE
)


def build_modules() -> list[Path]:
    """The loader's modules that a build runs: build.py and whatever it
    imports, followed import by import. What only reads a database or shows
    results (the CLI, coverage, report, show, export) is not among them, so a
    change there leaves every database as fresh as it was; a module a build
    imports is among them as soon as it does."""
    folder = Path(__file__).parent
    seen = {"__init__", "build"}
    todo = ["build"]
    while todo:
        source = (folder / f"{todo.pop()}.py").read_text(encoding="utf-8")
        for m in _SIBLINGS.finditer(source):
            names = [m.group(1)] if m.group(1) else [n.strip() for n in m.group(2).split(",")]
            for name in names:
                if name and name not in seen and (folder / f"{name}.py").is_file():
                    seen.add(name)
                    todo.append(name)
    return sorted(folder / f"{name}.py" for name in seen)


@functools.cache
def code_version() -> str:
    """Everything a database depends on besides its inputs: the schema and
    the loader's modules a build runs, the libraries that read and validate
    files, and DuckDB and pyarrow, which write it."""
    import duckdb
    import pyarrow

    salt = f"{STATE_FORMAT};{library_versions()};duckdb={duckdb.__version__};pyarrow={pyarrow.__version__}"
    return source_digest(salt, schema_sources() + build_modules())


def schema_sources() -> list[Path]:
    import factdb.schema

    return sorted(Path(factdb.schema.__file__).parent.glob("*.py"))


def source_digest(salt: str, sources: list[Path]) -> str:
    """A short digest of `salt` and each source file's folder, name and bytes."""
    digest = hashlib.sha256(salt.encode())
    for src in sources:
        digest.update(f"{src.parent.name}/{src.name}".encode() + b"\0" + src.read_bytes())
    return digest.hexdigest()[:16]


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
