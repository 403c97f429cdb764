"""The report's findings: each stored finding with its review and, for every
fact it rests on, the passage of the source that the fact quotes, the quote
marked in it.

A passage is the line (or lines) of the article text that holds the quote; in
factdb a line of a seed is a paragraph (see report/coverage.py).  A reference
has no text in the database, so its quote is shown alone.  Each fact of a
finding gets its own highlight colour, the same in the list of facts and in the
passages, so that a reader can tell the two sides of a conflict apart.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html import escape

import duckdb

from ..checks import SEVERITIES
from ..output import SEVERITY_HEADING

# Highlight colours by a fact's position in its finding; the first is the one
# the screenshot test counts, so it is used for nothing else on the page.
MARK_COLOURS = ["#ffd21f", "#8fe3f0", "#ffb3c7", "#b8f0a0"]
_SEVERITY_RANK = {severity: n for n, severity in enumerate(SEVERITIES)}

Span = tuple[int, int, int, str]  # start, end, colour, title


@dataclass(frozen=True)
class Side:
    """One fact that a finding rests on."""

    id: str
    kind: str
    file: str
    line: int
    colour: int
    source: str  # the article id and outlet, or the references of a background fact


@dataclass(frozen=True)
class Passage:
    caption: str
    url: str | None
    html: str  # already escaped, with the marks


@dataclass
class Finding:
    key: str
    check: str
    severity: str
    message: str
    verdict: str | None
    note: str | None
    description: str
    sides: list[Side] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)


def safe_url(url: str | None) -> str | None:
    """Only web links become links: a `javascript:` or `data:` URL in a fact
    file must not turn into something a click runs."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines of `text` that hold [start, end), without the line break."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def highlight(text: str, lo: int, hi: int, spans: list[Span]) -> str:
    """Escaped text[lo:hi] with each span in a <mark>; where two overlap, the
    fact listed first gives the colour and both titles show."""
    cuts = sorted({lo, hi, *(min(max(p, lo), hi) for s, e, _, _ in spans for p in (s, e))})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        cover = sorted((c, t) for s, e, c, t in spans if s <= a and b <= e)
        if not cover:
            out.append(piece)
            continue
        colour = cover[0][0] % len(MARK_COLOURS)
        title = escape(", ".join(dict.fromkeys(t for _, t in cover)))
        out.append(f'<mark class="m{colour}" title="{title}">{piece}</mark>')
    return "".join(out)


def _order(f: Finding) -> tuple[int, bool, str]:
    rank = _SEVERITY_RANK.get(f.severity, len(_SEVERITY_RANK))
    return (rank, f.verdict is not None, f.key)


def load_findings(con: duckdb.DuckDBPyConnection, detailed: int | None = None) -> list[Finding]:
    """Every stored finding: errors first, within a severity the unreviewed
    first. With `detailed`, only that many of the first have their facts and
    passages: a page shows no more (findings_html)."""
    listed = sorted(
        (
            Finding(*row)
            for row in con.execute(
                """
                SELECT f.key, f.check_id, f.severity, f.message, f.verdict, f.review_note,
                       coalesce(c.description, '')
                FROM findings f LEFT JOIN checks c ON c.id = f.check_id
                """
            ).fetchall()
        ),
        key=_order,
    )
    findings = {f.key: f for f in listed[: len(listed) if detailed is None else detailed]}
    if findings:
        _add_evidence(con, findings)
    return listed


def _add_evidence(con: duckdb.DuckDBPyConnection, findings: dict[str, Finding]) -> None:
    """Each finding's sides and passages."""
    articles = {
        i: (o, h, u)
        for i, o, h, u in con.execute("SELECT id, outlet, headline, url FROM articles").fetchall()
    }
    refs = {
        i: (t, p, u) for i, t, p, u in con.execute("SELECT id, title, publisher, url FROM refs").fetchall()
    }
    evidence = con.execute(
        """
        SELECT ff.key, ff.seq, f.id, f.kind, f.file, f.line, f.article,
               list(e.source ORDER BY e.seq), list(e.quote ORDER BY e.seq),
               list(e.quote_start ORDER BY e.seq), list(e.quote_end ORDER BY e.seq), list(e.line ORDER BY e.seq)
        FROM finding_facts ff JOIN fact_index f ON f.id = ff.fact_id JOIN evidence e ON e.owner = f.id
        WHERE list_contains($keys, ff.key)
        GROUP BY ALL ORDER BY ff.key, ff.seq
        """,
        {"keys": list(findings)},
    ).fetchall()
    # Only the texts these quotes are in: a big corpus has thousands.
    cited = sorted({source for row in evidence for source in row[7]})
    texts = dict(
        con.execute("SELECT id, text FROM articles WHERE list_contains($ids, id)", {"ids": cited}).fetchall()
    )
    # Per finding, the article lines its quotes fall in (several quotes may share
    # one), in the order of the facts; then the quotes of references.
    paragraphs: dict[str, dict[tuple[str, int, int], list[Span]]] = {}
    ref_quotes: dict[str, list[tuple[str, str, Span]]] = {}
    for key, seq, fid, kind, file, line, article, sources, quotes, starts, ends, lines in evidence:
        if article:
            outlet = articles.get(article, ("", "", None))[0]
            where = f"{article} · {outlet}"
        else:
            where = "background: " + ", ".join(dict.fromkeys(sources))
        findings[key].sides.append(Side(fid, kind, file, int(line), int(seq), where))
        for source, quote, start, end, ev_line in zip(sources, quotes, starts, ends, lines, strict=True):
            title = f"{fid} ({file}:{ev_line})"
            if source in texts and start is not None:
                lo, hi = line_bounds(texts[source], start, end)
                paragraphs.setdefault(key, {}).setdefault((source, lo, hi), []).append(
                    (start, end, seq, title)
                )
            else:
                ref_quotes.setdefault(key, []).append((source, quote, (0, len(quote), seq, title)))
    for key, finding in findings.items():
        for (source, lo, hi), spans in paragraphs.get(key, {}).items():
            outlet, headline, url = articles[source]
            caption = f"{source} — {outlet}: {headline}"
            finding.passages.append(Passage(caption, safe_url(url), highlight(texts[source], lo, hi, spans)))
        for source, quote, span in ref_quotes.get(key, []):
            title, publisher, url = refs.get(source, (source, "", None))
            caption = f"{source} — {publisher}: {title}"
            finding.passages.append(Passage(caption, safe_url(url), highlight(quote, 0, len(quote), [span])))


# --- HTML --------------------------------------------------------------------


def _side_html(s: Side) -> str:
    return (
        f'<li><span class="swatch" style="--c:{MARK_COLOURS[s.colour % len(MARK_COLOURS)]}"></span>'
        f'<code class="fact">{escape(s.id)}</code> <span class="kind">{escape(s.kind)}</span> '
        f'<span class="loc">{escape(s.file)}:{s.line}</span> <span class="where">{escape(s.source)}</span></li>'
    )


def _passage_html(p: Passage) -> str:
    link = f' <a href="{escape(p.url)}">{escape(p.url)}</a>' if p.url else ""
    return f'<figure class="passage"><blockquote>{p.html}</blockquote><figcaption>{escape(p.caption)}{link}</figcaption></figure>'


def finding_html(f: Finding) -> str:
    if f.verdict:
        status = f'<span class="badge reviewed">reviewed: {escape(f.verdict)}</span>'
    else:
        status = '<span class="badge open">not reviewed</span>'
    note = f'<p class="note"><b>Review note.</b> {escape(f.note)}</p>' if f.note else ""
    return (
        f'<article class="finding {escape(f.severity)}" id="{escape(f.key)}">'
        f'<header><span class="badge sev">{escape(f.severity)}</span>'
        f'<code class="check" title="{escape(f.description)}">{escape(f.check)}</code>{status}</header>'
        f'<p class="msg">{escape(f.message)}</p>'
        # The evidence straight after the claim; then which fact is which colour, where.
        f"{''.join(_passage_html(p) for p in f.passages)}"
        f'<ul class="sides">{"".join(_side_html(s) for s in f.sides)}</ul>{note}'
        f'<p class="key">key: {escape(f.key)}</p></article>'
    )


def findings_html(findings: list[Finding], shown: int | None = None) -> str:
    """The findings under one heading per severity: the first `shown` in
    full, the rest of each severity as a count per check."""
    if not findings:
        return '<p class="sub">No check found anything.</p>'
    limit = len(findings) if shown is None else shown
    out: list[str] = []
    if limit < len(findings):
        out.append(
            f'<p class="sub">The first {limit:,} of {len(findings):,} findings in full, errors and those not '
            "reviewed first; the rest counted by check. <code>factdb check --format json</code> lists every one.</p>"
        )
    seen = 0
    for severity, group in itertools.groupby(findings, key=lambda f: f.severity):
        members = list(group)
        open_ = sum(1 for f in members if f.verdict is None)
        heading = SEVERITY_HEADING.get(severity, severity.capitalize())
        out.append(
            f'<h3 class="severity {escape(severity)}">{escape(heading)} '
            f'<span class="count">{len(members)}, {open_} not reviewed</span></h3>'
        )
        full = members[: max(limit - seen, 0)]
        seen += len(full)
        out.extend(finding_html(f) for f in full)
        if len(full) < len(members):
            out.append(_counted_html(members[len(full) :]))
    return "\n".join(out)


def _counted_html(rest: list[Finding]) -> str:
    """Findings not shown in full: how many of each check, and how many not reviewed."""
    counts: dict[str, list[int]] = {}
    for f in rest:
        n = counts.setdefault(f.check, [0, 0])
        n[0] += 1
        n[1] += f.verdict is None
    rows = "".join(
        f'<tr><td><code>{escape(check)}</code></td><td class="num">{n:,}</td><td class="num">{open_:,}</td></tr>'
        for check, (n, open_) in sorted(counts.items())
    )
    return (
        f'<table class="rest"><thead><tr><th>{len(rest):,} more, by check</th><th class="num">findings</th>'
        f'<th class="num">not reviewed</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def mark_css() -> str:
    return "".join(f"mark.m{i} {{ background: {c}; }}\n" for i, c in enumerate(MARK_COLOURS))
