"""The report's timeline: terms of office, visits and meetings on one year axis,
drawn as inline SVG (no script, no font or image to fetch).

One row per person with a recorded term of office (the terms as bars, coloured
by the office's country; each date on which an article gives the person a title
as a tick), then one row per visit or meeting occurrence, where each fact's own
dating is drawn separately, so that accounts which disagree show side by side.
Dashed lines mark the articles' publication dates.

The terms' colours come from the data drawn, not from a list of countries
(term_colours): each country with a term on the chart gets a colour of its own
from TERM_PALETTE, the countries with the most terms drawn first (ties by id),
so the same data always gets the same colours. Countries past the palette share
TERM_OTHER, and offices with no country are NO_COUNTRY. The legend names each of
these colours that is drawn, and no other, in that order, each country by its
name in the `countries` table.

A big corpus would make a chart nobody can read (and a page of hundreds of
megabytes): each group shows at most a set number of rows, those where
accounts disagree first, and past a set number of articles their
publication dates are drawn as a count per month instead of a line each.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Literal

import duckdb

# The `terms` view's end of a term that has not ended.
OPEN_END = dt.date(9999, 12, 31)
# Each colour is used for nothing else on the page: the screenshot test counts them.
# The terms' colours, given to countries in turn (term_colours): hues apart from
# each other and from the marks' colours below, dark enough for white text in a bar.
TERM_PALETTE = ("#2f6fd0", "#d6452f", "#e08a00", "#c2368c", "#0e8fa3", "#8b5a2b")
TERM_OTHER = "#55606e"  # every country past the palette's size
NO_COUNTRY = "#8a8f98"  # an office with no country
VISIT_COLOUR = "#1f9d5b"
MEETING_COLOUR = "#7b4fe0"
CLAIM_COLOUR = "#1d1f24"
PUBLISHED_COLOUR = "#9aa1ad"

# The legend's entries after the terms' colours: (shape, colour, text).
LEGEND: list[tuple[str, str, str]] = [
    ("tick", CLAIM_COLOUR, "an article gives the title"),
    ("bar", VISIT_COLOUR, "visit, arrival to departure (faint: imprecise)"),
    ("dot", MEETING_COLOUR, "meeting (line: imprecise date)"),
    ("dash", PUBLISHED_COLOUR, "article published"),
]

Shape = Literal["bar", "dot", "tick"]


@dataclass(frozen=True)
class TermColours:
    """The colour of each country's terms, and the legend's entry for each colour."""

    # every country id with a term drawn (None: an office with no country) to its colour
    by_country: dict[str | None, str]
    # (colour, text) for each colour drawn, once, in the legend's order
    legend: tuple[tuple[str, str], ...]


def term_colours(drawn: Iterable[tuple[str | None, str | None]]) -> TermColours:
    """The colours of the terms drawn, given as one (office's country id, the
    country's name) per term. The countries ranked by their number of terms,
    most first, then by id, take TERM_PALETTE's colours in turn; those past its
    size share TERM_OTHER, and terms of offices with no country are NO_COUNTRY.
    Depends on the terms' countries only, not on their order."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    no_country = False
    for country, name in drawn:
        if country is None:
            no_country = True
        else:
            counts[country] += 1
            names[country] = name or country
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    own = list(zip(ranked, TERM_PALETTE, strict=False))
    rest = ranked[len(own) :]
    # Two countries of one name (a corpus's mistake, or history) are told apart by id.
    named = Counter(names[c] for c, _ in own)
    by_country: dict[str | None, str] = {c: colour for c, colour in own}
    legend = [
        (colour, f"{names[c]} ({c}) office" if named[names[c]] > 1 else f"{names[c]} office")
        for c, colour in own
    ]
    if rest:
        by_country.update(dict.fromkeys(rest, TERM_OTHER))
        legend.append((TERM_OTHER, f"office of {len(rest)} other countr{'y' if len(rest) == 1 else 'ies'}"))
    if no_country:
        by_country[None] = NO_COUNTRY
        legend.append((NO_COUNTRY, "office of no country"))
    return TermColours(by_country, tuple(legend))


@dataclass(frozen=True)
class Mark:
    shape: Shape
    start: dt.date
    end: dt.date  # exclusive, as in the `terms` view: [start, end)
    colour: str
    title: str
    text: str = ""  # written inside a bar wide enough for it
    vague: bool = False  # a date known only to the week, month or year: drawn faint


@dataclass
class Row:
    label: str
    title: str
    marks: list[Mark] = field(default_factory=list)

    def first(self) -> dt.date:
        return min(m.start for m in self.marks)


# A mark before it is drawn: start, end (exclusive), whether it is a tick.
Sketch = list[tuple[dt.date, dt.date, bool]]


def _rank(label: str, title: str, spans: Sketch) -> tuple[int, int, dt.date, str, str]:
    """Which rows a cut timeline keeps first: those with the most different
    spans among their bars and dots (for an occurrence, two or more where
    accounts of it disagree; for a person, their terms), then the most marks
    (the most accounts, or claims of a title), then the earliest."""
    return (
        -len({(a, b) for a, b, tick in spans if not tick}),
        -len(spans),
        min(a for a, _, _ in spans),
        label,
        title,
    )


@dataclass
class Timeline:
    people: list[Row]
    occurrences: list[Row]
    published: list[tuple[dt.date, str]]
    # rows in each group that have a mark in `years`, before the cut
    people_total: int
    occurrences_total: int
    # the years drawn (_years), worked out over every row before the cut
    years: tuple[int, int]
    # the colours of the terms drawn, worked out over the rows kept by the cut
    terms: TermColours

    @property
    def rows(self) -> int:
        return len(self.people) + len(self.occurrences)

    @property
    def total_rows(self) -> int:
        return self.people_total + self.occurrences_total


def _chosen(sketches: dict[str, tuple[str, str, Sketch]], limit: int | None) -> set[str]:
    """The keys of the `limit` rows that rank first, chosen before any is
    drawn: at a million facts, making every mark of 60k rows to keep 200 took 4 s."""
    if limit is None or len(sketches) <= limit:
        return set(sketches)
    return set(sorted(sketches, key=lambda k: _rank(*sketches[k]))[:limit])


def _day(d: dt.date) -> str:
    return d.isoformat()


def _span(start: dt.date, end: dt.date) -> str:
    last = end - dt.timedelta(days=1)
    return _day(start) if last <= start else f"{_day(start)} to {_day(last)}"


def load_timeline(con: duckdb.DuckDBPyConnection, max_rows: int | None = None) -> Timeline:
    """Every row with a mark inside the years shown, or with `max_rows` at
    most that many in each group, those that rank first (_rank), in date order."""
    terms = con.execute(
        """
        SELECT t.person, p.name, o.title, o.country, c.name, t.term_start, t.term_end
        FROM terms t JOIN people p ON p.id = t.person JOIN offices o ON o.id = t.office
        LEFT JOIN countries c ON c.id = o.country
        ORDER BY t.term_start, t.person, t.term_end, o.title
        """
    ).fetchall()
    claims = con.execute(
        """
        SELECT c.person, p.name, o.title, c.at_from, c.at_to, c.article
        FROM title_claims c JOIN people p ON p.id = c.person JOIN offices o ON o.id = c.office
        ORDER BY c.at_from, c.article, c.person, o.title
        """
    ).fetchall()
    # One mark per fact from its earliest to its latest date (legs included).
    facts = con.execute(
        """
        SELECT d.of, any_value(o.label), d.owner, any_value(d.kind), min(d.d_from), max(d.d_to) + 1,
               bool_or(coalesce(d.d_precision, '') NOT IN ('day', 'span'))
        FROM fact_dates d JOIN occurrences o ON o.id = d.of
        WHERE d.kind IN ('visit', 'meeting') AND d.d_from IS NOT NULL
          AND (d.field IN ('arrive', 'depart', 'when') OR d.field LIKE 'legs.%')
        GROUP BY d.of, d.owner
        ORDER BY d.of, d.owner
        """
    ).fetchall()
    one_day = dt.timedelta(days=1)
    people: dict[str, tuple[str, str, Sketch]] = {}
    for person, name, _, _, _, start, end in terms:
        people.setdefault(person, (name, f"{name} ({person})", []))[2].append((start, end, False))
    for person, _, _, d_from, d_to, _ in claims:
        if person in people:
            people[person][2].append((d_from, d_to + one_day, True))
    occurrences: dict[str, tuple[str, str, Sketch]] = {}
    for of, label, _, _, start, end, _ in facts:
        occurrences.setdefault(of, (label, f"{label} ({of})", []))[2].append((start, end, False))
    published = [
        (d, str(i))
        for i, d in con.execute("SELECT id, published FROM articles ORDER BY published").fetchall()
    ]
    years = _years(
        [a for _, _, spans in people.values() for a, _, tick in spans if tick],
        [d for _, _, spans in occurrences.values() for a, b, _ in spans for d in (a, b)],
        [d for d, _ in published],
        [a for _, _, spans in people.values() for a, _, _ in spans],
    )
    _visible(people, years)
    _visible(occurrences, years)

    shown = _chosen(people, max_rows)
    person_rows = {p: Row(label, title) for p, (label, title, _) in people.items() if p in shown}
    # Every term of a row kept is drawn, also one clipped to the chart's edge.
    colours = term_colours(
        (country, country_name)
        for person, _, _, country, country_name, _, _ in terms
        if person in person_rows
    )
    for person, name, office, country, _, start, end in terms:
        if person in person_rows:
            held = f"{_day(start)} to date" if end == OPEN_END else _span(start, end)
            person_rows[person].marks.append(
                Mark("bar", start, end, colours.by_country[country], f"{name}: {office}, {held}", office)
            )
    for person, name, office, d_from, d_to, article in claims:
        if person in person_rows:
            title = f"{article} calls {name} {office} on {_day(d_from)}"
            person_rows[person].marks.append(Mark("tick", d_from, d_to + one_day, CLAIM_COLOUR, title))

    shown = _chosen(occurrences, max_rows)
    occurrence_rows = {o: Row(label, title) for o, (label, title, _) in occurrences.items() if o in shown}
    for of, _, owner, kind, start, end, vague in facts:
        if of in occurrence_rows:
            shape: Shape = "bar" if kind == "visit" else "dot"
            colour = VISIT_COLOUR if shape == "bar" else MEETING_COLOUR
            title = f"{owner}: {_span(start, end)}" + (" (imprecise date)" if vague else "")
            occurrence_rows[of].marks.append(Mark(shape, start, end, colour, title, vague=bool(vague)))

    return Timeline(
        sorted(person_rows.values(), key=lambda r: (r.first(), r.label)),
        sorted(occurrence_rows.values(), key=lambda r: (r.first(), r.label)),
        published,
        people_total=len(people),
        occurrences_total=len(occurrences),
        years=years,
        terms=colours,
    )


def _years(
    ticks: list[dt.date], spans: list[dt.date], published: list[dt.date], terms: list[dt.date]
) -> tuple[int, int]:
    """The first year shown and the year after the last: everything the articles
    date, with a year's margin either side.  Terms reach back decades, so the
    chart clips them to this range rather than growing to fit them."""
    dates = ticks + spans + published or terms or [dt.date.today()]
    return min(dates).year - 1, max(dates).year + 2


def _visible(sketches: dict[str, tuple[str, str, Sketch]], years: tuple[int, int]) -> None:
    """Drop the rows with no mark inside the years shown: there is nothing
    to draw of them, and a cut must not spend its rows on careers that ended before."""
    lo, hi = dt.date(years[0], 1, 1), dt.date(years[1], 1, 1)
    for key in [
        k for k, (_, _, spans) in sketches.items() if not any(b > lo and a < hi for a, b, _ in spans)
    ]:
        del sketches[key]


# --- drawing -----------------------------------------------------------------

WIDTH = 1300
LABEL_W = 410
RIGHT = 28
LINE_H = 12  # one line of a row label
ROW_PAD = 2
LABEL_CHARS = 58  # fits LABEL_W at 12px even in a wide sans such as DejaVu Sans
BAR_H = 10
LANE = 12  # from one bar to the next when a row has several lanes
PUB_CHAR_W = 6.0  # generous widths of a character, so that estimated texts never collide
IN_BAR_CHAR_W = 5.0
PUB_STRIP_H = 20

STYLE = """
svg.timeline text { font: 12px system-ui, sans-serif; fill: #1d1f24; }
svg.timeline .year { fill: #5f6672; font-size: 11px; }
svg.timeline .axis-title { fill: #5f6672; font-size: 12px; font-style: italic; }
svg.timeline .group { font-weight: 600; font-size: 13px; }
svg.timeline .pub { fill: #5f6672; font-size: 10.5px; }
svg.timeline .in-bar { fill: #ffffff; font-size: 9px; }
svg.timeline .grid { stroke: #eceef2; }
svg.timeline .axis { stroke: #9aa1ad; }
svg.timeline .band { fill: #f6f7f9; }
svg.timeline .published { stroke: #9aa1ad; stroke-dasharray: 3 3; }
"""


def _label_lines(label: str) -> list[str]:
    lines = textwrap.wrap(label, LABEL_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder=" …")]
    return lines


class _Canvas:
    """Maps dates to x between the label column and the right margin."""

    def __init__(self, first_year: int, last_year: int) -> None:
        self.lo, self.hi = dt.date(first_year, 1, 1), dt.date(last_year, 1, 1)
        self.plot_w = WIDTH - LABEL_W - RIGHT

    def x(self, d: dt.date) -> float:
        d = min(max(d, self.lo), self.hi)
        return LABEL_W + self.plot_w * (d - self.lo).days / (self.hi - self.lo).days


def _bar_lanes(marks: list[Mark]) -> list[int]:
    """A lane for each mark (0 for all but bars): a bar goes into the first lane
    it does not overlap, so that concurrent terms and disagreeing visit dates all
    show; bars that agree exactly share a lane."""
    lanes: list[list[Mark]] = []
    out: list[int] = []
    for m in marks:
        if m.shape != "bar":
            out.append(0)
            continue
        fits = (
            n
            for n, lane in enumerate(lanes)
            if all(b.end <= m.start or m.end <= b.start or b == m for b in lane)
        )
        n = next(fits, len(lanes))
        if n == len(lanes):
            lanes.append([])
        lanes[n].append(m)
        out.append(n)
    return out


def _mark_svg(c: _Canvas, m: Mark, mid: float, row_h: float) -> str:
    title = f"<title>{escape(m.title)}</title>"
    x0, x1 = c.x(m.start), c.x(m.end)
    if m.shape == "tick":
        return (
            f'<rect x="{x0 - 1.5:.1f}" y="{mid - row_h / 2 + 2:.1f}" width="3" height="{row_h - 4:.1f}" '
            f'fill="{m.colour}">{title}</rect>'
        )
    if m.shape == "dot":
        line = (
            f'<line x1="{x0:.1f}" y1="{mid:.1f}" x2="{x1:.1f}" y2="{mid:.1f}" stroke="{m.colour}" '
            'stroke-width="3" stroke-opacity="0.4"/>'
            if x1 - x0 > 6
            else ""
        )
        return f'{line}<circle cx="{(x0 + x1) / 2:.1f}" cy="{mid:.1f}" r="4.5" fill="{m.colour}">{title}</circle>'
    w = max(x1 - x0, 5.0)
    top = mid - BAR_H / 2
    faint = ' fill-opacity="0.35"' if m.vague else ""
    out = [
        f'<rect x="{x0:.1f}" y="{top:.1f}" width="{w:.1f}" height="{BAR_H}" rx="2" fill="{m.colour}"{faint}>'
        f"{title}</rect>"
    ]
    # Arrowheads say that a term runs on beyond the chart.
    if m.start < c.lo:
        out.append(f'<path d="M{x0:.1f},{top:.1f} l-6,{BAR_H / 2} l6,{BAR_H / 2} z" fill="{m.colour}"/>')
    if m.end > c.hi:
        out.append(f'<path d="M{x0 + w:.1f},{top:.1f} l6,{BAR_H / 2} l-6,{BAR_H / 2} z" fill="{m.colour}"/>')
    if m.text and len(m.text) * IN_BAR_CHAR_W + 8 < w:
        out.append(f'<text class="in-bar" x="{x0 + 4:.1f}" y="{mid + 3:.1f}">{escape(m.text)}</text>')
    return "".join(out)


def _axis(c: _Canvas, top: float, bottom: float) -> list[str]:
    """Year grid lines, year labels above and below, the axis line and its title."""
    out: list[str] = []
    first, last = c.lo.year, c.hi.year
    step = 1 if last - first <= 16 else 2
    for year in range(first, last + 1):
        gx = c.x(dt.date(year, 1, 1))
        out.append(f'<line class="grid" x1="{gx:.1f}" y1="{top}" x2="{gx:.1f}" y2="{bottom}"/>')
        if (year - first) % step == 0 and year < last:
            # Centred in its year, so a label reads as "this year" rather than "this day".
            lx = c.x(dt.date(year, 7, 1))
            for ty in (top - 6, bottom + 16):
                out.append(f'<text class="year" x="{lx:.1f}" y="{ty}" text-anchor="middle">{year}</text>')
    out.append(f'<line class="axis" x1="{LABEL_W}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}"/>')
    centre = LABEL_W + c.plot_w / 2
    out.append(
        f'<text class="axis-title" x="{centre:.1f}" y="{bottom + 36}" text-anchor="middle">year</text>'
    )
    return out


def _label_lanes(c: _Canvas, published: list[tuple[dt.date, str]]) -> list[tuple[int, str, float]]:
    """Per publication label: its line above the chart, its anchor and its x.
    A label shares a line with earlier ones when it does not touch them."""
    taken: list[list[tuple[float, float]]] = []
    out: list[tuple[int, str, float]] = []
    for d, article in published:
        px = c.x(d)
        w = PUB_CHAR_W * len(article)
        # Near the right edge a label hangs to the left of its line.
        anchor, tx, lo = (
            ("end", px - 4, px - 4 - w) if px > LABEL_W + c.plot_w * 0.7 else ("start", px + 4, px)
        )
        hi = lo + w + 8
        lane = next(
            (n for n, spans in enumerate(taken) if all(hi < a or b < lo for a, b in spans)), len(taken)
        )
        if lane == len(taken):
            taken.append([])
        taken[lane].append((lo, hi))
        out.append((lane, anchor, tx))
    return out


def _heading(text: str, rows: list[Row], total: int, first: str) -> str:
    if total <= len(rows):
        return text
    return f"{text}: {len(rows):,} of {total:,}, {first} first"


def _monthly(published: list[tuple[dt.date, str]]) -> dict[dt.date, int]:
    """Articles published in each month, by the month's first day."""
    counts: dict[dt.date, int] = {}
    for d, _ in published:
        month = d.replace(day=1)
        counts[month] = counts.get(month, 0) + 1
    return counts


def _next_month(d: dt.date) -> dt.date:
    return dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _monthly_svg(c: _Canvas, counts: dict[dt.date, int]) -> list[str]:
    """A bar per month above the chart, as tall as its count of articles."""
    most = max(counts.values(), default=1)
    out = [
        f'<text class="pub" x="{LABEL_W - 10}" y="{4 + PUB_STRIP_H / 2 + 4:.1f}" text-anchor="end">'
        "articles published per month</text>"
    ]
    for month, n in sorted(counts.items()):
        x0, x1 = c.x(month), c.x(_next_month(month))
        h = max(PUB_STRIP_H * n / most, 1.5)
        out.append(
            f'<rect x="{x0:.1f}" y="{4 + PUB_STRIP_H - h:.1f}" width="{max(x1 - x0 - 0.5, 1.0):.1f}" '
            f'height="{h:.1f}" fill="{PUBLISHED_COLOUR}"><title>{month:%Y-%m}: {n} article(s) published</title></rect>'
        )
    return out


def timeline_svg(t: Timeline, monthly: bool = False) -> str:
    """The chart; with `monthly`, publication dates as counts per month."""
    c = _Canvas(*t.years)
    groups = [
        (_heading("Terms of office (background record)", t.people, t.people_total, "most terms"), t.people),
        (
            _heading(
                "Visits and meetings, as each fact dates them",
                t.occurrences,
                t.occurrences_total,
                "where accounts disagree",
            ),
            t.occurrences,
        ),
    ]
    pub_lanes = [] if monthly else _label_lanes(c, t.published)
    lanes_used = max((lane for lane, _, _ in pub_lanes), default=-1) + 1
    axis_top = (PUB_STRIP_H + 4 if monthly else 12 * lanes_used) + 24
    bands: list[str] = []
    rows: list[str] = []
    y: float = axis_top + 6
    for heading, members in groups:
        if not members:
            continue
        rows.append(f'<text class="group" x="6" y="{y + 18:.1f}">{escape(heading)}</text>')
        y += 26
        for i, row in enumerate(members):
            lines = _label_lines(row.label)
            # Ticks last, so that a title claim stays visible on top of its term.
            marks = sorted(row.marks, key=lambda m: m.shape == "tick")
            lanes = _bar_lanes(marks)
            h = max(LINE_H * len(lines), LANE * max(lanes) + BAR_H) + 2 * ROW_PAD
            if i % 2 == 0:
                bands.append(f'<rect class="band" x="0" y="{y:.1f}" width="{WIDTH}" height="{h:.1f}"/>')
            text_top = y + (h - LINE_H * len(lines)) / 2
            spans = "".join(
                f'<tspan x="{LABEL_W - 10}" y="{text_top + 10 + LINE_H * k:.1f}">{escape(s)}</tspan>'
                for k, s in enumerate(lines)
            )
            rows.append(f'<text text-anchor="end">{spans}<title>{escape(row.title)}</title></text>')
            mid = y + h / 2
            first_lane = mid - LANE * max(lanes) / 2
            rows.extend(
                _mark_svg(c, m, first_lane + LANE * n if m.shape == "bar" else mid, h)
                for m, n in zip(marks, lanes, strict=True)
            )
            y += h
    bottom = round(y) + 6

    pub_lines: list[str] = []
    pub_labels: list[str] = _monthly_svg(c, _monthly(t.published)) if monthly else []
    for (d, article), (lane, anchor, tx) in zip([] if monthly else t.published, pub_lanes, strict=True):
        px = c.x(d)
        title = f"<title>{escape(article)} published {_day(d)}</title>"
        pub_lines.append(
            f'<line class="published" x1="{px:.1f}" y1="{4 + 12 * lane}" x2="{px:.1f}" y2="{bottom}"/>'
        )
        pub_labels.append(
            f'<text class="pub" x="{tx:.1f}" y="{13 + 12 * lane}" text-anchor="{anchor}">'
            f"{escape(article)}{title}</text>"
        )

    height = bottom + 46
    return "\n".join(
        [
            f'<svg class="timeline" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
            'role="img" aria-label="Timeline of terms of office, visits and meetings">',
            *bands,
            *_axis(c, axis_top, bottom),
            *pub_lines,
            *rows,
            *pub_labels,
            "</svg>",
        ]
    )


def legend_html(t: Timeline, monthly: bool = False) -> str:
    """The legend of timeline_svg(t, monthly): the terms' colours drawn, then the marks'."""
    rest = (
        LEGEND if not monthly else [*LEGEND[:-1], ("bar", PUBLISHED_COLOUR, "articles published per month")]
    )
    items = [("bar", colour, text) for colour, text in t.terms.legend] + rest
    return "".join(
        f'<span class="lg {shape}" style="--c:{colour}">{escape(text)}</span>'
        for shape, colour, text in items
    )
