"""The cache and the build record are data, and checked: a planted payload
runs nothing, a damaged entry is discarded and computed again (named in a
warning), and the database that follows is always the cold build's. Nothing
depends on the day it was computed; failed writes leave no temporary file;
a build that changes nothing writes nothing."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from factdb.loader.build import cache_dir, state_path
from factdb.loader.common import InvalidData
from factdb.loader.common.sealed import Damaged, seal, unseal, write_atomic
from factdb.loader.pipeline import build, validate
from factdb.loader.read import clear_stale_temps
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ..build.test_incremental import cold, corpus, dump, write_all
from ..conftest import ARTICLE_TEXT, Project, minimal_corpus


class _Payload:
    """What an attacker plants: unpickling it runs `touch <marker>`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def _built(project: Project) -> list[Path]:
    write_all(project, corpus())
    build(project.facts, project.db)
    entries = sorted(p for p in cache_dir(project.db).iterdir() if not p.name.startswith("."))
    assert state_path(cache_dir(project.db), project.db) in entries and len(entries) > 2
    return entries


@pytest.mark.parametrize("which", ["entry", "state"])
def test_a_planted_pickle_executes_nothing(project: Project, which: str) -> None:
    entries = _built(project)
    state = state_path(cache_dir(project.db), project.db)
    targets = [state] if which == "state" else [p for p in entries if p != state]
    marker = project.root / "pwned"
    for target in targets:
        target.write_bytes(pickle.dumps(_Payload(marker)))
    for command in (["validate"], ["build"], ["build", "--cold"], ["coverage"], ["check"]):
        out = project.factdb(*command)
        # check exits 1 on this corpus's one unreviewed finding, as it does without the plant
        assert out.returncode == (1 if command == ["check"] else 0), (command, out.stderr)
        assert not marker.exists(), command
        assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    assert dump(project.db) == dump(cold(project))


def test_a_damaged_entry_is_named_in_a_warning_and_counted_in_the_timings(project: Project) -> None:
    entries = _built(project)
    state = state_path(cache_dir(project.db), project.db)
    entry = next(p for p in entries if p != state)
    blob = bytearray(entry.read_bytes())
    blob[-3] ^= 0x20  # one letter of a name, as an edit in place would change it
    entry.write_bytes(bytes(blob))
    out = project.factdb("build", "--cold", "--timings")
    assert out.returncode == 0, out.stderr
    assert "warning: discarded a damaged cache entry for facts/" in out.stderr
    assert "its digest does not match its content" in out.stderr
    assert "cache entries discarded 1" in out.stderr
    assert dump(project.db) == dump(cold(project))
    again = project.factdb("build", "--cold", "--timings")  # rewritten: nothing to discard now
    assert "cache entries discarded 0" in again.stderr and "warning" not in again.stderr


def test_an_entry_moved_to_another_key_is_refused(tmp_path: Path) -> None:
    blob = seal("key-a", b"{}")
    assert unseal("key-a", blob) == b"{}"
    with pytest.raises(Damaged):
        unseal("key-b", blob)
    with pytest.raises(Damaged):  # sealed by anyone without this user's secret
        unseal("key-a", seal("key-a", b"{}", key=b"x" * 32))


@st.composite
def flips(draw: st.DrawFn) -> list[tuple[int, float, int]]:
    """Which file of the cache (an index, taken modulo their number), where
    in it (a fraction of its length), and the byte to xor there."""
    return draw(
        st.lists(
            st.tuples(st.integers(0, 50), st.floats(0, 1, exclude_max=True), st.integers(1, 255)),
            min_size=1,
            max_size=6,
        )
    )


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """A built project (its cache and record beside it) and its cold database's tables."""
    root = tmp_path_factory.mktemp("prepared")
    project = Project(root)
    project.seed("art.txt", ARTICLE_TEXT)
    _built(project)
    return root, dump(cold(project))


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(flips(), st.booleans())
@example([(0, 0.0, 1)], False)  # the magic's first byte
@example([(0, 0.99, 0x01)], True)  # the payload's last bytes
@example([(1, 0.02, 0xFF)], False)  # inside the digest
def test_flipped_bytes_in_the_cache_give_the_cold_build_or_a_clear_problem(
    prepared: tuple[Path, dict[str, list[str]]], changes: list[tuple[int, float, int]], warm_first: bool
) -> None:
    source, expected = prepared
    root = source.parent / f"flip-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(source, root, symlinks=True)
    try:
        project = Project.__new__(Project)
        project.root, project.facts, project.seeds = root, root / "facts", root / "seeds"
        project.db = root / "factdb.duckdb"
        files = sorted(p for p in cache_dir(project.db).iterdir() if not p.name.startswith("."))
        for index, where, xor in changes:
            target = files[index % len(files)]
            blob = bytearray(target.read_bytes())
            if blob:
                blob[int(where * len(blob))] ^= xor
                target.write_bytes(bytes(blob))
        if warm_first:
            assert validate(project.facts, project.db).files > 0
        try:
            result = build(project.facts, project.db)
        except InvalidData as exc:  # pragma: no cover - a digest catches every flip first
            pytest.fail(f"a flip in the cache reached the corpus: {exc.problems}")
        assert dump(project.db) == expected
        assert all(why for _, why in result.discarded)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_a_result_is_never_used_on_another_day(project: Project) -> None:
    """UTC+14 and UTC-12 are never on the same date: a fact dated today in the
    first is in the future in the second, from the cache or not."""
    ahead = {**os.environ, "TZ": "Etc/GMT-14", "FACTDB_PROJECT": str(project.root)}
    behind = {**ahead, "TZ": "Etc/GMT+12"}
    today_ahead = subprocess.run(
        [sys.executable, "-c", "import datetime; print(datetime.date.today())"],
        env=ahead,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    data = minimal_corpus()
    data["facts"][0]["when"] = today_ahead
    project.write("a.yaml", data)

    def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "factdb.loader", *args],
            env=env,
            cwd=project.root,
            capture_output=True,
            text=True,
        )

    assert run(ahead, "build").returncode == 0
    for args in (("validate",), ("build",), ("build", "--cold")):
        out = run(behind, *args)
        assert out.returncode == 1, (args, out.stdout, out.stderr)
        assert "is in the future" in out.stderr + out.stdout


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "entry", b"data")
    assert list(tmp_path.iterdir()) == []


def test_temporary_files_of_dead_writers_are_cleared(project: Project) -> None:
    project.write("a.yaml", minimal_corpus())
    build(project.facts, project.db)
    cache = cache_dir(project.db)
    dead = cache / ".0123abcd.999999999.tmp"  # no such process
    mine = cache / f".fedc3210.{os.getpid()}.tmp"  # a writer still at work
    dead.write_bytes(b"half")
    mine.write_bytes(b"half")
    build(project.facts, project.db)
    assert not dead.exists() and mine.exists()
    os.utime(mine, (1, 1))  # an hour and more old: its writer is long gone or stuck
    assert clear_stale_temps(cache) == 1 and not mine.exists()


def test_a_build_that_changes_nothing_writes_nothing(project: Project) -> None:
    write_all(project, corpus())
    build(project.facts, project.db)
    os.utime(project.facts, None)

    def snapshot() -> dict[str, tuple[int, int]]:
        folder = cache_dir(project.db)
        seen = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}
        seen["db"] = (project.db.stat().st_ino, project.db.stat().st_mtime_ns)
        return seen

    # past the racy window, so that the record's stamps are settled
    past = 10**9
    for path in project.facts.rglob("*.yaml"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns - 10 * past, st.st_mtime_ns - 10 * past))
    build(project.facts, project.db)  # settles the stamps once
    before = snapshot()
    result = build(project.facts, project.db)
    assert result.reread == 0
    assert snapshot() == before
