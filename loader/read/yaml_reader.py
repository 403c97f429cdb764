"""Read one YAML file into plain Python data, keeping every node's position.

PyYAML's C parser (libyaml: fast, precise marks) hands over the events of
the text; this module builds values from them itself, so that the rules are
ours, not YAML 1.1's, and a syntax error anywhere is a file's one problem, as
if the whole text had been parsed first:

* plain scalars resolve by the YAML 1.2 core schema, so ``NO``, ``on`` and
  ``2009-02-21`` stay strings and only ``true``/``false`` are booleans;
* a key that appears twice in one mapping is an error;
* anchors and aliases are refused, which also makes "billion laughs" expansion
  impossible;
* nesting deeper than MAX_DEPTH is refused before it can exhaust the stack;
* a sequence of more than MAX_ITEMS items, or a mapping of more than
  MAX_ITEMS keys, is refused at its first item too many, before the rest is
  read (`yaml.too-many-items`): values are built from libyaml's events as they
  come, never from a node tree of the whole file, so a 10 MB file of
  `people: [a, a, ...]` (3.5M items, each a problem) costs the read of its
  first million (2 s, 0.4 GB; it cost 13 s and 2.5 GB in all). Collections
  each under the limit are read whole: the work stays proportional to the
  file's size, which MAX_FILE_BYTES bounds;
* a character YAML forbids (a control character, U+FFFE) is reported at its
  own line:col, every one of them, found by one regex search that costs a
  valid file a single pass;
* a file over MAX_FILE_BYTES is refused; file_cache.read_stamped refuses it
  by its stat, unread (an `Oversize`), and reads at most one byte past the
  limit of any other.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..common import Collector

MAX_DEPTH = 64
MAX_FILE_BYTES = 64 * 1024 * 1024
# Items of one sequence, or keys of one mapping. The largest list any corpus
# bench/generate.py writes under MAX_FILE_BYTES has 560k (its occurrences at
# 5.5M facts; 100k at a million); a file of `[a, a, ...]` has 3.5M in 10 MB.
MAX_ITEMS = 1_000_000

_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
# What libyaml refuses as not printable (YAML 1.1 §5.1; a BOM past the start
# too), found here so that each is reported where it is rather than at 1:1.
# CR is left out: a lone one is a line break. NEL is a line break above.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_C0 = [
    "NUL",
    "SOH",
    "STX",
    "ETX",
    "EOT",
    "ENQ",
    "ACK",
    "BEL",
    "BS",
    "HT",
    "LF",
    "VT",
    "FF",
    "CR",
    "SO",
    "SI",
    "DLE",
    "DC1",
    "DC2",
    "DC3",
    "DC4",
    "NAK",
    "SYN",
    "ETB",
    "CAN",
    "EM",
    "SUB",
    "ESC",
    "FS",
    "GS",
    "RS",
    "US",
]
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """libyaml's parser, whose events the converter below reads; it resolves
    plain scalars by YAML 1.2 itself, never by PyYAML's YAML 1.1 resolver."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

Path = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed file: its data and where each value (and each key) starts.

    A document from the fast reader is `partial`: it knows the positions the
    tables store and keeps its text, so that any other position (for an error
    message) comes from the precise reader, once, when first asked for."""

    file: str
    data: Any
    # A dict from the precise reader; the fast reader's ItemPositions.
    positions: Mapping[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # The text of a partial document, zlib-packed: it is read again only for
    # an error, and kept whole it was a tenth of a loaded corpus.
    packed: bytes | None = None

    @classmethod
    def partial_of(
        cls, file: str, data: Any, positions: Mapping[Path, tuple[int, int]], text: str
    ) -> Document:
        return cls(file=file, data=data, positions=positions, packed=zlib.compress(text.encode(), 1))

    @property
    def partial(self) -> bool:
        return self.packed is not None

    def _make_precise(self) -> None:
        assert self.packed is not None
        precise = parse_text(zlib.decompress(self.packed).decode(), self.file, Collector())
        if precise is None:  # pragma: no cover - the fast reader declines what libyaml refuses
            self.packed = None  # positions stay unknown: (1, 1), never a crash
            return
        self.positions, self.key_positions, self.packed = precise.positions, precise.key_positions, None

    def locate(self, loc: tuple[str | int, ...], at_key: bool = False) -> tuple[int, int]:
        """1-based position for a validation `loc`, skipping elements that are
        not keys of the file (a union's tag); a key that exists is pointed at
        itself, a missing one at the mapping that lacks it."""
        if not at_key:
            # Readers record every prefix of a path they record, so the walk
            # below would end here too. One lookup, not `in` and then `[]`:
            # the tables ask this 2 million times at a million facts.
            found = self.positions.get(loc)
            if found is not None:
                return found
        # The root's position too is the precise reader's: the fast one records none.
        if self.partial and (
            at_key or not loc or any(loc[: n + 1] not in self.positions for n in range(len(loc)))
        ):
            self._make_precise()
        path: Path = ()
        matched_last = False
        for element in loc:
            matched_last = (*path, element) in self.positions
            if matched_last:
                path = (*path, element)
        if at_key and matched_last and path in self.key_positions:
            return self.key_positions[path]
        return self.positions.get(path, (1, 1))

    def position(self, path: Path) -> tuple[int, int]:
        if self.partial and path not in self.positions:
            self._make_precise()
        return self.positions.get(path, (1, 1))


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


class _Abort(Exception):
    """Stops conversion of a file after an error that makes the rest
    meaningless. The rest is still parsed, for a syntax error that would
    take precedence, unless `read_on` is off: a collection too long."""

    def __init__(self, read_on: bool = True) -> None:
        super().__init__()
        self.read_on = read_on


# An event of the parser, typed loosely: libyaml's always has a start_mark,
# and a scalar's its value and style, which the stubs leave optional or out.
_Event = Any
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent


class _Converter:
    """The values of one document, built from libyaml's events as they come:
    no node tree is kept (it was half the memory of a read), and a collection
    past MAX_ITEMS stops the read at its first item too many."""

    def __init__(self, loader: Any, doc: Document, errors: Collector) -> None:
        self.get = loader.get_event
        self.doc = doc
        self.errors = errors
        self.positions: dict[Path, tuple[int, int]] = {}
        doc.positions = self.positions
        self.anchors: dict[str, Any] = {}  # where each was first

    def fail(self, event: _Event, code: str, message: str) -> None:
        mark = event.start_mark
        self.errors.add(self.doc.file, mark.line + 1, mark.column + 1, code, message)

    def convert(self, event: _Event, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.fail(event, "yaml.too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            raise _Abort
        kind = type(event)
        mark = event.start_mark
        anchor = event.anchor
        if kind is _ALIAS:
            if anchor not in self.anchors:  # as PyYAML's composer says it
                raise yaml.composer.ComposerError(None, None, "found undefined alias", mark)
            self.fail(event, "yaml.alias", "anchors and aliases are not allowed in fact files")
            raise _Abort
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if anchor is not None:
            if anchor in self.anchors:
                first = self.anchors[anchor]
                raise yaml.composer.ComposerError(
                    "found duplicate anchor; first occurrence", first, "second occurrence", mark
                )
            self.anchors[anchor] = mark
        if kind is _SCALAR:
            # libyaml marks a plain scalar with style "", the pure-Python parser with None.
            return resolve_plain(event.value) if not event.style else event.value
        get = self.get
        if kind is _SEQ_START:
            out: list[Any] = []
            while True:
                item = get()
                if type(item) is _SEQ_END:
                    return out
                if len(out) == MAX_ITEMS:
                    self._too_many(item, event, "sequence", "items")
                out.append(self.convert(item, (*path, len(out)), depth + 1))
        if kind is _MAP_START:
            mapping: dict[Any, Any] = {}
            entries = 0
            while True:
                key = get()
                if type(key) is _MAP_END:
                    return mapping
                if entries == MAX_ITEMS:
                    self._too_many(key, event, "mapping", "keys")
                entries += 1
                if type(key) is _ALIAS:
                    self.convert(key, path, depth + 1)  # refused
                if type(key) is not _SCALAR:
                    self.fail(key, "yaml.complex-key", "a mapping key must be a plain string")
                    raise _Abort
                name = key.value
                if name in mapping:
                    first = self.doc.key_positions[(*path, name)]
                    self.fail(
                        key,
                        "yaml.duplicate-key",
                        f"duplicate key {name!r} (first at line {first[0]}, column {first[1]})",
                    )
                    self._skip(get())
                    continue
                at: _Event = key.start_mark
                self.doc.key_positions[(*path, name)] = (at.line + 1, at.column + 1)
                mapping[name] = self.convert(get(), (*path, name), depth + 1)
        raise AssertionError(f"unexpected event {kind.__name__}")  # pragma: no cover

    def _too_many(self, item: _Event, start: _Event, what: str, of: str) -> None:
        at = start.start_mark
        self.fail(
            item,
            "yaml.too-many-items",
            f"this {what} (from line {at.line + 1}, column {at.column + 1}) holds more than "
            f"{MAX_ITEMS:,} {of}, the most one {what} may hold",
        )
        raise _Abort(read_on=False)

    def _skip(self, event: _Event) -> None:
        """Past the value `event` starts (a duplicate key's, never read)."""
        depth = 1 if type(event) in (_SEQ_START, _MAP_START) else 0
        while depth:
            kind = type(self.get())
            depth += 1 if kind in (_SEQ_START, _MAP_START) else -1 if kind in (_SEQ_END, _MAP_END) else 0


def decode(raw: bytes, file: str, errors: Collector) -> str | None:
    """UTF-8 (a leading BOM is allowed) to text; CRLF line ends are accepted.
    Text it returns holds no character libyaml refuses (fast_reader relies on it)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        errors.add(file, line, col, "yaml.encoding", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8")
        return None
    text = text.replace("\r\n", "\n")
    # libyaml treats NEL, LS and PS as line breaks (YAML 1.1) and would fold them
    # to spaces inside quoted strings: refuse them rather than change the data.
    bad = _LINE_BREAKS.search(text)
    if bad is not None:
        i = bad.start()
        head = text[:i]
        line = head.count("\n") + 1
        col = i - (head.rfind("\n") + 1) + 1
        errors.add(
            file,
            line,
            col,
            "yaml.line-break-char",
            f"U+{ord(text[i]):04X} would be read as a line break; write it as an escape",
        )
        return None
    if _FORBIDDEN.search(text) is not None:
        _report_forbidden(text, file, errors)
        return None
    return text


def char_name(c: str) -> str:
    """`U+001B (ESC)`: a character's code point and its short name."""
    n = ord(c)
    if n < 0x20:
        name = _C0[n]
    elif n == 0x7F:
        name = "DEL"
    elif 0x80 <= n < 0xA0:
        name = "C1 control"
    elif n == 0xFEFF:
        name = "byte order mark"
    elif n in (0xFFFE, 0xFFFF):
        name = "noncharacter"
    else:
        name = "surrogate" if 0xD800 <= n < 0xE000 else "not printable"
    return f"U+{n:04X} ({name})"


def _report_forbidden(text: str, file: str, errors: Collector) -> None:
    """Every character YAML forbids, each at its own line:col (the Collector caps them).
    Lines are counted from the previous match on: a file of NULs stays linear."""
    line, line_start, counted = 1, 0, 0
    for m in _FORBIDDEN.finditer(text):
        i = m.start()
        breaks = text.count("\n", counted, i)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", counted, i) + 1
        counted = i
        errors.add(
            file,
            line,
            i - line_start + 1,
            "yaml.control-char",
            f"{char_name(text[i])} is not allowed in YAML; remove it",
        )


def parse_text(text: str, file: str, errors: Collector) -> Document | None:
    """Parse YAML text; on failure record the problem and return None. A
    syntax error anywhere is the file's one problem, as if the whole text had
    been parsed first; a problem that stops the read (too deep, too many
    items, an alias, a complex key) is the last one."""
    doc = Document(file=file, data=None)
    found = Collector(errors.per_file, errors.per_run)  # kept only if no syntax error follows
    loader = _Loader(text)
    try:
        try:
            root = _document(loader, doc, found)
        except _Abort as stop:
            if stop.read_on:
                _rest(loader)
            errors.extend(found.problems)
            return None
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or ""):
            # PyYAML 6.0.4 and later refuse deep nesting themselves, far deeper than we do.
            line, col = _too_deep_at(text)
            errors.add(file, line, col, "yaml.too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            return None
        errors.add(file, *_syntax_problem(exc, text))
        return None
    except yaml.YAMLError as exc:
        errors.add(file, 1, 1, "yaml.syntax", str(exc))
        return None
    except RecursionError:
        errors.add(file, 1, 1, "yaml.too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        return None
    finally:
        loader.dispose()
    errors.extend(found.problems)
    if root is None:
        errors.add(file, 1, 1, "yaml.empty", "the file holds no YAML document")
        return None
    if not isinstance(doc.data, dict):
        errors.add(
            file,
            root.start_mark.line + 1,
            root.start_mark.column + 1,
            "yaml.not-mapping",
            f"the top level must be a mapping of sections, not a {type(doc.data).__name__}",
        )
        return None
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str]:
    """Where a syntax error is, its code and its message: libyaml's words, with the character it
    stumbled on and what to do about the commonest slips of hand-written fact files."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    context = f" ({exc.context})" if exc.context else ""
    advice = ""
    if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        mark = exc.context_mark  # where the quotation that is never closed opens
        advice = "; close the quotation that opens here"
    elif problem.startswith("mapping values are not allowed"):
        advice = "; a plain value may not hold ': ': put the value in quotes, or write it as a block (>-)"
    elif "cannot start any token" in problem and mark is not None:
        lines = text.splitlines()
        ch = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
        if ch == "\t":
            advice = "; found a tab: indent with spaces"
        elif ch:
            advice = f"; found {ch!r}: a value that starts with it must be put in quotes"
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return line, col, "yaml.syntax", f"{problem}{context}{advice}"


def _document(loader: Any, doc: Document, errors: Collector) -> _Event | None:
    """The one document of the stream into `doc.data`; its first event, or
    None for a stream with no document. A second document is a syntax error,
    worded as PyYAML's composer words it."""
    get = loader.get_event
    get()  # the stream's start
    start = get()
    if type(start) is yaml.StreamEndEvent:
        return None
    root = get()  # past the document's start
    doc.data = _Converter(loader, doc, errors).convert(root, (), 0)
    get()  # the document's end
    after = get()
    if type(after) is not yaml.StreamEndEvent:
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            start.start_mark,
            "but found another document",
            after.start_mark,
        )
    return root


def _rest(loader: Any) -> None:
    """Parse the rest of the stream for a syntax error, a second document too."""
    while True:
        event = loader.get_event()
        if type(event) is yaml.StreamEndEvent:
            return
        if type(event) is yaml.DocumentStartEvent:
            at: _Event = event.start_mark
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", None, "but found another document", at
            )


def _too_deep_at(text: str) -> tuple[int, int]:
    """Where the first collection deeper than MAX_DEPTH starts, as the converter would say."""
    depth = -1
    try:
        # The pure-Python parser: it yields events as it scans, where libyaml scans the whole flow first.
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                mark = event.start_mark
                if depth > MAX_DEPTH and mark is not None:
                    return mark.line + 1, mark.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return 1, 1


class Oversize(bytes):
    """What is read of a file whose stat says it is over MAX_FILE_BYTES:
    nothing, and its size (file_cache.read_stamped refuses it unread)."""

    size: int

    def __new__(cls, size: int) -> Oversize:
        made = super().__new__(cls)
        made.size = size
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Oversize, (self.size,))


def read_file(raw: bytes, file: str, errors: Collector) -> Document | None:
    """Bytes of one fact file to a Document, or None with the problems recorded."""
    if isinstance(raw, Oversize) or len(raw) > MAX_FILE_BYTES:
        size = f"{raw.size} bytes" if isinstance(raw, Oversize) else f"over {MAX_FILE_BYTES} bytes"
        errors.add(file, 1, 1, "yaml.too-large", f"file is {size}; the limit is {MAX_FILE_BYTES}")
        return None
    text = decode(raw, file, errors)
    if text is None:
        return None
    return parse_text(text, file, errors)
