"""A fast path for reading fact files, with the precise reader as its judge.

libyaml through PyYAML builds a Python node for every scalar and the precise
reader walks them all to keep every position: at a large corpus that is most
of a build.  yaml12 (Rust, YAML 1.2 core schema, MIT) builds the values
several times faster but keeps no positions and silently lets a later
duplicate key win.  So this path answers only when it can be sure it gives
what the precise reader would, and otherwise says "don't know" (None):

* anything outside the plain subset the generator and most people write
  (anchors, aliases, tags, directives, several documents, block scalars,
  explicit keys, tabs, backslashes) is left to the precise reader;
* duplicate keys are caught by counting: every mapping key in the source is
  followed by ``": "`` or a line end outside quotes and comments, and every
  key yaml12 kept shows as ``": "`` in the result written as indented JSON
  (by orjson: json.dumps took 0.43 s per 100k facts, orjson 0.10 s); a key
  that yaml12 dropped makes the counts differ;
* a text that could hold a collection over yaml_reader.MAX_ITEMS (it has as
  many commas and line ends: every item but a collection's first follows
  one or the other) is left to the precise reader, which counts as it reads
  and stops at the first item too many, where yaml12 would build them all
  (850 MB for a 10 MB file of `[a, a, ...]`);
* positions are found by a line scan for what the tables store (each item of
  a section, each evidence entry) and checked against the data: the number
  of entries must match, and each must start with its first key.  Every other
  position is computed by the precise reader when someone asks for it (an
  error message), see Document.partial.

A file that fails validation is read again by the precise reader before its
problems are reported, so every problem keeps its exact file:line:col.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from .yaml_reader import MAX_ITEMS, Document, Path

try:  # the fast path is optional: without yaml12 every file takes the precise one
    import yaml12

    _parse: Any = yaml12.parse_yaml
except ImportError:  # pragma: no cover - yaml12 is a dependency
    _parse = None

# What is left to libyaml: anchors, aliases, tags, directives, block scalars,
# explicit keys and reserved characters where a token starts; several documents;
# tabs; backslashes.
# A backslash too: a double-quoted escape (`\x20`, `\n`) puts in the data a
# ": " or ":\n" the text does not hold, which would hide a dropped duplicate key
# from the count below.
_RISKY = re.compile(r"""(?:^[ ]*|[:,\-\[{][ ]*)[&*!%|>?@`]|^(?:---|\.\.\.)(?:\s|$)|\t|\\""", re.MULTILINE)
_RARE = "&*!%|>?@`\t\\"


def _risky(text: str) -> bool:
    # The characters are rare, and `in` is far cheaper than the regex.
    if not any(c in text for c in _RARE) and "---" not in text and "..." not in text:
        return False
    return _RISKY.search(text) is not None


# libyaml accepts only printable characters (YAML 1.1 §5.1); yaml12 lets some
# others through, so a file holding one is left to libyaml to refuse.
_UNPRINTABLE = re.compile("[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")

_COMMENT = re.compile(r"(?:^|[ ]+)#[^\n]*", re.MULTILINE)
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?=[ \n]|\Z)", re.MULTILINE)
_FIRST_CONTENT = re.compile(r"[ ]*(?:#[^\n]*)?\n(?:[ ]*(?:#[^\n]*)?\n)*([ ]*)(\S)")
_patterns: dict[str, re.Pattern[str]] = {}


def _pattern(source: str) -> re.Pattern[str]:
    found = _patterns.get(source)
    if found is None:
        found = _patterns[source] = re.compile(source, re.MULTILINE)
    return found


def read_fast(text: str, file: str, positions_now: bool = True, screened: bool = False) -> Document | None:
    """The document as the precise reader would give it, or None when unsure.
    Its steps are functions of their own so that bench/stages.py can time each.

    Without `positions_now`, the document knows no position yet: the first
    one asked for comes from the precise reader, as any other position of a
    partial document does. For a caller that asks for none unless the file has
    a problem (a validate), which saves the scan: 7 us a fact.

    With `screened`, the caller vouches that the text holds no character
    libyaml refuses (yaml_reader.decode searched for them): one search of
    the text fewer, and only a lone CR is left to look for."""
    if _parse is None or not plain_subset(text, screened):
        return None
    data = parse(text)
    if data is None or not keys_all_kept(text, data):
        return None
    if not positions_now:
        return Document.partial_of(file, data, {}, text)
    positions = _positions(text, data)
    if positions is None:
        return None
    return Document.partial_of(file, data, positions, text)


def plain_subset(text: str, screened: bool = False) -> bool:
    """Whether the text keeps to the subset this reader is sure of (see read_fast for `screened`)."""
    # Counted only in a text long enough to hold MAX_ITEMS of them at all.
    if _risky(text) or (len(text) >= MAX_ITEMS and text.count(",") + text.count("\n") >= MAX_ITEMS):
        return False
    return "\r" not in text if screened else _UNPRINTABLE.search(text) is None


def parse(text: str) -> dict[str, Any] | None:
    """yaml12's value of the text, if it parses to a mapping with something in it."""
    try:
        data = _parse(text)
    except Exception:  # any parse problem is reported by the precise reader
        return None
    return data if isinstance(data, dict) and data else None


def keys_all_kept(text: str, data: dict[str, Any]) -> bool:
    """Whether yaml12 kept every key the text writes (none dropped as a duplicate)."""
    try:
        # Indented, each key is written `"key": `; a string's newline as `\n`.
        dumped = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # a key not a string, an integer beyond 64 bits
        return False
    if b" #" in dumped:  # a '#' in a string: telling it from a comment needs libyaml
        return False
    source = _COMMENT.sub("", text) if "#" in text else text
    # Each key is written as `key: ` or `key:` at a line end; a quoted scalar
    # holds its ": " in the data too.
    written = source.count(": ") + source.count(":\n") + source.endswith(":")
    return written == dumped.count(b": ") + dumped.count(b":\\n")


class ItemPositions(Mapping[Path, tuple[int, int]]):
    """The positions the fast reader finds, in arrays: where each section's
    list, each item, an item's `evidence` list and each of its entries start.
    As a dict of tuples they were an eighth of a loaded corpus.  Filled in
    file order through `section` by _positions."""

    # Per item: line, col, its evidence list's line, col (0, 0 if none), and
    # the index in `_entries` of its first evidence entry.
    _STRIDE = 5

    def __init__(self) -> None:
        self._sections: dict[str, tuple[int, int]] = {}
        self._items: dict[str, array[int]] = {}
        self._entries: dict[str, array[int]] = {}  # line, col of each evidence entry

    def as_data(self) -> dict[str, Any]:
        """The positions as JSON data (the cache keeps them so); `of_data` reads them back."""
        return {
            "sections": {k: list(v) for k, v in self._sections.items()},
            "items": {k: list(v) for k, v in self._items.items()},
            "entries": {k: list(v) for k, v in self._entries.items()},
        }

    @classmethod
    def of_data(cls, data: dict[str, Any]) -> ItemPositions:
        out = cls()
        out._sections = {str(k): (int(v[0]), int(v[1])) for k, v in data["sections"].items()}
        out._items = {str(k): array("l", v) for k, v in data["items"].items()}
        out._entries = {str(k): array("l", v) for k, v in data["entries"].items()}
        if out._sections.keys() != out._items.keys() or out._items.keys() != out._entries.keys():
            raise ValueError("positions of different sections")
        return out

    def section(self, name: str, at: tuple[int, int]) -> tuple[array[int], array[int]]:
        """Start a section's list at `at`; the scan appends to the two arrays
        it hands back: for each item its _STRIDE values, and for each
        evidence entry its line and col."""
        self._sections[name] = at
        items, entries = self._items[name], self._entries[name] = array("l"), array("l")
        return items, entries

    def _entry_range(self, section: str, i: int) -> range:
        items, k = self._items[section], self._STRIDE
        end = items[(i + 1) * k + 4] if (i + 1) * k < len(items) else len(self._entries[section]) // 2
        return range(items[i * k + 4], end)

    def __getitem__(self, path: Path) -> tuple[int, int]:
        found: tuple[int, int] | None = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def get(self, path: Path, default: Any = None) -> Any:
        # Mapping.get would go through __getitem__ and a KeyError for every
        # miss; the tables ask for two million positions at a million facts.
        n = len(path)
        section = path[0] if n else None
        if section not in self._sections:
            return default
        if n == 1:
            return self._sections[section]
        i, items, k = path[1], self._items[section], self._STRIDE
        if type(i) is not int or not 0 <= i < len(items) // k:
            return default
        at = i * k
        if n == 2:
            return items[at], items[at + 1]
        if n > 4 or path[2] != "evidence" or not items[at + 2]:
            return default
        if n == 3:
            return items[at + 2], items[at + 3]
        e = path[3]
        end = items[at + k + 4] if at + k < len(items) else len(self._entries[section]) // 2
        first = items[at + 4]
        if type(e) is not int or not 0 <= e < end - first:
            return default
        entries = self._entries[section]
        return entries[2 * (first + e)], entries[2 * (first + e) + 1]

    def __iter__(self) -> Iterator[Path]:
        for section in self._sections:
            yield (section,)
            items = self._items[section]
            for i in range(len(items) // self._STRIDE):
                yield (section, i)
                if items[i * self._STRIDE + 2]:
                    yield (section, i, "evidence")
                    for n in range(len(self._entry_range(section, i))):
                        yield (section, i, "evidence", n)

    def __len__(self) -> int:
        return sum(1 for _ in self)


_MARK = re.compile(r"^( *)(?:- +(?=[^\s#])|evidence:)", re.MULTILINE)


def _starts_item(text: str, content: int, item: Any) -> bool:
    """The entry at `content` is this item: a flow mapping, or its first key."""
    if not isinstance(item, dict) or not item:
        return False
    return text[content] == "{" or text.startswith(f"{next(iter(item))}:", content)


def _positions(text: str, data: dict[str, Any]) -> ItemPositions | None:
    """Where each item of each section and each of its evidence entries starts,
    or None unless the block layout plainly gives one entry per item.

    Every mark the scan stops at starts a line, so a column is an offset from
    that line's start and a line number is the newlines counted since the
    last position: at a million facts this scan is three million positions."""
    tops = list(_TOP_KEY.finditer(text))
    if [m.group(1) for m in tops] != list(data):
        return None
    positions = ItemPositions()
    line, counted = 1, 0  # the line number at offset `counted`
    for k, top in enumerate(tops):
        section = top.group(1)
        items = data[section]
        if not isinstance(items, list) or not items:
            continue
        end = tops[k + 1].start() if k + 1 < len(tops) else len(text)
        first = _FIRST_CONTENT.match(text, top.end(), end)
        if first is None or first.group(2) != "-":
            return None
        item_indent = len(first.group(1))
        line += text.count("\n", counted, first.start(1))
        counted = first.start(1)
        found, entries = positions.section(section, (line, item_indent + 1))
        i = -1
        item: Any = None
        col = -1  # where the current item's keys start
        evidence: list[Any] | None = None  # the current item's evidence, until all its entries are seen
        ev_indent = -1
        n = 0
        for m in _MARK.finditer(text, first.start(1), end):
            at = m.start()
            indent = m.end(1) - at
            line += text.count("\n", counted, at)
            counted = at
            if text[m.end(1)] == "-":
                content = m.end()
                if indent == item_indent:
                    if n == -1 or (evidence is not None and n != len(evidence)):
                        return None
                    i += 1
                    if i >= len(items):
                        return None
                    item = items[i]
                    if not _starts_item(text, content, item):
                        return None
                    col = content - at
                    found.extend((line, col + 1, 0, 0, len(entries) // 2))
                    wanted = item.get("evidence")
                    if isinstance(wanted, list) and wanted:
                        if text[content] == "{" or next(iter(item)) == "evidence":
                            return None  # evidence inside a flow or on the dash line: left to libyaml
                        evidence = None
                        n = -1  # evidence expected, key not seen yet
                    else:
                        evidence, n = None, 0
                elif evidence is not None and indent == ev_indent:
                    if n >= len(evidence) or not _starts_item(text, content, evidence[n]):
                        return None
                    entries.extend((line, content - at + 1))
                    n += 1
            elif indent == col and item is not None and n == -1:
                ev_first = _FIRST_CONTENT.match(text, m.end(), end)
                if ev_first is None or ev_first.group(2) != "-":
                    return None
                evidence, n = item["evidence"], 0
                ev_indent = len(ev_first.group(1))
                ev_line = line + text.count("\n", at, ev_first.start(1))
                found[-3], found[-2] = ev_line, ev_indent + 1
        if i + 1 != len(items) or n == -1 or (evidence is not None and n != len(evidence)):
            return None
    return positions
