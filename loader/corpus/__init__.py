"""The corpus, the second stage: every file's models together.

* load: every fact file of a folder through read/, resolve and verify, all problems collected;
* resolve: ids across files, references of the right section, dates resolved;
* verify: every quote proved against its article's text (`resolve()` and `verify()`
  are imported from their modules: the names are the modules');
* sentences: an article's sentences and furniture, as coverage counts them;
* integrity: what only the whole corpus can tell (an id defined twice, a finding reviewed twice, a containment cycle).

Imports only read/ and common/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.lazy import lazy_api

if TYPE_CHECKING:
    from .integrity import containment, find_cycles, twice
    from .load import Corpus, Discovery, count_items, discover, load_corpus, named_files, named_paths
    from .resolve import Item, Resolved, attr, dotted, whens
    from .sentences import Sentence, Spans, reporting_sentences
    from .verify import ArticleText, SeedFinder, Verified, article_text, normalise

__all__ = [
    "ArticleText",
    "Corpus",
    "Discovery",
    "Item",
    "Resolved",
    "SeedFinder",
    "Sentence",
    "Spans",
    "Verified",
    "article_text",
    "attr",
    "containment",
    "count_items",
    "discover",
    "dotted",
    "find_cycles",
    "load_corpus",
    "named_files",
    "named_paths",
    "normalise",
    "reporting_sentences",
    "twice",
    "whens",
]

__getattr__ = lazy_api(__name__, __file__)
