"""`factdb import wikidata`: the record from Wikidata, in a file of its own.

Contract: `import_wikidata` builds the corpus (so it knows every id), reads the
entities asked for (the Q-ids given; else every person of the corpus with a
`wikidata:` id, and, from saved JSON, every person entity in it whose label or
alias is one person's name or alias), turns them into records
(records.Recorder) and writes them to `facts/background/wikidata.yaml`:

* that file is the import's alone: its header says so, a re-run rewrites it,
  replacing the records of the entities it reads again and keeping those of
  the entities it does not; no other file is ever written, so a record written
  by hand is never touched (where one disagrees, `factdb check` says so:
  wikidata-disagrees);
* the corpus with the new file must validate: if it does not, the file is put
  back as it was and the problems are raised (InvalidData), so a failed import
  leaves the corpus as it found it;
* no network unless no `--from` is given; the live reader and the saved one
  give the same JSON, read by the same code (source.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from ..common import FactdbError, UsageError, fold
from ..common.sealed import write_atomic
from ..read.yaml_reader import resolve_plain
from .entity import is_item_id, parse_entity
from .records import Known, Recorder, Records, ref_id
from .source import LiveEntities, SavedEntities

OUTPUT = Path("background") / "wikidata.yaml"
HEADER = """\
# yaml-language-server: $schema=../../schema/factfile.schema.json
#
# Written by `factdb import wikidata`; do not edit by hand: a re-run rewrites this file
# (the records of the entities it reads again are replaced, the others kept). Each
# record cites the Wikidata statement it came from; where it disagrees with the record
# written by hand, `factdb check` says so (wikidata-disagrees).
"""
SECTIONS = ("references", "people", "offices", "facts")


class _Dumper(yaml.SafeDumper):
    """Fact files are read as YAML 1.2 without anchors: every string a 1.2 reader would
    read as something else is quoted, and no anchor is written."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    plain = value and value.strip() == value and resolve_plain(value) == value
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')


_Dumper.add_representer(str, _str)


@dataclass
class ImportResult:
    file: Path
    read: list[str]  # the person entities read, Q-ids
    missing: list[str]  # asked for, and not in the source
    records: Records


def _known(con: duckdb.DuckDBPyConnection, table: str, name: str, ours: str) -> list[Known]:
    rows = con.execute(
        f"SELECT id, {name}, aliases, wikidata, file, line FROM {table} WHERE file IS DISTINCT FROM ? ORDER BY id",
        [ours],
    ).fetchall()
    return [Known(i, (n, *(a or [])), w, f, line) for i, n, a, w, f, line in rows]


def _taken(con: duckdb.DuckDBPyConnection, ours: str) -> set[str]:
    tables = ("people", "organizations", "countries", "places", "offices", "occurrences", "refs", "articles")
    ids = {
        i
        for t in tables
        for (i,) in con.execute(f"SELECT id FROM {t} WHERE file IS DISTINCT FROM ?", [ours]).fetchall()
    }
    ids |= {
        i
        for (i,) in con.execute("SELECT id FROM fact_index WHERE file IS DISTINCT FROM ?", [ours]).fetchall()
    }
    return ids


def _entity_of(item: dict[str, Any], section: str) -> str | None:
    """The Q-id of the person entity a record of the file came from."""
    if section == "references":
        return str(item.get("id", "")).removeprefix("wd-").upper() or None
    if section == "people":
        return item.get("wikidata")
    if section == "facts":
        evidence = item.get("evidence") or [{}]
        source = str(evidence[0].get("source", ""))
        return source.removeprefix("wd-").upper() if source.startswith("wd-") else None
    return None


def merged(previous: dict[str, Any], new: Records, read: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The file's sections: the previous records of entities not read again, then the new."""
    out: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        if section == "offices":
            continue  # below: kept by the terms that name them
        kept = [i for i in previous.get(section) or [] if _entity_of(i, section) not in read]
        out[section] = kept + list(getattr(new, section))
    # an office is kept while a term names it; one written again replaces the previous run's
    named = {f.get("office") for f in out["facts"]}
    fresh = {o["id"] for o in new.offices}
    previous_offices = [o for o in previous.get("offices") or [] if o["id"] not in fresh]
    out["offices"] = [o for o in [*previous_offices, *new.offices] if o["id"] in named]
    return out


def import_wikidata(
    facts_dir: Path,
    db: Path,
    qids: list[str],
    source: Path | None,
    retrieved: dt.date | None = None,
    reader: Any = None,
) -> ImportResult:
    from ..pipeline import build, validate

    bad = [q for q in qids if not is_item_id(q)]
    if bad:
        raise UsageError(
            f"not a Wikidata item id: {', '.join(map(repr, bad))} (an item id is Q and a number: Q15031)"
        )
    target = facts_dir / OUTPUT
    # how the database names the file: under the facts folder's name (corpus/load.py)
    ours = f"{facts_dir.resolve().name}/{OUTPUT.as_posix()}"
    entities = (
        reader if reader is not None else SavedEntities(source) if source is not None else LiveEntities()
    )
    build(facts_dir, db)  # every id and entity of the corpus as its files are now
    con = duckdb.connect(str(db), read_only=True)
    try:
        people = _known(con, "people", "name", ours)
        offices = _known(con, "offices", "title", ours)
        taken = _taken(con, ours)
        # the people this file holds: read again when no ids are given
        own = {
            w
            for (w,) in con.execute(
                "SELECT wikidata FROM people WHERE file = ? AND wikidata IS NOT NULL", [ours]
            ).fetchall()
        }
    finally:
        con.close()
    if qids:
        wanted = list(dict.fromkeys(qids))
    else:
        wanted = sorted({p.wikidata for p in people if p.wikidata} | own, key=lambda q: int(q[1:]))
        if isinstance(entities, SavedEntities):
            names = {fold(n) for p in people if p.wikidata is None for n in p.names}
            for raw in entities.all():
                e = parse_entity(raw)
                if (e.positions or e.births) and {fold(n) for n in [e.label or "", *e.aliases] if n} & names:
                    wanted.append(e.id)
            wanted = list(dict.fromkeys(wanted))
    if not wanted:
        raise UsageError(
            "nothing to import: give Q-ids, give people `wikidata: Q...`, or give --from saved JSON "
            "whose people the corpus names"
        )
    recorder = Recorder(people, offices, taken, entities.get, retrieved)
    read: list[str] = []
    missing: list[str] = []
    for qid in wanted:
        found = entities.get(qid)
        if found is None:
            missing.append(qid)
            continue
        recorder.person(found)
        read.append(qid)
    previous_text = target.read_text(encoding="utf-8") if target.exists() else None
    previous = yaml.safe_load(previous_text) if previous_text else {}
    sections = merged(previous or {}, recorder.out, set(read))
    body = yaml.dump(
        {k: v for k, v in sections.items() if v},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    write_atomic(target, (HEADER + "\n" + body).encode("utf-8"))
    try:
        validate(facts_dir, db)
    except FactdbError:
        if previous_text is None:
            target.unlink()
        else:
            write_atomic(target, previous_text.encode("utf-8"))
        raise
    return ImportResult(target, read, missing, recorder.out)


__all__ = ["OUTPUT", "ImportResult", "import_wikidata", "ref_id"]
