"""The per-file cache: a rebuild re-reads only what changed, and a stale or
broken cache entry can never change the result."""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.build import cache_dir
from factdb.loader.common import InvalidData
from factdb.loader.pipeline import build
from factdb.loader.read import file_cache
from factdb.loader.read.cache_codec import check_schema, decode_result, encode_result
from factdb.loader.read.validate import FileResult
from factdb.schema.common import Model
from pydantic import BaseModel

from ..conftest import ROOT, Project, minimal_corpus

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def test_rebuild_reparses_only_the_edited_file(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    data = minimal_corpus()
    facts = data.pop("facts")
    project.write("a.yaml", data)
    project.write("b.yaml", {"facts": facts})
    build(project.facts, project.db)
    parsed: list[str] = []
    real = file_cache.load_one

    def spy(raw: bytes, name: str) -> FileResult:
        parsed.append(name)
        return real(raw, name)

    monkeypatch.setattr(file_cache, "load_one", spy)
    facts[0]["participants_complete"] = True
    project.write("b.yaml", {"facts": facts})
    build(project.facts, project.db)
    assert parsed == ["facts/b.yaml"]
    con = duckdb.connect(str(project.db), read_only=True)
    assert con.execute("select participants_complete from meetings").fetchone() == (True,)
    con.close()


def test_a_new_release_of_a_library_reads_every_file_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.write("a.yaml", minimal_corpus())
    cache = file_cache.FileCache(cache_dir(project.db))
    raw = (project.facts / "a.yaml").read_bytes()
    cache.put(cache.key(raw, "facts/a.yaml"), file_cache.load_one(raw, "facts/a.yaml"))
    assert cache.get(cache.key(raw, "facts/a.yaml")) is not None
    monkeypatch.setattr(file_cache, "library_versions", lambda: "yaml12=9.9")
    upgraded = file_cache.FileCache(cache_dir(project.db))
    assert upgraded.get(upgraded.key(raw, "facts/a.yaml")) is None


def test_cached_errors_are_reported_again(project: Project) -> None:
    project.write("a.yaml", "people: [\n")
    for _ in range(2):
        with pytest.raises(InvalidData) as info:
            build(project.facts, project.db)
        assert [p.code for p in info.value.problems] == ["yaml.syntax"]


def test_a_corrupt_cache_entry_is_discarded_and_named(project: Project) -> None:
    project.write("a.yaml", minimal_corpus())
    build(project.facts, project.db)
    for entry in cache_dir(project.db).iterdir():
        entry.write_bytes(b"not a factdb entry")
    result = build(project.facts, project.db, cold=True)
    assert result.discarded
    assert {why for _, why in result.discarded} == {"not a factdb cache file (its first bytes differ)"}


def test_parallel_and_serial_give_the_same_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for i in range(6):
        path = tmp_path / f"f{i}.yaml"
        path.write_text(f"people:\n- {{id: p{i}, name: P{i}}}\n" if i != 3 else "people: [\n")
        files.append((path, path.name))
    serial = file_cache.load_files(files)
    monkeypatch.setattr(file_cache, "PARALLEL_MIN_BYTES", 0)
    parallel = file_cache.load_files(files)
    assert [(vf.model if vf else None, problems) for vf, problems in serial] == [
        (vf.model if vf else None, problems) for vf, problems in parallel
    ]


def _models(value: Any) -> Iterator[BaseModel]:
    """A model and every model inside it."""
    if isinstance(value, BaseModel):
        yield value
        for field in type(value).model_fields:
            yield from _models(getattr(value, field))
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _models(v)


def test_a_cached_result_is_the_model_as_validated(tmp_path: Path) -> None:
    """The cache's JSON gives back every value, and which keys the file gave,
    in the one set that validation shares among models given the same."""
    generate(300, tmp_path)
    paths = sorted((ROOT / "facts").rglob("*.yaml")) + sorted(tmp_path.rglob("*.yaml"))
    for path in paths:
        vf, problems = file_cache.load_one(path.read_bytes(), path.name)
        assert vf is not None and not problems
        back, _ = decode_result(encode_result((vf, problems)))
        assert back is not None
        assert back.model == vf.model
        for before, after in zip(_models(vf.model), _models(back.model), strict=True):
            assert type(after) is type(before)
            assert after.__pydantic_fields_set__ is before.__pydantic_fields_set__
        assert back.doc.data == vf.doc.data and dict(back.doc.positions) == dict(vf.doc.positions)
        assert back.doc.key_positions == vf.doc.key_positions and back.doc.packed == vf.doc.packed


def test_problems_come_back_whole() -> None:
    raw = b"people:\n  - id: Bad Id\n    nmae: A\n"
    result = file_cache.load_one(raw, "facts/a.yaml")
    assert result[1]
    assert decode_result(encode_result(result)) == result


def test_every_model_of_the_schema_is_one_the_codec_reads() -> None:
    check_schema()


class _Private(Model):
    """A model with private state: pickled Pydantic's own way, which keeps it."""

    name: str
    _seen: int = 0


def test_a_model_with_private_state_pickles_whole() -> None:
    # The pool's pipe still pickles results between processes.
    model = _Private(name="x")
    model._seen = 3
    back = pickle.loads(pickle.dumps(model))
    assert back == model and back._seen == 3 and back.__pydantic_fields_set__ == {"name"}


def test_a_file_name_json_cannot_hold_is_simply_not_cached(tmp_path: Path) -> None:
    name = "facts/a\udcff.yaml"  # an undecodable byte, as surrogateescape keeps it
    raw = b"people:\n  - id: p-1\n    name: A\n"
    cache = file_cache.FileCache(tmp_path / "cache")
    vf, problems = file_cache.load_cached(raw, name, cache)
    assert vf is not None and not problems
    assert cache.get(cache.key(raw, name), name) is None
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


def test_a_result_read_without_its_positions_is_not_kept(tmp_path: Path) -> None:
    """A validate's workers read without the position scan; a build that took
    such a result from the cache would locate every fact with the precise reader."""
    raw = b"people:\n  - id: p-1\n    name: A\n"
    cache = file_cache.FileCache(tmp_path / "cache")
    vf, problems = file_cache.load_cached(raw, "facts/a.yaml", cache, positions_now=False)
    assert vf is not None and not problems
    assert not vf.doc.positions
    assert cache.get(cache.key(raw, "facts/a.yaml")) is None
    vf, _ = file_cache.load_cached(raw, "facts/a.yaml", cache)
    assert vf is not None and vf.doc.positions
    kept = cache.get(cache.key(raw, "facts/a.yaml"))
    assert kept is not None and kept[0] is not None and kept[0].doc.positions
