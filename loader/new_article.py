"""Start a new article: copy its text into seeds/ and write a starter fact file.

`new_article` numbers the article after the corpus's last (``NNN``, three
digits, one more than the highest number a seed or fact file carries), copies
the text byte for byte into the project's ``seeds/`` as ``NNN_<first 16 hex of
its sha256>.txt`` (the facts folder's sibling, where the loader looks first),
records its sha256 and writes ``facts/articles/NNN-<article id>.yaml`` with the
article entry filled in and a commented example of every kind of fact, whose
ids carry the corpus's prefix ``aNNN-``.  The article id is `--id`, else the
file's name without a leading number.  What the options do not give is left as
a TODO, and the file's ``facts`` start as one TODO, that `factdb validate`
reports with its line and what to fill in, so a half-filled file never loads by
accident.  Nothing is overwritten: an existing fact file is an error, and a
text already in seeds/ is registered under its existing name.

It writes only inside the project's ``seeds/`` and ``facts/articles/``, never
through a symlink: ``seeds/``, ``facts/articles/``, the seed or the fact file
being a symlink (dangling or not) is refused before anything is written, and
both files are created exclusively (``open(..., "x")``, which fails on a link).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from factdb.schema import KIND_MODELS

from .common import UsageError
from .editor import SCHEMA_FILE, modeline

_NOT_ID = re.compile(r"[^a-z0-9._-]+")


def slugify(text: str) -> str:
    """A lower-case id that fact files accept: ``^[a-z0-9][a-z0-9._-]*$``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_ID.sub("-", ascii_text.lower()).strip("-._")
    slug = re.sub(r"-{2,}", "-", slug)
    return slug[:200] or "article"


@dataclass(frozen=True)
class NewArticle:
    id: str
    seed: Path
    seed_copied: bool  # False when an identical seed was already there
    sha256: str
    fact_file: Path
    todo: list[str]  # the article fields left for a person to fill in


def _yaml_str(value: str) -> str:
    """A YAML 1.2 double-quoted scalar (JSON's string syntax is one)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class ArticleEntry:
    """What the options of `new` and `draft` say of the article; None is left a TODO."""

    outlet: str | None = None
    headline: str | None = None
    published: str | None = None
    basis: str = "stated"
    reason: str | None = None
    url: str | None = None

    def todo(self) -> list[str]:
        fields = (
            ("outlet", self.outlet),
            ("headline", self.headline),
            ("published.date", self.published),
            ("published.reason", self.reason),
        )
        return [name for name, value in fields if value is None]

    def filled(self) -> ArticleEntry:
        """Every TODO given a placeholder: an entry that validates (for a copy that is checked)."""
        return ArticleEntry(
            self.outlet or "(not given)",
            self.headline or "(not given)",
            self.published,
            self.basis,
            self.reason or "(not given)",
            self.url,
        )


def article_head(plan: NewPlan, entry: ArticleEntry) -> list[str]:
    """The first lines of a new fact file: the modeline and the article entry,
    with a TODO for each field the options did not give."""

    def field(name: str, value: str | None, todo: str, indent: str = "    ") -> str:
        if value is None:
            return f"{indent}{name}: null  # TODO: {todo}"
        return f"{indent}{name}: {_yaml_str(value)}"

    date_line = (
        f"      date: {_yaml_str(entry.published)}"
        if entry.published is not None
        else "      date: TODO  # TODO: YYYY-MM-DD (or YYYY-MM, YYYY) of publication"
    )
    return [
        plan.modeline,
        f"# Facts of seed {plan.seed.name}.  Every fact quotes the article word for word;",
        "# `factdb validate` proves each quote is in the text and reports every TODO left.",
        "",
        "articles:",
        f"  - id: {plan.id}",
        f"    seed: {_yaml_str(plan.seed.name)}",
        f"    sha256: {plan.digest}",
        field("outlet", entry.outlet, "the outlet's name, e.g. Voice of America"),
        field("headline", entry.headline, "the headline as published"),
        *([f"    url: {_yaml_str(entry.url)}"] if entry.url else []),
        "    published:",
        date_line,
        f"      basis: {entry.basis}  # stated: the page prints it; inferred: from the address, metadata or text (say which in `reason`)",
        field("reason", entry.reason, "how the date is known, e.g. the dateline", "      "),
        "    # furniture:  # lines of the page that are not reporting: links, bylines, photo credits",
        "    #   - {text: Skip to main content, reason: site navigation}",
    ]


def starter_text(plan: NewPlan, entry: ArticleEntry) -> str:
    """The starter fact file: the article entry, a TODO for its facts, then commented
    examples whose fact ids carry the prefix ``a<number>-``."""
    head = article_head(plan, entry)
    number, id = plan.number, plan.id
    todo = [
        "facts:",
        "  - TODO  # TODO: the article's facts; uncomment and edit the examples below (ids start with "
        f"a{number}-)",
    ]
    facts = (
        fact_examples()
        .replace("ARTICLE-", f"a{number}-")
        .replace("ARTICLE", id)
        .replace("\n# facts:\n", "\n")
    )
    return "\n".join(head) + "\n" + ENTITY_EXAMPLES + "\n" + "\n".join(todo) + "\n" + facts


# Uncomment a section header and the examples you need; ids of people, places,
# offices and occurrences must exist (here or in facts/entities.yaml).
ENTITY_EXAMPLES = """
# Entities that only this article names (shared ones live in facts/entities.yaml):
# people:
#   - {id: jane-doe, name: Jane Doe, aliases: [Doe]}
# places:
#   - {id: great-hall, name: Great Hall of the People, type: venue, parent: beijing}
# occurrences:  # one id per real-world visit, meeting or event; facts cite it in `of`
#   - id: doe-china-visit-2024
#     kind: visit
#     label: Jane Doe visits China, April 2024
#     reason: why the facts that cite this id describe the same happening
"""


def fact_examples() -> str:
    """A commented example of every fact kind, each from its model (schema/facts.py)."""
    blocks = []
    for kind, model in KIND_MODELS.items():
        summary = (model.__doc__ or kind).strip().splitlines()[0]
        lines = textwrap.dedent(model.example).strip("\n").splitlines()
        blocks.append("\n".join([f"#   # {kind}: {summary}", *(f"#   {line}" for line in lines)]))
    return "\n# facts:\n" + "\n#\n".join(blocks) + "\n"


_LEADING_NUMBER = re.compile(r"^\d+[-_. ]+")
_NUMBERED = re.compile(r"^(\d{3,})[-_]")


def next_number(*folders: Path) -> str:
    """One more than the highest ``NNN`` a seed or fact file name starts with: the
    corpus's numbering (000, 001, ...), three digits at least."""
    taken = [
        int(m.group(1))
        for folder in folders
        if folder.is_dir()
        for p in folder.iterdir()
        if (m := _NUMBERED.match(p.name))
    ]
    return f"{max(taken, default=-1) + 1:03d}"


def _same_seed(seeds: Path, raw: bytes) -> Path | None:
    """A seed already holding exactly this text, if there is one."""
    if not seeds.is_dir():
        return None
    size = len(raw)
    for p in sorted(seeds.iterdir()):
        if p.is_file() and not p.is_symlink() and p.stat().st_size == size and p.read_bytes() == raw:
            return p
    return None


def _refuse_links(path: Path, under: Path) -> None:
    """A UsageError if `path` or a folder between `under` and it is a symlink."""
    parts = path.relative_to(under).parts
    for i in range(1, len(parts) + 1):
        p = under.joinpath(*parts[:i])
        if p.is_symlink():
            raise UsageError(
                f"{p} is a symlink (to {os.readlink(p)}); `factdb new` writes only inside the project's "
                "seeds/ and facts/, never through a link: replace it with a real folder or remove it"
            )


@dataclass(frozen=True)
class NewPlan:
    """Where a new article's seed and fact file go, decided before anything is written."""

    id: str
    number: str
    raw: bytes
    digest: str
    seed: Path
    seed_exists: bool
    fact_file: Path
    modeline: str


def plan_new(article_file: Path, facts_dir: Path, id: str | None = None) -> NewPlan:
    """Number and name a new article, refusing what `new_article` refuses; write nothing."""
    if not article_file.is_file():
        raise UsageError(f"no article file at {article_file}")
    raw = article_file.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{article_file} is not UTF-8 text ({exc}); convert it first") from None
    article_id = id if id is not None else slugify(_LEADING_NUMBER.sub("", article_file.stem))
    if slugify(article_id) != article_id:
        raise UsageError(f"--id {article_id!r} is not an id: use lower-case letters, digits, '.', '_', '-'")
    facts_dir = facts_dir.resolve()
    project = facts_dir.parent
    digest = hashlib.sha256(raw).hexdigest()
    same = _same_seed(project / "seeds", raw)
    number = next_number(project / "seeds", facts_dir / "articles")
    seed = same or project / "seeds" / f"{number}_{digest[:16]}.txt"
    fact_file = facts_dir / "articles" / f"{number}-{article_id}.yaml"
    for path, under in ((seed, project), (fact_file, facts_dir)):
        _refuse_links(path, under)
    if fact_file.exists():
        raise UsageError(f"{fact_file} already exists; not overwriting it")
    articles = facts_dir / "articles"
    earlier = sorted(articles.glob(f"*-{article_id}.yaml")) if articles.is_dir() else []
    if any(_NUMBERED.match(p.name) and p.name.split("-", 1)[1] == f"{article_id}.yaml" for p in earlier):
        raise UsageError(
            f"article {article_id} already has a fact file ({earlier[0]}); give another --id for a new article"
        )
    return NewPlan(
        article_id,
        number,
        raw,
        digest,
        seed,
        same is not None,
        fact_file,
        modeline(fact_file, project / SCHEMA_FILE),
    )


def write_new(plan: NewPlan, text: str) -> None:
    """Copy the seed (unless already there) and create the fact file, never overwriting."""
    try:
        if not plan.seed_exists:
            plan.seed.parent.mkdir(parents=True, exist_ok=True)
            with open(plan.seed, "xb") as bh:
                bh.write(plan.raw)
        plan.fact_file.parent.mkdir(parents=True, exist_ok=True)
        with open(plan.fact_file, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError as exc:  # made since the checks above
        raise UsageError(f"{exc.filename} appeared while writing; not overwriting it: run again") from None


def new_article(
    article_file: Path, facts_dir: Path, entry: ArticleEntry, *, id: str | None = None
) -> NewArticle:
    """Copy the article into seeds/ and write its starter fact file."""
    check_basis(entry.basis)
    plan = plan_new(article_file, facts_dir, id)
    write_new(plan, starter_text(plan, entry))
    return NewArticle(plan.id, plan.seed, not plan.seed_exists, plan.digest, plan.fact_file, entry.todo())


def check_basis(basis: str) -> None:
    if basis not in ("stated", "inferred"):
        raise UsageError(f"--basis must be stated or inferred, not {basis!r}")
