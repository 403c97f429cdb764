"""Turn a loaded corpus into Arrow tables, one per kind, ready for DuckDB.

Column conventions, so that SQL reads the same everywhere:
* a date field F becomes F_from, F_to (DATE, inclusive), F_precision,
  F_phrase (the words, when relative), F_weekday (stated), F_part (of day);
* a quantity field Q becomes Q_value, Q_unit, Q_scale, Q_hedge, Q_text and
  its interval in the base unit: Q_low, Q_high, Q_low_closed, Q_high_closed,
  Q_base_unit, Q_dimension (an open end is +/-infinity).
Rows are sorted by id so that the tables do not depend on file order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from factdb.schema import Quantity, When
from factdb.schema.dates import Span

from ..corpus import Corpus, Item, attr, dotted, reporting_sentences, whens

STR = pa.string()
INT = pa.int64()
BOOL = pa.bool_()
DATE = pa.date32()
FLOAT = pa.float64()
STRS = pa.list_(pa.string())


def when_columns(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{prefix}_from", DATE),
        (f"{prefix}_to", DATE),
        (f"{prefix}_precision", STR),
        (f"{prefix}_phrase", STR),
        (f"{prefix}_weekday", STR),
        (f"{prefix}_part", STR),
    ]


def quantity_columns(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{prefix}_value", FLOAT),
        (f"{prefix}_unit", STR),
        (f"{prefix}_scale", STR),
        (f"{prefix}_hedge", STR),
        (f"{prefix}_text", STR),
        (f"{prefix}_low", FLOAT),
        (f"{prefix}_high", FLOAT),
        (f"{prefix}_low_closed", BOOL),
        (f"{prefix}_high_closed", BOOL),
        (f"{prefix}_base_unit", STR),
        (f"{prefix}_dimension", STR),
    ]


@functools.cache
def _names(columns: Callable[[str], list[tuple[str, pa.DataType]]], prefix: str) -> tuple[str, ...]:
    """The column names of a prefix, formatted once: rows ask for them millions of times."""
    return tuple(name for name, _ in columns(prefix))


def when_values(prefix: str, when: When | None, span: Span | None) -> dict[str, Any]:
    if when is None or span is None:
        return {}
    values = (
        span.start,
        span.end,
        span.precision.value,
        when.phrase,
        when.weekday.value if when.weekday else None,
        when.part_of_day,
    )
    return dict(zip(_names(when_columns, prefix), values, strict=True))


def quantity_values(prefix: str, q: Quantity | None) -> dict[str, Any]:
    if q is None:
        return {}
    iv = q.interval()
    values = (
        q.value,
        q.unit,
        q.scale.value,
        q.hedge.value,
        q.text,
        iv.low,
        iv.high,
        iv.low_closed,
        iv.high_closed,
        q.base_unit(),
        q.dimension(),
    )
    return dict(zip(_names(quantity_columns, prefix), values, strict=True))


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
        name: str, section: str, columns: list[tuple[str, pa.DataType]], row: Callable[[Item], dict[str, Any]]
    ) -> TableSpec:
        spec = TableSpec(name, [("id", STR), *columns, *LOCATED])
        for item in r.of_section(section):
            spec.add({**_located(item), **row(item)})
        return spec

    people = simple(
        "people",
        "people",
        [("name", STR), ("aliases", STRS), *when_columns("born")],
        lambda i: {"name": i.model.name, "aliases": i.model.aliases, **dates(i, "born", i.model.born)},
    )
    organizations = simple(
        "organizations",
        "organizations",
        [("name", STR), ("aliases", STRS), ("country", STR)],
        lambda i: {"name": i.model.name, "aliases": i.model.aliases, "country": i.model.country},
    )
    countries = simple(
        "countries",
        "countries",
        [("name", STR), ("aliases", STRS)],
        lambda i: {"name": i.model.name, "aliases": i.model.aliases},
    )
    places = simple(
        "places",
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
        "offices",
        [("title", STR), ("organization", STR), ("country", STR), ("single_holder", BOOL), ("aliases", STRS)],
        lambda i: {
            "title": i.model.title,
            "organization": i.model.organization,
            "country": i.model.country,
            "single_holder": i.model.single_holder,
            "aliases": i.model.aliases,
        },
    )
    occurrences = simple(
        "occurrences",
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
    roles = TableSpec(
        "roles",
        [
            ("id", STR),
            ("person", STR),
            ("office", STR),
            ("title", STR),
            *when_columns("at"),
            *when_columns("start"),
            *when_columns("end"),
        ],
    )
    visits = TableSpec(
        "visits",
        [
            ("id", STR),
            ("of", STR),
            ("travellers", STRS),
            ("destination", STR),
            *when_columns("arrive"),
            *when_columns("depart"),
            ("purpose", STR),
            ("part_of", STR),
            ("leg", INT),
            ("last_stop", BOOL),
            ("first_since_offices", STRS),
            ("first_since_to", STR),
            *quantity_columns("first_since_period"),
            *when_columns("first_since_since"),
        ],
    )
    visit_legs = TableSpec(
        "visit_legs",
        [("visit", STR), ("seq", INT), ("place", STR), *when_columns("arrive"), *when_columns("depart")],
    )
    meetings = TableSpec(
        "meetings",
        [
            ("id", STR),
            ("of", STR),
            ("participants", STRS),
            ("participants_complete", BOOL),
            ("venue", STR),
            *when_columns("when"),
            *quantity_columns("duration"),
            ("part_of", STR),
            ("subject", STR),
        ],
    )
    figures = TableSpec(
        "figures",
        [
            ("id", STR),
            ("measure", STR),
            ("subject", STR),
            *quantity_columns("quantity"),
            *when_columns("as_of"),
        ],
    )
    statements = TableSpec(
        "statements",
        [
            ("id", STR),
            ("speaker", STR),
            ("said", STR),
            ("direct", BOOL),
            *when_columns("when"),
            ("setting", STR),
        ],
    )
    agreements = TableSpec(
        "agreements",
        [
            ("id", STR),
            ("of", STR),
            ("parties", STRS),
            ("subject", STR),
            ("status", STR),
            *when_columns("when"),
        ],
    )
    events = TableSpec(
        "events",
        [
            ("id", STR),
            ("of", STR),
            ("type", STR),
            *when_columns("when"),
            *when_columns("end"),
            ("participants", STRS),
            ("place", STR),
            ("description", STR),
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
        base = {"id": item.id}
        if m.kind == "role":
            roles.add(
                {
                    **base,
                    "person": m.person,
                    "office": m.office,
                    "title": m.title,
                    **dates(item, "at", m.at),
                    **dates(item, "start", m.start),
                    **dates(item, "end", m.end),
                }
            )
        elif m.kind == "visit":
            fs = m.first_since
            visits.add(
                {
                    **base,
                    "of": m.of,
                    "travellers": m.travellers,
                    "destination": m.destination,
                    **dates(item, "arrive", m.arrive),
                    **dates(item, "depart", m.depart),
                    "purpose": m.purpose,
                    "part_of": m.part_of,
                    "leg": m.leg,
                    "last_stop": m.last_stop,
                    "first_since_offices": fs.by_offices if fs else None,
                    "first_since_to": fs.to if fs else None,
                    **quantity_values("first_since_period", fs.period if fs else None),
                    **dates(item, "first_since_since", fs.since if fs else None, "first_since.since"),
                }
            )
            for n, leg in enumerate(m.legs):
                visit_legs.add(
                    {
                        "visit": item.id,
                        "seq": n + 1,
                        "place": leg.place,
                        **dates(item, "arrive", leg.arrive, dotted(("legs", n, "arrive"))),
                        **dates(item, "depart", leg.depart, dotted(("legs", n, "depart"))),
                    }
                )
        elif m.kind == "meeting":
            meetings.add(
                {
                    **base,
                    "of": m.of,
                    "participants": m.participants,
                    "participants_complete": m.participants_complete,
                    "venue": m.venue,
                    **dates(item, "when", m.when),
                    **quantity_values("duration", m.duration),
                    "part_of": m.part_of,
                    "subject": m.subject,
                }
            )
        elif m.kind == "figure":
            figures.add(
                {
                    **base,
                    "measure": m.measure,
                    "subject": m.subject,
                    **quantity_values("quantity", m.quantity),
                    **dates(item, "as_of", m.as_of),
                }
            )
        elif m.kind == "statement":
            statements.add(
                {
                    **base,
                    "speaker": m.speaker,
                    "said": m.said,
                    "direct": m.direct,
                    **dates(item, "when", m.when),
                    "setting": m.setting,
                }
            )
        elif m.kind == "agreement":
            agreements.add(
                {
                    **base,
                    "of": m.of,
                    "parties": m.parties,
                    "subject": m.subject,
                    "status": m.status,
                    **dates(item, "when", m.when),
                }
            )
        elif m.kind == "event":
            events.add(
                {
                    **base,
                    "of": m.of,
                    "type": m.type,
                    **dates(item, "when", m.when),
                    **dates(item, "end", m.end),
                    "participants": m.participants,
                    "place": m.place,
                    "description": m.description,
                }
            )

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
    reviews.rows.sort(key=lambda row: (row["finding"], row["file"], row["line"]))

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
        roles,
        visits,
        visit_legs,
        meetings,
        figures,
        statements,
        agreements,
        events,
        fact_dates,
        reviews,
    ]


# Macros the checks share: interval overlap that honours open and closed ends
# (the SQL twin of schema.quantities.overlaps), age in whole years, and how a
# quantity reads in a message.
MACROS: dict[str, str] = {
    "intervals_overlap": """(a_low, a_high, a_lc, a_hc, b_low, b_high, b_lc, b_hc) AS
        NOT (a_low > a_high OR b_low > b_high
             OR (a_low = a_high AND NOT (a_lc AND a_hc)) OR (b_low = b_high AND NOT (b_lc AND b_hc))
             OR a_high < b_low OR b_high < a_low
             OR (a_high = b_low AND NOT (a_hc AND b_lc))
             OR (b_high = a_low AND NOT (b_hc AND a_lc)))""",
    "age_on": """(born, d) AS
        year(d) - year(born) - CASE WHEN month(d) * 100 + day(d) < month(born) * 100 + day(born) THEN 1 ELSE 0 END""",
    "show_interval": """(low, high, lc, hc, unit) AS
        CASE WHEN lc THEN '[' ELSE '(' END || CAST(round(low, 3) AS VARCHAR) || ', '
        || CASE WHEN isinf(high) THEN 'inf' ELSE CAST(round(high, 3) AS VARCHAR) END
        || CASE WHEN hc THEN ']' ELSE ')' END || ' ' || unit""",
    "show_term": """(term_start, term_end) AS
        strftime(term_start, '%Y-%m-%d') || '..'
        || CASE WHEN term_end = DATE '9999-12-31' THEN '' ELSE strftime(term_end - 1, '%Y-%m-%d') END""",
    "show_span": """(d_from, d_to) AS
        CASE WHEN d_from = d_to THEN strftime(d_from, '%Y-%m-%d')
             ELSE strftime(d_from, '%Y-%m-%d') || '..' || strftime(d_to, '%Y-%m-%d') END""",
}

# Views created after the tables: `facts` is the one-row-per-(fact, evidence)
# entry point that most ad hoc SQL starts from; the others are the shared
# vocabulary of the checks in queries/checks/.
VIEWS: dict[str, str] = {
    # Every place (and country) with itself and each place that contains it.
    "place_ancestry": """
        WITH RECURSIVE up(place, ancestor, depth) AS (
            SELECT id, id, 0 FROM places
            UNION ALL SELECT id, id, 0 FROM countries
            UNION ALL
            SELECT up.place, p.parent, up.depth + 1
            FROM up JOIN places p ON p.id = up.ancestor
            WHERE p.parent IS NOT NULL AND up.depth < 32
        )
        SELECT * FROM up
    """,
    # Recorded terms of office: roles with a start (the background record).
    # The end day is exclusive, so a handover day is not an overlap.
    "terms": """
        SELECT id, person, office, title, start_from AS term_start,
               coalesce(end_from, DATE '9999-12-31') AS term_end
        FROM roles WHERE start_from IS NOT NULL
    """,
    # Where each person is on which days, by one fact: a meeting or event at a
    # venue on its day, a visit at its destination strictly between arrival and
    # departure (travel days left out). Only day-precise dates.
    "presence": """
        SELECT m.id, unnest(m.participants) AS person, m.venue AS place, m.when_from AS d_from, m.when_to AS d_to
        FROM meetings m WHERE m.venue IS NOT NULL AND m.when_precision = 'day'
        UNION ALL
        SELECT e.id, unnest(e.participants), e.place, e.when_from, e.when_to
        FROM events e WHERE e.place IS NOT NULL AND e.when_precision = 'day'
        UNION ALL
        SELECT v.id, unnest(v.travellers), v.destination, v.arrive_from + 1, v.depart_from - 1
        FROM visits v WHERE v.destination IS NOT NULL AND v.arrive_precision = 'day' AND v.depart_precision = 'day'
        UNION ALL
        SELECT v.id, unnest(v.travellers), l.place, l.arrive_from + 1, l.depart_from - 1
        FROM visits v JOIN visit_legs l ON l.visit = v.id WHERE l.arrive_precision = 'day' AND l.depart_precision = 'day'
    """,
    # Titles as an article uses them on a date.
    "title_claims": """
        SELECT r.id, r.person, r.office, r.title, r.at_from, r.at_to, r.at_precision, f.article
        FROM roles r JOIN fact_index f USING (id) WHERE r.at_from IS NOT NULL
    """,
    "facts": """
        SELECT f.id, f.kind, f.of, f.file, f.line, f.col,
               e.seq AS evidence_seq, e.source, e.source_kind,
               CASE WHEN e.source_kind = 'article' THEN e.source END AS article,
               e.quote, e.quote_start, e.quote_end, f.note
        FROM fact_index f JOIN evidence e ON e.owner = f.id
    """,
}
