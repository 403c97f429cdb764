"""`factdb draft`: a new article's checkable claims, proposed as unconfirmed facts.

* world: what the corpus knows (people, offices and titles, places, who held
  what when, recorded meetings and visits, measures), read from a database;
* rules: the deterministic rules that read the sentences and propose facts;
* write: the fact file (`factdb new`'s, with a `drafts:` section), and the
  `--check` build of a copy of the corpus in which the drafts count as facts.

A draft is never taken for a confirmed fact: it lives in its file's `drafts:`
section, which no build loads into a table a check reads; confirming one is a
person's edit, moving it under `facts:`. Offline and deterministic: no network,
no model weights, the same article and corpus give the same file."""

from __future__ import annotations

from .rules import Candidate, Drafter, NewOccurrence, Proposal
from .world import World
from .write import DraftResult, draft_article, propose

__all__ = [
    "Candidate",
    "DraftResult",
    "Drafter",
    "NewOccurrence",
    "Proposal",
    "World",
    "draft_article",
    "propose",
]
