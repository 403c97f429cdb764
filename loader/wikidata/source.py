"""Where Wikidata's entities are read from: saved JSON (offline) or the live API.

Contract: a reader maps Q-ids to the raw entity JSON (a dict as Wikidata gives
it); `entity.parse_entity` reads it. Both readers give the same shape, so the
import runs the same code offline and online:

* `SavedEntities(path)`: a file or a folder of files (``*.json``, ``*.json.gz``,
  ``*.json.bz2``), each an entity-data response (``{"entities": {"Q1": {...}}}``,
  what ``Special:EntityData/Q1.json`` returns), one bare entity, a JSON list of
  entities, or a Wikidata JSON dump (a list with one entity per line, read line
  by line so that a dump need not fit in memory). Every entity in it is known;
  an entity asked for and not in it is missing (`None`).
* `LiveEntities()`: ``https://www.wikidata.org/wiki/Special:EntityData/Q1.json``,
  one request per entity, asked for only when needed and remembered.

A file that is not JSON of one of these shapes raises `UsageError` naming it."""

from __future__ import annotations

import bz2
import gzip
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..common import UsageError

API = "https://www.wikidata.org/wiki/Special:EntityData/{}.json"
USER_AGENT = "factdb-import/1 (https://github.com/; fact-checking corpus tool)"

Raw = dict[str, Any]


def _open(path: Path) -> IO[str]:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.name.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _entities_of(data: Any, where: Path) -> Iterator[Raw]:
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        yield from data["entities"].values()
    elif isinstance(data, dict) and "id" in data:
        yield data
    elif isinstance(data, list):
        yield from (e for e in data if isinstance(e, dict))
    else:
        raise UsageError(
            f"{where}: not Wikidata entity JSON (no `entities`, no entity `id`, no list of entities)"
        )


def _read_file(path: Path) -> Iterator[Raw]:
    with _open(path) as fh:
        first = fh.readline()
        if first.strip() == "[":  # a dump: one entity a line, each but the last ending in ","
            for number, line in enumerate(fh, start=2):
                line = line.strip().rstrip(",")
                if line in ("", "]"):
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise UsageError(f"{path}:{number}: not a JSON entity of a dump ({e.msg})") from None
            return
        text = first + fh.read()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise UsageError(f"{path}:{e.lineno}:{e.colno}: not JSON ({e.msg})") from None
    yield from _entities_of(data, path)


class SavedEntities:
    """Entities from a file or a folder of saved JSON."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder of Wikidata JSON")
        files = (
            sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.name.endswith((".json", ".json.gz", ".json.bz2"))
            )
            if path.is_dir()
            else [path]
        )
        if not files:
            raise UsageError(f"{path}: no *.json file in this folder")
        self.entities: dict[str, Raw] = {}
        for f in files:
            for raw in _read_file(f):
                qid = raw.get("id")
                if isinstance(qid, str):
                    self.entities[qid] = raw
        self.where = str(path)

    def get(self, qid: str) -> Raw | None:
        return self.entities.get(qid)

    def all(self) -> list[Raw]:
        return [self.entities[q] for q in sorted(self.entities, key=lambda q: int(q[1:]))]


Fetch = Callable[[str], bytes]


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body: bytes = response.read()
        return body


class LiveEntities:
    """Entities from Wikidata's entity-data API, each fetched once."""

    where = "https://www.wikidata.org"

    def __init__(self, fetch: Fetch = _fetch) -> None:
        self.fetch = fetch
        self.cache: dict[str, Raw | None] = {}

    def get(self, qid: str) -> Raw | None:
        if qid not in self.cache:
            try:
                data = json.loads(self.fetch(API.format(qid)))
            except urllib.error.HTTPError as e:
                if e.code == 404:
                    self.cache[qid] = None
                    return None
                raise UsageError(f"{API.format(qid)}: HTTP {e.code} {e.reason}") from None
            except (urllib.error.URLError, TimeoutError, OSError) as e:
                raise UsageError(
                    f"{API.format(qid)}: cannot reach Wikidata ({e}); save the entities' JSON and use --from"
                ) from None
            answered = list(_entities_of(data, Path(API.format(qid))))
            # the entity asked for; a redirect answers with the one it now is
            self.cache[qid] = next(
                (e for e in answered if e.get("id") == qid), answered[0] if answered else None
            )
        return self.cache[qid]

    def all(self) -> list[Raw]:
        return [e for e in self.cache.values() if e is not None]
