"""Resolve ids across files: every id defined once, every reference to an id of
the right section (and occurrence kind), no containment cycles; and resolve
every date, relative phrases against the cited article's publication date."""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from factdb.schema import ID_SECTIONS, Meeting, Visit, When, refs
from factdb.schema.dates import DateError, Span, parse_iso, resolve_phrase
from pydantic import BaseModel

from ..common import Collector
from ..read import ValidFile
from .integrity import containment, find_cycles


@dataclass(frozen=True, slots=True)
class Item:
    """Any model with an id, with where it was written."""

    section: str
    index: int
    model: Any
    vf: ValidFile

    # Read once: every later stage asks for it, a quarter of a million times at 20k facts.
    id: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", str(self.model.id))

    @property
    def file(self) -> str:
        return self.vf.file

    def where(self, *path: str | int) -> tuple[int, int]:
        return self.vf.doc.locate((self.section, self.index, *path))

    def section_kind(self) -> tuple[str, str | None]:
        """What another file's reference to this id depends on: its section,
        and for an occurrence its kind."""
        return self.section, (self.model.kind if self.section == "occurrences" else None)


@dataclass
class Resolved:
    """Everything later stages need: the id index and the resolved dates."""

    files: list[ValidFile]
    items: dict[str, Item] = field(default_factory=dict)
    # (owner id, dotted path of the When field) -> its span of days
    dates: dict[tuple[str, str], Span] = field(default_factory=dict)
    # Ids defined outside `files`, as a previous build recorded them: a warm
    # build resolves the files it re-reads against the rest of the corpus
    # without loading it. id -> (section, occurrence kind or None)
    known: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # article id -> publication day, for articles outside `files`
    anchors: dict[str, dt.date] = field(default_factory=dict)

    def of_section(self, section: str) -> list[Item]:
        return sorted((i for i in self.items.values() if i.section == section), key=lambda i: i.id)

    def anchor(self, article_id: str) -> dt.date:
        """The day an article's relative phrases count from: its publication's first."""
        span = self.dates.get((article_id, "published"))
        return span.start if span is not None else self.anchors[article_id]

    def lookup(self, ref: str) -> tuple[str, str | None] | None:
        """The section an id is defined in (and an occurrence's kind), or None."""
        item = self.items.get(ref)
        if item is None:
            return self.known.get(ref)
        return item.section_kind()

    def article_of(self, model: Any) -> str | None:
        """The first article a fact's evidence cites: its dates resolve against it."""
        for ev in attr(model, "evidence", []):
            target = self.lookup(ev.source)
            if target is not None and target[0] == "articles":
                return str(ev.source)
        return None


def attr(model: Any, name: str, default: Any = None) -> Any:
    """A field's value, or `default` when the model has no such field.
    Pydantic stores fields in __dict__; getattr with a default would take the
    model's __getattr__ and raise and catch an AttributeError on every miss."""
    return model.__dict__.get(name, default)


def whens(model: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], When]]:
    """Every When inside a model, with its path."""
    for name in _nested_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, When):
            yield (*prefix, name), value
        elif isinstance(value, BaseModel):
            yield from whens(value, (*prefix, name))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, BaseModel):
                    yield from whens(v, (*prefix, name, i))


_NESTED: dict[type, tuple[str, ...]] = {}


def _nested_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that can hold a When, at any depth: at a
    million facts, looking at every other field of every fact costs seconds."""
    found = _NESTED.get(cls)
    if found is None:
        found = _NESTED[cls] = tuple(
            name for name, f in cls.model_fields.items() if _may_hold_when(f.annotation)
        )
    return found


def _may_hold_when(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return issubclass(annotation, When) or bool(_nested_fields(annotation))
    return any(_may_hold_when(arg) for arg in typing.get_args(annotation))


def dotted(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path)


def resolve(
    files: list[ValidFile],
    errors: Collector,
    check_refs: bool = True,
    known: dict[str, tuple[str, str | None]] | None = None,
    anchors: dict[str, dt.date] | None = None,
) -> Resolved:
    """`known` and `anchors` describe ids and articles defined outside `files`."""
    out = Resolved(files=files, known=known or {}, anchors=anchors or {})
    _index(out, errors)
    _check_reviews(out, errors)
    if check_refs:
        _check_refs(out, errors)
    _check_cycles(out, errors)
    _resolve_dates(out, errors)
    return out


def _index(out: Resolved, errors: Collector) -> None:
    for vf in out.files:
        for section in ID_SECTIONS:
            for index, model in enumerate(getattr(vf.model, section)):
                item = Item(section, index, model, vf)
                first = out.items.get(item.id)
                if first is not None:
                    line, col = item.where("id")
                    fl, fc = first.where("id")
                    errors.add(
                        item.file,
                        line,
                        col,
                        "id.duplicate",
                        f"id {item.id!r} is already defined at {first.file}:{fl}:{fc}",
                        item.id,
                    )
                    continue
                out.items[item.id] = item


def _check_reviews(out: Resolved, errors: Collector) -> None:
    """One verdict per finding: with two, which stands would depend on file
    order, and the finding would be stored once per review."""
    # Located only for a message: the fast reader records no position of a
    # review's key, so asking for one reads the file again with libyaml.
    first: dict[str, tuple[ValidFile, int]] = {}
    for vf in out.files:
        for index, review in enumerate(vf.model.reviews):
            if review.finding not in first:
                first[review.finding] = (vf, index)
                continue
            seen, seen_index = first[review.finding]
            line, col = vf.doc.locate(("reviews", index, "finding"))
            fl, fc = seen.doc.locate(("reviews", seen_index, "finding"))
            errors.add(
                vf.file,
                line,
                col,
                "review.duplicate",
                f"finding {review.finding!r} is already reviewed at {seen.file}:{fl}:{fc}",
                None,
            )


def _described(out: Resolved, id: str) -> str:
    """An id with what tells it from its neighbours: its label, name, title or
    headline, and where it is defined ('balloon-shootdown-2023' ("US shoots down
    the balloon, 4 February 2023", facts/occurrences.yaml:40))."""
    item = out.items.get(id)
    if item is None:
        return repr(id)
    model = item.model
    words = next(
        (
            w
            for w in (getattr(model, f, None) for f in ("label", "name", "title", "headline"))
            if isinstance(w, str)
        ),
        None,
    )
    line, _ = item.where()
    said = f'"{words}", ' if words else ""
    return f"{id!r} ({said}{item.file}:{line})"


def _check_refs(out: Resolved, errors: Collector) -> None:
    """Every reference names an id of a section its field allows (schema/refs.py),
    and an occurrence of a kind it allows."""
    by_section: dict[str, list[str]] = {}  # for suggestions: filled at the first problem
    for item in sorted(out.items.values(), key=lambda i: (i.file, i.section, i.index)):
        for path, ref, allowed in refs(item.model):
            sections = allowed.sections
            target = out.lookup(ref)
            if target is None or target[0] not in sections:
                if not by_section:
                    for other in out.items.values():
                        by_section.setdefault(other.section, []).append(other.id)
                pool = sorted(i for s in sections for i in by_section.get(s, []))
                close = difflib.get_close_matches(ref, pool, n=3, cutoff=0.5)
                hint = f"; did you mean {' or '.join(_described(out, c) for c in close)}?" if close else ""
                what = "not a known id of" if target is None else f"in {target[0]}, not in"
                line, col = item.where(*path)
                errors.add(
                    item.file,
                    line,
                    col,
                    "id.unknown" if target is None else "id.wrong-section",
                    f"{dotted(path)}: {ref!r} is {what} {', '.join(sections)}{hint}",
                    item.id,
                )
                continue
            kinds = allowed.kinds
            if kinds and target[1] not in kinds:
                line, col = item.where(*path)
                errors.add(
                    item.file,
                    line,
                    col,
                    "id.wrong-kind",
                    f"{dotted(path)}: occurrence {ref!r} is a {target[1]}; expected {' or '.join(kinds)}",
                    item.id,
                )


def _check_cycles(out: Resolved, errors: Collector) -> None:
    """Places nest in places, visits in trips: neither may contain itself
    (corpus/integrity.py states the graph)."""
    nestings: list[tuple[str, str, str]] = []
    for item in out.of_section("facts"):
        model = item.model
        if isinstance(model, Visit | Meeting) and model.part_of:
            if model.part_of == model.of:
                line, col = item.where("part_of")
                errors.add(item.file, line, col, "id.cycle", f"{model.of!r} is part of itself", item.id)
            nestings.append((item.id, model.of, model.part_of))
    places = [(i.id, i.model.parent) for i in out.of_section("places") if i.model.parent]
    parent, nested_by = containment(places, nestings)
    for start, cycle in find_cycles(parent):
        # An occurrence defined outside these files (a warm build's): at the fact that nests it.
        item = out.items.get(start) or out.items[nested_by[start]]
        line, col = item.where()
        errors.add(item.file, line, col, "id.cycle", "containment cycle: " + " -> ".join(cycle), start)


def _resolve_dates(out: Resolved, errors: Collector) -> None:
    for item in out.of_section("articles"):
        out.dates[(item.id, "published")] = _absolute(item.model.published.date)
    for item in sorted(out.items.values(), key=lambda i: (i.file, i.section, i.index)):
        if item.section == "articles":
            continue
        for path, when in whens(item.model):
            key = (item.id, dotted(path))
            if when.date is not None:
                out.dates[key] = _absolute(when.date)
                continue
            article = out.article_of(item.model)
            if article is None:
                line, col = item.where(*path)
                errors.add(
                    item.file,
                    line,
                    col,
                    "date.no-anchor",
                    f"{dotted(path)}: the phrase {when.phrase!r} needs an article in `evidence` "
                    "to resolve against",
                    item.id,
                )
                continue
            try:
                assert when.phrase is not None
                out.dates[key] = resolve_phrase(when.phrase, out.anchor(article))
            except DateError as exc:
                # Positions are looked up only for a problem: for a file read by
                # the fast reader, the first look-up re-reads it with libyaml.
                line, col = item.where(*path)
                errors.add(item.file, line, col, "date.phrase", f"{dotted(path)}: {exc}", item.id)


def _absolute(text: str) -> Span:
    return parse_iso(text)  # validated by the schema already
