"""The JSON Schema of fact files, for editors and independent validators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factdb.schema import FactFile

DRAFT = "http://json-schema.org/draft-07/schema#"


def factfile_schema() -> dict[str, Any]:
    schema = FactFile.model_json_schema()
    # Editors (VS Code's YAML extension among them) support draft-07 best; the
    # keywords Pydantic emits here ($defs, $ref, const, enum) all exist there.
    return {"$schema": DRAFT, "title": "factdb fact file", **schema}


def render_schema() -> str:
    return json.dumps(factfile_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_schema(), encoding="utf-8")
