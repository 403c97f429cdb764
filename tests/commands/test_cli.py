"""The command line as a whole: help with examples, shell completion, NO_COLOR."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factdb.loader.cli import app

from tests.conftest import ROOT

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)
# SGR parameters that set a colour (foreground, background, 256/true colour).
COLOUR = re.compile(r"\x1b\[([0-9;]*)m")


def _factdb(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factdb.loader", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "FACTDB_PROJECT": str(ROOT), **(env or {})},
    )


def test_every_command_is_listed() -> None:
    assert {"build", "check", "coverage", "editor", "new", "query", "schema", "show", "validate"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    out = _factdb(command, "--help", env={"NO_COLOR": "1"})
    assert out.returncode == 0, out.stderr
    assert re.search(rf"Example: factdb {command}\b", out.stdout), out.stdout


def _colours(text: str) -> list[str]:
    found = []
    for params in COLOUR.findall(text):
        codes = [int(c) for c in params.split(";") if c]
        if any(30 <= c <= 49 or 90 <= c <= 107 for c in codes):
            found.append(params)
    return found


def test_colour_is_on_for_a_terminal_and_off_with_no_color(corpus_db: Path) -> None:
    args = ("check", "--db", str(corpus_db))
    coloured = _factdb(*args, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert _colours(coloured.stdout), "expected colour when a terminal is forced"
    plain = _factdb(*args, env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": "1"})
    assert plain.returncode == coloured.returncode
    assert _colours(plain.stdout) == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        pytest.param("factdb sh", 1, {"show"}, id="command"),
        pytest.param("factdb c", 1, {"check", "coverage"}, id="commands"),
        pytest.param("factdb check --sel", 2, {"--select"}, id="option"),
        pytest.param("factdb query x --format j", 4, {"json", "jsonl"}, id="choice"),
    ],
)
def test_bash_completion(tmp_path: Path, words: str, cword: int, expected: set[str]) -> None:
    """The script `--show-completion bash` prints, sourced in a real bash, completes."""
    script = _factdb("--show-completion", "bash").stdout
    assert "complete" in script
    shim = tmp_path / "factdb"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factdb.loader "$@"\n')
    shim.chmod(0o755)
    program = (
        f"{script}\n"
        f"COMP_WORDS=({words}); COMP_CWORD={cword}; _factdb_completion factdb\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    out = subprocess.run(["bash", "-c", program], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert set(out.stdout.split()) == expected


# What only reading, validating or writing fact files needs; `check` and `query`
# read a built database, and each of these costs start-up time on every call.
LOAD_ONLY = (
    "factdb.schema",
    "factdb.loader.read.yaml_reader",
    "factdb.loader.read.fast_reader",
    "factdb.loader.pipeline",
)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("check",), id="check-table"),
        pytest.param(("check", "--format", "json"), id="check-json"),
        pytest.param(("check", "--format", "sarif"), id="check-sarif"),
        pytest.param(("query", "select count(*) from facts"), id="query"),
    ],
)
def test_reading_commands_do_not_import_the_loader(corpus_db: Path, args: tuple[str, ...]) -> None:
    probe = (
        "import sys\n"
        "from factdb.loader.cli import main\n"
        f"sys.argv = ['factdb', *{list(args)!r}, '--db', {str(corpus_db)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print('LOADED', sorted(m for m in sys.modules if m.startswith({LOAD_ONLY!r})), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "LOADED []" in out.stderr, out.stderr[-2000:]
