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

Where.  Given the database a build wrote from the facts, coverage reads it
as a build of the facts as they are now would write it (files changed since
are read again and put in place of theirs, in memory): the build stored each
article's sentences (the `sentences` table), so one query tells which a
quote cites. At 100k facts `coverage --format json` took 0.44 s that way,
0.73 s splitting every text again, with the same bytes out. Where only a
cold build could vouch for the database, the corpus is loaded and split.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console

from ..build import After, NotIncremental, cache_dir
from ..corpus import Sentence, Spans, load_corpus, reporting_sentences
from ..output.formats import escape_control
from ..pipeline import read_as_built


@dataclass(frozen=True)
class ArticleCoverage:
    article: str
    seed: str
    sentences: int  # reporting sentences, furniture excluded
    cited: int
    uncited: list[Sentence] = field(default_factory=list)

    @property
    def percent(self) -> float:
        """Cited over all; an article with no reporting sentence counts as 100."""
        return 100.0 * self.cited / self.sentences if self.sentences else 100.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "seed": self.seed,
            "sentences": self.sentences,
            "cited": self.cited,
            "percent": round(self.percent, 2),
            "uncited": [asdict(s) for s in self.uncited],
        }


def _in_seed_order(articles: list[ArticleCoverage]) -> list[ArticleCoverage]:
    return sorted(articles, key=lambda a: (a.seed, a.article))


def article_coverage(
    article: str, seed: str, text: str, furniture: list[tuple[int, int]], quotes: list[tuple[int, int]]
) -> ArticleCoverage:
    sentences = [s for s, on_furniture in reporting_sentences(text, furniture) if not on_furniture]
    quoted = Spans(text, quotes)
    uncited = [s for s in sentences if not quoted.touch((s.start, s.end))]
    return ArticleCoverage(article, seed, len(sentences), len(sentences) - len(uncited), uncited)


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
    """The build's sentences, each cited when some quote of its article
    overlaps it (loader/corpus/sentences.py says why offsets suffice). Per article,
    a quote's reach is the furthest end of the quotes that start no later;
    the one that starts last before a sentence ends tells whether any reaches
    into it. In DuckDB that is an ASOF join, not a quote by sentence product."""
    rows = con.execute(
        f"""
        WITH quotes AS (
            SELECT source, quote_start, max(quote_end) AS quote_end
            FROM {table("evidence")} WHERE quote_start IS NOT NULL GROUP BY ALL
        ), reach AS (
            SELECT source, quote_start,
                   max(quote_end) OVER (PARTITION BY source ORDER BY quote_start) AS reach
            FROM quotes
        ), measured AS (
            SELECT s.article, s.seq, s.line, s.text_start, s.text_end, coalesce(r.reach > s.text_start, false) AS cited
            FROM (SELECT * FROM {table("sentences")} WHERE NOT furniture) s
            ASOF LEFT JOIN reach r ON r.source = s.article AND s.text_end > r.quote_start
        )
        SELECT article, count(*), count(*) FILTER (WHERE cited),
               coalesce(list((text_start, text_end, line) ORDER BY seq) FILTER (WHERE NOT cited), [])
        FROM measured GROUP BY article
        """
    ).fetchall()
    measured = {article: (total, cited, uncited) for article, total, cited, uncited in rows}
    out = []
    # The texts joined here, not in SQL: carried along a million sentences
    # to be cut, they took DuckDB 3 CPU s; Python cuts them by code point too.
    for article, seed, text in con.execute(f"SELECT id, seed, text FROM {table('articles')}").fetchall():
        total, cited, uncited = measured.get(article, (0, 0, []))
        sentences = [Sentence(start, end, line, text[start:end]) for start, end, line in uncited]
        out.append(ArticleCoverage(article, seed, total, cited, sentences))
    return _in_seed_order(out)


def _measure(
    articles: list[tuple[str, str, str]],
    furniture: dict[str, list[tuple[int, int]]],
    quotes: dict[str, list[tuple[int, int]]],
) -> list[ArticleCoverage]:
    return _in_seed_order(
        [
            article_coverage(article, seed, text, furniture.get(article, []), quotes.get(article, []))
            for article, seed, text in articles
        ]
    )


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
        console.print(
            escape_control("  ".join(left + right).rstrip()), markup=False, style="bold" if n == 0 else None
        )
    uncited = [(a, s) for a in articles for s in a.uncited]
    total = sum(a.sentences for a in articles)
    console.print(
        f"{total - len(uncited)} of {total} sentence(s) cited, {len(uncited)} uncited", markup=False
    )
    for a, s in uncited:
        console.print(escape_control(f"{a.seed}:{s.line}: {s.text}"), markup=False)
