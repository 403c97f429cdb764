"""Bad input to `factdb query` (and the data `show` and `build` print) gets a
plain message and an exit code, never a traceback; data is printed byte for
byte, never read as rich markup; output is bounded (docs/commands.md)."""

from __future__ import annotations

import base64
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from factdb.loader.cli import app
from factdb.loader.output.formats import Format, iso_duration
from factdb.loader.output.render import rows_as
from factdb.loader.show import FindingRef, Mention, Quote, Shown, print_shown
from rich.console import Console
from typer.testing import CliRunner

QUOTE = '"[the US] will not back down," he said [sic] [/] [bold]x[/bold] :smile:'


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hardening") / "q.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE quotes AS SELECT ? AS quote", [QUOTE])
    con.close()
    return path


def _query(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["query", "--db", str(db), *args], env={"COLUMNS": "300"})
    return result.exit_code, result.stdout, result.stderr


def _factdb(*args: str, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "factdb.loader", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
    )


# (arguments after `query --db DB`, exit code, what stderr says)
ATTACKS = [
    (["select '[/]' x"], 0, ""),
    (["select $a", "-p", "a"], 2, "-p a: give a parameter as -p NAME VALUE"),
    (["select $a"], 2, "Values were not provided for the following parameters: a"),
    ([""], 2, "no SQL statement to run"),
    ([";"], 2, "no SQL statement to run"),
    (["CALL enable_logging(storage='file', path='/tmp/x'); select 1"], 2, "a CALL statement is refused"),
    (["CALL enable_logging(storage='file')"], 2, "a CALL statement is refused"),
    (["checkpoint"], 2, "a CALL statement is refused"),
    (["select 1; select 2"], 2, "give one SQL statement; this holds 2"),
    (["set threads = 1"], 2, "a SET statement is refused"),
    (["attach 'other.duckdb'"], 2, "a ATTACH statement is refused"),
    (["pragma enable_profiling"], 2, "PRAGMA enable_profiling is refused"),
    (["explain analyze call enable_logging(storage='file')"], 2, "a CALL statement is refused"),
    (["pivot quotes on quote"], 2, "a MULTI statement is refused"),
    (["begin transaction"], 2, "a TRANSACTION statement is refused"),
    (["load httpfs"], 2, "a LOAD statement is refused"),
    (["select from"], 2, "query failed: Parser Error"),
    (["pragma table_info('quotes')"], 0, ""),
    (["describe quotes"], 0, ""),
    (["summarize quotes"], 0, ""),
    (["explain select 1"], 0, ""),
    (["select 1", "--limit", "-1"], 2, "Invalid value for '--limit'"),
]


@pytest.mark.parametrize(("args", "code", "message"), ATTACKS, ids=[" ".join(a[0]) for a in ATTACKS])
def test_attack(db: Path, args: list[str], code: int, message: str) -> None:
    rc, _, err = _query(db, *args)
    assert rc == code, err
    assert message in err
    assert "Traceback" not in err


def test_missing_database_is_a_usage_error(tmp_path: Path) -> None:
    rc, _, err = _query(tmp_path / "none.duckdb", "select 1")
    assert (rc, "Traceback" in err) == (2, False)
    assert "no database at" in err


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "jsonl", "json"])
def test_data_is_never_markup(db: Path, fmt: str) -> None:
    rc, out, err = _query(db, "select quote from quotes", "-f", fmt)
    assert rc == 0, err
    expected = json.dumps(QUOTE, ensure_ascii=False)[1:-1] if fmt.startswith("json") else QUOTE
    if fmt == "csv":
        expected = '"' + QUOTE.replace('"', '""') + '"'
    assert expected in out


def test_show_prints_names_and_quotes_verbatim() -> None:
    shown = Shown(
        id="x",
        kind="person",
        table="people",
        row={"name": "[bold]Wang[/] [/]", "note": "a\x1b[2Jb\x00\x9b\u202e\ufffe"},
        facts=[
            Mention(
                "f1",
                "statement",
                ["speaker"],
                "art [/]",
                None,
                "f.yaml",
                3,
                [Quote("s", "article", QUOTE, "f.yaml", 4)],
            )
        ],
        findings=[FindingRef("k", "c", "error", "msg [/]", None, None, ["f1"])],
    )
    out = io.StringIO()
    print_shown(shown, Console(file=out, width=300, color_system=None, markup=False, emoji=False))
    text = out.getvalue()
    for data in ("[bold]Wang[/] [/]", QUOTE, "art [/]", "msg [/]", "a\\x1b[2Jb\\x00\\x9b\\u202e\\ufffe"):
        assert data in text
    assert not any(c in text for c in "\x1b\x00\x9b\u202e\ufffe")


def test_build_path_with_markup(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    target = tmp_path / "x[/]" / "x.duckdb"
    p = _factdb("build", "--facts", str(ROOT / "facts"), "--db", str(target))
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert "Traceback" not in err
    assert f"built {target}" in out


def test_control_characters_are_escaped_in_a_table_not_in_csv(db: Path) -> None:
    sql = "select 'a' || chr(27) || '[2J' || chr(7) || 'b' || chr(155) || 'c' x"
    _, table, _ = _query(db, sql)
    assert "a\\x1b[2J\\x07b\\x9bc" in table
    assert "\x1b" not in table
    _, csv, _ = _query(db, sql, "-f", "csv")
    assert "a\x1b[2J\x07b\x9bc" in csv


TYPES = (
    "select interval 3 day i, interval 90 minute i2, -interval '1 day 0.5 second' i3,"
    " 'ab\\x00'::blob b, time '01:02:03.5' t, timetz '01:02:00+05' tz,"
    " '00000000-0000-0000-0000-000000000001'::uuid u,"
    " 170141183460469231731687303715884105727::hugeint h, 1.25::decimal(38,10) d,"
    " [1, null] l, {'a': null, 'b': [null]} s, map {1: 'x'} m, null n, 'nan'::double f"
)
EXPECTED = {
    "i": "P3D",
    "i2": "PT1H30M",
    "i3": "-P1DT0.5S",
    "b": base64.b64encode(b"ab\x00").decode(),
    "t": "01:02:03.500000",
    "tz": "01:02:00+05:00",
    "u": "00000000-0000-0000-0000-000000000001",
    "h": 170141183460469231731687303715884105727,
    "d": 1.25,
    "l": [1, None],
    "s": {"a": None, "b": [None]},
    "m": {"1": "x"},
    "n": None,
    "f": "nan",
}


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_encodes_every_type(db: Path, fmt: str) -> None:
    rc, out, err = _query(db, TYPES, "-f", fmt)
    assert rc == 0, err
    rows = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert rows == [EXPECTED]


def test_json_streamed_is_the_document_to_json_writes(db: Path) -> None:
    from factdb.loader.output import to_json

    for sql, values in (("select * from range(3) r(n)", [0, 1, 2]), ("select 1 n where false", [])):
        _, out, _ = _query(db, sql, "-f", "json")
        assert out == to_json([{"n": v} for v in values]) + "\n"


def test_iso_durations() -> None:
    import datetime as dt

    assert iso_duration(dt.timedelta(0)) == "PT0S"
    assert iso_duration(dt.timedelta(days=1, seconds=61, microseconds=500)) == "P1DT1M1.0005S"


def test_the_table_is_bounded_and_says_so(db: Path) -> None:
    rc, out, _ = _query(db, "select * from range(5000)")
    assert rc == 0
    assert "1000 row(s) shown; more were cut" in out and "--format csv or jsonl" in out
    assert "│ 999 " in out and "│ 1000 " not in out
    _, out, _ = _query(db, "select * from range(5000)", "--limit", "5")
    assert "│ 4 " in out and "│ 5 " not in out and out.endswith("5 row(s)\n")  # asked for: no note
    _, out, _ = _query(db, "select * from range(5000)", "-f", "csv", "--limit", "3")
    assert out == "range\n0\n1\n2\n"
    _, out, _ = _query(db, "select * from range(1000)")
    assert "1000 row(s)\n" in out and "cut" not in out


def test_rows_are_consumed_lazily() -> None:
    taken: list[int] = []

    def rows() -> object:
        for n in range(10**9):
            taken.append(n)
            yield (n,)

    rows_as(Format.table, ["n"], rows(), Console(file=io.StringIO()), table_rows=10)  # type: ignore[arg-type]
    assert len(taken) == 11


def test_a_locked_database_is_an_environment_failure(db: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.duckdb"
    holder = duckdb.connect(str(locked))
    holder.execute("create table t as select 1")
    holder.commit()
    p = subprocess.run(
        [sys.executable, "-m", "factdb.loader", "query", "--db", str(locked), "select 1"],
        capture_output=True,
        text=True,
    )
    holder.close()
    assert p.returncode == 3, p.stderr
    assert "is in use by another process" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.parametrize("fmt", ["csv", "table", "markdown"])
def test_broken_pipe_exits_141_quietly(db: Path, fmt: str) -> None:
    # 1000 table rows of 200 characters: more than a pipe's buffer holds
    sql = "select n, repeat('x', 200) x from range(2000000) r(n)"
    p = _factdb("query", "--db", str(db), sql, "-f", fmt)
    assert p.stdout is not None
    p.stdout.readline()
    p.stdout.close()
    _, err = p.communicate(timeout=120)
    assert p.returncode == 141, err
    assert err == ""


def test_ctrl_c_exits_130(db: Path) -> None:
    p = _factdb("query", "--db", str(db), "select count(*) from range(10000000000000) a, range(10) b")
    try:
        time.sleep(3)  # past the start-up: the query is running
        p.send_signal(signal.SIGINT)  # once, as a person would: the query stops at once
        _, err = p.communicate(timeout=30)
    finally:
        if p.poll() is None:  # never leave a query burning both cores for the tests after
            p.kill()
            p.communicate()
    assert p.returncode == 130, err
    assert err == "interrupted\n"


def test_coverage_escapes_a_seed_line_that_would_clear_the_screen() -> None:
    from factdb.loader.corpus.sentences import Sentence
    from factdb.loader.report.coverage import ArticleCoverage, print_coverage

    line = "He said [sic]\x1b[2J\x1b]0;title\x07 it."
    article = ArticleCoverage("a [/]", "a.txt", 1, 0, [Sentence(0, len(line), 7, line)])
    out = io.StringIO()
    print_coverage([article], Console(file=out, width=300, color_system=None, markup=False, emoji=False))
    assert "a.txt:7: He said [sic]\\x1b[2J\\x1b]0;title\\x07 it." in out.getvalue()
    assert "\x1b" not in out.getvalue() and "a [/]" in out.getvalue()


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (PermissionError(13, "Permission denied", "/x/factdb.duckdb"), "permission denied: /x/factdb.duckdb"),
        (OSError(28, "No space left on device", "/x/out"), "No space left on device: /x/out"),
    ],
)
def test_environment_failures_exit_3(exc: OSError, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    import typer
    from factdb.loader.cli import _run

    def fail() -> None:
        raise exc

    with pytest.raises(typer.Exit) as exit_:
        _run(fail, debug=False)
    assert exit_.value.exit_code == 3
    assert capsys.readouterr().err == f"error: {message}\n"


@pytest.mark.parametrize("args", [("schema", "-o", "-"), ("query", "select 1", "-f", "json")])
def test_a_reader_gone_before_the_output_exits_141(db: Path, args: tuple[str, ...]) -> None:
    extra = ("--db", str(db)) if args[0] == "query" else ()
    p = _factdb(*args, *extra)
    assert p.stdout is not None
    p.stdout.close()  # before the interpreter has started: every write fails
    _, err = p.communicate(timeout=120)
    assert (p.returncode, err) == (141, "")
