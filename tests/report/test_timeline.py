"""The timeline's colours of terms of office come from the data: one per country
drawn, from a fixed palette, named in the legend by the `countries` table; the
seed corpus, a corpus of other countries, more countries than the palette, the
same page from two processes, and a property over random sets of countries."""

from __future__ import annotations

import random
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.build.write import load_tables
from factdb.loader.corpus import load_corpus
from factdb.loader.output import SEVERITY_COLOUR
from factdb.loader.report.coverage import coverage
from factdb.loader.report.findings import MARK_COLOURS
from factdb.loader.report.page import PageLimits, render_report
from factdb.loader.report.timeline import (
    CLAIM_COLOUR,
    MEETING_COLOUR,
    NO_COUNTRY,
    PUBLISHED_COLOUR,
    TERM_OTHER,
    TERM_PALETTE,
    VISIT_COLOUR,
    Timeline,
    legend_html,
    load_timeline,
    timeline_svg,
)
from hypothesis import given
from hypothesis import strategies as st

from ..conftest import Project, article, dump_yaml

REF = [{"source": "rec", "quote": "the record says"}]
TEXT = "Ministers met on Monday.\n"


def corpus(countries: list[tuple[str, str, int]], no_country: int = 0) -> dict[str, Any]:
    """One article, and per (country id, name, n) n terms of that country's one
    office, each held by a person of its own; `no_country` terms of an office with none."""
    offices = [
        {"id": f"o-{c}", "title": f"Minister of {name}", "country": c, "single_holder": False}
        for c, name, _ in countries
    ]
    held = [(f"o-{c}", f"{c}-{k}") for c, _, n in countries for k in range(n)]
    if no_country:  # ids with a dot, which no country's id has
        offices.append({"id": "o.none", "title": "Envoy at large", "single_holder": False})
        held += [("o.none", f"envoy.{k}") for k in range(no_country)]
    return {
        "articles": [article(TEXT, outlet="Wire", headline="Ministers meet")],
        "references": [
            {
                "id": "rec",
                "title": "The record",
                "publisher": "Archive",
                "url": "https://example.org/record",
                "accessed": "2026-11-23",
            }
        ],
        "countries": [{"id": c, "name": name} for c, name, _ in countries],
        "people": [{"id": f"p-{p}", "name": f"Person {p}"} for _, p in held],
        "offices": offices,
        # Terms into the article's years (a row with nothing there is not drawn), some still held.
        "facts": [
            {
                "id": f"t-{p}",
                "kind": "role",
                "person": f"p-{p}",
                "office": office,
                "start": f"{2012 + n % 10}-{1 + n % 12:02d}-01",
                **({"end": "2024-06-30"} if n % 2 else {}),
                "evidence": REF,
            }
            for n, (office, p) in enumerate(held)
        ],
    }


def in_memory(data: dict[str, Any]) -> Timeline:
    """The timeline of `data`, built into an in-memory database (a few tens of ms)."""
    with tempfile.TemporaryDirectory() as tmp:
        facts, seeds = Path(tmp) / "facts", Path(tmp) / "seeds"
        facts.mkdir()
        seeds.mkdir()
        (seeds / "art.txt").write_text(TEXT, encoding="utf-8")
        (facts / "corpus.yaml").write_text(dump_yaml(data), encoding="utf-8")
        with duckdb.connect(":memory:") as con:
            load_tables(con, load_corpus(facts))
            return load_timeline(con)


def term_bars(svg: str) -> dict[str, str]:
    """Each term's bar: the office it is a term of (from its title) to its fill."""
    bars = re.findall(r'rx="2" fill="(#[0-9a-f]{6})"><title>[^:<]+: ([^<]+), \d{4}-[^<]*</title>', svg)
    out: dict[str, set[str]] = {}
    for colour, office in bars:
        out.setdefault(office, set()).add(colour)
    assert all(len(c) == 1 for c in out.values()), out  # one office, one colour
    return {office: c.pop() for office, c in out.items()}


def legend(html: str) -> list[tuple[str, str, str]]:
    """(shape, colour, text) of each legend entry, in order."""
    return re.findall(r'<span class="lg (\w+)" style="--c:(#[0-9a-f]{6})">([^<]*)</span>', html)


def fills(svg: str) -> set[str]:
    return set(re.findall(r'fill="(#[0-9a-f]{6})"', svg))


def test_palette_colours_are_distinct_and_used_for_nothing_else() -> None:
    terms = [*TERM_PALETTE, TERM_OTHER, NO_COUNTRY]
    others = [VISIT_COLOUR, MEETING_COLOUR, CLAIM_COLOUR, PUBLISHED_COLOUR, *MARK_COLOURS]
    others += SEVERITY_COLOUR.values()
    assert len(TERM_PALETTE) >= 4
    assert len({c.lower() for c in terms}) == len(terms)
    assert not {c.lower() for c in terms} & {c.lower() for c in others}


# --- the seed corpus ---------------------------------------------------------------


def test_seed_corpus_colours_each_of_its_countries_and_names_them(corpus_db: Path) -> None:
    with duckdb.connect(str(corpus_db), read_only=True) as con:
        t = load_timeline(con, max_rows=PageLimits().timeline_rows)
        names = dict(con.execute("SELECT id, name FROM countries").fetchall())
        # Terms per country of the people drawn (a row's title ends in "(person id)").
        counts = dict(
            con.execute(
                "SELECT o.country, count(*) FROM terms t JOIN offices o ON o.id = t.office "
                "WHERE t.person IN (SELECT unnest(?)) GROUP BY o.country",
                [[r.title.rsplit(" (", 1)[1][:-1] for r in t.people]],
            ).fetchall()
        )
    assert t.people_total == len(t.people)
    assert {"united-states", "china"} <= set(counts) and None not in counts
    assert len(counts) <= len(TERM_PALETTE)  # no "other" in the seed corpus
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    assert t.terms.by_country == dict(zip(ranked, TERM_PALETTE, strict=False))
    svg = timeline_svg(t)
    for monthly in (False, True):
        entries = legend(legend_html(t, monthly))
        assert [(colour, text) for _, colour, text in entries[: len(ranked)]] == [
            (colour, f"{names[c]} office") for c, colour in zip(ranked, TERM_PALETTE, strict=False)
        ]
        assert {"United States office", "China office"} <= {text for _, _, text in entries}
        assert fills(timeline_svg(t, monthly)) <= {colour for _, colour, _ in entries}
    # Each country's terms in its own colour.
    bars = term_bars(svg)
    assert len(bars) >= 2 and set(bars.values()) == set(TERM_PALETTE[: len(ranked)])


# --- a corpus about other countries --------------------------------------------


def test_other_countries_each_get_a_colour_and_their_names(project: Project) -> None:
    project.seed("art.txt", TEXT)
    # France has the most terms, so the first colour though its id sorts after Germany's.
    project.write("corpus.yaml", corpus([("de", "Germany", 2), ("fr", "France", 3)]))
    assert project.factdb("build").returncode == 0
    proc = project.factdb("report", "-o", "out")
    assert proc.returncode == 0, proc.stderr
    page = (project.root / "out" / "index.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert term_bars(svg) == {"Minister of France": TERM_PALETTE[0], "Minister of Germany": TERM_PALETTE[1]}
    assert legend(page)[:3] == [
        ("bar", TERM_PALETTE[0], "France office"),
        ("bar", TERM_PALETTE[1], "Germany office"),
        ("tick", CLAIM_COLOUR, "an article gives the title"),
    ]
    for seed in ("United States", "China", "Chinese", "US office", "united-states", "china"):
        assert seed not in page
    assert TERM_OTHER not in page and NO_COUNTRY not in page
    # Past the page's limit of publication lines, the monthly chart: the same colours and names.
    with duckdb.connect(str(project.db), read_only=True) as con:
        monthly = render_report(con, coverage(project.facts, project.db), PageLimits(published_lines=0)).html
    assert "articles published per month" in monthly and 'class="published"' not in monthly
    assert legend(monthly)[:2] == legend(page)[:2]
    assert term_bars(monthly[monthly.index("<svg") : monthly.index("</svg>")]) == term_bars(svg)
    assert "United States" not in monthly and "China" not in monthly


def test_countries_past_the_palette_share_the_other_colour(project: Project) -> None:
    n = len(TERM_PALETTE)
    # c0 has the most terms, c1 the next ... the last two have one each, and an envoy has no country.
    countries = [(f"c{k}", f"Land {k}", max(n + 1 - k, 1)) for k in range(n + 2)]
    project.seed("art.txt", TEXT)
    project.write("corpus.yaml", corpus(countries, no_country=1))
    assert project.factdb("build").returncode == 0
    with duckdb.connect(str(project.db), read_only=True) as con:
        page = render_report(con, coverage(project.facts, project.db)).html
    svg = page[page.index("<svg") : page.index("</svg>")]
    bars = term_bars(svg)
    assert [bars[f"Minister of Land {k}"] for k in range(n)] == list(TERM_PALETTE)
    assert bars[f"Minister of Land {n}"] == bars[f"Minister of Land {n + 1}"] == TERM_OTHER
    assert bars["Envoy at large"] == NO_COUNTRY
    terms = [(colour, text) for shape, colour, text in legend(page) if shape == "bar"][: n + 2]
    assert terms == [
        *((colour, f"Land {k} office") for k, colour in enumerate(TERM_PALETTE)),
        (TERM_OTHER, "office of 2 other countries"),
        (NO_COUNTRY, "office of no country"),
    ]
    assert f"Land {n} office" not in page and f"Land {n + 1} office" not in page


def test_the_same_data_gives_the_same_page_byte_for_byte(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three countries of one term each (ranked by id alone), reported by two
    processes that hash strings differently."""
    project.seed("art.txt", TEXT)
    project.write("corpus.yaml", corpus([("it", "Italy", 1), ("fr", "France", 1), ("de", "Germany", 1)]))
    assert project.factdb("build").returncode == 0
    pages = []
    for seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        assert project.factdb("report", "-o", f"out{seed}").returncode == 0
        pages.append((project.root / f"out{seed}" / "index.html").read_bytes())
    assert pages[0] == pages[1]
    assert [text for _, _, text in legend(pages[0].decode())[:3]] == [
        "Germany office",
        "France office",
        "Italy office",
    ]


# --- a property over random sets of countries ---------------------------------------

NAMES = ["Atlantis", "Borduria", "Syldavia", "Freedonia"]  # few, so that two countries may share one


@pytest.mark.slow  # a database per example
@given(
    countries=st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True),
        st.tuples(st.sampled_from(NAMES), st.integers(1, 3)),
        max_size=len(TERM_PALETTE) + 3,
    ),
    no_country=st.integers(0, 2),
    shuffle=st.randoms(use_true_random=False),
)
def test_colours_are_a_function_of_the_data_and_all_in_the_legend(
    countries: dict[str, tuple[str, int]], no_country: int, shuffle: random.Random
) -> None:
    spec = [(c, name, n) for c, (name, n) in sorted(countries.items())]
    data = corpus(spec, no_country)
    t = in_memory(data)
    counts = {c: n for c, _, n in spec}
    by_country = t.terms.by_country
    # Every country drawn has a colour, and nothing else has one.
    assert set(by_country) == set(counts) | ({None} if no_country else set())
    assert (by_country.get(None) == NO_COUNTRY) == bool(no_country)
    # Within the palette, one colour per country, the palette's first ones, taken
    # in the order of most terms, then id; past it, TERM_OTHER.
    own = sorted((c for c in counts if by_country[c] != TERM_OTHER), key=lambda c: (-counts[c], c))
    assert [by_country[c] for c in own] == list(TERM_PALETTE[: len(own)])
    assert len({by_country[c] for c in own}) == len(own)
    rest = [c for c in counts if by_country[c] == TERM_OTHER]
    assert len(own) == min(len(counts), len(TERM_PALETTE))
    assert all((-counts[a], a) < (-counts[b], b) for a in own for b in rest)

    # The same data written in another order: the same colours, the same bytes.
    shuffled = {k: list(v) for k, v in data.items()}
    for items in shuffled.values():
        shuffle.shuffle(items)
    again = in_memory(shuffled)
    assert again.terms == t.terms
    assert timeline_svg(again) == timeline_svg(t) and legend_html(again) == legend_html(t)

    # The legend's terms: exactly the terms' colours drawn, once each.
    term_colours = {colour for colour, _ in t.terms.legend}
    assert len(term_colours) == len(t.terms.legend)
    assert term_colours == fills(timeline_svg(t)) & {*TERM_PALETTE, TERM_OTHER, NO_COUNTRY}
    for monthly in (False, True):
        svg = timeline_svg(t, monthly)
        entries = legend(legend_html(t, monthly))
        # Every colour drawn is in the legend.
        assert fills(svg) <= {colour for _, colour, _ in entries}
        # The terms' entries first, then the marks', which never take a term's colour.
        assert [(colour, text) for _, colour, text in entries[: len(t.terms.legend)]] == list(t.terms.legend)
        assert not term_colours & {colour for _, colour, _ in entries[len(t.terms.legend) :]}
    texts = [text for _, text in t.terms.legend]
    assert len(set(texts)) == len(texts)  # countries of one name told apart
    named = Counter(name for c, name, _ in spec if c in own)
    for c in own:
        name = countries[c][0]
        assert (f"{name} ({c}) office" if named[name] > 1 else f"{name} office") in texts
    if rest:
        assert texts[len(own)] == f"office of {len(rest)} other countr{'y' if len(rest) == 1 else 'ies'}"
