"""Nothing is written where it should not be: every command that writes
(`build`/`check --build` through --db, `export`, `report -o`, `new`) refuses a
target it must not replace or a path that leads through a symlink, with a
message naming the path and saying what to do, exit code 2, and every file of
the project and outside it byte for byte as before."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from factdb.loader.common import sql_identifier, sql_string

from ..conftest import ARTICLE_TEXT, Project, minimal_corpus

Tree = dict[str, object]


def snapshot(root: Path) -> Tree:
    """Every entry under root: a file's bytes, a link's target, a folder."""
    out: Tree = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = p.read_bytes()
    return out


@dataclass(frozen=True)
class World:
    project: Project
    outside: Path  # a folder beside the project that no command may write into


@dataclass(frozen=True)
class Case:
    id: str
    prepare: Callable[[World], list[str]]  # sets the trap, returns the command's arguments
    message: str  # in the error, with the offending path
    code: int = 2


def _foreign_duckdb(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE notes(t VARCHAR)")
    con.execute("INSERT INTO notes VALUES ('mine')")
    con.close()


def _readme(w: World) -> list[str]:
    (w.project.root / "README.md").write_text("# my project\n", encoding="utf-8")
    return ["build", "--db", "README.md"]


def _empty(w: World) -> list[str]:
    (w.project.root / "empty.duckdb").write_bytes(b"")
    return ["build", "--db", "empty.duckdb"]


def _other_duckdb(w: World) -> list[str]:
    _foreign_duckdb(w.project.root / "other.duckdb")
    return ["build", "--db", "other.duckdb"]


def _db_link_to_readme(w: World) -> list[str]:
    (w.outside / "README.md").write_text("# elsewhere\n", encoding="utf-8")
    (w.project.root / "link.duckdb").symlink_to(w.outside / "README.md")
    return ["build", "--db", "link.duckdb"]


def _export_through_dir_link(w: World) -> list[str]:
    (w.project.root / "out").symlink_to(w.outside, target_is_directory=True)
    return ["export", "out"]


def _export_schema_link(w: World) -> list[str]:
    (w.outside / "victim.sql").write_text("keep me\n", encoding="utf-8")
    (w.project.root / "out").mkdir()
    (w.project.root / "out" / "schema.sql").symlink_to(w.outside / "victim.sql")
    return ["export", "out"]


def _export_over_user_folder(w: World) -> list[str]:
    (w.project.root / "out").mkdir()
    (w.project.root / "out" / "notes.txt").write_text("mine\n", encoding="utf-8")
    return ["export", "out"]


def _export_fails_midway(w: World) -> list[str]:
    """Tables are written first, views after: a view that fails comes midway."""
    con = duckdb.connect(str(w.project.db))
    con.execute("CREATE TABLE aaa_new AS SELECT 1 AS x")
    con.execute("CREATE VIEW zz_boom AS SELECT error('boom') AS x")
    con.close()
    return ["export", "out"]


def _export_fails_midway_over_export(w: World) -> list[str]:
    assert w.project.factdb("export", "out").returncode == 0
    return _export_fails_midway(w)


def _report_index_link(w: World) -> list[str]:
    (w.outside / "victim.html").write_text("keep me\n", encoding="utf-8")
    (w.project.root / "rep").mkdir()
    (w.project.root / "rep" / "index.html").symlink_to(w.outside / "victim.html")
    return ["report", "-o", "rep"]


def _report_dir_link(w: World) -> list[str]:
    (w.project.root / "rep").symlink_to(w.outside, target_is_directory=True)
    return ["report", "-o", "rep"]


def _article(w: World) -> Path:
    article = w.project.root / "new-story.txt"
    article.write_text(ARTICLE_TEXT, encoding="utf-8")
    return article


def _new_seeds_link(w: World) -> list[str]:
    w.project.seeds.rename(w.project.root / "seeds-real")
    w.project.seeds.symlink_to(w.outside, target_is_directory=True)
    return ["new", str(_article(w))]


def _new_articles_link(w: World) -> list[str]:
    (w.project.facts / "articles").symlink_to(w.outside, target_is_directory=True)
    return ["new", str(_article(w))]


def _new_dangling_fact_file(w: World) -> list[str]:
    (w.project.facts / "articles").mkdir()
    (w.project.facts / "articles" / "000-new-story.yaml").symlink_to(w.outside / "planted.yaml")
    return ["new", str(_article(w))]


CASES = [
    Case("build-db-fact-file", lambda w: ["build", "--db", "facts/one.yaml"], "facts/one.yaml is a file of"),
    Case(
        "check-build-db-fact-file",
        lambda w: ["check", "--build", "--db", "facts/one.yaml"],
        "facts/one.yaml is",
    ),
    Case("build-db-readme", _readme, "README.md is a file of"),
    Case("build-db-empty-file", _empty, "empty.duckdb is an empty file"),
    Case("build-db-other-duckdb", _other_duckdb, "other.duckdb is a DuckDB database without factdb's"),
    Case("build-db-link-to-readme", _db_link_to_readme, "link.duckdb is a file of"),
    Case("export-dir-is-link", _export_through_dir_link, "out is a symlink"),
    Case("export-schema-sql-is-link", _export_schema_link, "out is not empty and not an export"),
    Case("export-over-user-folder", _export_over_user_folder, "out is not empty and not an export"),
    Case("export-fails-midway", _export_fails_midway, "could not export view zz_boom"),
    Case(
        "export-fails-midway-over-export", _export_fails_midway_over_export, "could not export view zz_boom"
    ),
    Case("report-index-is-link", _report_index_link, "index.html is a symlink"),
    Case("report-dir-is-link", _report_dir_link, "rep is a symlink"),
    Case("new-seeds-folder-link", _new_seeds_link, "seeds is a symlink"),
    Case("new-articles-folder-link", _new_articles_link, "articles is a symlink"),
    Case("new-fact-file-dangling-link", _new_dangling_fact_file, "new-story already has a fact file"),
]


@pytest.fixture
def world(project: Project, tmp_path_factory: pytest.TempPathFactory) -> World:
    project.write("one.yaml", minimal_corpus())
    assert project.factdb("build").returncode == 0
    return World(project, tmp_path_factory.mktemp("outside"))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_write_where_it_should_not_be_is_refused_and_changes_nothing(world: World, case: Case) -> None:
    args = case.prepare(world)
    before = snapshot(world.project.root), snapshot(world.outside)
    proc = world.project.factdb(*args)
    assert proc.returncode == case.code, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    assert case.message in proc.stderr, proc.stderr
    after = snapshot(world.project.root), snapshot(world.outside)
    assert after == before


def test_build_replaces_a_factdb_database_and_a_missing_file(world: World) -> None:
    assert world.project.factdb("build", "--db", "fresh.duckdb").returncode == 0
    assert world.project.factdb("build", "--db", "fresh.duckdb").returncode == 0
    assert world.project.factdb("check", "--build", "--db", "fresh.duckdb").returncode == 0


def test_export_replaces_a_previous_export_and_leaves_no_temp(world: World) -> None:
    root = world.project.root
    assert world.project.factdb("export", "out").returncode == 0
    (root / "out" / "stale.parquet").write_bytes((root / "out" / "facts.parquet").read_bytes())
    proc = world.project.factdb("export", "out")
    assert proc.returncode == 0, proc.stderr
    assert (root / "out" / "schema.sql").is_file() and not (root / "out" / "stale.parquet").exists()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".out")) == []
    (root / "empty").mkdir()
    assert world.project.factdb("export", "empty").returncode == 0


def test_report_writes_index_html_and_leaves_no_temp(world: World) -> None:
    assert world.project.factdb("report", "-o", "rep").returncode == 0
    assert world.project.factdb("report", "-o", "rep").returncode == 0
    assert [p.name for p in (world.project.root / "rep").iterdir()] == ["index.html"]


def test_crafted_identifiers_in_schema_sql_run_nothing(world: World) -> None:
    """A macro named to close its quote and run a COPY: schema.sql must quote it."""
    planted = world.outside / "planted.csv"
    name = f'x"() AS 1; COPY (SELECT 42) TO {sql_string(str(planted))}; CREATE MACRO "y'
    con = duckdb.connect(str(world.project.db))
    param = sql_identifier('a"b')
    con.execute(f"CREATE MACRO {sql_identifier(name)}({param}) AS 1")
    con.close()
    proc = world.project.factdb("export", "out")
    assert proc.returncode == 0, proc.stderr
    out = world.project.root / "out"
    load = duckdb.connect(":memory:")
    load.execute(f"SET file_search_path = {sql_string(str(out))}")
    load.execute((out / "schema.sql").read_text(encoding="utf-8"))
    assert not planted.exists()
    macros = load.execute("SELECT function_name FROM duckdb_functions() WHERE NOT internal").fetchall()
    assert (name,) in macros


@pytest.mark.parametrize(
    ("text", "quoted"), [("a", '"a"'), ('a"b', '"a""b"'), ('"', '""""'), ("a b;", '"a b;"'), ("É", '"É"')]
)
def test_sql_identifier_is_one_name(text: str, quoted: str) -> None:
    assert sql_identifier(text) == quoted
    con = duckdb.connect(":memory:")
    assert con.execute(f"SELECT 1 AS {quoted}").description[0][0] == text


@pytest.mark.parametrize("text", ["", "a\0b"])
def test_sql_identifier_refuses_what_is_no_name(text: str) -> None:
    with pytest.raises(ValueError, match="not a SQL identifier"):
        sql_identifier(text)
