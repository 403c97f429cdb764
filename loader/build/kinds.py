"""Each fact kind's table: its columns after `id`, and the row of one fact,
keyed by the kind's model (whose `table` names the table, schema/facts.py).

Adding a kind to the schema means adding its entry here; a test fails for a
model without one. Columns follow the conventions in build/tables.py: a date
field F is F_from, F_to, F_precision, F_phrase, F_weekday, F_part; a quantity
Q is Q_value ... Q_dimension. A row function is given the fact's item, its
model and `dates(item, prefix, when, path=None)`, which gives a date's
columns from its resolved span (`path`, the date's dotted path in the model,
when it is not `prefix`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from factdb.schema import FACT_MODELS, Agreement, Birth, Event, Figure, Meeting, Role, Statement, Visit, When

from ..corpus import Item, dotted
from .columns import BOOL, INT, STR, STRS, quantity_columns, quantity_values, when_columns

Dates = Callable[..., dict[str, Any]]
Columns = list[tuple[str, pa.DataType]]


@dataclass(frozen=True)
class ChildRows:
    """A table of rows each fact of a kind has several of (a visit's legs)."""

    name: str
    columns: Columns
    rows: Callable[[Item, Any, Dates], Iterator[dict[str, Any]]]


@dataclass(frozen=True)
class KindRows:
    columns: Columns
    row: Callable[[Item, Any, Dates], dict[str, Any]]
    child: ChildRows | None = None


def _role(item: Item, m: Role, dates: Dates) -> dict[str, Any]:
    return {
        "person": m.person,
        "office": m.office,
        "title": m.title,
        **dates(item, "at", m.at),
        **dates(item, "start", m.start),
        **dates(item, "end", m.end),
    }


def _visit(item: Item, m: Visit, dates: Dates) -> dict[str, Any]:
    fs = m.first_since
    return {
        "of": m.of,
        "travellers": m.travellers,
        "destination": m.destination,
        **dates(item, "arrive", m.arrive),
        **dates(item, "depart", m.depart),
        "legs_complete": m.legs_complete,
        "purpose": m.purpose,
        "part_of": m.part_of,
        "leg": m.leg,
        "last_stop": m.last_stop,
        "first_since_offices": fs.by_offices if fs else None,
        "first_since_to": fs.to if fs else None,
        **quantity_values("first_since_period", fs.period if fs else None),
        **dates(item, "first_since_since", fs.since if fs else None, "first_since.since"),
        # "the first ever": none since the earliest day there is, read as "since X" is
        **(_EVER if fs is not None and fs.ever else {}),
    }


# `first_since: {ever: true}` as the columns of a "since" claim whose X ended before any record
_EVER: dict[str, Any] = {
    "first_since_since_from": dt.date.min,
    "first_since_since_to": dt.date.min,
    "first_since_since_precision": "day",
    "first_since_since_phrase": "ever",
}


def _visit_legs(item: Item, m: Visit, dates: Dates) -> Iterator[dict[str, Any]]:
    for n, leg in enumerate(m.legs):
        yield {
            "visit": item.id,
            "seq": n + 1,
            "place": leg.place,
            **dates(item, "arrive", leg.arrive, dotted(("legs", n, "arrive"))),
            **dates(item, "depart", leg.depart, dotted(("legs", n, "depart"))),
        }


def _meeting(item: Item, m: Meeting, dates: Dates) -> dict[str, Any]:
    return {
        "of": m.of,
        "participants": m.participants,
        "participants_complete": m.participants_complete,
        "venue": m.venue,
        **dates(item, "when", m.when),
        **quantity_values("duration", m.duration),
        "duration_covers": m.duration_covers.strip().lower() if m.duration_covers else None,
        "part_of": m.part_of,
        "subject": m.subject,
    }


def _figure(item: Item, m: Figure, dates: Dates) -> dict[str, Any]:
    return {
        "measure": m.measure,
        "subject": m.subject,
        **quantity_values("quantity", m.quantity),
        **dates(item, "as_of", m.as_of),
    }


def _statement(item: Item, m: Statement, dates: Dates) -> dict[str, Any]:
    return {
        "speaker": m.speaker,
        "said": m.said,
        "direct": m.direct,
        **dates(item, "when", m.when),
        "setting": m.setting,
    }


def _agreement(item: Item, m: Agreement, dates: Dates) -> dict[str, Any]:
    return {
        "of": m.of,
        "parties": m.parties,
        "subject": m.subject,
        "status": m.status,
        **dates(item, "when", m.when),
    }


def _event(item: Item, m: Event, dates: Dates) -> dict[str, Any]:
    return {
        "of": m.of,
        "type": m.type,
        **dates(item, "when", m.when),
        **dates(item, "end", m.end),
        "participants": m.participants,
        "place": m.place,
        "description": m.description,
    }


def _birth(item: Item, m: Birth, dates: Dates) -> dict[str, Any]:
    return {"person": m.person, **dates(item, "born", m.born)}


KIND_ROWS: dict[type, KindRows] = {
    Role: KindRows(
        [
            ("person", STR),
            ("office", STR),
            ("title", STR),
            *when_columns("at"),
            *when_columns("start"),
            *when_columns("end"),
        ],
        _role,
    ),
    Visit: KindRows(
        [
            ("of", STR),
            ("travellers", STRS),
            ("destination", STR),
            *when_columns("arrive"),
            *when_columns("depart"),
            ("legs_complete", BOOL),
            ("purpose", STR),
            ("part_of", STR),
            ("leg", INT),
            ("last_stop", BOOL),
            ("first_since_offices", STRS),
            ("first_since_to", STR),
            *quantity_columns("first_since_period"),
            *when_columns("first_since_since"),
        ],
        _visit,
        ChildRows(
            "visit_legs",
            [("visit", STR), ("seq", INT), ("place", STR), *when_columns("arrive"), *when_columns("depart")],
            _visit_legs,
        ),
    ),
    Meeting: KindRows(
        [
            ("of", STR),
            ("participants", STRS),
            ("participants_complete", BOOL),
            ("venue", STR),
            *when_columns("when"),
            *quantity_columns("duration"),
            ("duration_covers", STR),
            ("part_of", STR),
            ("subject", STR),
        ],
        _meeting,
    ),
    Figure: KindRows(
        [("measure", STR), ("subject", STR), *quantity_columns("quantity"), *when_columns("as_of")],
        _figure,
    ),
    Statement: KindRows(
        [("speaker", STR), ("said", STR), ("direct", BOOL), *when_columns("when"), ("setting", STR)],
        _statement,
    ),
    Agreement: KindRows(
        [("of", STR), ("parties", STRS), ("subject", STR), ("status", STR), *when_columns("when")],
        _agreement,
    ),
    Event: KindRows(
        [
            ("of", STR),
            ("type", STR),
            *when_columns("when"),
            *when_columns("end"),
            ("participants", STRS),
            ("place", STR),
            ("description", STR),
        ],
        _event,
    ),
    Birth: KindRows([("person", STR), *when_columns("born")], _birth),
}

_missing = [m.__name__ for m in FACT_MODELS if m not in KIND_ROWS]
if _missing:  # pragma: no cover - a new kind in the schema without its table
    raise ImportError(f"build/kinds.py has no table for {', '.join(_missing)}")

__all__ = ["KIND_ROWS", "ChildRows", "KindRows", "When"]
