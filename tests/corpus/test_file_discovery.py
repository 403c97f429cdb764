"""Which files under the facts folder are fact files, and by what name; and
that nothing under it is skipped in silence: every entry discovery cannot take
as a fact file (an unreadable folder or file, a dangling, looping or outgoing
symlink, a FIFO, a symlinked folder, a name that is not UTF-8) and a seed
reached out of the project is a located problem, reported with the rest of the
run by validate and build, warm or cold: exit 1, no traceback, the previous
database unchanged. File names are escaped where they are printed."""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from factdb.loader.cli import app
from factdb.loader.common import Problem, shown_name
from factdb.loader.corpus import discover
from factdb.loader.read import file_cache
from typer.testing import CliRunner, Result

from ..conftest import Project, minimal_corpus


def _tree(root: Path) -> Path:
    facts = root / "facts"
    for rel in (
        "a.yaml",
        "b.yml",
        ".hidden.yaml",
        "sub/deep/c.yaml",
        "sub/z.yaml",
        "notes.txt",
        "UPPER.YAML",
    ):
        (facts / rel).parent.mkdir(parents=True, exist_ok=True)
        (facts / rel).write_text("facts: []\n")
    (facts / "folder.yaml").mkdir()  # a folder, however it is named, is not a file
    (root / "outside").mkdir()
    (root / "outside" / "linked.yaml").write_text("facts: []\n")
    (facts / "linked-file.yaml").symlink_to(root / "outside" / "linked.yaml")
    return facts


def test_fact_files_are_those_rglob_finds_named_from_the_facts_folders_parent(tmp_path: Path) -> None:
    facts = _tree(tmp_path)
    expected = sorted(
        {p for pattern in ("*.yaml", "*.yml") for p in facts.rglob(pattern) if p.is_file()},
        key=lambda p: p.relative_to(facts).as_posix(),
    )
    found = discover(facts)
    assert found.problems == []
    assert [Path(p) for p, _ in found.files] == expected
    assert [name for _, name in found.files] == [
        "facts/.hidden.yaml",
        "facts/a.yaml",
        "facts/b.yml",
        "facts/linked-file.yaml",  # a symlink to a file inside the project is followed
        "facts/sub/deep/c.yaml",
        "facts/sub/z.yaml",
    ]


def _cli(project: Project, *args: str) -> Result:
    env = {"NO_COLOR": "1", "COLUMNS": "200", "FACTDB_PROJECT": str(project.root)}
    return CliRunner(env=env).invoke(app, [*args, "--facts", str(project.facts), "--db", str(project.db)])


def _outside(project: Project) -> Path:
    """A folder beside the project, not in it."""
    out = project.root.parent / f"{project.root.name}-outside"
    out.mkdir(exist_ok=True)
    return out


def _unreadable_folder(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.write("sub/reviews.yaml", "facts: []\n")
    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("/facts/sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def _unreadable_file(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader opens each file with the built-in open: refused for this one."""
    project.write("secret.yaml", "facts: []\n")
    real = builtins.open

    def refusing(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith("secret.yaml"):
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(file_cache, "open", refusing, raising=False)


def _outside_seed(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    seed = project.seeds / "art.txt"
    target = _outside(project) / "art.txt"
    target.write_bytes(seed.read_bytes())
    seed.unlink()
    seed.symlink_to(target)


def _newline_name(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.write("x\nfacts/forged.yaml:9:9: all fine [ok]\n.yaml", "facts: [unclosed\n")


@dataclass
class Case:
    id: str
    attack: Callable[[Project, pytest.MonkeyPatch], object]
    shown: str  # the problem's line as printed, up to its code
    code: str


CASES = [
    Case(
        "unreadable-folder",
        _unreadable_folder,
        "facts/sub:1:1: folder cannot be read: Permission denied",
        "file.unreadable",
    ),
    Case(
        "unreadable-file",
        _unreadable_file,
        "facts/secret.yaml:1:1: file cannot be read: Permission denied",
        "file.unreadable",
    ),
    Case(
        "dangling-link",
        lambda p, _: (p.facts / "gone.yaml").symlink_to(p.root / "nowhere.yaml"),
        "facts/gone.yaml:1:1: symlink to",
        "file.dangling-link",
    ),
    Case(
        "link-loop",
        lambda p, _: (p.facts / "loop.yaml").symlink_to(p.facts / "loop.yaml"),
        "facts/loop.yaml:1:1: symlink loop",
        "file.link-loop",
    ),
    Case(
        "fifo",
        lambda p, _: os.mkfifo(p.facts / "pipe.yaml"),
        "facts/pipe.yaml:1:1: not a regular file",
        "file.not-regular",
    ),
    Case(
        "outside-project",
        lambda p, _: (p.facts / "out.yaml").symlink_to(
            (_outside(p) / "out.yaml", (_outside(p) / "out.yaml").write_text("facts: []\n"))[0]
        ),
        "facts/out.yaml:1:1: symlink leads out of the project",
        "file.outside-project",
    ),
    Case(
        "linked-folder",
        lambda p, _: (p.facts / "more").symlink_to(_outside(p), target_is_directory=True),
        "facts/more:1:1: symlinked folder",
        "file.linked-folder",
    ),
    Case(
        "not-utf8-name",
        lambda p, _: p.write(os.fsdecode(b"bad\xff.yaml"), "facts: []\n"),
        "facts/bad\\udcff.yaml:1:1: file name is not valid UTF-8",
        "file.bad-name",
    ),
    Case(
        "newline-name",
        _newline_name,
        "facts/x\\nfacts/forged.yaml:9:9: all fine [ok]\\n.yaml:2:1:",
        "yaml.syntax",
    ),
    Case("seed-outside-project", _outside_seed, "facts/one.yaml:", "file.outside-project"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("command", ["build", "validate"])
def test_what_discovery_cannot_take_is_located_and_loses_nothing(
    project: Project, monkeypatch: pytest.MonkeyPatch, case: Case, command: str
) -> None:
    project.write("one.yaml", minimal_corpus())
    assert _cli(project, "build").exit_code == 0  # so the next build tries the warm path first
    before = project.db.read_bytes()
    case.attack(project, monkeypatch)
    result = _cli(project, command)
    assert result.exit_code == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith(case.shown) and line.endswith(f"[{case.code}]") for line in lines), (
        result.stderr
    )
    # every line of the report is a problem or its count: no name splits or forges one
    assert all(line.startswith("facts/") or line.endswith("problem(s) found") for line in lines), lines
    assert project.db.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder: the monkeypatched case stands in")
def test_a_folder_made_unreadable_by_chmod_is_a_problem(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    project.write("sub/reviews.yaml", "facts: []\n")
    os.chmod(project.facts / "sub", 0)
    try:
        result = _cli(project, "validate")
    finally:
        os.chmod(project.facts / "sub", 0o755)
    assert result.exit_code == 1
    assert "facts/sub:1:1: folder cannot be read: Permission denied [file.unreadable]" in result.stderr


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("facts/a.yaml", "facts/a.yaml"),
        ("facts/é ü'\".yaml", "facts/é ü'\".yaml"),
        ("facts/a\nb.yaml", "facts/a\\nb.yaml"),
        ("facts/a\rb\x1b[2J.yaml", "facts/a\\rb\\x1b[2J.yaml"),
        ("facts/a\u2028b.yaml", "facts/a\\u2028b.yaml"),
        (os.fsdecode(b"facts/\xff.yaml"), "facts/\\udcff.yaml"),
        ("facts/a\\nb.yaml", "facts/a\\\\nb.yaml"),  # a real backslash is not taken for an escape
    ],
)
def test_names_are_escaped_when_rendered(name: str, shown: str) -> None:
    assert shown_name(name) == shown
    problem = Problem(name, 1, 2, "x.y", "message")
    assert problem.render() == f"{shown}:1:2: message [x.y]"
    assert problem.as_dict()["file"] == shown
