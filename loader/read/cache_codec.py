"""A file's result (its validated model, positions and problems) as JSON and
back, exactly: `decode_result(encode_result(r)) == r`, fields set included.

Models are written as JSON objects tagged with their class (the key ``""``)
and read back without validating them again (what makes the cache worth
having), so only classes of `factdb.schema` are ever made, and only with the
fields they declare: a tag or a field that is not the schema's is `Damaged`.
Dates and enums, which JSON cannot tell from strings, are turned back by the
type each field declares (`_converter`). What cannot be written exactly (a
file name that is not UTF-8, a type the codec does not know) raises
`Unencodable`: such a result is simply not cached.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

import orjson
from factdb.schema import FactFile
from factdb.schema.common import Model, restore
from pydantic import BaseModel

from ..common import Problem
from ..common.sealed import Damaged
from .fast_reader import ItemPositions
from .validate import FileResult, ValidFile
from .yaml_reader import Document

Converter = Callable[[Any], Any]


class Unencodable(ValueError):
    """A result the codec cannot write exactly; it is not cached."""


@functools.cache
def _models() -> dict[str, type[Model]]:
    """Every model class of the schema, by its tag."""
    import factdb.schema  # noqa: F401 - defines them all

    found: dict[str, type[Model]] = {}
    todo: list[type[Model]] = [Model]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("factdb.schema"):
                found[f"{sub.__module__}.{sub.__qualname__}"] = sub
    return found


@functools.cache
def _tags() -> dict[type[Model], str]:
    return {cls: tag for tag, cls in _models().items()}


def _model(value: Any) -> Model:
    if type(value) is not dict:
        raise Damaged(f"a model expected, found {type(value).__name__}")
    cls = _models().get(value.pop("", None))
    if cls is None:
        raise Damaged("an object tagged with no model of the schema")
    fields_set = value.pop("\0", None)
    fields, converters = _layout(cls)
    if value.keys() != fields:
        raise Damaged(f"{cls.__name__} with other fields than the schema's")
    for name, convert in converters:
        got = value[name]
        if got is not None:
            value[name] = convert(got)
    if fields_set is not None and not (type(fields_set) is list and set(fields_set) <= fields):
        raise Damaged(f"{cls.__name__} given keys it does not have")
    return restore(cls, value, frozenset(value if fields_set is None else fields_set))


def _date(value: Any) -> dt.date:
    if type(value) is not str:
        raise Damaged("a date expected")
    return dt.date.fromisoformat(value)


def _list_of(convert: Converter) -> Converter:
    def each(value: Any) -> list[Any]:
        if type(value) is not list:
            raise Damaged("a list expected")
        return [None if v is None else convert(v) for v in value]

    return each


def _converter(annotation: Any) -> Converter | None:
    """How a field's JSON value becomes its Python value; None if it is one."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _converter(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        converters = {_converter(a) for a in members}
        if converters <= {None}:
            return None
        if converters == {_model}:
            return _model
        if len(members) == 1:
            return _converter(members[0])
        raise TypeError(f"the cache codec cannot read a union of {members}")
    if origin is list:
        inner = _converter(typing.get_args(annotation)[0])
        return _list_of(inner) if inner is not None else None
    if origin is typing.Literal or annotation in (str, int, float, bool):
        return None
    if annotation is dt.date:
        return _date
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model
    raise TypeError(f"the cache codec cannot read a field of type {annotation!r}")


@functools.cache
def _layout(cls: type[Model]) -> tuple[frozenset[str], tuple[tuple[str, Converter], ...]]:
    """A model's field names, and the converter of each field that needs one."""
    converters = []
    for name, info in cls.model_fields.items():
        convert = _converter(info.annotation)
        if convert is not None:
            converters.append((name, convert))
    return frozenset(cls.model_fields), tuple(converters)


def check_schema() -> None:
    """Every model of the schema is one the codec can read (a test calls this:
    a new field type must be taught to `_converter`)."""
    for cls in _models().values():
        _layout(cls)


def _default(value: Any) -> Any:
    """How orjson writes what it does not know: models tagged, dates as ISO."""
    if type(value) is dt.date:
        return value.isoformat()
    tag = _tags().get(type(value))
    if tag is not None:
        out = dict(value.__dict__)
        out[""] = tag
        fields_set = value.__pydantic_fields_set__
        if len(fields_set) != len(value.__dict__):
            out["\0"] = sorted(fields_set)
        if value.__pydantic_extra__ or value.__pydantic_private__:
            raise Unencodable(f"{type(value).__name__} with extra or private values")
        return out
    raise Unencodable(f"the cache codec cannot write a {type(value).__name__}")


def _positions(positions: Any) -> Any:
    if isinstance(positions, ItemPositions):
        return positions.as_data()
    return [[list(path), at[0], at[1]] for path, at in positions.items()]


def _read_positions(data: Any) -> Any:
    if type(data) is dict:
        return ItemPositions.of_data(data)
    return {tuple(path): (line, col) for path, line, col in data}


def encode_result(result: FileResult) -> bytes:
    """`result` as JSON bytes; `Unencodable` if it cannot be written exactly."""
    vf, problems = result
    out: dict[str, Any] = {
        "problems": [[p.file, p.line, p.col, p.code, p.message, p.fact_id, p.more] for p in problems],
        "valid": None,
    }
    if vf is not None:
        doc = vf.doc
        if doc.data is not None:
            raise Unencodable("a document whose data was kept")
        out["valid"] = {
            "file": doc.file,
            "model": vf.model,
            "positions": _positions(doc.positions),
            "keys": [[list(path), at[0], at[1]] for path, at in doc.key_positions.items()],
            "packed": None if doc.packed is None else base64.b64encode(doc.packed).decode("ascii"),
        }
    try:
        return orjson.dumps(out, default=_default, option=orjson.OPT_PASSTHROUGH_DATETIME)
    except orjson.JSONEncodeError as exc:  # a surrogate in a name, or _default's refusal
        raise Unencodable(str(exc)) from exc


def decode_result(payload: bytes) -> FileResult:
    """The result `encode_result` wrote; `Damaged` for anything else."""
    try:
        data = orjson.loads(payload)
        problems = [
            Problem(str(f), int(line), int(col), str(code), str(msg), fact_id, int(more))
            for f, line, col, code, msg, fact_id, more in data["problems"]
        ]
        valid = data["valid"]
        if valid is None:
            return None, problems
        model = _model(valid["model"])
        packed = valid["packed"]
        doc = Document(
            file=str(valid["file"]),
            data=None,
            positions=_read_positions(valid["positions"]),
            key_positions={tuple(path): (line, col) for path, line, col in valid["keys"]},
            packed=None if packed is None else base64.b64decode(packed, validate=True),
        )
        if type(model) is not FactFile:
            raise Damaged("the file's model is not a FactFile")
        return ValidFile(doc=doc, model=model), problems
    except Damaged:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, orjson.JSONDecodeError) as exc:
        raise Damaged(f"unreadable content ({type(exc).__name__})") from exc
