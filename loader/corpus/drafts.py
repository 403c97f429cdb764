"""Where the unconfirmed drafts of a corpus are: each item of a file's
`drafts:` section, located at `file:line:col` with its id and kind.

A build counts drafts (`count_items`, the `drafts` table) on every path; this
module answers "where", for `validate` and `build` to print, and is asked only
when that count is not zero. It reads only the files whose text has a
`drafts:` key at the start of a line, with the precise reader; a file that
does not parse is skipped here (the load reports it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factdb.schema import DRAFTS

from ..common import Collector
from ..read.yaml_reader import read_file
from .load import named_paths


@dataclass(frozen=True, order=True)
class Draft:
    file: str
    line: int
    col: int
    id: str
    kind: str


def _has_drafts(raw: bytes) -> bool:
    return raw.startswith(b"drafts:") or b"\ndrafts:" in raw


def unconfirmed(facts_dir: Path) -> list[Draft]:
    """Every drafted fact of the corpus not yet confirmed, in file and line order."""
    found: list[Draft] = []
    for path, name in named_paths(facts_dir):
        raw = Path(path).read_bytes()
        if not _has_drafts(raw):
            continue
        doc = read_file(raw, name, Collector())
        if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get(DRAFTS), list):
            continue
        for n, item in enumerate(doc.data[DRAFTS]):
            fields = item if isinstance(item, dict) else {}
            line, col = doc.position((DRAFTS, n))
            found.append(Draft(name, line, col, str(fields.get("id", "?")), str(fields.get("kind", "?"))))
    return sorted(found)
