"""Shared fixtures: a tmp corpus writer, an in-memory DuckDB, Hypothesis profiles."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from factdb.loader.build.write import load_tables
from factdb.loader.corpus import load_corpus
from factdb.loader.read.yaml_reader import resolve_plain
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=20, deadline=None)
# `deep` runs 10,000 examples per property; HYPOTHESIS_DEEP_EXAMPLES splits that
# into chunks (run with different --hypothesis-seed) for properties that build a database.
settings.register_profile(
    "deep",
    max_examples=int(os.environ.get("HYPOTHESIS_DEEP_EXAMPLES", "10000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent

ARTICLE_TEXT = (
    "Officials met in Beijing on Monday for talks.\n\n"
    "The meeting lasted about five hours, a spokesman said.\n\n"
    "Trade reached nearly $7 billion last year.\n"
)


class _Dumper(yaml.SafeDumper):
    """Quotes every string a YAML 1.2 reader would not read back as that string,
    and never writes anchors (fact files may not use them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = None if resolve_plain(value) == value and value.strip() == value and value else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)


class Project:
    """A throwaway project: facts/ and seeds/ under tmp_path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.facts = root / "facts"
        self.seeds = root / "seeds"
        self.db = root / "factdb.duckdb"
        self.facts.mkdir()
        self.seeds.mkdir()

    def seed(self, name: str, text: str) -> str:
        (self.seeds / name).write_text(text, encoding="utf-8")
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def write(self, name: str, content: str | dict[str, Any] | bytes) -> Path:
        path = self.facts / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(dump_yaml(content), encoding="utf-8")
        return path

    def factdb(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "FACTDB_PROJECT": str(self.root), "NO_COLOR": "1", "COLUMNS": "200"}
        return subprocess.run(
            [sys.executable, "-m", "factdb.loader", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.root,
        )


def article(
    text: str,
    id: str = "art",
    seed: str = "art.txt",
    outlet: str = "Test Wire",
    headline: str = "Talks",
    published: str = "2023-06-19",
    **more: Any,
) -> dict[str, Any]:
    """An article entry whose seed holds `text` (its sha256 computed), published
    on `published` as the dateline states, with `more` keys (url, furniture, ...)."""
    return {
        "id": id,
        "seed": seed,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "outlet": outlet,
        "headline": headline,
        "published": {"date": published, "basis": "stated", "reason": "dateline"},
        **more,
    }


def minimal_corpus() -> dict[str, Any]:
    """A small valid corpus in one file, used as the base that bad inputs break."""
    return {
        "articles": [article(ARTICLE_TEXT)],
        "people": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
        "occurrences": [{"id": "talks", "kind": "meeting", "label": "The talks", "reason": "one article"}],
        "facts": [
            {
                "id": "m1",
                "kind": "meeting",
                "of": "talks",
                "participants": ["ann", "bob"],
                "when": "on Monday",
                "duration": {"value": 5, "unit": "hour", "hedge": "about"},
                "evidence": [{"source": "art", "quote": "The meeting lasted about five hours"}],
            },
            {
                "id": "f1",
                "kind": "figure",
                "measure": "trade.value",
                "quantity": {"value": 7, "scale": "billion", "unit": "USD", "hedge": "nearly"},
                "as_of": "last year",
                "evidence": [{"source": "art", "quote": "Trade reached nearly $7 billion"}],
            },
        ],
    }


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project(tmp_path)
    p.seed("art.txt", ARTICLE_TEXT)
    return p


@pytest.fixture
def write_yaml(project: Project) -> Callable[[str, str | dict[str, Any] | bytes], Path]:
    return project.write


@pytest.fixture
def memdb() -> Iterator[Callable[[Path], duckdb.DuckDBPyConnection]]:
    """Load a facts folder into an in-memory DuckDB."""
    cons: list[duckdb.DuckDBPyConnection] = []

    def load(facts: Path) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:")
        load_tables(con, load_corpus(facts))
        cons.append(con)
        return con

    yield load
    for con in cons:
        con.close()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own corpus, built once per session (read-only use only)."""
    from factdb.loader.pipeline import build

    db = tmp_path_factory.mktemp("corpus") / "factdb.duckdb"
    build(ROOT / "facts", db)
    return db


# Facts in the generated corpus that several features' tests read.
GENERATED_FACTS = 2_000


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bench/generate.py's corpus of GENERATED_FACTS facts in facts/ and seeds/,
    built into bench.duckdb once per session (read-only use only)."""
    from factdb.loader.pipeline import build

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    root = tmp_path_factory.mktemp("generated")
    generate(GENERATED_FACTS, root)
    build(root / "facts", root / "bench.duckdb")
    return root
