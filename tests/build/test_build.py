"""build: the whole path, atomic replacement, determinism, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.build import columns, tables
from factdb.loader.pipeline import build

from ..conftest import Project, dump_yaml, minimal_corpus


def dump_tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute("select table_name from information_schema.tables order by 1").fetchall()
        ]
        return {n: con.execute(f'select * from "{n}" order by all').fetchall() for n in names}
    finally:
        con.close()


def test_build_then_query(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    result = build(project.facts, project.db)
    assert result.counts["meeting"] == 1 and result.counts["figure"] == 1
    con = duckdb.connect(str(project.db), read_only=True)
    row = con.execute(
        "select id, kind, file, line, article, quote, quote_start, quote_end from facts where id = 'm1'"
    ).fetchone()
    text = con.execute("select text from articles").fetchone()[0]  # type: ignore[index]
    assert row is not None
    assert row[:5] == ("m1", "meeting", "facts/one.yaml", MEETING_LINE, "art")
    assert text[row[6] : row[7]] == row[5]
    meeting = con.execute(
        "select when_from, when_weekday, duration_low, duration_high from meetings"
    ).fetchone()
    assert meeting is not None
    assert str(meeting[0]) == "2023-06-19" and meeting[1] == "monday"
    assert (meeting[2], meeting[3]) == pytest.approx((270.0, 330.0))


def test_file_order_does_not_change_the_database(project: Project, tmp_path: Path) -> None:
    corpus = minimal_corpus()
    facts = corpus.pop("facts")
    project.write("a.yaml", corpus)
    project.write("b.yaml", {"facts": facts})
    build(project.facts, project.db)
    first = dump_tables(project.db)
    for f in project.facts.iterdir():
        f.unlink()
    project.write("z.yaml", corpus)
    project.write("m/y.yaml", {"facts": list(reversed(facts))})
    build(project.facts, project.db)
    second = dump_tables(project.db)
    strip = {"file", "line", "col"}
    for name in first:
        con = duckdb.connect(str(project.db), read_only=True)
        cols = [c[0] for c in con.execute(f'describe "{name}"').fetchall()]
        con.close()
        keep = [i for i, c in enumerate(cols) if c not in strip]
        a = sorted(tuple(r[i] for i in keep) for r in first[name])
        b = sorted(tuple(r[i] for i in keep) for r in second[name])
        assert a == b, name


def test_building_twice_gives_the_same_content(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    build(project.facts, project.db)
    first = dump_tables(project.db)
    build(project.facts, project.db)
    assert dump_tables(project.db) == first


GOOD = dump_yaml(minimal_corpus())
MEETING_LINE = GOOD.splitlines().index("- id: m1") + 1


def test_cli_build_failure_reports_file_line_col_and_exit_1(project: Project) -> None:
    project.write("one.yaml", GOOD.replace("  participants:", "  participents:"))
    proc = project.factdb("build")
    assert proc.returncode == 1
    assert (
        f"facts/one.yaml:{MEETING_LINE + 3}:3: unknown key 'participents'; did you mean 'participants'?"
        in proc.stderr
    )
    assert "Traceback" not in proc.stderr and not project.db.exists()


def test_a_comma_in_a_flow_mapping_value_is_told_to_be_quoted(project: Project) -> None:
    """Trial 70's encoder wrote `{..., name: John Kerry's home in Beacon Hill, Boston, ...}` and
    was told of an unknown key 'Boston'; the message now says what the comma did."""
    corpus = minimal_corpus()
    del corpus["people"]
    text = dump_yaml(corpus) + "people:\n  - {id: ann, name: Ann Lee, Boston}\n  - {id: bob, name: Bob}\n"
    project.write("one.yaml", text)
    proc = project.factdb("validate")
    assert proc.returncode == 1
    assert (
        "unknown key 'Boston'; a comma ends a value in {...}: put a value that holds a comma in quotes"
        in proc.stderr
    ), proc.stderr


def test_a_section_left_empty_is_told_what_to_write(project: Project) -> None:
    """Trial 78's encoder moved a file's last organization to facts/entities.yaml, left
    `organizations:` with nothing under it, and was told only "Input should be a valid list
    (got None)"."""
    project.write("one.yaml", GOOD + "organizations:\n")
    proc = project.factdb("validate")
    assert proc.returncode == 1
    assert (
        "organizations: Input should be a valid list (got None): the key has nothing under it; "
        "write `organizations: []` or delete the key" in proc.stderr
    ), proc.stderr


def test_query_refuses_to_write(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    assert project.factdb("build").returncode == 0
    before = project.db.read_bytes()
    proc = project.factdb("query", "delete from articles")
    assert proc.returncode == 2 and "read-only" in proc.stderr
    proc = project.factdb("query", "copy articles to 'out.csv'")
    assert proc.returncode == 2 and not (project.root / "out.csv").exists()
    assert project.db.read_bytes() == before


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "jsonl", "markdown"])
def test_query_formats(project: Project, fmt: str) -> None:
    project.write("one.yaml", minimal_corpus())
    assert project.factdb("build").returncode == 0
    proc = project.factdb(
        "query",
        "select id, kind from facts where kind = $k order by id",
        "-p",
        "k",
        "meeting",
        "--format",
        fmt,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    if fmt == "json":
        assert json.loads(out) == [{"id": "m1", "kind": "meeting"}]
    elif fmt == "jsonl":
        assert [json.loads(line) for line in out.splitlines()] == [{"id": "m1", "kind": "meeting"}]
    elif fmt == "csv":
        assert out.splitlines() == ["id,kind", "m1,meeting"]
    elif fmt == "markdown":
        assert out.splitlines()[2] == "| m1 | meeting |"
    else:
        assert "m1" in out and "meeting" in out and "1 row(s)" in out


def test_tables_written_in_many_batches_equal_one(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.write("one.yaml", minimal_corpus())
    build(project.facts, project.db)
    monkeypatch.setattr(tables, "BATCH_ROWS", 1)
    batched = project.db.with_name("batched.duckdb")
    build(project.facts, batched)
    assert dump_tables(batched) == dump_tables(project.db)


def test_a_misspelt_column_fails_in_a_batch_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "BATCH_ROWS", 1)
    spec = tables.TableSpec("t", [("id", columns.STR)])
    with pytest.raises(AssertionError, match=r"t: no columns \['idd'\]"):
        spec.add({"idd": "x"})
