"""`factdb import wikidata`: terms of office, birth dates and names from Wikidata.

* entity: Wikidata's entity JSON read (P39 with P580/P582, P569, P570, labels
  and aliases), keeping time precision and snak types;
* source: where entities come from: saved JSON (a file, a folder, a dump) or
  the live entity-data API, one shape for both;
* records: entities as background records (references, people, offices,
  terms, births), matched to the corpus's own people and offices;
* write: the import itself, into facts/background/wikidata.yaml, the one file
  it writes; a failed import leaves the corpus as it was."""

from __future__ import annotations

from .entity import Entity, Position, WikiTime, parse_entity
from .records import Records
from .source import LiveEntities, SavedEntities
from .write import OUTPUT, ImportResult, import_wikidata

__all__ = [
    "OUTPUT",
    "Entity",
    "ImportResult",
    "LiveEntities",
    "Position",
    "Records",
    "SavedEntities",
    "WikiTime",
    "import_wikidata",
    "parse_entity",
]
