"""Findings reviewed as confirmed conflicts, as schema.org ClaimReview JSON-LD.

Contract: `claim_reviews` turns a check report into one JSON-LD document
(`{"@context": "https://schema.org", "@graph": [...]}`) holding a ClaimReview
for each claim of each finding whose review's verdict is "confirmed conflict".
A claim is a fact of the finding quoted from an article (a record's own facts
are evidence, never a reviewed claim); each ClaimReview has:

* `claimReviewed`: the claim's (first) quote, verbatim;
* `itemReviewed`: a Claim with its `appearance` and `firstAppearance` (the
  article: url, headline, publisher as its outlet, datePublished), its
  `datePublished`, and its `author` where the fact names a speaker (a person
  or an organization);
* `reviewRating`: a Rating whose `alternateName` says in plain words what the
  finding is: "Contradicts the record" (a record's fact is among its evidence),
  "Contradicts another report" (another article's), "Contradicts itself" (the
  same article's), with `name` the check's description;
* `reviewBody`: the finding's message, the evidence (every other fact's quote
  and source: article outlet and headline, or reference title and url) and
  the reviewer's note;
* `url`: the page that publishes the reviews, with the finding's anchor: its key, the
  `id` the finding has on the page `factdb report` writes;
  `author`: the publishing organization; `datePublished`: the export's day.

These are the properties the fact-check consumers require (claimReviewed,
reviewRating with alternateName, url) and recommend (author, datePublished,
itemReviewed with appearance, author and datePublished)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..checks import CheckReport, CheckStat, FactRef

CONFIRMED = "confirmed conflict"
# what a URL fragment holds as it is (RFC 3986: pchar, "/" and "?"), besides letters and digits
_FRAGMENT_SAFE = "-._~!$&'()*+,;=:@/?"


@dataclass(frozen=True)
class ArticleMeta:
    headline: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None


@dataclass(frozen=True)
class ReferenceMeta:
    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class Speaker:
    name: str
    type: str  # Person or Organization


def anchor(key: str) -> str:
    """A finding's anchor in a URL: its key, the `id` that `factdb report` gives the finding
    on its page, percent-encoded where a fragment may not hold a character as it is (two keys
    never share an anchor, as they would if ':' were written '-')."""
    return quote(key, safe=_FRAGMENT_SAFE)


def _rating(claim: FactRef, others: list[FactRef], check: CheckStat | None) -> dict[str, Any]:
    if any(o.article is None for o in others):
        words = "Contradicts the record"
    elif any(o.article not in (None, claim.article) for o in others):
        words = "Contradicts another report"
    else:
        words = "Contradicts itself"
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": words}
    if check is not None:
        rating["name"] = check.description
    return rating


def _source_words(
    ref: FactRef, articles: dict[str, ArticleMeta], references: dict[str, ReferenceMeta]
) -> str:
    if ref.article is not None and ref.article in articles:
        a = articles[ref.article]
        parts = [p for p in (a.outlet, f'"{a.headline}"' if a.headline else None, a.url) if p]
        return ", ".join(parts) or ref.article
    r = references.get(ref.source)
    if r is not None:
        return f"{r.publisher}, {r.title}, {r.url}"
    return ref.source


def claim_reviews(
    report: CheckReport,
    articles: dict[str, ArticleMeta],
    references: dict[str, ReferenceMeta],
    speakers: dict[str, Speaker],
    review_url: str,
    publisher: str,
    today: dt.date,
) -> dict[str, Any]:
    """The JSON-LD document (see the module's docstring)."""
    checks = {c.id: c for c in report.checks}
    graph: list[dict[str, Any]] = []
    for finding in report.findings:
        if finding.verdict != CONFIRMED:
            continue
        # each fact of an article is a claim, quoted by its first quote (the others, if
        # it has more, are told in the body)
        claims: dict[str, list[FactRef]] = {}
        for r in finding.facts:
            if r.article is not None:
                claims.setdefault(r.id, []).append(r)
        for quotes in claims.values():
            claim = quotes[0]
            others = [r for r in finding.facts if r.id != claim.id]
            meta = articles.get(claim.article or "")
            appearance: dict[str, Any] = {"@type": "CreativeWork"}
            if meta is not None:
                if meta.url:
                    appearance["url"] = meta.url
                if meta.headline:
                    appearance["headline"] = meta.headline
                if meta.outlet:
                    appearance["publisher"] = {"@type": "Organization", "name": meta.outlet}
                if meta.published:
                    appearance["datePublished"] = meta.published.isoformat()
            item: dict[str, Any] = {"@type": "Claim", "appearance": appearance, "firstAppearance": appearance}
            if meta is not None and meta.published:
                item["datePublished"] = meta.published.isoformat()
            speaker = speakers.get(claim.id)
            if speaker is not None:
                item["author"] = {"@type": speaker.type, "name": speaker.name}
            evidence = [
                f'- "{o.quote}" ({_source_words(o, articles, references)}; {o.kind} {o.id})' for o in others
            ]
            body = [finding.message]
            if len(quotes) > 1:
                body += ["", "The claim also quotes: " + " / ".join(f'"{q.quote}"' for q in quotes[1:])]
            body += ["", "Evidence:", *evidence]
            if finding.review_note:
                body += ["", f"Reviewer's note: {finding.review_note}"]
            graph.append(
                {
                    "@type": "ClaimReview",
                    "url": f"{review_url}#{anchor(finding.key)}",
                    "claimReviewed": claim.quote,
                    "itemReviewed": item,
                    "reviewRating": _rating(claim, others, checks.get(finding.check)),
                    "reviewBody": "\n".join(body),
                    "author": {"@type": "Organization", "name": publisher},
                    "datePublished": today.isoformat(),
                    "identifier": f"{finding.key}:{claim.id}",  # stable: a finding's key and the claim
                }
            )
    return {"@context": "https://schema.org", "@graph": graph}
