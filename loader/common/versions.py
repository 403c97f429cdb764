"""What a cached result or a database depends on besides its inputs: the
source of the code that made it and the releases of the libraries it ran."""

from __future__ import annotations

import hashlib
from pathlib import Path

# What a file's parsed and validated result, and so a database, depends on
# besides factdb's own code: a new release of any may read a file otherwise.
LIBRARIES = ("pydantic", "pydantic_core", "yaml12", "yaml", "orjson")


def library_versions() -> str:
    """The versions of LIBRARIES, as one string."""
    import importlib

    return ";".join(f"{name}={importlib.import_module(name).__version__}" for name in LIBRARIES)


def package_sources(*folders: Path) -> list[Path]:
    """Every Python and SQL source file under these folders, at any depth: a
    digest of them does not depend on how one module imports another."""
    found: set[Path] = set()
    for folder in folders:
        found.update(
            p for p in folder.rglob("*") if p.suffix in (".py", ".sql") and "__pycache__" not in p.parts
        )
    return sorted(found)


def schema_sources() -> list[Path]:
    """The schema's modules: every result depends on them."""
    import factdb.schema

    return package_sources(Path(factdb.schema.__file__).parent)


def source_digest(salt: str, sources: list[Path]) -> str:
    """A short digest of `salt` and each source file's folder, name and bytes."""
    digest = hashlib.sha256(salt.encode())
    for src in sources:
        digest.update(_name(src).encode() + b"\0" + src.read_bytes())
    return digest.hexdigest()[:16]


_TOPS = {"schema", "loader", "queries"}


def _name(src: Path) -> str:
    """A source's path from its top folder (loader/build/tables.py), the same
    in a checkout and an installed copy, wherever either lies."""
    parts = src.parts
    top = max((i for i, part in enumerate(parts) if part in _TOPS), default=len(parts) - 2)
    return "/".join(parts[top:])
