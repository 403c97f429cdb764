"""Validate parsed documents against the schema and turn Pydantic's errors into
located problems that show the bad value and suggest the closest valid key.

Only as many errors are made into Python, located and worded as the Collector
keeps (its cap per file): the rest are counted, at the position of the first
of them."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from factdb.schema import FactFile
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..common import Collector, Problem
from .yaml_reader import Document


@dataclass
class ValidFile:
    """A file that passed the schema: its model and where each item starts."""

    doc: Document
    model: FactFile

    @property
    def file(self) -> str:
        return self.doc.file

    def where(self, section: str, index: int) -> tuple[int, int]:
        return self.doc.position((section, index))


# One file's result: its model if it passed, and its problems.
FileResult = tuple[ValidFile | None, list[Problem]]


def _members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(annotation) for m in _members(a)]
    return [annotation]


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model whose keys apply at `loc` (best effort, for suggestions)."""
    current: Any = FactFile
    for element in loc:
        candidates = _members(current)
        models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        lists = [c for c in candidates if typing.get_origin(c) is list]
        if isinstance(element, int) and lists:
            current = typing.get_args(lists[0])[0]
            continue
        if not isinstance(element, str):
            return None
        step = None
        for model in models:
            if element in model.model_fields:
                step = model.model_fields[element].annotation
                break
        if step is None:
            # A discriminated union's tag (the fact kind) selects the member.
            tagged = [
                m
                for m in models
                if "kind" in m.model_fields and element in typing.get_args(m.model_fields["kind"].annotation)
            ]
            if not tagged:
                return None
            step = tagged[0]
        current = step
    found = [c for c in _members(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    return found[0] if len(found) == 1 else None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _message(err: Any) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    if kind == "extra_forbidden":
        key = loc[-1]
        model = _model_at(loc[:-1])
        hint = ""
        if model is not None:
            close = difflib.get_close_matches(str(key), list(model.model_fields), n=1)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(model.model_fields)}"
            )
        if err.get("input", "") is None and not re.fullmatch(r"[a-z_]+", str(key)):
            # `{name: Kerry's home in Beacon Hill, Boston, type: venue}`: the comma ended the name
            hint = f"; a comma ends a value in {{...}}: put a value that holds a comma in quotes{hint}"
        return f"unknown key {key!r}{hint}"
    where = ".".join(str(p) for p in loc)
    msg = str(err["msg"])
    if kind == "missing":
        return f"{where}: required key is missing"
    if kind == "union_tag_invalid":
        return f"{where}: {msg}"
    if kind == "list_type" and err.get("input", "") is None:
        # `organizations:` left with nothing under it, once its last entry moved away
        # (held-out trial 78)
        return f"{where}: {msg} (got None): the key has nothing under it; write `{loc[-1]}: []` or delete the key"
    if "input" in err and not isinstance(err["input"], dict | list):
        return f"{where}: {msg} (got {_show(err['input'])})"
    return f"{where}: {msg}"


_TODO = re.compile(r"#\s*TODO:?\s*(.*?)\s*$")


def _todo_on(text: str | None, line: int) -> str | None:
    """What the `# TODO` comment on `line` of `text` asks for, if it has one."""
    if text is None:
        return None
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    found = _TODO.search(lines[line - 1])
    return found.group(1) or "fill in this value" if found else None


def validate_document(doc: Document, errors: Collector, text: str | None = None) -> ValidFile | None:
    """Validate one document; every schema error is recorded with its position.
    With the file's `text`, an error on a line that still holds a ``# TODO``
    comment (as `factdb new` leaves them) says what the TODO asks for."""
    try:
        model = FactFile.model_validate(doc.data)
    except ValidationError as exc:
        total = exc.error_count()
        found = _some_errors(doc.data, exc, errors.per_file + 1)
        for i, err in enumerate(found):
            loc = tuple(err["loc"])
            line, col = doc.locate(loc, at_key=err["type"] == "extra_forbidden")
            if errors.full(doc.file):
                # Locating is the costly part: the rest are only counted.
                errors.more(doc.file, line, col, total - i)
                break
            fact_id = _fact_id(doc, loc)
            code = "schema." + err["type"].replace("_", "-")
            todo = _todo_on(text, line)
            if todo is not None:
                where = ".".join(str(p) for p in loc)
                errors.add(doc.file, line, col, "todo", f"{where}: still a TODO: {todo}", fact_id)
                continue
            errors.add(doc.file, line, col, code, _message(err), fact_id)
        return None
    # The model holds everything from here on: keeping the raw data as well
    # would double what workers send back, what the cache stores and the peak memory.
    doc.data = None
    return ValidFile(doc=doc, model=model)


def _some_errors(data: Any, exc: ValidationError, wanted: int) -> list[ErrorDetails]:
    """`wanted` of the errors of `exc` (all of them if there are no more), without
    turning every one into Python: five million errors took 2.6 GB as dicts.
    Each section's list is cut to its first items, four times more each round,
    until the cut has that many errors. FactFile validates each item on its own,
    so every error of a cut is one of the whole, at the same loc."""
    total = exc.error_count()
    lists = [len(v) for v in data.values() if isinstance(v, list)] if isinstance(data, dict) else []
    longest = max(lists, default=0)
    keep = wanted
    while total > wanted and keep < longest:
        cut = {k: v[:keep] if isinstance(v, list) else v for k, v in data.items()}
        try:
            FactFile.model_validate(cut)
        except ValidationError as some:
            if some.error_count() >= wanted:
                return some.errors(include_url=False, include_context=False)[:wanted]
        keep *= 4
    return exc.errors(include_url=False, include_context=False)


def _fact_id(doc: Document, loc: tuple[str | int, ...]) -> str | None:
    if len(loc) >= 2 and isinstance(doc.data, dict):
        section = doc.data.get(loc[0])
        if isinstance(section, list) and isinstance(loc[1], int) and loc[1] < len(section):
            item = section[loc[1]]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                return str(item["id"])
    return None
