"""An article's sentences and its furniture lines, as `coverage` counts them
(its docstring says how a text is split) and as a build stores them in the
`sentences` table.

A sentence is stripped and so is every quote and furniture span (verify
strips them before it looks), so two of them share a non-space character
exactly when they overlap: the database can tell a cited sentence by
offsets alone."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

ABBREVIATIONS = frozenset(
    {
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "St.",
        "Jr.",
        "U.S.",
        "U.N.",
        "No.",
        "Gen.",
        "Sen.",
        "Rep.",
        "Gov.",
        "Adm.",
        "Lt.",
        # ranks, as the press writes them before a name ("Air Force Maj. Gen. Pat Ryder")
        "Maj.",
        "Col.",
        "Capt.",
        "Cmdr.",
        "Brig.",
        "Sgt.",
    }
    # Months, as datelines and dates write them ("Beijing, Jul. 9", "Oct. 4").
    | {f"{m}." for m in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")}
)
CLOSERS = "\"”’')]"
OPENERS = "\"“‘'"
# A candidate end: the terminator, any closers, then the white space to the next sentence.
_END = re.compile(rf"[.!?][{re.escape(CLOSERS)}]*(\s+)")
_INITIAL = re.compile(r"[A-Z]\.")
_LEADING = re.compile(rf"^[{re.escape(OPENERS)}(\[]+")


@dataclass(frozen=True)
class Sentence:
    start: int  # code points into the article text, end exclusive
    end: int
    line: int  # 1-based line of the seed text
    text: str


def _abbreviation_before(line: str, dot: int) -> bool:
    """Whether the `.` at `dot` ends an abbreviation rather than a sentence."""
    word_start = dot
    while word_start > 0 and not line[word_start - 1].isspace():
        word_start -= 1
    word = _LEADING.sub("", line[word_start : dot + 1])
    return word in ABBREVIATIONS or _INITIAL.fullmatch(word) is not None


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in OPENERS


def _split_line(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one line, relative to the line."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(line):
        after = m.end()
        if after >= len(line) or not _starts_sentence(line[after]):
            continue
        if line[m.start()] == "." and _abbreviation_before(line, m.start()):
            continue
        pieces.append((start, m.start(1)))
        start = after
    pieces.append((start, len(line)))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        piece = line[s:e]
        bare = piece.strip()
        if bare:
            s += len(piece) - len(piece.lstrip())
            out.append((s, s + len(bare)))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, furniture included, in text order."""
    out: list[Sentence] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line:  # most articles have a blank line between paragraphs
            offset += 1
            continue
        for s, e in _split_line(line):
            out.append(Sentence(offset + s, offset + e, number, line[s:e]))
        offset += len(line) + 1
    return out


def _touches(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans share at least one non-space character of the text."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return lo < hi and not text[lo:hi].isspace()


def furniture_lines(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """The 1-based numbers of the lines that any furniture span touches."""
    out: set[int] = set()
    if not spans:
        return out
    furniture = Spans(text, spans)
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line and furniture.touch((offset, offset + len(line))):
            out.add(number)
        offset += len(line) + 1
    return out


class Spans:
    """An article's quote or furniture spans, for asking which touch a sentence without
    trying all of them: at 100 quotes and 100 sentences an article, trying
    every pair was 7 s of coverage at 100k facts."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        # the furthest end of any span up to each one
        self.reach = list(accumulate((b for _, b in self.spans), max))

    def touch(self, span: tuple[int, int]) -> bool:
        # Only spans that start before this one ends can touch it; going
        # back, none can once the furthest end so far falls short of its start.
        j = bisect_left(self.starts, span[1]) - 1
        while j >= 0 and self.reach[j] > span[0]:
            if _touches(self.text, span, self.spans[j]):
                return True
            j -= 1
        return False


def reporting_sentences(text: str, furniture: list[tuple[int, int]]) -> list[tuple[Sentence, bool]]:
    """Every sentence of the text, each with whether it is on a furniture line."""
    skip = furniture_lines(text, furniture)
    return [(s, s.line in skip) for s in split_sentences(text)]
