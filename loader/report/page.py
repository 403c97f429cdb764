"""`factdb report`: one static HTML page about a built database, readable offline
(inline CSS and SVG; no script, font, image or stylesheet to fetch).

In order: a summary, the timeline (report/timeline.py), the findings
grouped by severity with their quotes marked in their passages
(report/findings.py), per-article coverage as `factdb coverage`
measures it, and every check with the rows it examined and the findings it made.

A page stays readable at any size (PageLimits): past its limits each part
shows what most wants a reader's eye and counts or summarises the rest; the
cuts of findings and coverage name the command that lists every one. Within
one article's coverage, the first `uncited` sentences not cited are listed,
each cut to `sentence_chars` characters, then how many more there are: one
100 MB article listed 1.28M sentences, a 145 MB page; at the defaults the
list holds at most 50,000 characters of an article's text.

Where it writes: only OUT_DIR/index.html, as a temp file beside it renamed over
it (a reader sees the old page or the new, never a part).  OUT_DIR or its
index.html being a symlink is refused before any work (a report never writes
through one), as is an index.html that is not a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

import duckdb

from ..common import UsageError, connect_read_only
from ..output import SEVERITY_COLOUR
from .coverage import ArticleCoverage, coverage
from .findings import findings_html, load_findings, mark_css
from .timeline import STYLE as TIMELINE_STYLE
from .timeline import legend_html, load_timeline, timeline_svg

# Tables the page reads that a database built by an older factdb may lack.
NEEDED = ("findings", "finding_facts", "checks", "fact_dates", "terms", "title_claims")

CSS = (
    """
:root { --ink: #1d1f24; --muted: #5f6672; --line: #e3e6eb; --panel: #f6f7f9; --link: #2355a8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1360px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 28px; margin: 0; letter-spacing: -0.01em; }
h2 { font-size: 21px; margin: 28px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 17px; margin: 20px 0 6px; }
h3 .count { color: var(--muted); font-weight: 400; font-size: 14px; margin-left: 6px; }
a { color: var(--link); }
.sub { color: var(--muted); margin: 4px 0 10px; }
nav a { margin-right: 18px; text-decoration: none; font-weight: 500; }
header.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px; flex-wrap: wrap; }
.stats { display: flex; gap: 10px; flex-wrap: wrap; }
.stat { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px;
        color: var(--muted); font-size: 14px; }
.stat b { display: block; font-size: 22px; color: var(--ink); }
.legend { display: flex; gap: 6px 18px; flex-wrap: wrap; color: var(--muted); font-size: 12.5px; margin: 6px 0 10px; }
.lg::before { content: ""; display: inline-block; width: 16px; height: 10px; margin-right: 6px;
               border-radius: 2px; background: var(--c); vertical-align: -1px; }
.lg.dot::before { width: 10px; border-radius: 50%; }
.lg.tick::before { width: 3px; height: 14px; border-radius: 0; vertical-align: -3px; }
.lg.dash::before { width: 0; height: 14px; border-left: 2px dashed var(--c); background: none;
                    border-radius: 0; vertical-align: -3px; }
.chart { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 4px 0; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--sev); border-radius: 8px;
           padding: 12px 18px; margin: 12px 0; }
h3.severity { color: var(--sev); }
"""
    + "".join(f".{severity} {{ --sev: {colour}; }} " for severity, colour in SEVERITY_COLOUR.items())
    + """
.finding header { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
.badge { font-size: 12px; font-weight: 600; padding: 1px 9px; border-radius: 10px; border: 1px solid var(--line);
         background: var(--panel); }
.badge.sev { color: #fff; background: var(--sev); border-color: var(--sev); text-transform: uppercase;
             letter-spacing: 0.04em; }
.badge.reviewed { color: #245c3a; background: #eef7f1; border-color: #b9dcc6; }
.badge.open { color: #8a1c14; background: #fdf0ee; border-color: #efb8b0; }
code, .loc, p.key { font: 13px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
code.check { font-size: 14px; font-weight: 600; }
.msg { margin: 8px 0 4px; font-weight: 500; }
.note { color: var(--muted); font-size: 14px; margin: 4px 0 8px; }
ul.sides { margin: 8px 0; padding: 0; list-style: none; font-size: 14px; }
ul.sides li { margin: 3px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; background: var(--c);
          border: 1px solid rgba(0, 0, 0, 0.25); vertical-align: -1px; margin-right: 8px; }
.kind, .loc, .where { color: var(--muted); margin-left: 8px; }
.passage { margin: 10px 0; padding: 10px 14px; background: var(--panel); border-radius: 6px; }
.passage blockquote { margin: 0; font: 16px/1.6 Georgia, "DejaVu Serif", "Times New Roman", serif;
                      white-space: pre-wrap; }
.passage figcaption { margin-top: 6px; font-size: 12.5px; color: var(--muted); overflow-wrap: anywhere; }
mark { padding: 1px 1px; border-radius: 2px; color: inherit; }
p.key { color: var(--muted); font-size: 12px; margin: 6px 0 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td code { white-space: nowrap; }
.meter { width: 140px; height: 10px; background: #e9ecf1; border-radius: 5px; overflow: hidden; margin-top: 5px; }
.meter i { display: block; height: 100%; background: #4f8a6b; }
details { margin-top: 4px; } summary { cursor: pointer; color: var(--link); }
details li { font-size: 13px; margin: 2px 0; }
details li.rest { color: var(--muted); list-style: none; }
tr.idle td { color: #8a5a00; }
table.rest { width: auto; margin: 8px 0 16px; }
"""
)


@dataclass(frozen=True)
class PageLimits:
    """How much of a big corpus the page shows in full. At a million facts,
    every finding, row and article in full made a page of over 100 MB."""

    findings: int = 200
    timeline_rows: int = 100  # in each of the timeline's groups
    # past this many articles, a dashed line and a label each would fill the chart
    published_lines: int = 60
    coverage_rows: int = 200
    # in each article's list of sentences not cited, and of each sentence
    uncited: int = 100
    sentence_chars: int = 500

    def __post_init__(self) -> None:
        negative = [name for name, value in vars(self).items() if value < 0]
        if negative:
            raise ValueError(f"page limits must not be negative: {', '.join(negative)}")


@dataclass(frozen=True)
class Report:
    html: str
    articles: int
    findings: int
    unreviewed: int
    timeline_rows: int
    timeline_total: int = 0

    def summary(self) -> str:
        rows = f"{self.timeline_rows}"
        if self.timeline_total > self.timeline_rows:
            rows += f" of {self.timeline_total}"
        return (
            f"{self.articles} article(s), {self.findings} finding(s) ({self.unreviewed} not reviewed), "
            f"{rows} timeline row(s)"
        )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _uncited_html(a: ArticleCoverage, limits: PageLimits) -> str:
    """The article's sentences not cited, in a <details>: the first
    `limits.uncited`, each cut to `limits.sentence_chars`, then a count of the rest."""
    if not a.uncited:
        return ""
    shown = a.uncited[: limits.uncited]
    items = "".join(
        f"<li><code>{escape(a.seed)}:{s.line}</code> {escape(_clip(s.text, limits.sentence_chars))}</li>"
        for s in shown
    )
    rest = len(a.uncited) - len(shown)
    if rest:
        items += (
            f'<li class="rest">… and {rest:,} more; <code>factdb coverage</code> lists every one, '
            f"as <code>{escape(a.seed)}:LINE: sentence</code></li>"
        )
    return f"<details><summary>{len(a.uncited):,} not cited</summary><ul>{items}</ul></details>"


def _coverage_html(
    articles: list[ArticleCoverage], heads: dict[str, tuple[str, str]], limits: PageLimits
) -> str:
    """A row per article; past `limits.coverage_rows` articles, the least cited
    only, under a line for the whole corpus."""
    limit = limits.coverage_rows
    intro = ""
    if len(articles) > limit:
        sentences = sum(a.sentences for a in articles)
        cited = sum(a.cited for a in articles)
        share = 100.0 * cited / sentences if sentences else 100.0
        intro = (
            f'<p class="sub">All {len(articles):,} articles: {cited:,} of {sentences:,} sentences cited '
            f"({share:.1f}%). The {limit:,} least cited below; <code>factdb coverage</code> lists every one.</p>"
        )
        articles = sorted(articles, key=lambda a: (a.percent, a.article))[:limit]
    rows = []
    for a in articles:
        outlet, headline = heads.get(a.article, ("", ""))
        more = _uncited_html(a, limits)
        rows.append(
            f"<tr><td><code>{escape(a.article)}</code><br><span class=loc>{escape(a.seed)}</span></td>"
            f"<td>{escape(outlet)}<br><i>{escape(headline)}</i>{more}</td>"
            f'<td class="num">{a.sentences}</td><td class="num">{a.cited}</td>'
            f'<td class="num">{a.percent:.1f}%<div class="meter"><i style="width:{a.percent:.1f}%"></i></div></td></tr>'
        )
    return intro + (
        '<table><thead><tr><th>article</th><th>outlet and headline</th><th class="num">sentences</th>'
        f'<th class="num">cited</th><th class="num">cited %</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _checks_html(con: duckdb.DuckDBPyConnection) -> str:
    rows = "".join(
        f'<tr class="{"idle" if examined == 0 else ""}"><td><code>{escape(i)}</code></td><td>{escape(sev)}</td>'
        f'<td>{escape(desc)}</td><td class="num">{examined}</td><td class="num">{n}</td><td>{escape(status)}</td></tr>'
        for i, sev, desc, examined, n, status in con.execute(
            "SELECT id, severity, description, examined, findings, status FROM checks ORDER BY id"
        ).fetchall()
    )
    return (
        '<table><thead><tr><th>check</th><th>severity</th><th>what it looks for</th><th class="num">rows examined</th>'
        f'<th class="num">findings</th><th>status</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def render_report(
    con: duckdb.DuckDBPyConnection, cov: list[ArticleCoverage], limits: PageLimits = PageLimits()
) -> Report:
    findings = load_findings(con, detailed=limits.findings)
    timeline = load_timeline(con, max_rows=limits.timeline_rows)
    monthly = len(timeline.published) > limits.published_lines
    heads = {i: (o, h) for i, o, h in con.execute("SELECT id, outlet, headline FROM articles").fetchall()}
    kinds = con.execute("SELECT kind, count(*) FROM fact_index GROUP BY kind ORDER BY kind").fetchall()
    unreviewed = sum(1 for f in findings if f.verdict is None)
    facts = sum(int(n) for _, n in kinds)
    stats = [
        (len(heads), "articles"),
        (facts, "facts"),
        (len(findings), "findings"),
        (unreviewed, "not reviewed"),
    ]
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factdb report</title>
<style>{CSS}{TIMELINE_STYLE}{mark_css()}</style>
</head>
<body>
<main>
<header class="top"><div>
<h1>factdb report</h1>
<p class="sub">{len(heads)} articles and {facts} facts ({escape(", ".join(f"{n} {k}" for k, n in kinds))}).</p>
<nav><a href="#timeline">Timeline</a><a href="#findings">Findings</a><a href="#coverage">Coverage</a><a href="#checks">Checks</a></nav>
</div>
<div class="stats">{"".join(f"<div class=stat><b>{n}</b>{label}</div>" for n, label in stats)}</div>
</header>
<h2 id="timeline">Timeline</h2>
<div class="legend">{legend_html(timeline, monthly)}</div>
<div class="chart">{timeline_svg(timeline, monthly)}</div>
<h2 id="findings">Findings</h2>
{findings_html(findings, limits.findings)}
<h2 id="coverage">Coverage</h2>
<p class="sub">How many of each article's reporting sentences at least one quote cites.</p>
{_coverage_html(cov, heads, limits)}
<h2 id="checks">Checks</h2>
{_checks_html(con)}
</main>
</body>
</html>
"""
    return Report(page, len(heads), len(findings), unreviewed, timeline.rows, timeline.total_rows)


def write_report(db: Path, facts_dir: Path, out_dir: Path) -> tuple[Path, Report]:
    """Write OUT_DIR/index.html about the database and the facts it was built from."""
    target = out_dir / "index.html"
    _check_target(out_dir, target)
    # The database first: without it, measuring coverage is wasted time.
    con = connect_read_only(db)
    try:
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()
    missing = [t for t in NEEDED if t not in have]
    if missing:
        raise UsageError(f"{db} has no {', '.join(missing)}: rebuild it with `factdb build`")
    # Read with connections of its own, so before this one opens: DuckDB lets
    # one process open a file again only with the same settings.
    articles = coverage(facts_dir, db)
    con = connect_read_only(db)
    try:
        report = render_report(con, articles)
    finally:
        con.close()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _check_target(out_dir, target)  # again: the page took a while
        _write_atomically(target, report.html)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target, report


def _check_target(out_dir: Path, target: Path) -> None:
    for path in (out_dir, target):
        if path.is_symlink():
            raise UsageError(
                f"{path} is a symlink (to {os.readlink(path)}); a report never writes through one: "
                "remove the link, or choose another --output folder"
            )
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--output {out_dir} is a file, not a folder: choose a folder")
    if target.exists() and not target.is_file():
        raise UsageError(f"{target} is not a file; remove it, or choose another --output folder")


def _write_atomically(target: Path, text: str) -> None:
    """A temp file beside `target`, created exclusively (never an existing file
    or link), renamed over it: the rename replaces a link, never follows it."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with open(tmp, "x", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
