"""Faults: a build killed at any point, a query during a build, two builds at
once, an export killed midway."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

import duckdb
import pytest

from ..conftest import Project, minimal_corpus


def big_corpus(n: int, tag: str) -> dict[str, Any]:
    """The minimal corpus with n more meetings, so that a build takes a while."""
    data = minimal_corpus()
    template = data["facts"][0]
    data["facts"] += [{**template, "id": f"{tag}{i}"} for i in range(n)]
    return data


def count(db: Any) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("select count(*) from fact_index").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def start_build(project: Project) -> subprocess.Popen[str]:
    env = {**os.environ, "FACTDB_PROJECT": str(project.root)}
    return subprocess.Popen(
        [sys.executable, "-m", "factdb.loader", "build"],
        env=env,
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8, 1.5, 2.5])
def test_sigkill_during_build_leaves_the_old_database_usable(project: Project, delay: float) -> None:
    project.write("one.yaml", big_corpus(10, "old"))
    assert project.factdb("build").returncode == 0
    before = project.db.read_bytes()
    project.write("one.yaml", big_corpus(3000, "new"))
    proc = start_build(project)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = count(project.db)
    # Either the kill came first and nothing changed, or the build had finished.
    assert (project.db.read_bytes() == before and after == 12) or after == 3002


def test_stale_temp_files_of_killed_builds_are_cleared(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    stale = project.root / f".{project.db.name}.999999999.tmp"
    stale.write_bytes(b"half a database")
    assert project.factdb("build").returncode == 0
    assert not stale.exists()


def test_the_temp_folder_of_a_killed_export_is_cleared(project: Project) -> None:
    """An export killed while it writes leaves `.out.<pid>.export.tmp`
    behind; the next export into the same folder removes it and succeeds."""
    project.write("one.yaml", big_corpus(3000, "x"))
    assert project.factdb("build").returncode == 0
    env = {**os.environ, "FACTDB_PROJECT": str(project.root)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factdb.loader", "export", "out"],
        env=env,
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tmp = project.root / f".out.{proc.pid}.export.tmp"
    deadline = time.monotonic() + 60
    while not tmp.is_dir() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert tmp.is_dir(), "the export ended before it could be killed midway"
    assert project.factdb("export", "out").returncode == 0
    assert not tmp.exists() and not list(project.root.glob(".out.*"))
    assert (project.root / "out" / "schema.sql").is_file()


@pytest.mark.slow
def test_query_during_build_answers_from_the_old_database(project: Project) -> None:
    project.write("one.yaml", big_corpus(10, "old"))
    assert project.factdb("build").returncode == 0
    project.write("one.yaml", big_corpus(3000, "new"))
    proc = start_build(project)
    seen = set()
    while proc.poll() is None:
        seen.add(count(project.db))
        time.sleep(0.05)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    assert seen <= {12, 3002} and 12 in seen
    assert count(project.db) == 3002


def test_two_builds_at_once_do_not_corrupt(project: Project) -> None:
    project.write("one.yaml", big_corpus(1000, "x"))
    a, b = start_build(project), start_build(project)
    assert a.wait() == 0 and b.wait() == 0
    assert count(project.db) == 1002
    assert not list(project.root.glob(".*.tmp"))
