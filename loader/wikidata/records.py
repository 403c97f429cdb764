"""Wikidata entities as background records of the corpus.

Contract: `Recorder.person(entity)` turns one person's entity into records, as
fact-file items (plain dicts, in the shape schema/ validates):

* a reference `wd-qN` for the entity's revision (publisher Wikidata, its
  permanent link, `accessed` the day it was read);
* the person: the corpus's own when one carries `wikidata: QN`, else the one
  whose name or an alias is the entity's English label or alias (only if just
  one is), else a new person (id: the label's slug, or `wd-qN` where that is
  taken) with the label, aliases, `wikidata` and birth date;
* a role (a term of office) for each P39 statement with a position and a start,
  citing the statement (its id, the position, the qualifiers as Wikidata has
  them) and keeping Wikidata's precision. A term without an end is open, except
  for a person who has died: then it ended some day between its start and the
  death. A "somevalue" end (it ended, when is not known) ends some day between
  the start and the death, or the day the entity was read;
* the position's office: the corpus's own when one carries `wikidata:` of that
  position, else a new office (id: the label's slug, or `wd-qN`), titled by
  the position's label where the source has the position's entity, else by
  its Q-id (listed in `unnamed_offices` for a person to name);
* a birth: on a new person, its `born`; for the corpus's own person, a `birth`
  fact, which the check wikidata-disagrees compares with the recorded one.

What it leaves out (a deprecated statement, a position or start not known,
a time it cannot read) is listed in `skipped` with the reason, never guessed.
Ids are never taken from a record written by hand: `taken` are the ids the
rest of the corpus defines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..common import fold, slug
from .entity import FUTURE, Entity, Position, Qualifier, parse_entity
from .source import Raw

WIKIDATA_URL = "https://www.wikidata.org"


def _id_of(label: str) -> str:
    """A label as an id: its slug, cut to 80 characters."""
    return slug(label)[:80].strip("-")


def ref_id(qid: str) -> str:
    return f"wd-{qid.lower()}"


@dataclass(frozen=True)
class Known:
    """A person or office of the corpus, as the import matches entities to them."""

    id: str
    names: tuple[str, ...]  # name or title, and aliases
    wikidata: str | None
    file: str
    line: int


@dataclass
class Records:
    """What an import writes, and what it tells."""

    references: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    offices: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    # (person id, Q-id, how: "wikidata" or "name", file:line of the person) of the corpus's own people
    matched: list[tuple[str, str, str, str]] = field(default_factory=list)
    unnamed_offices: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (statement or entity, why)


class Recorder:
    def __init__(
        self,
        people: list[Known],
        offices: list[Known],
        taken: set[str],
        lookup: Callable[[str], Raw | None],
        retrieved: dt.date | None,
    ) -> None:
        self.people = people
        self.taken = set(taken)
        self.lookup = lookup  # for positions' labels
        self.retrieved = retrieved
        self.out = Records()
        self._office_of: dict[str, str] = {o.wikidata: o.id for o in offices if o.wikidata}

    # -- ids

    def _free(self, wanted: str, qid: str) -> str:
        """`wanted` if no record has it, else `wd-qN` (or `wd-qN-2` ...)."""
        id_ = wanted if wanted and wanted not in self.taken else ref_id(qid)
        n = 1
        while id_ in self.taken:
            n += 1
            id_ = f"{ref_id(qid)}-{n}"
        self.taken.add(id_)
        return id_

    # -- matching

    def _match(self, e: Entity) -> Known | None:
        by_id = [p for p in self.people if p.wikidata == e.id]
        if by_id:
            return by_id[0]
        wanted = {fold(n) for n in [e.label or "", *e.aliases] if n}
        by_name = [p for p in self.people if p.wikidata is None and wanted & {fold(n) for n in p.names}]
        return by_name[0] if len(by_name) == 1 else None

    # -- records

    def _accessed(self, e: Entity) -> dt.date:
        if self.retrieved is not None:
            return self.retrieved
        if e.modified:
            return dt.date.fromisoformat(e.modified[:10])
        return dt.date.today()

    def _office(self, position: str) -> str:
        if position in self._office_of:
            return self._office_of[position]
        raw = self.lookup(position)
        entity = parse_entity(raw) if raw is not None else None
        label = entity.label if entity is not None else None
        id_ = self._free(_id_of(label) if label else "", position)
        office: dict[str, Any] = {"id": id_, "title": label or f"Wikidata {position}"}
        if entity is not None and entity.aliases:
            office["aliases"] = entity.aliases
        office |= {"single_holder": False, "wikidata": position}
        if label is None:
            self.out.unnamed_offices.append(position)
        self.out.offices.append(office)
        self._office_of[position] = id_
        return id_

    def _end(self, p: Position, start: str, death: str | None, read: dt.date) -> tuple[str | None, str]:
        """The end a term is written with, and what the quote says of P582."""
        q: Qualifier | None = p.end
        if q is None:
            if death is not None:  # "no end" of someone dead: ended by their death
                return f"{start}/{death}", "none given (the person died " + death + ")"
            return None, "none given"
        if q.snaktype == "novalue":
            return None, "no value (still held)"
        if q.time is not None and q.time.unreadable == FUTURE:
            return None, f"{q.time.shown()}, in the future: still held when read"
        date = q.time.as_date() if q.time is not None else None
        if q.snaktype == "value" and date is not None:
            assert q.time is not None
            return date, q.time.shown()
        return f"{start}/{death or read.isoformat()}", "some value, not known"

    def person(self, raw: Raw) -> None:
        e = parse_entity(raw)
        known = self._match(e)
        read = self._accessed(e)
        reference = {
            "id": ref_id(e.id),
            "title": f"Wikidata {e.id}: {e.label or e.id}"
            + (f" (revision {e.revision})" if e.revision else ""),
            "publisher": "Wikidata",
            "url": f"{WIKIDATA_URL}/w/index.php?title={e.id}&oldid={e.revision}"
            if e.revision
            else f"{WIKIDATA_URL}/wiki/{e.id}",
            "accessed": read.isoformat(),
        }
        self.taken.add(reference["id"])
        self.out.references.append(reference)
        births = sorted(e.best(e.births), key=lambda d: -(d.time.precision if d.time else 0))
        deaths = e.best(e.deaths)
        death = deaths[0].time.as_date() if deaths and deaths[0].time else None
        born = None
        if births:
            b = births[0]
            assert b.time is not None
            born = (
                b.time.as_date(),
                [{"source": reference["id"], "quote": f"{b.statement}: P569 date of birth {b.time.shown()}"}],
            )
            for other in births[1:]:
                self.out.skipped.append((other.statement, "another best date of birth; the finest is taken"))
        if known is not None:
            person = known.id
            how = "wikidata" if known.wikidata == e.id else "name"
            self.out.matched.append((person, e.id, how, f"{known.file}:{known.line}"))
            if born is not None:
                self.out.facts.append(
                    {
                        "id": self._free(f"{ref_id(e.id)}-born", e.id),
                        "kind": "birth",
                        "person": person,
                        "born": born[0],
                        "evidence": born[1],
                        "note": "imported from Wikidata by factdb import wikidata",
                    }
                )
        else:
            person = self._free(_id_of(e.label) if e.label else "", e.id)
            entry: dict[str, Any] = {"id": person, "name": e.label or e.id}
            if e.aliases:
                entry["aliases"] = e.aliases
            if born is not None:
                entry |= {"born": born[0], "evidence": born[1]}
            entry["wikidata"] = e.id
            self.out.people.append(entry)
        for p in e.positions:
            self._term(e, p, person, reference["id"], death, read)

    def _term(self, e: Entity, p: Position, person: str, ref: str, death: str | None, read: dt.date) -> None:
        why = None
        if p.rank == "deprecated":
            why = "deprecated rank"
        elif p.snaktype != "value" or p.item is None:
            why = (
                "the position is not known (some value)"
                if p.snaktype == "somevalue"
                else "no position (no value)"
            )
        elif p.start is None:
            why = "no start time (P580): a term needs its start"
        elif p.start.snaktype != "value" or p.start.time is None:
            why = "the start time is not known"
        elif p.start.time.as_date() is None:
            why = p.start.time.unreadable
        if why is not None:
            self.out.skipped.append((p.statement, why))
            return
        assert p.item is not None and p.start is not None and p.start.time is not None
        start = p.start.time.as_date()
        assert start is not None
        end, end_said = self._end(p, start, death, read)
        office = self._office(p.item)
        term: dict[str, Any] = {
            "id": self._free(f"{ref}-{slug(p.statement.split('$')[-1])[:8].strip('-')}", e.id),
            "kind": "role",
            "person": person,
            "office": office,
            "start": start,
        }
        if end is not None:
            term["end"] = end
        term["evidence"] = [
            {
                "source": ref,
                "quote": f"{p.statement}: P39 position held {p.item}; P580 start time {p.start.time.shown()}; "
                f"P582 end time {end_said}",
            }
        ]
        term["note"] = f"imported from Wikidata by factdb import wikidata (rank {p.rank})"
        self.out.facts.append(term)
