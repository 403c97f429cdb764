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

Where.  Given the database a build wrote from the facts, coverage reads the
articles, furniture and quote offsets from it, as a build of the facts as
they are now would write them (files changed since are read again and put in
place of theirs, in memory): at 100k facts that took 0.1 s where loading the
corpus took 11 s. Where only a cold build could vouch for the database, the
corpus is loaded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console

from .build import cache_dir, read_as_built
from .corpus import load_corpus
from .incremental import After, NotIncremental

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
    furniture = _Spans(text, spans)
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line and furniture.touch((offset, offset + len(line))):
            out.add(number)
        offset += len(line) + 1
    return out


class _Spans:
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


def article_coverage(
    article: str, seed: str, text: str, furniture: list[tuple[int, int]], quotes: list[tuple[int, int]]
) -> ArticleCoverage:
    skip = furniture_lines(text, furniture)
    sentences = [s for s in split_sentences(text) if s.line not in skip]
    quoted = _Spans(text, quotes)
    uncited = [s for s in sentences if not quoted.touch((s.start, s.end))]
    total, cited = len(sentences), len(sentences) - len(uncited)
    percent = 100.0 * cited / total if total else 100.0
    return ArticleCoverage(article, seed, total, cited, percent, uncited)


def coverage(facts_dir: Path, db: Path | None = None) -> list[ArticleCoverage]:
    """Measure each article, in seed order: from `db` when it can tell (see
    Where, above), else from the corpus (raising InvalidData if it has problems)."""
    if db is not None:
        try:
            return read_as_built(facts_dir, db, _from_database)
        except NotIncremental:
            pass
    corpus = load_corpus(facts_dir, cache_dir=cache_dir(db) if db else None, write_cache=False)
    verified, items = corpus.verified, corpus.resolved.items
    quotes: dict[str, list[tuple[int, int]]] = {}
    for (owner, n), span in verified.offsets.items():
        source = str(items[owner].model.evidence[n].source)
        quotes.setdefault(source, []).append(span)
    furniture: dict[str, list[tuple[int, int]]] = {}
    for (article, _n), span in verified.furniture.items():
        furniture.setdefault(article, []).append(span)
    articles = [
        (item.id, str(item.model.seed), verified.texts[item.id].text)
        for item in corpus.resolved.of_section("articles")
    ]
    return _measure(articles, furniture, quotes)


def _from_database(con: duckdb.DuckDBPyConnection, table: After) -> list[ArticleCoverage]:
    quotes: dict[str, list[tuple[int, int]]] = {}
    for source, start, end in con.execute(
        f"SELECT source, quote_start, quote_end FROM {table('evidence')} WHERE quote_start IS NOT NULL"
    ).fetchall():
        quotes.setdefault(source, []).append((start, end))
    furniture: dict[str, list[tuple[int, int]]] = {}
    for article, start, end in con.execute(
        f"SELECT article, text_start, text_end FROM {table('furniture')} WHERE text_start IS NOT NULL"
    ).fetchall():
        furniture.setdefault(article, []).append((start, end))
    articles = con.execute(f"SELECT id, seed, text FROM {table('articles')}").fetchall()
    return _measure(articles, furniture, quotes)


def _measure(
    articles: list[tuple[str, str, str]],
    furniture: dict[str, list[tuple[int, int]]],
    quotes: dict[str, list[tuple[int, int]]],
) -> list[ArticleCoverage]:
    out = [
        article_coverage(article, seed, text, furniture.get(article, []), quotes.get(article, []))
        for article, seed, text in articles
    ]
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
