"""Each fact kind is declared once, in schema/: its fields, what each reference
may point at, its table and its example. These tests hold every stage that
derives from those declarations to all of them, so that a kind added to the
schema without its table, or a reference field without its range, fails here."""

from __future__ import annotations

import textwrap

import yaml
from factdb.loader.build.kinds import KIND_ROWS
from factdb.loader.build.tables import TableSpec
from factdb.loader.show import ENTITY_REFS, FACT_REFS, KIND_TABLES
from factdb.schema import FACT_KINDS, FACT_MODELS, SECTION_MODELS, SECTION_TABLES, columns_naming_ids
from factdb.schema.refs import Ref, ref_fields
from pydantic import BaseModel


def test_every_kind_has_a_table_a_row_function_and_an_example() -> None:
    assert len(FACT_KINDS) == len(FACT_MODELS) == len(set(FACT_KINDS))
    tables = [m.table for m in FACT_MODELS]
    assert len(set(tables)) == len(tables)
    assert not set(tables) & set(SECTION_TABLES.values())
    for model in FACT_MODELS:
        assert model in KIND_ROWS, model.__name__
        assert model.__doc__, f"{model.__name__} has no docstring: `factdb new` shows its first line"
        (fact,) = yaml.safe_load(textwrap.dedent(model.example).replace("ARTICLE", "a"))
        assert fact["kind"] in FACT_KINDS


def test_each_example_validates_and_its_row_has_exactly_the_table_columns() -> None:
    """The row function of each kind fills only columns its table declares
    (a misspelt key fails in TableSpec), and every reference column it fills
    is one the schema's declarations name."""
    for model in FACT_MODELS:
        (data,) = yaml.safe_load(textwrap.dedent(model.example).replace("ARTICLE", "a"))
        fact = model.model_validate(data)
        rows = KIND_ROWS[model]

        class Item:
            id = fact.id

        row = rows.row(Item(), fact, lambda item, prefix, when, path=None: {})  # type: ignore[arg-type]
        spec = TableSpec(model.table, [("id", rows.columns[0][1]), *rows.columns])
        spec.add({"id": fact.id, **row})
        spec.to_arrow()
        columns = {name for name, _ in rows.columns}
        assert set(columns_naming_ids(model)) <= columns, model.__name__


def test_every_id_field_of_the_schema_declares_what_it_points_at() -> None:
    """A field typed as an id that names another thing must carry a Ref; the
    fields listed here are ids of their own kind of thing, not references.
    Nested models (a visit's legs, its first_since) are held too."""
    own_ids = {"id", "measure", "type"}
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [m for m in SECTION_MODELS.values() if isinstance(m, type)] + list(
        FACT_MODELS
    )
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        declared = {f.name for f in ref_fields(model)}
        for name, info in model.model_fields.items():
            text = repr(info.annotation) + repr(info.metadata)
            for nested in _models_in(info.annotation):
                todo.append(nested)
            if "[a-z0-9._-]" in text and name not in own_ids:
                assert name in declared, f"{model.__name__}.{name} holds an id but declares no Ref"
    assert {"Leg", "FirstSince", "Evidence"} <= {m.__name__ for m in seen}


def _models_in(annotation: object) -> list[type[BaseModel]]:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def test_show_and_the_warm_build_read_their_tables_from_the_schema() -> None:
    assert set(KIND_TABLES) == set(FACT_KINDS)
    assert set(FACT_REFS) == {m.table for m in FACT_MODELS}
    assert FACT_REFS["visits"] == [
        "of",
        "travellers",
        "destination",
        "part_of",
        "first_since_offices",
        "first_since_to",
    ]
    assert ENTITY_REFS == {
        "organizations": ["country"],
        "places": ["parent"],
        "offices": ["organization", "country"],
    }
    assert SECTION_TABLES["facts"] == "fact_index" and SECTION_TABLES["references"] == "refs"
    assert isinstance(next(iter(columns_naming_ids(FACT_MODELS[0]).values())), Ref)
