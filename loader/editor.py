"""Editor support: point every fact file, and VS Code, at the JSON Schema.

Two ways an editor (VS Code's YAML extension, or any client of the
yaml-language-server) finds the schema of a fact file:

* a modeline, the first line of the file:
  ``# yaml-language-server: $schema=../../schema/factfile.schema.json``,
  the path relative to the file's folder, so it depends on how deep the file is;
* ``.vscode/settings.json`` mapping ``facts/**/*.yaml`` to the schema through
  ``yaml.schemas`` (paths relative to the project).

`setup_editor` adds a missing modeline, corrects one that points elsewhere, and
adds the mapping to ``.vscode/settings.json`` keeping every other setting; with
``check_only`` it changes nothing and only says what it would do.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import UsageError
from .corpus import named_files

SCHEMA_FILE = Path("schema") / "factfile.schema.json"
SETTINGS_FILE = Path(".vscode") / "settings.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="
GLOBS = ["facts/**/*.yaml", "facts/**/*.yml"]
_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")
_BOM = b"\xef\xbb\xbf"


def schema_key() -> str:
    """The schema's path as `yaml.schemas` names it: relative to the project."""
    return "./" + SCHEMA_FILE.as_posix()


def modeline(fact_file: Path, schema: Path) -> str:
    """The modeline for `fact_file`: the schema's path relative to its folder."""
    rel = os.path.relpath(schema.resolve(), fact_file.resolve().parent)
    return MODELINE_PREFIX + Path(rel).as_posix()


def modeline_target(text: str) -> str | None:
    """The schema path a file's first line names, if that line is a modeline."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    m = _MODELINE.match(first)
    return m.group(1) if m else None


def with_modeline(raw: bytes, line: str) -> bytes:
    """The file's bytes with `line` as its first line (replacing a modeline that
    is there), keeping a byte order mark and the file's line ending."""
    bom = _BOM if raw.startswith(_BOM) else b""
    body = raw[len(bom) :]
    first, sep, rest = body.partition(b"\n")
    newline = b"\r\n" if first.endswith(b"\r") else b"\n"
    if modeline_target(first.decode("utf-8", "replace")) is not None:
        body = rest if sep else b""
    return bom + line.encode("utf-8") + newline + body


@dataclass(frozen=True)
class ModelineChange:
    file: str  # as the database names it: relative to the facts folder's parent
    action: str  # "added" or "corrected"
    modeline: str


@dataclass
class EditorSetup:
    schema: str
    files: int
    changes: list[ModelineChange] = field(default_factory=list)
    settings: str = ""
    settings_changed: bool = False
    check_only: bool = False

    @property
    def current(self) -> bool:
        """Whether nothing needed (or, with check_only, would need) changing."""
        return not self.changes and not self.settings_changed


def vscode_settings(current: dict[str, Any]) -> dict[str, Any]:
    """`current` settings with the fact files mapped to the schema."""
    out = dict(current)
    schemas = dict(out.get("yaml.schemas") or {})
    schemas[schema_key()] = list(GLOBS)
    out["yaml.schemas"] = schemas
    return out


def _read_settings(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{path} is not plain JSON ({exc}); add {schema_key()!r}: {GLOBS} under 'yaml.schemas' by hand"
        ) from None
    if not isinstance(data, dict):
        raise UsageError(f"{path} does not hold a JSON object")
    return data


def setup_editor(facts_dir: Path, check_only: bool = False) -> EditorSetup:
    """Give every fact file its modeline and VS Code its schema mapping.

    The project is the facts folder's parent; the schema is its
    ``schema/factfile.schema.json`` (write it with `factdb schema`)."""
    facts_dir = facts_dir.resolve()
    project = facts_dir.parent
    schema = project / SCHEMA_FILE
    files = named_files(facts_dir)
    result = EditorSetup(schema=SCHEMA_FILE.as_posix(), files=len(files), check_only=check_only)
    # Settings first: if they cannot be read, no fact file has been touched yet.
    settings_path = project / SETTINGS_FILE
    result.settings = SETTINGS_FILE.as_posix()
    current = _read_settings(settings_path)
    for path, name in files:
        raw = path.read_bytes()
        want = modeline(path, schema)
        have = modeline_target(raw.decode("utf-8", "replace"))
        if have == want[len(MODELINE_PREFIX) :]:
            continue
        action = "added" if have is None else "corrected"
        result.changes.append(ModelineChange(name, action, want))
        if not check_only:
            path.write_bytes(with_modeline(raw, want))
    wanted = vscode_settings(current)
    if wanted != current:
        result.settings_changed = True
        if not check_only:
            settings_path.parent.mkdir(parents=True, exist_ok=True)
            settings_path.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
    return result
