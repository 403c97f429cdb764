"""How much of each article the facts cite: its reporting sentences, how many of
them at least one evidence quote touches, and the ones none does.

Sentences.  The article text is split into lines at ``\\n`` (a line is a
paragraph; line numbers count from 1, as an editor shows them).  Each line is
split into sentences after ``.``, ``!`` or ``?``, optionally followed by closing
quotes or brackets (``" ” ’ ' ) ]``), when what follows is white space and then an
upper-case letter, a digit or an opening quote (``" “ ‘ '``).  There is no split
after a common abbreviation (``Mr. Mrs. Ms. Dr. St. Jr. U.S. U.N.``) or after a
single capital letter (the ``J.`` of ``Antony J. Blinken``), so a sentence that
really ends with one of those runs on into the next.  Each sentence is stripped
of surrounding white space; empty ones are dropped.  Offsets are code points of
the original text, end exclusive, as everywhere in factdb.

Furniture.  Furniture entries name lines of page furniture (a skip link, a
byline, a caption, a breadcrumb), but their text may be only a distinctive part
of the line, and a caption may run over two lines.  So a whole line is furniture
when any furniture span overlaps one of its non-space characters, and every
sentence on a furniture line is left out of the count.

Cited.  A sentence is cited when a quote of the article (an evidence entry whose
source is the article) overlaps it by at least one non-space character.  The percentage is cited
over total sentences; an article with no reporting sentence counts as 100.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from .corpus import load_corpus

ABBREVIATIONS = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.", "U.S.", "U.N."})
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


@dataclass(frozen=True)
class ArticleCoverage:
    article: str
    seed: str
    sentences: int  # reporting sentences, furniture excluded
    cited: int
    percent: float
    uncited: list[Sentence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["percent"] = round(self.percent, 2)
        return d


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
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, furniture included, in text order."""
    out: list[Sentence] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
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
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        here = (offset, offset + len(line))
        if any(_touches(text, here, span) for span in spans):
            out.add(number)
        offset += len(line) + 1
    return out


def article_coverage(
    article: str, seed: str, text: str, furniture: list[tuple[int, int]], quotes: list[tuple[int, int]]
) -> ArticleCoverage:
    skip = furniture_lines(text, furniture)
    sentences = [s for s in split_sentences(text) if s.line not in skip]
    uncited = [s for s in sentences if not any(_touches(text, (s.start, s.end), q) for q in quotes)]
    total, cited = len(sentences), len(sentences) - len(uncited)
    percent = 100.0 * cited / total if total else 100.0
    return ArticleCoverage(article, seed, total, cited, percent, uncited)


def coverage(facts_dir: Path) -> list[ArticleCoverage]:
    """Load the corpus (raising InvalidData if it has problems) and measure
    each article, in seed order."""
    corpus = load_corpus(facts_dir)
    verified, items = corpus.verified, corpus.resolved.items
    quotes: dict[str, list[tuple[int, int]]] = {}
    for (owner, n), span in verified.offsets.items():
        source = str(items[owner].model.evidence[n].source)
        quotes.setdefault(source, []).append(span)
    furniture: dict[str, list[tuple[int, int]]] = {}
    for (article, _n), span in verified.furniture.items():
        furniture.setdefault(article, []).append(span)
    out = []
    for item in corpus.resolved.of_section("articles"):
        out.append(
            article_coverage(
                item.id,
                str(item.model.seed),
                verified.texts[item.id].text,
                furniture.get(item.id, []),
                quotes.get(item.id, []),
            )
        )
    return sorted(out, key=lambda a: (a.seed, a.article))


def coverage_dict(articles: list[ArticleCoverage]) -> dict[str, Any]:
    return {"articles": [a.as_dict() for a in articles]}


def print_coverage(articles: list[ArticleCoverage], console: Console) -> None:
    """A plain aligned table (never truncated, whatever the terminal's width),
    then each uncited sentence as `seed:line: sentence`."""
    head = ("article", "seed", "sentences", "cited", "percent")
    rows = [head] + [
        (a.article, a.seed, str(a.sentences), str(a.cited), f"{a.percent:.1f}%") for a in articles
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    for n, r in enumerate(rows):
        left = [c.ljust(w) for c, w in zip(r[:2], widths[:2], strict=True)]
        right = [c.rjust(w) for c, w in zip(r[2:], widths[2:], strict=True)]
        console.print("  ".join(left + right).rstrip(), markup=False, style="bold" if n == 0 else None)
    uncited = [(a, s) for a in articles for s in a.uncited]
    total = sum(a.sentences for a in articles)
    console.print(
        f"{total - len(uncited)} of {total} sentence(s) cited, {len(uncited)} uncited", markup=False
    )
    for a, s in uncited:
        console.print(f"{a.seed}:{s.line}: {s.text}", markup=False)
