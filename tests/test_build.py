"""build: the whole path, atomic replacement, determinism, and bad input."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.build import build
from factdb.loader.errors import InvalidData

from .conftest import Project, dump_yaml, minimal_corpus


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
    text = con.execute("select text from articles").fetchone()[0]
    assert row[:5] == ("m1", "meeting", "facts/one.yaml", MEETING_LINE, "art")
    assert text[row[6] : row[7]] == row[5]
    meeting = con.execute(
        "select when_from, when_weekday, duration_low, duration_high from meetings"
    ).fetchone()
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


def _break(mutate: Callable[[dict[str, Any]], Any]) -> str:
    data = copy.deepcopy(minimal_corpus())
    mutate(data)
    return dump_yaml(data)


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def go(d: dict[str, Any]) -> None:
        for p in path[:-1]:
            d = d[p]
        d[path[-1]] = value

    return go


GOOD = dump_yaml(minimal_corpus())
MEETING_LINE = GOOD.splitlines().index("- id: m1") + 1

# (id, file content, expected code, expected line, expected column)
BAD_INPUTS: list[tuple[str, str | bytes, str, int, int]] = [
    (
        "typo-key",
        GOOD.replace("  participants:", "  participents:"),
        "schema.extra-forbidden",
        MEETING_LINE + 3,
        3,
    ),
    ("unknown-id", GOOD.replace("- bob\n", "- bobb\n"), "id.unknown", MEETING_LINE + 5, 5),
    (
        "quote-not-in-article",
        GOOD.replace("The meeting lasted about five hours", "The meeting lasted about six hours"),
        "quote.not-found",
        MEETING_LINE + 13,
        12,
    ),
    ("yaml-syntax", GOOD + "facts: [unclosed\n", "yaml.syntax", GOOD.count("\n") + 2, 1),
    (
        "duplicate-key",
        GOOD.replace("  of: talks\n", "  of: talks\n  of: talks\n"),
        "yaml.duplicate-key",
        MEETING_LINE + 3,
        3,
    ),
    ("not-a-mapping", "- just\n- a list\n", "yaml.not-mapping", 1, 1),
    ("empty-file", "", "yaml.empty", 1, 1),
    ("not-utf8", b"people:\n- id: ann\n  name: \xff\n", "yaml.encoding", 3, 9),
    ("alias", "people:\n- &a {id: ann, name: Ann}\n- *a\n", "yaml.alias", 3, 3),
    (
        "wrong-type",
        _break(_set(("facts", 0, "participants"), "ann")),
        "schema.list-type",
        MEETING_LINE + 3,
        17,
    ),
    ("bad-date", _break(_set(("facts", 0, "when"), "2023-02-30")), "schema.value-error", MEETING_LINE + 6, 9),
    (
        "one-word-quote",
        _break(_set(("facts", 0, "evidence", 0, "quote"), "meeting")),
        "quote.one-word",
        MEETING_LINE + 13,
        12,
    ),
]


@pytest.mark.parametrize(
    ("content", "code", "line", "col"), [b[1:] for b in BAD_INPUTS], ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_is_located_and_loses_nothing(
    project: Project, content: str | bytes, code: str, line: int, col: int
) -> None:
    project.write("one.yaml", minimal_corpus())
    build(project.facts, project.db)
    before = project.db.read_bytes()
    project.write("one.yaml", content)
    with pytest.raises(InvalidData) as info:
        build(project.facts, project.db)
    found = [(p.code, p.file, p.line, p.col) for p in info.value.problems]
    assert (code, "facts/one.yaml", line, col) in found, found
    assert project.db.read_bytes() == before


def test_cli_build_failure_reports_file_line_col_and_exit_1(project: Project) -> None:
    project.write("one.yaml", GOOD.replace("  participants:", "  participents:"))
    proc = project.factdb("build")
    assert proc.returncode == 1
    assert (
        f"facts/one.yaml:{MEETING_LINE + 3}:3: unknown key 'participents'; did you mean 'participants'?"
        in proc.stderr
    )
    assert "Traceback" not in proc.stderr and not project.db.exists()


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
