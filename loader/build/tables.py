"""Turn a loaded corpus into Arrow tables, ready for DuckDB: the sources,
the entities, every fact in fact_index, evidence and fact_dates, each fact
kind's own table (its columns and row in build/kinds.py), and the reviews.
Columns follow build/columns.py's conventions. Rows are sorted by id so
that the tables do not depend on file order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from factdb.schema import DRAFTS, KIND_MODELS, SECTION_TABLES, When

from ..corpus import Corpus, Item, attr, dotted, reporting_sentences, whens
from .columns import BOOL, DATE, INT, STR, STRS, when_columns, when_values
from .kinds import KIND_ROWS

# The order of the reviews table's rows (every other table is in id order):
# a merge of shards sorts by the same columns.
REVIEWS_ORDER = ("finding", "file", "line")
# Drafts are not checked for duplicate ids: their order needs more than the id.
DRAFTS_ORDER = ("id", "file", "line")

# Rows wait as dicts until this many, then become one Arrow batch: at a
# million facts the dicts of every table at once took 2.2 GB of the peak.
BATCH_ROWS = 2_000


@dataclass
class TableSpec:
    name: str
    columns: list[tuple[str, pa.DataType]]
    # Rows not yet in a batch; `add` moves them on, a plain append keeps them
    # for a sort over the whole table.
    rows: list[dict[str, Any]] = field(default_factory=list)
    batches: list[pa.RecordBatch] = field(default_factory=list)

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH_ROWS:
            self._flush()

    @functools.cached_property
    def schema(self) -> pa.Schema:
        return pa.schema(self.columns)

    def add_columns(self, columns: list[list[Any]]) -> None:
        """Rows given column by column, in the order of `columns`: for many
        rows of a few plain values, cheaper than a dict each."""
        self._flush()
        self.batches.append(pa.RecordBatch.from_arrays(columns, schema=self.schema))

    def _flush(self) -> None:
        if not self.rows:
            return
        names = {c for c, _ in self.columns}
        for row in self.rows:
            # from_pylist drops keys it has no column for: a misspelt key must fail here instead.
            if not row.keys() <= names:
                raise AssertionError(f"{self.name}: no columns {sorted(set(row) - names)}")
        self.batches.append(pa.RecordBatch.from_pylist(self.rows, schema=self.schema))
        self.rows = []

    def to_arrow(self) -> pa.Table:
        self._flush()
        return pa.Table.from_batches(self.batches, schema=self.schema)


LOCATED = [("file", STR), ("line", INT), ("col", INT)]

# Each article's sentences as coverage splits them (loader/corpus/sentences.py),
# so that coverage need not split every text again.
SENTENCES = [
    ("article", STR),
    ("seq", INT),
    ("line", INT),
    ("text_start", INT),
    ("text_end", INT),
    ("furniture", BOOL),
]


def sentence_columns(article: str, text: str, furniture: list[tuple[int, int]]) -> list[list[Any]]:
    """An article's rows of the sentences table, column by column."""
    found = reporting_sentences(text, furniture)
    return [
        [article] * len(found),
        list(range(len(found))),
        [s.line for s, _ in found],
        [s.start for s, _ in found],
        [s.end for s, _ in found],
        [on for _, on in found],
    ]


def _located(item: Item) -> dict[str, Any]:
    line, col = item.where()
    return {"id": item.id, "file": item.file, "line": line, "col": col}


def build_tables(corpus: Corpus) -> list[tuple[str, Any]]:
    """Every table of the database, as (name, Arrow table) pairs."""
    return [(spec.name, spec.to_arrow()) for spec in _specs(corpus)]


def _specs(corpus: Corpus) -> list[TableSpec]:
    r = corpus.resolved
    v = corpus.verified

    def dates(item: Item, prefix: str, when: When | None, path: str | None = None) -> dict[str, Any]:
        return when_values(prefix, when, r.dates.get((item.id, path or prefix)))

    articles = TableSpec(
        "articles",
        [
            ("id", STR),
            ("seed", STR),
            ("sha256", STR),
            ("outlet", STR),
            ("headline", STR),
            ("url", STR),
            ("published", DATE),
            ("published_precision", STR),
            ("published_basis", STR),
            ("published_reason", STR),
            ("text", STR),
            ("note", STR),
            *LOCATED,
        ],
    )
    furniture = TableSpec(
        "furniture",
        [
            ("article", STR),
            ("seq", INT),
            ("text", STR),
            ("reason", STR),
            ("text_start", INT),
            ("text_end", INT),
        ],
    )
    sentences = TableSpec("sentences", SENTENCES)
    for item in r.of_section("articles"):
        a = item.model
        span = r.dates[(item.id, "published")]
        articles.add(
            {
                **_located(item),
                "seed": a.seed,
                "sha256": a.sha256,
                "outlet": a.outlet,
                "headline": a.headline,
                "url": a.url,
                "published": span.start,
                "published_precision": span.precision.value,
                "published_basis": a.published.basis,
                "published_reason": a.published.reason,
                "text": v.texts[item.id].text,
                "note": a.note,
            }
        )
        for n, f in enumerate(a.furniture):
            start, end = v.furniture[(item.id, n)]
            furniture.add(
                {
                    "article": item.id,
                    "seq": n,
                    "text": f.text,
                    "reason": f.reason,
                    "text_start": start,
                    "text_end": end,
                }
            )
        spans = [v.furniture[(item.id, n)] for n in range(len(a.furniture))]
        sentences.add_columns(sentence_columns(item.id, v.texts[item.id].text, spans))

    refs = TableSpec(
        "refs",
        [("id", STR), ("title", STR), ("publisher", STR), ("url", STR), ("accessed", pa.date32()), *LOCATED],
    )
    for item in r.of_section("references"):
        m = item.model
        refs.add(
            {
                **_located(item),
                "title": m.title,
                "publisher": m.publisher,
                "url": m.url,
                "accessed": m.accessed,
            }
        )

    def simple(
        section: str, columns: list[tuple[str, pa.DataType]], row: Callable[[Item], dict[str, Any]]
    ) -> TableSpec:
        spec = TableSpec(SECTION_TABLES[section], [("id", STR), *columns, *LOCATED])
        for item in r.of_section(section):
            spec.add({**_located(item), **row(item)})
        return spec

    people = simple(
        "people",
        [("name", STR), ("aliases", STRS), *when_columns("born"), ("wikidata", STR)],
        lambda i: {
            "name": i.model.name,
            "aliases": i.model.aliases,
            **dates(i, "born", i.model.born),
            "wikidata": i.model.wikidata,
        },
    )
    organizations = simple(
        "organizations",
        [("name", STR), ("aliases", STRS), ("country", STR)],
        lambda i: {"name": i.model.name, "aliases": i.model.aliases, "country": i.model.country},
    )
    countries = simple(
        "countries",
        [("name", STR), ("aliases", STRS)],
        lambda i: {"name": i.model.name, "aliases": i.model.aliases},
    )
    places = simple(
        "places",
        [("name", STR), ("type", STR), ("parent", STR), ("aliases", STRS)],
        lambda i: {
            "name": i.model.name,
            "type": i.model.type,
            "parent": i.model.parent,
            "aliases": i.model.aliases,
        },
    )
    offices = simple(
        "offices",
        [
            ("title", STR),
            ("organization", STR),
            ("country", STR),
            ("single_holder", BOOL),
            ("aliases", STRS),
            ("wikidata", STR),
        ],
        lambda i: {
            "title": i.model.title,
            "organization": i.model.organization,
            "country": i.model.country,
            "single_holder": i.model.single_holder,
            "aliases": i.model.aliases,
            "wikidata": i.model.wikidata,
        },
    )
    occurrences = simple(
        "occurrences",
        [("kind", STR), ("label", STR), ("reason", STR)],
        lambda i: {"kind": i.model.kind, "label": i.model.label, "reason": i.model.reason},
    )

    fact_index = TableSpec(
        "fact_index", [("id", STR), ("kind", STR), ("of", STR), ("article", STR), ("note", STR), *LOCATED]
    )
    evidence = TableSpec(
        "evidence",
        [
            ("owner", STR),
            ("seq", INT),
            ("source", STR),
            ("source_kind", STR),
            ("quote", STR),
            ("quote_start", INT),
            ("quote_end", INT),
            *LOCATED,
        ],
    )
    for item in sorted(r.items.values(), key=lambda i: i.id):
        for n, ev in enumerate(attr(item.model, "evidence") or []):
            source_kind = "article" if r.lookup(ev.source) == ("articles", None) else "reference"
            offsets: tuple[int | None, int | None] = v.offsets.get((item.id, n), (None, None))
            q_start, q_end = offsets
            line, col = item.where("evidence", n)
            evidence.add(
                {
                    "owner": item.id,
                    "seq": n,
                    "source": ev.source,
                    "source_kind": source_kind,
                    "quote": ev.quote,
                    "quote_start": q_start,
                    "quote_end": q_end,
                    "file": item.file,
                    "line": line,
                    "col": col,
                }
            )

    kind_specs: dict[str, TableSpec] = {}
    child_specs: dict[str, TableSpec] = {}
    kind_tables: list[TableSpec] = []  # each kind's table, then its child table
    for kind_name, model in KIND_MODELS.items():
        rows = KIND_ROWS[model]
        kind_specs[kind_name] = TableSpec(model.table, [("id", STR), *rows.columns])
        kind_tables.append(kind_specs[kind_name])
        if rows.child is not None:
            child_specs[kind_name] = TableSpec(rows.child.name, rows.child.columns)
            kind_tables.append(child_specs[kind_name])

    fact_dates = TableSpec(
        "fact_dates",
        [("owner", STR), ("kind", STR), ("of", STR), ("field", STR), *when_columns("d")],
    )
    for item in r.of_section("facts"):
        m = item.model
        of = attr(m, "of")
        fact_index.add(
            {
                **_located(item),
                "kind": m.kind,
                "of": of,
                "article": r.article_of(m),
                "note": m.note,
            }
        )
        # Every date of the fact, in one table: in the order of the facts, so
        # the walk of its fields is made once, here.
        for path, when in whens(m):
            field_name = dotted(path)
            resolved_span = r.dates.get((item.id, field_name))
            if resolved_span is not None:
                fact_dates.add(
                    {
                        "owner": item.id,
                        "kind": m.kind,
                        "of": of,
                        "field": field_name,
                        **when_values("d", when, resolved_span),
                    }
                )
        kind = KIND_ROWS[type(m)]
        kind_specs[m.kind].add({"id": item.id, **kind.row(item, m, dates)})
        if kind.child is not None:
            child = child_specs[m.kind]
            for row in kind.child.rows(item, m, dates):
                child.add(row)

    reviews = TableSpec(
        "reviews", [("finding", STR), ("verdict", STR), ("note", STR), ("reviewer", STR), *LOCATED]
    )
    for vf in r.files:
        for n, review in enumerate(vf.model.reviews):
            line, col = vf.where("reviews", n)
            reviews.rows.append(
                {
                    "finding": review.finding,
                    "verdict": review.verdict,
                    "note": review.note,
                    "reviewer": review.reviewer,
                    "file": vf.file,
                    "line": line,
                    "col": col,
                }
            )
    reviews.rows.sort(key=lambda row: tuple(row[c] for c in REVIEWS_ORDER))

    # The facts no person has confirmed yet: where they are, not what they say.
    drafts = TableSpec("drafts", [("id", STR), ("kind", STR), *LOCATED])
    for vf in r.files:
        for n, draft in enumerate(vf.model.drafts):
            line, col = vf.where(DRAFTS, n)
            drafts.rows.append(
                {"id": draft.id, "kind": draft.kind, "file": vf.file, "line": line, "col": col}
            )
    drafts.rows.sort(key=lambda row: tuple(row[c] for c in DRAFTS_ORDER))

    return [
        articles,
        furniture,
        sentences,
        refs,
        people,
        organizations,
        countries,
        places,
        offices,
        occurrences,
        fact_index,
        evidence,
        *kind_tables,
        fact_dates,
        reviews,
        drafts,
    ]
