"""Wikidata's entity JSON, read into what `factdb import wikidata` needs.

Contract: `parse_entity` takes one entity as Wikidata's entity-data API and its
JSON dumps give it (`id`, `labels`, `aliases`, `lastrevid`, `modified`,
`claims`) and returns an `Entity`, reading only English labels and aliases and
the statements of these properties:

* P39 (position held), with its qualifiers P580 (start time) and P582 (end
  time): one `Position` per statement, deprecated ones included (marked), so
  the caller can say what it left out and why;
* P569 (date of birth) and P570 (date of death): `Dated` values.

A time keeps Wikidata's precision (`WikiTime.as_date`): precision 11 is a
day ("1982-09-10"), 10 a month ("1982-09"), 9 a year ("1982"), 8 a decade
("1980/1989"); a coarser one, a date before 1900 (the earliest a fact file
holds), one in the Julian calendar, or one in the future (a term's planned
end) is not read (`None`, with the reason in `WikiTime.unreadable`). A
snak's type is kept: "value", "somevalue" (some value, not known) or "novalue"
(none). Nothing here reads a file or the network."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from factdb.schema.common import EARLIEST_YEAR, WIKIDATA_ID

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
FUTURE = "a date in the future"
PRECISION_WORDS = {11: "day", 10: "month", 9: "year", 8: "decade"}
_TIME = re.compile(r"^([+-])(\d{1,16})-(\d\d)-(\d\d)T")


def is_item_id(value: object) -> bool:
    """Whether `value` is a Wikidata item's id ("Q15031"), as schema/ accepts one."""
    return isinstance(value, str) and re.match(WIKIDATA_ID, value) is not None


@dataclass(frozen=True)
class WikiTime:
    """A time value as Wikidata stores it: "+1982-09-10T00:00:00Z" and its precision."""

    time: str
    precision: int
    calendar: str = GREGORIAN

    @property
    def unreadable(self) -> str | None:
        """Why this time cannot be a date of factdb's, or None."""
        m = _TIME.match(self.time)
        if m is None:
            return f"a time factdb cannot read: {self.time!r}"
        if m.group(1) == "-" or int(m.group(2)) < EARLIEST_YEAR:
            return f"a date before {EARLIEST_YEAR}, the earliest a fact file holds: {self.time!r}"
        if self.calendar != GREGORIAN:
            return f"a date in another calendar than the Gregorian ({self.calendar.rsplit('/', 1)[-1]})"
        if self.precision not in PRECISION_WORDS:
            return f"precision {self.precision} (coarser than a decade)"
        year = int(m.group(2))
        if dt.date(year, max(int(m.group(3)), 1), max(int(m.group(4)), 1)) > dt.date.today():
            return FUTURE
        return None

    def as_date(self) -> str | None:
        """The date at Wikidata's precision, as a fact file writes it."""
        if self.unreadable is not None:
            return None
        m = _TIME.match(self.time)
        assert m is not None
        year, month, day = int(m.group(2)), int(m.group(3)), int(m.group(4))
        if self.precision == 11:
            return f"{year:04d}-{month:02d}-{day:02d}"
        if self.precision == 10:
            return f"{year:04d}-{month:02d}"
        if self.precision == 9:
            return f"{year:04d}"
        decade = year - year % 10
        return f"{decade:04d}/{decade + 9:04d}"

    def shown(self) -> str:
        """The time as the quote of an imported fact gives it."""
        words = PRECISION_WORDS.get(self.precision, "other")
        return f"{self.time.split('T')[0]} (precision {self.precision}: {words})"


@dataclass(frozen=True)
class Qualifier:
    """One qualifier snak: its type ("value", "somevalue", "novalue") and time if a value."""

    snaktype: str
    time: WikiTime | None = None


@dataclass(frozen=True)
class Position:
    """One P39 statement."""

    statement: str  # the statement's id, "Q646148$CC300AD7-..."
    rank: str  # preferred, normal, deprecated
    snaktype: str  # of the main snak: value, somevalue, novalue
    item: str | None  # the position's Q-id when snaktype is "value"
    start: Qualifier | None  # P580, None when the statement has none
    end: Qualifier | None  # P582


@dataclass(frozen=True)
class Dated:
    """One statement whose value is a time (P569, P570)."""

    statement: str
    rank: str
    snaktype: str
    time: WikiTime | None


@dataclass
class Entity:
    id: str
    label: str | None  # English
    aliases: list[str]
    revision: int | None  # lastrevid
    modified: str | None  # the revision's time, "2024-03-13T13:16:41Z"
    positions: list[Position] = field(default_factory=list)
    births: list[Dated] = field(default_factory=list)
    deaths: list[Dated] = field(default_factory=list)

    def best(self, dated: list[Dated]) -> list[Dated]:
        """Wikidata's best values: the preferred statements if any, else the normal ones;
        never a deprecated one, nor one without a readable value."""
        readable = [d for d in dated if d.snaktype == "value" and d.time is not None and d.time.as_date()]
        preferred = [d for d in readable if d.rank == "preferred"]
        return preferred or [d for d in readable if d.rank == "normal"]


def _time(snak: dict[str, Any]) -> WikiTime | None:
    value = snak.get("datavalue", {}).get("value")
    if not isinstance(value, dict) or "time" not in value:
        return None
    return WikiTime(
        str(value["time"]), int(value.get("precision", 0)), str(value.get("calendarmodel", GREGORIAN))
    )


def _qualifier(statement: dict[str, Any], prop: str) -> Qualifier | None:
    snaks = statement.get("qualifiers", {}).get(prop) or []
    if not snaks:
        return None
    # Several values of one qualifier: the first with a value, else the first as it is.
    snak = next((s for s in snaks if s.get("snaktype") == "value"), snaks[0])
    return Qualifier(str(snak.get("snaktype", "value")), _time(snak))


def _dated(claims: dict[str, Any], prop: str) -> list[Dated]:
    out = []
    for st in claims.get(prop) or []:
        main = st.get("mainsnak", {})
        out.append(
            Dated(
                str(st.get("id", "")),
                str(st.get("rank", "normal")),
                str(main.get("snaktype", "value")),
                _time(main),
            )
        )
    return out


def parse_entity(data: dict[str, Any]) -> Entity:
    """One entity of Wikidata's JSON (see the module's docstring)."""
    if not isinstance(data, dict) or not is_item_id(data.get("id")):
        raise ValueError("not a Wikidata item: no `id` of the form Q123")
    labels = data.get("labels") or {}
    label = (labels.get("en") or {}).get("value")
    aliases = [a["value"] for a in (data.get("aliases") or {}).get("en", []) if a.get("value")]
    claims = data.get("claims") or {}
    positions = []
    for st in claims.get("P39") or []:
        main = st.get("mainsnak", {})
        value = main.get("datavalue", {}).get("value")
        item = value.get("id") if isinstance(value, dict) else None
        if item is None and isinstance(value, dict) and "numeric-id" in value:
            item = f"Q{value['numeric-id']}"  # the older format, with only the number
        positions.append(
            Position(
                str(st.get("id", "")),
                str(st.get("rank", "normal")),
                str(main.get("snaktype", "value")),
                item,
                _qualifier(st, "P580"),
                _qualifier(st, "P582"),
            )
        )
    revision = data.get("lastrevid")
    return Entity(
        str(data["id"]),
        str(label) if label else None,
        aliases,
        int(revision) if revision is not None else None,
        str(data["modified"]) if data.get("modified") else None,
        positions,
        _dated(claims, "P569"),
        _dated(claims, "P570"),
    )
