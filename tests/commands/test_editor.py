"""Editor support: every fact file names the JSON Schema, and VS Code maps facts/ to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factdb.loader.corpus.load import fact_files
from factdb.loader.editor import modeline_target

from tests.conftest import ROOT, Project, minimal_corpus

SCHEMA = ROOT / "schema" / "factfile.schema.json"


@pytest.mark.parametrize("path", fact_files(ROOT / "facts"), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_fact_file_names_the_schema_on_its_first_line(path: Path) -> None:
    target = modeline_target(path.read_text(encoding="utf-8"))
    assert target is not None, "first line is not a yaml-language-server modeline"
    assert (path.parent / target).resolve() == SCHEMA.resolve()


def test_vscode_maps_the_fact_files_to_the_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    globs = settings["yaml.schemas"]["./schema/factfile.schema.json"]
    assert "facts/**/*.yaml" in globs
    assert (ROOT / "schema" / "factfile.schema.json").is_file()


def test_the_repository_is_current() -> None:
    from factdb.loader.editor import setup_editor

    assert setup_editor(ROOT / "facts", check_only=True).current


def test_editor_adds_modelines_keeping_bom_crlf_settings_and_lines(project: Project) -> None:
    project.write("corpus.yaml", minimal_corpus())
    crlf = project.write("more/crlf.yaml", b"\xef\xbb\xbfpeople:\r\n  - {id: cy, name: Cy}\r\n")
    wrong = project.write("wrong.yaml", "# yaml-language-server: $schema=elsewhere.json\npeople: []\n")
    (project.root / ".vscode").mkdir()
    (project.root / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}')

    check = project.factdb("editor", "--check")
    assert check.returncode == 1
    assert "facts/corpus.yaml: has no modeline" in check.stdout
    assert "facts/wrong.yaml: has a modeline pointing elsewhere" in check.stdout
    assert (project.facts / "corpus.yaml").read_text().startswith("articles:")  # --check wrote nothing

    fixed = project.factdb("editor")
    assert fixed.returncode == 0, fixed.stderr
    assert crlf.read_bytes().startswith(
        b"\xef\xbb\xbf# yaml-language-server: $schema=../../schema/factfile.schema.json\r\npeople:\r\n"
    )
    assert wrong.read_text().splitlines() == [
        "# yaml-language-server: $schema=../schema/factfile.schema.json",
        "people: []",
    ]
    settings = json.loads((project.root / ".vscode" / "settings.json").read_text())
    assert settings["editor.tabSize"] == 2
    assert settings["yaml.schemas"] == {
        "./schema/factfile.schema.json": ["facts/**/*.yaml", "facts/**/*.yml"]
    }
    assert project.factdb("editor", "--check").returncode == 0

    # The files still load, and facts report their new lines.
    assert project.factdb("build").returncode == 0
    out = project.factdb("query", "select line from facts where id = 'm1' limit 1", "--format", "csv")
    lines = (project.facts / "corpus.yaml").read_text().splitlines()
    assert int(out.stdout.split()[1]) == next(i for i, t in enumerate(lines, 1) if t.endswith("- id: m1"))


def test_settings_that_are_not_plain_json_are_left_alone(project: Project) -> None:
    project.write("corpus.yaml", minimal_corpus())
    settings = project.root / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{\n  // a comment\n  "editor.tabSize": 2\n}\n')
    out = project.factdb("editor")
    assert out.returncode == 2
    assert "yaml.schemas" in out.stderr and "Traceback" not in out.stderr
    assert "// a comment" in settings.read_text()
    assert (project.facts / "corpus.yaml").read_text().startswith("articles:")  # nothing half-done
