"""`factdb export --format parquet`: every table and view as Parquet, and a
schema.sql with which another DuckDB runs the checks on the files alone and finds
what the database found."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from factdb.loader.checks import Finding, check_database, load_checks, run_checks
from factdb.loader.common import UsageError, connect_read_only, sql_string
from factdb.loader.export import export_database

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
