"""The committed JSON Schema is current, and an independent validator agrees with it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from factdb.loader.common import Collector
from factdb.loader.read.yaml_reader import read_file
from factdb.loader.schema_export import render_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "factfile.schema.json"


def test_committed_schema_is_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == render_schema(), "run `factdb schema` and commit the result"


@pytest.mark.parametrize("path", sorted((ROOT / "facts").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_fact_file_passes_an_independent_validator(path: Path) -> None:
    doc = read_file(path.read_bytes(), path.name, Collector())
    assert doc is not None
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text())).validate(doc.data)


@pytest.mark.parametrize(
    "bad",
    [
        {
            "facts": [
                {"id": "x", "kind": "meeting", "of": "m", "participants": ["a"], "evidence": [], "venu": "b"}
            ]
        },
        {"people": [{"id": "Not A Slug", "name": "x"}]},
        {"facts": [{"id": "x", "kind": "gossip", "evidence": [{"source": "a", "quote": "b c"}]}]},
    ],
    ids=["unknown-key", "bad-id", "unknown-kind"],
)
def test_independent_validator_rejects_typical_mistakes(bad: dict[str, object]) -> None:
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text()))
    assert list(validator.iter_errors(bad))
