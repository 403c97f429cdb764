"""`factdb report`: the page of a small corpus (marks, escaping, offline, the SVG
timeline), its errors, a headless-Chromium screenshot of the real corpus's
page that must show the timeline's bars and the findings' highlights, and the
page of a generated corpus cut to its limits."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.report.coverage import coverage
from factdb.loader.report.findings import MARK_COLOURS, highlight, line_bounds, load_findings
from factdb.loader.report.page import PageLimits, Report, render_report
from factdb.loader.report.timeline import (
    MEETING_COLOUR,
    NO_COUNTRY,
    VISIT_COLOUR,
    Row,
    _rank,
    load_timeline,
)
from PIL import Image

from ..conftest import ROOT, Project, article

TEXT = (
    "Officials met in Beijing on Monday.\n"
    "\n"
    'The meeting lasted about five hours; the agenda read <b>"trade & tariffs"</b>. Reporters waited.\n'
    "\n"
    "Another aide called it the 35-minute meeting at the Great Hall.\n"
)
KEY = "duration-conflict:talks:m1:m2"
OPEN_KEY = "duration-conflict:talks:m1:m3"
REF = [{"source": "rec", "quote": "the record says"}]


def corpus() -> dict[str, Any]:
    return {
        "articles": [
            article(TEXT, outlet="Wire & Sons <Ltd>", headline="Talks <i>held</i>", url="javascript:alert(1)")
        ],
        "references": [
            {
                "id": "rec",
                "title": "The record",
                "publisher": "Archive",
                "url": "https://example.org/record",
                "accessed": "2026-11-23",
            }
        ],
        "countries": [{"id": "china", "name": "China"}],
        "places": [{"id": "beijing", "name": "Beijing", "type": "city", "parent": "china"}],
        "people": [{"id": "ann", "name": "Ann <Admin>"}, {"id": "bob", "name": "Bob"}],
        "offices": [{"id": "fm", "title": "Foreign Minister", "single_holder": True}],
        "occurrences": [
            {"id": "talks", "kind": "meeting", "label": "The talks & more", "reason": "one meeting"},
            {"id": "trip", "kind": "visit", "label": "Ann's trip", "reason": "one visit"},
        ],
        "facts": [
            {
                "id": "m1",
                "kind": "meeting",
                "of": "talks",
                "participants": ["ann", "bob"],
                "when": "on Monday",
                "duration": {"value": 5, "unit": "hour", "hedge": "about"},
                "evidence": [{"source": "art", "quote": "The meeting lasted about five hours"}],
            },
            {
                "id": "m2",
                "kind": "meeting",
                "of": "talks",
                "participants": ["ann"],
                "when": "2023-06-19",
                "duration": {"value": 35, "unit": "minute"},
                "evidence": [{"source": "art", "quote": "the 35-minute meeting"}],
            },
            {
                "id": "m3",
                "kind": "meeting",
                "of": "talks",
                "participants": ["ann"],
                "when": "2023-06-19",
                "duration": {"value": 35, "unit": "minute"},
                "evidence": REF,
            },
            {
                "id": "t1",
                "kind": "role",
                "person": "ann",
                "office": "fm",
                "start": "2018-03-19",
                "end": "2022-12-30",
                "evidence": REF,
            },
            {
                "id": "v1",
                "kind": "visit",
                "of": "trip",
                "travellers": ["ann"],
                "destination": "beijing",
                "arrive": "2023-06-18",
                "depart": "2023-06-19",
                "evidence": REF,
            },
        ],
        "reviews": [{"finding": KEY, "verdict": "confirmed conflict", "note": "a <b>bold</b> note"}],
    }


@pytest.fixture
def page(project: Project) -> str:
    project.seed("art.txt", TEXT)
    project.write("corpus.yaml", corpus())
    built = project.factdb("build")
    assert built.returncode == 0, built.stderr
    proc = project.factdb("report", "-o", "out/report")
    assert proc.returncode == 0, proc.stderr
    target = project.root / "out" / "report" / "index.html"
    assert proc.stdout.splitlines()[0] == f"wrote {Path('out/report/index.html')}"
    assert "2 finding(s) (1 not reviewed)" in proc.stdout
    return target.read_text(encoding="utf-8")


def marked(page: str) -> list[str]:
    return re.findall(r"<mark[^>]*>(.*?)</mark>", page, flags=re.S)


def test_both_quotes_of_a_finding_are_marked_in_their_paragraphs(page: str) -> None:
    assert "The meeting lasted about five hours" in marked(page)
    assert "the 35-minute meeting" in marked(page)
    # The rest of each paragraph is there, unmarked.
    tail = "</mark>; the agenda read &lt;b&gt;&quot;trade &amp; tariffs&quot;&lt;/b&gt;. Reporters waited."
    assert tail in page and "Another aide called it <mark" in page
    # A background fact's quote is shown alone, with its reference.
    assert "the record says" in marked(page) and "rec — Archive: The record" in page
    # The finding: its check, message, review, facts with file:line and article.
    assert "duration-conflict" in page and f"key: {KEY}" in page
    assert "reviewed: confirmed conflict" in page and "not reviewed" in page
    # Within a severity, the finding nobody has reviewed comes first.
    assert page.index(f"key: {OPEN_KEY}") < page.index(f"key: {KEY}")
    assert re.search(r"m1</code>.*?facts/corpus\.yaml:\d+.*?art · Wire &amp; Sons &lt;Ltd&gt;", page, re.S)


def test_everything_from_the_corpus_is_escaped(page: str) -> None:
    assert "&lt;b&gt;&quot;trade &amp; tariffs&quot;&lt;/b&gt;" in page
    assert "Talks &lt;i&gt;held&lt;/i&gt;" in page and "Ann &lt;Admin&gt;" in page
    assert "a &lt;b&gt;bold&lt;/b&gt; note" in page and "The talks &amp; more" in page
    for raw in ('<b>"trade', "<b>bold", "<i>held", "<Ltd>", "<Admin>", "javascript:"):
        assert raw not in page


class _Resources(HTMLParser):
    """Every URL the page would fetch or follow: (tag, attribute, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "srcset", "xlink:href", "data", "poster", "action") and value:
                self.urls.append((tag, name, value))


def test_page_is_offline(page: str) -> None:
    parser = _Resources()
    parser.feed(page)
    fetched = [(t, v) for t, _, v in parser.urls if t != "a"]
    assert fetched == []
    links = [v for t, _, v in parser.urls if t == "a"]
    assert "https://example.org/record" in links
    assert all(v.startswith(("#", "https://", "http://")) for v in links)
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert "<style>" in page


def test_timeline_is_inline_svg_with_rows_axis_and_marks(page: str) -> None:
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'class="timeline"' in svg and ">year</text>" in svg
    assert "Ann &lt;Admin&gt;" in svg and "The talks &amp; more" in svg and "Ann&#x27;s trip" in svg
    assert f'fill="{NO_COUNTRY}"' in svg  # the office has no country
    assert f'<span class="lg bar" style="--c:{NO_COUNTRY}">office of no country</span>' in page
    assert f'fill="{VISIT_COLOUR}"' in svg and f'fill="{MEETING_COLOUR}"' in svg
    assert re.search(r">20(19|20|21|22)</text>", svg)
    assert "art published 2023-06-19" in svg


def test_missing_database_is_a_clear_error(project: Project) -> None:
    project.write("corpus.yaml", corpus())
    proc = project.factdb("report", "-o", "out")
    assert proc.returncode == 2
    assert "run `factdb build`" in proc.stderr and "Traceback" not in proc.stderr
    assert not (project.root / "out").exists()


def test_output_is_required(project: Project) -> None:
    proc = project.factdb("report")
    assert proc.returncode == 2 and "--output" in proc.stderr


def test_highlight_overlapping_quotes_and_lines() -> None:
    text = "first line\nsecond line has a <quote> in it\nthird"
    lo, hi = line_bounds(text, text.index("<quote>"), text.index(" in it"))
    assert text[lo:hi] == "second line has a <quote> in it"
    html = highlight(text, lo, hi, [(lo + 7, lo + 25, 1, "b"), (lo, lo + 11, 0, "a")])
    assert html == (
        '<mark class="m0" title="a">second </mark><mark class="m0" title="a, b">line</mark>'
        '<mark class="m1" title="b"> has a &lt;quote&gt;</mark> in it'
    )


# --- the real corpus in a browser -------------------------------------------------


def _chromium() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_screenshot_of_real_corpus_shows_timeline_and_findings(tmp_path: Path) -> None:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FACTDB_PROJECT", None)
    db, out = tmp_path / "real.duckdb", tmp_path / "report"

    def factdb(*args: str) -> None:
        proc = subprocess.run(
            [sys.executable, "-m", "factdb.loader", *args], capture_output=True, text=True, env=env, cwd=ROOT
        )
        assert proc.returncode == 0, proc.stderr

    factdb("build", "--facts", str(ROOT / "facts"), "--db", str(db))
    factdb("report", "--facts", str(ROOT / "facts"), "--db", str(db), "-o", str(out))
    # The terms' colours are the data's: read back which one each country got.
    with duckdb.connect(str(db), read_only=True) as con:
        term_colour = load_timeline(con, max_rows=PageLimits().timeline_rows).terms.by_country
    png = tmp_path / "report.png"
    shot = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--window-size=1400,4000",  # room for the first findings under any font
            f"--screenshot={png}",
            (out / "index.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert png.is_file(), shot.stderr
    with Image.open(png) as im:
        assert im.size == (1400, 4000)
        colours = im.convert("RGB").getcolors(im.width * im.height)
        assert colours is not None  # None only when there are more colours than asked for
        counts = Counter({rgb: n for n, rgb in colours})
    # Each colour marks one thing only; the legend alone shows well under 200
    # pixels of any, so these counts need the bars, dots and highlights themselves.
    wanted = {
        "US terms": (term_colour["united-states"], 5000),
        "Chinese terms": (term_colour["china"], 5000),
        "visits": (VISIT_COLOUR, 300),
        "meetings": (MEETING_COLOUR, 300),
        "a finding's first quote": (MARK_COLOURS[0], 3000),
    }
    too_few = {
        f"{what} {colour}": f"{counts[_rgb(colour)]} < {least}"
        for what, (colour, least) in wanted.items()
        if counts[_rgb(colour)] < least
    }
    assert not too_few, f"too few pixels in {png}: {too_few}"


# --- a page of a big corpus -------------------------------------------------------


def _render(facts: Path, db: Path, limits: PageLimits) -> Report:
    articles = coverage(facts, db)
    with duckdb.connect(str(db), read_only=True) as con:
        return render_report(con, articles, limits)


def _findings_in_full(html: str) -> list[str]:
    return re.findall(r'<article class="finding [a-z]+" id="([^"]+)"', html)


def test_a_cut_page_shows_the_unreviewed_finding_in_full_and_counts_the_reviewed(project: Project) -> None:
    project.seed("art.txt", TEXT)
    project.write("corpus.yaml", corpus())
    assert project.factdb("build").returncode == 0
    facts, db = project.root / "facts", project.root / "factdb.duckdb"
    html = _render(facts, db, PageLimits(findings=1)).html
    assert _findings_in_full(html) == [OPEN_KEY]
    assert "The first 1 of 2 findings in full" in html
    # The heading still counts the whole severity; the cut one is counted by its check.
    assert '<span class="count">2, 1 not reviewed</span>' in html
    assert re.search(
        r"1 more, by check</th>.*?<code>duration-conflict</code></td><td class=\"num\">1</td>"
        r"<td class=\"num\">0</td>",
        html,
        re.S,
    )
    # Nothing is cut from a page within its limits.
    whole = _render(facts, db, PageLimits()).html
    assert sorted(_findings_in_full(whole)) == sorted([KEY, OPEN_KEY]) and "more, by check" not in whole


def _rank_of(r: Row) -> tuple[int, int, Any, str, str]:
    return _rank(r.label, r.title, [(m.start, m.end, m.shape == "tick") for m in r.marks])


def shown_rows(rows: list[Row], limit: int) -> list[Row]:
    """The cut worked out from drawn rows, as a reader would rank them: the
    page must keep the same ones it chose before drawing any."""
    kept = rows if len(rows) <= limit else sorted(rows, key=_rank_of)[:limit]
    return sorted(kept, key=lambda r: (r.first(), r.label))


def test_a_big_corpus_page_is_cut_to_its_limits_and_counts_the_rest(generated: Path) -> None:
    facts, db = generated / "facts", generated / "bench.duckdb"
    limits = PageLimits(findings=5, timeline_rows=4, published_lines=3, coverage_rows=2)
    report = _render(facts, db, limits)
    html = report.html
    with duckdb.connect(str(db), read_only=True) as con:
        keys = [k for (k,) in con.execute("SELECT key FROM findings").fetchall()]
        published = [d for (d,) in con.execute("SELECT published FROM articles").fetchall()]
        uncut = load_timeline(con)
        ordered = [f.key for f in load_findings(con)]
    # Findings: the first five in the page's order in full, every other counted.
    assert len(keys) > 5 and _findings_in_full(html) == ordered[:5]
    counted = [
        int(n) for n in re.findall(r'<tr><td><code>[^<]+</code></td><td class="num">([\d,]+)</td>', html)
    ]
    assert sum(counted) == len(keys) - 5
    # Timeline: four rows a group, the page's pick the same as shown_rows over every
    # row, and none left out disagrees more than one shown.
    assert report.timeline_rows == 8 and report.timeline_total == uncut.rows
    assert f"{report.timeline_rows} of {uncut.rows} timeline row(s)" in report.summary()
    with duckdb.connect(str(db), read_only=True) as con:
        cut = load_timeline(con, max_rows=4)
    for group, picked, first in (
        (uncut.people, cut.people, "most terms"),
        (uncut.occurrences, cut.occurrences, "where accounts disagree"),
    ):
        kept = shown_rows(group, 4)
        assert [r.title for r in picked] == [r.title for r in kept] and len(kept) == 4
        assert all(f"<title>{escape(r.title)}</title>" in html for r in kept)
        left = [r for r in group if r.title not in {k.title for k in kept}]
        # _rank's first element is minus the row's number of different spans
        assert min(_rank_of(r)[0] for r in left) >= max(_rank_of(r)[0] for r in kept)
        assert f"4 of {len(group):,}, {first} first" in html
    # Publication dates: a bar per month that counts its articles, no line each.
    months = Counter(d.replace(day=1) for d in published)
    bars = re.findall(r"<title>(\d{4}-\d\d): (\d+) article\(s\) published</title>", html)
    assert {m: int(n) for m, n in bars} == {f"{m:%Y-%m}": n for m, n in months.items()}
    assert 'class="published"' not in html and "articles published per month" in html
    # Coverage: the whole corpus in one line, then the two least cited articles.
    everything = coverage(facts, db)
    least = sorted(everything, key=lambda a: (a.percent, a.article))[:2]
    rows = re.findall(r"<tr><td><code>([^<]+)</code><br><span class=loc>", html)
    assert rows == [a.article for a in least]
    cited, sentences = sum(a.cited for a in everything), sum(a.sentences for a in everything)
    assert f"All {len(everything):,} articles: {cited:,} of {sentences:,} sentences cited" in html


def test_a_cut_timeline_keeps_rows_it_can_draw(project: Project) -> None:
    """A career that ended long before the articles' years ranks high (two
    terms) but has nothing to draw: the cut must not spend its row on it."""
    data = corpus()
    data["people"].append({"id": "old", "name": "Old Timer"})
    data["facts"] += [
        {
            "id": f"t-old-{n}",
            "kind": "role",
            "person": "old",
            "office": "fm",
            "start": start,
            "end": end,
            "evidence": REF,
        }
        for n, (start, end) in enumerate([("1981-01-20", "1985-01-19"), ("1985-01-20", "1989-01-19")])
    ]
    project.seed("art.txt", TEXT)
    project.write("corpus.yaml", data)
    assert project.factdb("build").returncode == 0
    html = _render(project.root / "facts", project.root / "factdb.duckdb", PageLimits(timeline_rows=1)).html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "Ann &lt;Admin&gt;" in svg and "Old Timer" not in svg
    assert "Terms of office (background record)" in svg


def test_one_huge_article_lists_its_first_uncited_sentences_and_counts_the_rest(project: Project) -> None:
    """An article of 30,000 sentences none cites, one of them 200,000
    characters long: the page lists the first `uncited` of them, each cut to
    `sentence_chars`, says how many more there are and where to see them,
    and stays a small fraction of the article's size."""
    n, giant = 30_000, "Long " + "word " * 40_000 + "end."
    paragraphs = [
        " ".join(f"Sentence {i} of paragraph {p} says nothing of note." for i in range(100))
        for p in range(n // 100)
    ]
    text = TEXT + "\n" + giant + "\n\n" + "\n\n".join(paragraphs) + "\n"
    data = corpus()
    data["articles"][0]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    project.seed("art.txt", text)
    project.write("corpus.yaml", data)
    assert project.factdb("build").returncode == 0
    facts, db = project.root / "facts", project.root / "factdb.duckdb"
    (art,) = coverage(facts, db)
    uncited = len(art.uncited)
    assert uncited > n and art.uncited[0].text.startswith("Officials met")
    limits = PageLimits()
    html = _render(facts, db, limits).html
    details = html[html.index("<details><summary>") : html.index("</details>")]
    assert f"<summary>{uncited:,} not cited</summary>" in details
    listed = re.findall(r"<li><code>art\.txt:(\d+)</code> ", details)
    assert [int(line) for line in listed] == [s.line for s in art.uncited[: limits.uncited]]
    assert f"… and {uncited - limits.uncited:,} more; <code>factdb coverage</code> lists every one" in details
    # the giant sentence, second in the list, cut to its first characters with its length
    assert f"{escape(giant[: limits.sentence_chars])}… ({len(giant):,} characters)</li>" in details
    # bounded: the list is at most `uncited` cut sentences (and their markup)
    assert len(details) < limits.uncited * (limits.sentence_chars + 100)
    assert len(html.encode()) < len(text.encode()) // 20
    # a smaller cap lists fewer and counts the rest the same way
    small = _render(facts, db, PageLimits(uncited=3, sentence_chars=10)).html
    assert len(re.findall(r"<li><code>art\.txt:", small)) == 3
    assert f"… and {uncited - 3:,} more;" in small and "Long word … (200,009 characters)" in small
