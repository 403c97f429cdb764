"""`factdb export --format parquet`: every table and view as Parquet, and a
schema.sql with which another DuckDB runs the checks on the files alone and finds
what the database found."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from factdb.loader.checks import Finding, check_database, load_checks, run_checks
from factdb.loader.common import UsageError, connect_read_only, sql_string
from factdb.loader.export import STALE_AFTER, export_database

from ..conftest import ROOT, Project, minimal_corpus


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    project = Project(root)
    db = root / "corpus.duckdb"
    proc = project.factdb("build", "--facts", str(ROOT / "facts"), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return db


def user_relations(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    names = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
    ).fetchall()
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for (n,) in names}  # type: ignore[index]


def comparable(f: Finding) -> tuple[object, ...]:
    return (f.check, f.severity, f.key, f.message, f.verdict, f.review_note, sorted(map(repr, f.facts)))


def test_checks_on_the_parquet_files_find_what_the_database_found(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = export_database(corpus_db, out)

    db = duckdb.connect(str(corpus_db), read_only=True)
    expected = user_relations(db)
    db.close()
    assert {r.name: r.rows for r in result.relations} == expected
    assert {"facts", "terms", "presence", "articles", "findings", "reviews"} <= set(expected)
    assert {p.name for p in out.glob("*.parquet")} == {f"{n}.parquet" for n in expected}

    # A fresh engine that knows nothing of factdb: schema.sql, the files, the check SQL.
    con = duckdb.connect(":memory:")
    con.execute(f"SET file_search_path = {sql_string(str(out))}")
    con.execute((out / "schema.sql").read_text(encoding="utf-8"))
    assert user_relations(con) == expected

    checks = load_checks()
    for check in checks:  # each check's own SQL, as another engine would run it
        con.execute(check.examined_sql).fetchall()
        con.execute(check.findings_sql).fetchall()
    from_parquet = run_checks(con, checks)
    from_db = check_database(corpus_db)
    assert from_db.findings  # the corpus has findings: the comparison is not of two empties
    assert [f.key for f in from_parquet.findings] == [f.key for f in from_db.findings]
    # Messages, facts, verdicts and examined counts too; facts as a set, since
    # first-since lists a finding's later facts with an unordered list(DISTINCT ...).
    assert [comparable(f) for f in from_parquet.findings] == [comparable(f) for f in from_db.findings]
    assert from_parquet.checks == from_db.checks and from_parquet.stale_reviews == from_db.stale_reviews
    # The findings stored at build time travel with the export too.
    stored = [k for (k,) in con.execute("SELECT key FROM findings ORDER BY key").fetchall()]
    assert stored == sorted(f.key for f in from_db.findings)


def test_cli_export_and_its_errors(project: Project, tmp_path: Path) -> None:
    project.write("one.yaml", minimal_corpus())
    missing = project.factdb("export", str(tmp_path / "out"))
    assert missing.returncode == 2 and "factdb build" in missing.stderr
    assert project.factdb("build").returncode == 0
    out = tmp_path / "out" / "nested"
    proc = project.factdb("export", "--format", "parquet", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Parquet file(s)" in proc.stdout and (out / "facts.parquet").is_file()
    assert (out / "schema.sql").is_file()
    assert project.factdb("export", "--format", "csv", str(out)).returncode == 2
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    proc = project.factdb("export", str(a_file))
    assert proc.returncode == 2 and "not a folder" in proc.stderr


def test_export_writes_only_into_its_folder(corpus_db: Path, tmp_path: Path) -> None:
    """The read-only connection may write into the export folder and nowhere else."""
    out = tmp_path / "out"
    out.mkdir()
    con = connect_read_only(corpus_db, write_to=out)
    try:
        con.execute(f"COPY (SELECT 1) TO {sql_string(str(out / 'x.parquet'))} (FORMAT parquet)")
        with pytest.raises(duckdb.Error):
            con.execute(f"COPY (SELECT 1) TO {sql_string(str(tmp_path / 'out-2.parquet'))} (FORMAT parquet)")
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE t (x INT)")
    finally:
        con.close()
    assert not (tmp_path / "out-2.parquet").exists()


def test_export_refuses_a_file_as_folder(corpus_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    with pytest.raises(UsageError):
        export_database(corpus_db, target)


def _leftover(folder: Path, age: float = 0.0) -> Path:
    """A temp folder as a killed export leaves it: part of a Parquet file,
    last written `age` seconds ago."""
    folder.mkdir()
    (folder / "facts.parquet").write_bytes(b"PAR1 half a file")
    when = time.time() - age
    for p in (folder / "facts.parquet", folder):
        os.utime(p, (when, when))
    return folder


def test_export_sweeps_the_temp_folders_killed_exports_left(corpus_db: Path, tmp_path: Path) -> None:
    """Beside DIR: the temp folders of exports into DIR whose process is gone,
    or alive but silent for STALE_AFTER (a reused pid), are removed; those of
    an export still running, of another target, or not of our naming, and a
    symlink of our naming (and what it points at), are kept."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.parquet").write_bytes(b"mine")
    try:
        swept = [
            _leftover(tmp_path / f".out.{dead.pid}.export.tmp"),
            _leftover(tmp_path / f".out.{dead.pid}.old.tmp"),
            _leftover(tmp_path / ".out.999999999.export.tmp"),
            _leftover(tmp_path / f".out.{running.pid}.export.tmp", age=STALE_AFTER + 60),
        ]
        kept = [
            _leftover(tmp_path / f".out.{running.pid}.export.tmp.bak"),
            _leftover(tmp_path / f".out.{running.pid}.old.tmp", age=60),
            _leftover(tmp_path / ".other.999999999.export.tmp"),
            _leftover(tmp_path / ".out.x999999999.export.tmp"),
            _leftover(tmp_path / ".out.999999999.build.tmp"),
        ]
        (tmp_path / ".out.999999998.export.tmp").symlink_to(outside)
        kept.append(tmp_path / ".out.999999998.export.tmp")
        # a refused export sweeps nothing
        (tmp_path / "out").write_text("not a folder", encoding="utf-8")
        with pytest.raises(UsageError):
            export_database(corpus_db, tmp_path / "out")
        assert all(p.exists() for p in swept)
        (tmp_path / "out").unlink()

        result = export_database(corpus_db, tmp_path / "out")
        assert (result.out_dir / "schema.sql").is_file()
        assert [p.name for p in swept if p.exists()] == []
        assert [p.name for p in kept if not p.exists()] == []
        assert (
            tmp_path / f".out.{running.pid}.old.tmp" / "facts.parquet"
        ).read_bytes() == b"PAR1 half a file"
        assert [p.name for p in outside.iterdir()] == ["precious.parquet"]
        # and no temp of its own
        temps = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out."))
        assert temps == sorted(p.name for p in kept if p.name.startswith(".out."))
    finally:
        running.kill()
        running.wait()
