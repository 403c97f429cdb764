"""Prove every quote against its article's text.

The only normalisation is typographic and applies to both the quote and the
text before they are compared: runs of white space (NBSP and other Unicode
spaces included) become one space; curly single and double quotes become
straight ones; hyphen and dash variants (‐ ‑ ‒ – — ― −) become ``-``.
Offsets are stored in code points of the original text, end exclusive.

Where an article's text is found (first hit wins):
``<facts>/../seeds/<seed>``, ``<facts>/seeds/<seed>``, then the project's
own ``seeds/`` folder (see loader/common/paths.py for what the project is).
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common import Collector, project_dir
from ..read import Stamp
from .resolve import Item, Resolved, attr

_SPACE = re.compile(r"\s+")
_RUN = re.compile(r"\s{2,}")
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")


class OffsetMap:
    """Maps an index of the normalised text back to the original text.

    Normalisation maps characters one to one except that each run of white
    space becomes one space; so an original index is the normalised index plus
    the characters dropped by the runs before it."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []  # normalised index just after each collapsed run
        self.shifts: list[int] = []  # characters dropped up to and including that run
        dropped = 0
        # A lone white-space character maps one to one: only longer runs shift.
        for m in _RUN.finditer(text):
            self.starts.append(m.start() - dropped + 1)
            dropped += m.end() - m.start() - 1
            self.shifts.append(dropped)

    def __getitem__(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i)
        return i + (self.shifts[k - 1] if k else 0)


def normalise(text: str) -> tuple[str, OffsetMap]:
    """The normalised text and the map from its indices to the original's."""
    return _collapse(text.translate(_TRANSLATE)), OffsetMap(text)


def _collapse(text: str) -> str:
    """_SPACE.sub(" ", text), a fourth of the time for an article (str.split
    splits at what str.isspace calls white space, which is what \\s matches):
    the regex replaces every lone space of the text with a space."""
    out = " ".join(text.split())
    if not out:
        return " " if text else ""
    if text[0].isspace():
        out = " " + out
    if text[-1].isspace():
        out += " "
    return out


def normalise_quote(quote: str) -> str:
    q = quote.translate(_TRANSLATE)
    # Every white-space character but " " is unprintable, so a printable quote
    # without "  " has no run for the regex to collapse: most quotes, which
    # then normalise in half the time (20,000 generated ones: 0.039 s, not 0.088 s).
    if "  " in q or not q.isprintable():
        q = _SPACE.sub(" ", q)
    return q.strip()


@dataclass
class ArticleText:
    text: str
    norm: str
    where: OffsetMap

    furniture: list[tuple[int, int]] = field(default_factory=list)

    def find(self, quote: str) -> tuple[int, int] | None:
        """Where the quote occurs: the first place within one paragraph and
        outside page furniture (a headline repeated in a breadcrumb, say);
        failing that, the first place within one paragraph; else the first."""
        return self.find_ranked(normalise_quote(quote))[0]

    def find_ranked(self, q: str) -> tuple[tuple[int, int] | None, int]:
        """Where the normalised quote `q` occurs, as find chooses it, and the
        place's rank: 0 within one paragraph and outside furniture, 1 within
        one paragraph, 2 or 3 across paragraphs (4 with no place)."""
        if not q:
            return None, 4
        best: tuple[int, int] | None = None
        best_rank = 4  # worse than any place: the first place found is kept, whatever its rank
        i = self.norm.find(q)
        while i >= 0:
            span = self.where[i], self.where[i + len(q) - 1] + 1
            rank = 2 * self.spans_paragraphs(span) + any(
                s < span[1] and span[0] < e for s, e in self.furniture
            )
            if rank < best_rank:
                best, best_rank = span, rank
                if rank == 0:
                    break
            i = self.norm.find(q, i + 1)
        return best, best_rank

    def spans_paragraphs(self, span: tuple[int, int]) -> bool:
        return _PARAGRAPH.search(self.text, span[0], span[1]) is not None


@dataclass
class Verified:
    texts: dict[str, ArticleText] = field(default_factory=dict)
    # (owner id, evidence index) -> (start, end) in the article text
    offsets: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    # (article id, furniture index) -> (start, end)
    furniture: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    # article id -> its seed file as it was read: a warm build re-reads a
    # seed only if its stat has changed since.
    seeds: dict[str, Stamp] = field(default_factory=dict)


def seed_folders(facts_dir: Path) -> list[Path]:
    return [facts_dir.parent / "seeds", facts_dir / "seeds", project_dir() / "seeds"]


class SeedFinder:
    """Finds articles' texts in the seed folders, in order, listing each folder
    once: ten thousand articles cost three listings, not up to three stats each.

    A seed must lie inside the project (the facts folder's parent, or the
    project factdb was started in): one reached through a symlink or a `..`
    that leads out of it is not found, and `refused` says why, for the
    article's problem (`file.outside-project`)."""

    def __init__(self, facts_dir: Path) -> None:
        self.folders = seed_folders(facts_dir)
        self.roots = sorted({os.path.realpath(facts_dir.parent), os.path.realpath(project_dir())})
        self._files: dict[Path, frozenset[str]] = {}
        self._links: dict[Path, frozenset[str]] = {}
        self.refused: dict[str, str] = {}

    def find(self, seed: str) -> Path | None:
        found = self.find_path(seed)
        return None if found is None else Path(found)

    def find_path(self, seed: str) -> str | None:
        """find, as a plain string."""
        for folder in self.folders:
            if "/" in seed or seed in ("", ".", ".."):  # not a plain file name: ask the file system
                if (folder / seed).is_file():
                    return self._inside(str(folder / seed), seed)
            elif seed in self._listing(folder):
                path = os.path.join(folder, seed)
                return self._inside(path, seed) if seed in self._links[folder] else path
        return None

    def _inside(self, path: str, seed: str) -> str | None:
        real = os.path.realpath(path)
        if any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots):
            return path
        self.refused[seed] = f"seed {seed!r} leads out of the project, to {real!r}: not read"
        return None

    def _listing(self, folder: Path) -> frozenset[str]:
        if folder not in self._files:
            files: set[str] = set()
            links: set[str] = set()
            try:
                with os.scandir(folder) as it:
                    for e in it:
                        if e.is_file():
                            files.add(e.name)
                            if e.is_symlink():
                                links.add(e.name)
            except OSError:  # absent, or not a folder
                pass
            self._files[folder] = frozenset(files)
            self._links[folder] = frozenset(links)
        return self._files[folder]


def verify(
    resolved: Resolved, facts_dir: Path, errors: Collector, texts: dict[str, ArticleText] | None = None
) -> Verified:
    """`texts` holds the articles defined outside the resolved files, already verified."""
    out = Verified(texts=dict(texts or {}))
    seeds = SeedFinder(facts_dir)
    for item in resolved.of_section("articles"):
        _load_article(item, seeds, out, errors)
    for item in sorted(resolved.items.values(), key=lambda i: (i.file, i.section, i.index)):
        for n, ev in enumerate(attr(item.model, "evidence") or []):
            _check_quote(item, n, ev.source, ev.quote, resolved, out, errors)
    return out


@dataclass
class ArticleRead:
    """An article's seed as read: its stamp once the file is found, its text
    once the digest matches, where each furniture text is, and what is amiss
    (the path into the article's entry, a code and a message)."""

    stamp: Stamp | None = None
    text: ArticleText | None = None
    furniture: dict[int, tuple[int, int]] = field(default_factory=dict)
    amiss: list[tuple[tuple[str | int, ...], str, str]] = field(default_factory=list)


_NAMED_HASH = re.compile(r"^\d+_([0-9a-f]{16})\.txt$")


def _which_is_wrong(name: str, actual: str, recorded: str) -> str:
    """Say whether the recorded sha256 or the seed's text is likely the one at fault,
    and how to tell: a seed's name (NNN_<16 hex>.txt) carries the hash it was
    registered with, and a typo changes few characters."""
    head = f"{name} has sha256 {actual}, not the recorded {recorded}"
    named = _NAMED_HASH.match(name)
    differ = sum(a != b for a, b in zip(actual, recorded, strict=False)) + abs(len(actual) - len(recorded))
    if (
        not re.fullmatch(r"[0-9a-f]{64}", recorded)
        or (named and actual.startswith(named.group(1)))
        or differ <= 4
    ):
        why = (
            "it is not 64 hex digits"
            if not re.fullmatch(r"[0-9a-f]{64}", recorded)
            else "the seed's name carries the text's own hash"
            if named and actual.startswith(named.group(1))
            else f"only {differ} of its characters differ from the text's"
        )
        return f"{head}: the recorded sha256 looks mistyped ({why}); if the text is the one registered, record `sha256: {actual}`"
    if named and recorded.startswith(named.group(1)):
        return (
            f"{head}: the text has changed since it was registered (the seed's name carries the recorded hash); "
            f"a seed must never change: restore it (`git diff -- seeds/{name}`)"
        )
    return (
        f"{head}: either the text changed (see `git log -p -- seeds/{name}`) or the recorded sha256 is wrong; "
        "a seed must never change, so restore the text, or correct the hash if the text is the one registered"
    )


def read_article(article: Any, seeds: SeedFinder) -> ArticleRead:
    """The one way an article's seed is read, for verify and for article_text."""
    out = ArticleRead()
    path = seeds.find(article.seed)
    if path is None:
        if article.seed in seeds.refused:
            out.amiss.append((("seed",), "file.outside-project", seeds.refused[article.seed]))
            return out
        folders = ", ".join(map(str, seeds.folders))
        out.amiss.append((("seed",), "seed.missing", f"seed {article.seed!r} not found in any of {folders}"))
        return out
    st = path.stat()
    raw = path.read_bytes()
    out.stamp = Stamp.of(path, st, raw)
    if out.stamp.sha256 != article.sha256:
        message = _which_is_wrong(path.name, out.stamp.sha256, article.sha256)
        out.amiss.append((("sha256",), "seed.changed", message))
        return out
    text = raw.decode("utf-8")
    out.text = at = ArticleText(text, *normalise(text))
    for n, furniture in enumerate(article.furniture):
        span = at.find(furniture.text)
        if span is None:
            message = f"furniture text {furniture.text!r} is not in {article.seed}"
            out.amiss.append((("furniture", n, "text"), "furniture.not-found", message))
        else:
            out.furniture[n] = span
            at.furniture.append(span)
    return out


def _load_article(item: Item, seeds: SeedFinder, out: Verified, errors: Collector) -> None:
    read = read_article(item.model, seeds)
    if read.stamp is not None:
        out.seeds[item.id] = read.stamp
    for where, code, message in read.amiss:
        line, col = item.where(*where)
        errors.add(item.file, line, col, code, message, item.id)
    if read.text is not None:
        out.texts[item.id] = read.text
        out.furniture.update(((item.id, n), span) for n, span in read.furniture.items())


def article_text(article: Any, seeds: SeedFinder) -> ArticleText | None:
    """An article's text with its furniture found, as verify loads it, or
    None if anything about it is amiss: for a caller that needs the text of an
    article whose problems are reported elsewhere."""
    read = read_article(article, seeds)
    return read.text if not read.amiss else None


def _check_quote(
    item: Item, n: int, source: str, quote: str, resolved: Resolved, out: Verified, errors: Collector
) -> None:
    def where() -> tuple[int, int]:
        # Only a problem needs the position: for a file read by the fast
        # reader, the first look-up re-reads it with libyaml.
        return item.where("evidence", n, "quote")

    normalised = normalise_quote(quote)
    # Stripped, with every run of white space one space: words are what a space separates.
    if not normalised:
        line, col = where()
        errors.add(item.file, line, col, "quote.empty", "the quote is empty", item.id)
        return
    if " " not in normalised:
        line, col = where()
        errors.add(
            item.file,
            line,
            col,
            "quote.one-word",
            f"the quote {quote!r} is one word; quote at least two",
            item.id,
        )
        return
    target = resolved.lookup(source)
    if target is None or target[0] != "articles":
        return  # a reference's text is not stored; unknown sources are reported by resolve
    text = out.texts.get(source)
    if text is None:
        return  # the article's seed is missing or changed: reported once, there
    span, rank = text.find_ranked(normalised)
    if span is None:
        line, col = where()
        errors.add(
            item.file,
            line,
            col,
            "quote.not-found",
            f"quote not found in {source}: {_short(quote)}",
            item.id,
        )
        return
    if rank >= 2:  # across paragraphs: there was no place within one
        line, col = where()
        errors.add(
            item.file,
            line,
            col,
            "quote.spans-paragraphs",
            f"the quote crosses a paragraph break: {_short(quote)}",
            item.id,
        )
        return
    out.offsets[(item.id, n)] = span


def _short(quote: str) -> str:
    q = normalise_quote(quote)
    return repr(q if len(q) <= 70 else q[:67] + "...")
