"""What an id field may point at, declared on the field itself, and read back
from the models by every stage that needs it.

A reference field's type is ``Annotated[Id, Ref(sections, kinds)]``: the id
must be defined in one of ``sections`` of some fact file and, for an
occurrence, be of one of ``kinds``. Resolve checks references with it, the
build's warm path reads which ids a file names with it, and `show` finds the
facts that name an id with it: adding a reference field is one line here.

``column`` names the database column the id lands in when that is not the
field's own name (a field of a nested model flattened into its owner's row)."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class Ref:
    sections: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    column: str | None = None


PEOPLE = ("people",)
AGENTS = ("people", "organizations", "countries")
WHERE = ("places", "countries")
SOURCES = ("articles", "references")


@dataclass(frozen=True)
class RefField:
    """One field of a model class that holds ids, or models that do."""

    name: str
    ref: Ref | None  # None: the field holds nested models (`nested`)
    many: bool  # a list of ids (or of models)
    nested: tuple[RefField, ...] = ()


_FIELDS: dict[type, tuple[RefField, ...]] = {}


def ref_fields(cls: type[BaseModel]) -> tuple[RefField, ...]:
    """The fields of a model class that hold ids at any depth, found once per class."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(_ref_fields(cls))
    return found


def _ref_fields(cls: type[BaseModel]) -> Iterator[RefField]:
    for name, info in cls.model_fields.items():
        ref, many, model = _inspect(info.annotation, info.metadata)
        if ref is not None:
            yield RefField(name, ref, many)
        elif model is not None and ref_fields(model):
            yield RefField(name, None, many, ref_fields(model))


def _inspect(annotation: Any, metadata: list[Any]) -> tuple[Ref | None, bool, type[BaseModel] | None]:
    """(the Ref, whether a list, a nested model class) of one field's type."""
    for m in metadata:
        if isinstance(m, Ref):
            return m, False, None
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _inspect(base, extra)
    if origin is list:
        ref, _, model = _inspect(typing.get_args(annotation)[0], [])
        return ref, True, model
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return None, False, annotation
    for arg in typing.get_args(annotation):  # X | None
        if arg is not type(None):
            found = _inspect(arg, [])
            if found != (None, False, None):
                return found
    return None, False, None


Path = tuple[str | int, ...]


def refs(model: BaseModel) -> Iterator[tuple[Path, str, Ref]]:
    """Every (path, id, Ref) reference a model makes, in field order."""
    yield from _walk(model, ref_fields(type(model)), ())


def _walk(model: Any, fields: tuple[RefField, ...], prefix: Path) -> Iterator[tuple[Path, str, Ref]]:
    values = model.__dict__  # Pydantic keeps fields there: no __getattr__ on a miss
    for f in fields:
        value = values.get(f.name)
        if value is None:
            continue
        if f.ref is not None:
            if f.many:
                for i, v in enumerate(value):
                    yield (*prefix, f.name, i), v, f.ref
            else:
                yield (*prefix, f.name), value, f.ref
        elif f.many:
            for i, v in enumerate(value):
                yield from _walk(v, f.nested, (*prefix, f.name, i))
        else:
            yield from _walk(value, f.nested, (*prefix, f.name))


def columns_naming_ids(cls: type[BaseModel]) -> dict[str, Ref]:
    """The columns of a model's own table that hold ids, with what they may
    point at: top-level fields by their name, fields of a nested model
    flattened into the row by their `column`. A list of nested models has a
    table of its own and is left out, as is evidence (the evidence table)."""
    out: dict[str, Ref] = {}
    for f in ref_fields(cls):
        if f.name == "evidence":
            continue
        if f.ref is not None:
            out[f.ref.column or f.name] = f.ref
        elif not f.many:
            for sub in f.nested:
                if sub.ref is not None:
                    out[sub.ref.column or f"{f.name}_{sub.name}"] = sub.ref
    return out
