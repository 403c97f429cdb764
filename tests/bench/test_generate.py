"""bench/generate.py: the synthetic corpus the benchmark builds must be a real one."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import duckdb
import pytest
from factdb.loader.checks import check_database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from generate import FACTS_PER_FILE, KINDS, generate

from ..conftest import GENERATED_FACTS as N


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(generated: Path, tmp_path: Path) -> None:
    generate(N, tmp_path / "again")
    generate(N, tmp_path / "other", seed=2)
    assert tree_digest(tmp_path / "again" / "facts") == tree_digest(generated / "facts")
    assert tree_digest(tmp_path / "again" / "seeds") == tree_digest(generated / "seeds")
    assert tree_digest(tmp_path / "other" / "facts") != tree_digest(generated / "facts")


def test_it_builds_with_every_kind_in_proportion(generated: Path) -> None:
    with duckdb.connect(str(generated / "bench.duckdb"), read_only=True) as con:
        counts = dict(
            con.execute(
                "select kind, count(*) from fact_index where file like '%/articles/%' group by kind"
            ).fetchall()
        )
    assert sum(counts.values()) == N  # entities.yaml adds a background record of terms besides
    total = sum(w for _, w in KINDS)
    for kind, weight in KINDS:
        assert counts[kind] == pytest.approx(N * weight / total, rel=0.25), kind


def test_files_are_article_sized_and_every_fact_knows_its_line(generated: Path) -> None:
    with duckdb.connect(str(generated / "bench.duckdb"), read_only=True) as con:
        per_file = [
            n
            for (n,) in con.execute(
                "select count(*) from fact_index where file like '%/articles/%' group by file"
            ).fetchall()
        ]
        lines = con.execute("select count(*), count(line), min(line) from fact_index").fetchone()
    assert len(per_file) == N // FACTS_PER_FILE and set(per_file) == {FACTS_PER_FILE}
    assert lines is not None and lines[0] == lines[1] and lines[2] >= 1


def test_planted_contradictions_are_found(generated: Path) -> None:
    report = check_database(generated / "bench.duckdb")
    found = {f.check for f in report.findings}
    assert {"duration-conflict", "title-outside-tenure"} <= found
    # Planted, not rife: about one fact in a hundred.
    assert len(report.findings) < N // 10
