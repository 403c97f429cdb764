"""Hypothesis strategies that build valid corpora, respecting every field constraint."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factdb.schema.quantities import UNITS, Hedge, Scale
from hypothesis import strategies as st

from .conftest import article

VOCAB = [
    "talks",
    "minister",
    "said",
    "Beijing",
    "visit",
    "trade",
    "the",
    "on",
    "agreed",
    "NO",
    "yes",
    "null",
    "1.5",
    "0o17",
    "“quoted”",
    "well-known",
    "envoy",
    "summit",
]
PHRASES = [
    "today",
    "yesterday",
    "Monday",
    "last Friday",
    "last October",
    "in February",
    "earlier this year",
    "last year",
    "last week",
    "earlier this week",
    "this month",
]
HEDGES = [h.value for h in Hedge]
SCALES = [s.value for s in Scale]


@st.composite
def article_text(draw: st.DrawFn) -> str:
    paragraphs = draw(
        st.lists(st.lists(st.sampled_from(VOCAB), min_size=3, max_size=15), min_size=1, max_size=4)
    )
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


@st.composite
def quote_from(draw: st.DrawFn, text: str) -> str:
    paragraph = draw(st.sampled_from(text.strip().split("\n\n"))).split(" ")
    start = draw(st.integers(0, len(paragraph) - 2))
    end = draw(st.integers(start + 2, len(paragraph)))
    return " ".join(paragraph[start:end])


@st.composite
def when(draw: st.DrawFn, published: dt.date) -> str | dict[str, Any]:
    if draw(st.booleans()):
        return draw(st.sampled_from(PHRASES))
    day = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=published))
    forms: list[str | dict[str, Any]] = [
        day.isoformat(),
        day.isoformat()[:7],
        {"date": day.isoformat(), "weekday": day.strftime("%A").lower()},
    ]
    form: str | dict[str, Any] = draw(st.sampled_from(forms))
    return form


@st.composite
def quantity(draw: st.DrawFn, units: list[str] | None = None) -> dict[str, Any]:
    value = draw(
        st.one_of(st.integers(0, 10_000), st.floats(0.001, 1e6, allow_nan=False, allow_infinity=False))
    )
    return {
        "value": value,
        "unit": draw(st.sampled_from(units or sorted(UNITS))),
        "scale": draw(st.sampled_from(SCALES)),
        "hedge": draw(st.sampled_from(HEDGES)),
    }


@st.composite
def corpora(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """(article text, one fact file's data) — a valid corpus of every kind."""
    text = draw(article_text())
    published = draw(st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2024, 12, 31)))
    art = "art"

    def ev() -> list[dict[str, str]]:
        return [{"source": art, "quote": draw(quote_from(text))}]

    n_people = draw(st.integers(1, 4))
    people = [
        {"id": f"p{i}", "name": f"Person {i}", "aliases": draw(st.lists(st.sampled_from(VOCAB), max_size=2))}
        for i in range(n_people)
    ]
    pids = [p["id"] for p in people]
    offices = [
        {"id": f"o{i}", "title": f"Office {i}", "single_holder": draw(st.booleans())}
        for i in range(draw(st.integers(1, 3)))
    ]
    places = [{"id": f"c{i}", "name": f"City {i}", "type": "city"} for i in range(draw(st.integers(1, 3)))]
    occ = [
        {"id": "occ-visit", "kind": "visit", "label": "a visit", "reason": "generated"},
        {"id": "occ-meeting", "kind": "meeting", "label": "a meeting", "reason": "generated"},
        {"id": "occ-event", "kind": "event", "label": "an event", "reason": "generated"},
    ]
    facts: list[dict[str, Any]] = []
    some = st.lists(st.sampled_from(pids), min_size=1, max_size=len(pids), unique=True)
    for i in range(draw(st.integers(0, 3))):
        facts.append(
            {
                "id": f"role{i}",
                "kind": "role",
                "person": draw(st.sampled_from(pids)),
                "office": draw(st.sampled_from(offices))["id"],
                "title": draw(st.sampled_from(VOCAB)),
                "at": draw(when(published)),
                "evidence": ev(),
            }
        )
    for i in range(draw(st.integers(0, 3))):
        facts.append(
            {
                "id": f"meet{i}",
                "kind": "meeting",
                "of": "occ-meeting",
                "participants": draw(some),
                "participants_complete": draw(st.booleans()),
                "venue": draw(st.sampled_from(places))["id"],
                "when": draw(when(published)),
                "duration": draw(quantity(["second", "minute", "hour", "day", "week"])),
                "evidence": ev(),
            }
        )
    for i in range(draw(st.integers(0, 3))):
        facts.append(
            {
                "id": f"fig{i}",
                "kind": "figure",
                "measure": f"m.{draw(st.integers(0, 2))}",
                "quantity": draw(quantity()),
                "as_of": draw(when(published)),
                "evidence": ev(),
            }
        )
    for i in range(draw(st.integers(0, 2))):
        facts.append(
            {
                "id": f"say{i}",
                "kind": "statement",
                "speaker": draw(st.sampled_from(pids)),
                "said": draw(quote_from(text)),
                "direct": draw(st.booleans()),
                "when": draw(when(published)),
                "setting": "occ-meeting",
                "evidence": ev(),
            }
        )
    for i in range(draw(st.integers(0, 2))):
        facts.append(
            {
                "id": f"agr{i}",
                "kind": "agreement",
                "parties": draw(some),
                "subject": "a subject",
                "status": draw(st.sampled_from(["agreed", "proposed", "rejected", "resumed"])),
                "when": draw(when(published)),
                "evidence": ev(),
            }
        )
    for i in range(draw(st.integers(0, 2))):
        facts.append(
            {
                "id": f"evt{i}",
                "kind": "event",
                "of": "occ-event",
                "type": "call",
                "description": "d",
                "participants": draw(some),
                "when": draw(when(published)),
                "evidence": ev(),
            }
        )
    for i in range(draw(st.integers(0, 2))):
        legs = [{"place": p["id"], "arrive": draw(when(published))} for p in draw(st.permutations(places))]
        facts.append(
            {
                "id": f"vis{i}",
                "kind": "visit",
                "of": "occ-visit",
                "travellers": draw(some),
                "legs": legs,
                "purpose": "talks",
                "evidence": ev(),
            }
        )
    data = {
        "articles": [
            article(text, id=art, outlet="Wire", headline="Headline", published=published.isoformat())
        ],
        "people": people,
        "offices": offices,
        "places": places,
        "occurrences": occ,
        "facts": facts,
    }
    return text, data
