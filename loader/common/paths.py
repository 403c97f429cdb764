"""Where the corpus, its seeds and the database live by default.

The project is the nearest folder, from the current one upwards, that holds a
``facts/`` folder (``FACTDB_PROJECT`` overrides the search).  Its ``facts/`` is
the default corpus and ``factdb.duckdb`` beside it the default database.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "factdb.duckdb"


def project_dir(start: Path | None = None) -> Path:
    env = os.environ.get("FACTDB_PROJECT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "facts").is_dir():
            return folder
    return here


def default_facts() -> Path:
    return project_dir() / "facts"


def default_db() -> Path:
    return project_dir() / DB_NAME
