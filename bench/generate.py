"""Generate a deterministic synthetic corpus: python bench/generate.py N OUTDIR [--seed S]

N facts of every kind in realistic proportions, in files of about 100 facts
(one article each), with article texts whose quotes verify, ids that resolve,
a background record of terms, and some planted contradictions (meetings whose
durations disagree, titles outside their tenure).  Lay-out:

    OUTDIR/seeds/art-000001.txt      article texts
    OUTDIR/facts/entities.yaml       people, offices, places, occurrences, terms
    OUTDIR/facts/articles/000001.yaml

so that `factdb build --facts OUTDIR/facts` builds it.  YAML is written as
text directly: the generator must be much faster than what it feeds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from pathlib import Path

FACTS_PER_FILE = 100
KINDS = [
    ("statement", 35),
    ("role", 20),
    ("meeting", 15),
    ("event", 12),
    ("figure", 8),
    ("visit", 6),
    ("agreement", 4),
]
WORDS = [
    "officials",
    "talks",
    "trade",
    "summit",
    "envoy",
    "minister",
    "agreed",
    "relations",
    "security",
    "climate",
    "economy",
    "ministry",
    "policy",
    "dialogue",
    "delegation",
    "cooperation",
    "tensions",
    "visit",
    "progress",
    "issues",
    "partners",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def q(text: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.people = max(20, n // 40)
        self.offices = max(5, n // 400)
        self.cities = max(5, n // 1000)
        self.occurrences = max(10, n // 10)

    def occ_date(self, occ: int) -> dt.date:
        return dt.date(2010, 1, 1) + dt.timedelta(days=(occ * 3) % 5000)

    def holder(self, office: int, day: dt.date) -> int:
        """Who holds `office` on `day` by the generated terms (four years each)."""
        k = min(5, (day - dt.date(2000, 1, 1)).days // (4 * 365))
        return (office * 7 + k) % self.people

    def planted(self) -> bool:
        """About one fact in a hundred contradicts the rest."""
        return self.rng.random() < 0.01

    def sentence(self, i: int) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(6, 14))
        return f"Report {i} says the " + " ".join(words) + "."

    def entities(self) -> str:
        out = ["# Generated entities.", "countries:", "  - {id: c-land, name: Land}", "places:"]
        out += [
            f"  - {{id: city-{i}, name: City {i}, type: city, parent: c-land}}" for i in range(self.cities)
        ]
        out.append("people:")
        out += [f"  - {{id: p-{i}, name: Person {i}}}" for i in range(self.people)]
        out.append("offices:")
        out += [
            f"  - {{id: o-{i}, title: Office {i}, single_holder: {'true' if i % 2 == 0 else 'false'}}}"
            for i in range(self.offices)
        ]
        out.append("occurrences:")
        kinds = ["meeting", "event", "visit", "agreement"]
        out += [
            f"  - {{id: occ-{i}, kind: {kinds[i % 4]}, label: Occurrence {i}, reason: generated}}"
            for i in range(self.occurrences)
        ]
        out += [
            "references:",
            "  - {id: ref-record, title: Record, publisher: Archive, url: 'https://example.org/record', accessed: 2026-11-23}",
            "facts:",
        ]
        # Terms of office: each office held by successive people for four years.
        for o in range(self.offices):
            start = dt.date(2000, 1, 1)
            for k in range(6):
                end = start + dt.timedelta(days=4 * 365)
                person = (o * 7 + k) % self.people
                out += [
                    f"  - id: term-{o}-{k}",
                    "    kind: role",
                    f"    person: p-{person}",
                    f"    office: o-{o}",
                    f"    start: {q(start.isoformat())}",
                    f"    end: {q(end.isoformat())}",
                    "    evidence:",
                    "      - {source: ref-record, quote: 'the record says so'}",
                ]
                start = end
        return "\n".join(out) + "\n"

    def article(self, a: int, count: int, first_fact: int) -> tuple[str, str]:
        rng = self.rng
        sentences = [self.sentence(first_fact + i) for i in range(count)]
        text = "Generated Wire\n\n" + "\n\n".join(sentences) + "\n"
        published = dt.date(2010, 1, 1) + dt.timedelta(days=(a * 37) % 5000)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        art = f"art-{a:06d}"
        out = [
            "articles:",
            f"  - id: {art}",
            f"    seed: {art}.txt",
            f"    sha256: {digest}",
            "    outlet: Generated Wire",
            f"    headline: Article {a}",
            f"    published: {{date: {q(published.isoformat())}, basis: stated, reason: dateline}}",
            "    furniture:",
            "      - {text: Generated Wire, reason: masthead}",
            "facts:",
        ]
        kinds = [k for k, w in KINDS for _ in range(w)]
        for i in range(count):
            fid = f"f-{first_fact + i:08d}"
            kind = rng.choice(kinds)
            quote = sentences[i][:-1]
            occ = rng.randrange(self.occurrences)
            person = f"p-{rng.randrange(self.people)}"
            other = f"p-{rng.randrange(self.people)}"
            when = rng.choice(WEEKDAYS) if rng.random() < 0.5 else published.isoformat()
            out += [f"  - id: {fid}", f"    kind: {kind}"]
            if kind == "statement":
                out += [f"    speaker: {person}", f"    said: {q(quote)}", f"    when: {q(when)}"]
            elif kind == "role":
                office = rng.randrange(self.offices)
                holder = self.holder(office, published)
                if self.planted():
                    holder = (holder + 1) % self.people
                out += [
                    f"    person: p-{holder}",
                    f"    office: o-{office}",
                    "    title: Office holder",
                    f"    at: {q(published.isoformat())}",
                ]
            elif kind in ("meeting", "visit", "event", "agreement"):
                # Each kind cites occurrences of its own kind (occ index mod 4).
                base = {"meeting": 0, "event": 1, "visit": 2, "agreement": 3}[kind]
                occ_n = occ - occ % 4 + base if occ - occ % 4 + base < self.occurrences else base
                occ_id = f"occ-{occ_n}"
                day = self.occ_date(occ_n)
                if self.planted():
                    day += dt.timedelta(days=400)
                when = day.isoformat()
                if kind == "meeting":
                    hours = 1 + occ_n % 4
                    hedge = "about"
                    if self.planted():
                        hours, hedge = hours + 6, "more than"
                    out += [
                        f"    of: {occ_id}",
                        f"    participants: [{person}, {other}]",
                        f"    venue: city-{occ_n % self.cities}",
                        f"    when: {q(when)}",
                        f"    duration: {{value: {hours}, unit: hour, hedge: {hedge}}}",
                    ]
                elif kind == "visit":
                    out += [
                        f"    of: {occ_id}",
                        f"    travellers: [{person}]",
                        f"    destination: city-{occ_n % self.cities}",
                        f"    arrive: {q(when)}",
                    ]
                elif kind == "event":
                    out += [
                        f"    of: {occ_id}",
                        "    type: announcement",
                        f"    when: {q(when)}",
                        f"    participants: [{person}]",
                        f"    description: {q(quote)}",
                    ]
                else:
                    out += [
                        f"    of: {occ_id}",
                        f"    parties: [{person}, {other}]",
                        "    subject: cooperation",
                        f"    status: {rng.choice(['agreed', 'proposed', 'rejected', 'resumed'])}",
                        f"    when: {q(when)}",
                    ]
            elif kind == "figure":
                out += [
                    f"    measure: m-{rng.randrange(50)}",
                    f"    subject: {person}",
                    f"    quantity: {{value: {rng.randint(1, 900)}, scale: billion, unit: USD, hedge: nearly}}",
                    f"    as_of: {q(published.isoformat())}",
                ]
            out += ["    evidence:", f"      - {{source: {art}, quote: {q(quote)}}}"]
        return text, "\n".join(out) + "\n"


def generate(n: int, outdir: Path, seed: int = 1) -> None:
    gen = Generator(n, seed)
    facts = outdir / "facts"
    (facts / "articles").mkdir(parents=True, exist_ok=True)
    (outdir / "seeds").mkdir(parents=True, exist_ok=True)
    (facts / "entities.yaml").write_text(gen.entities(), encoding="utf-8")
    done, a = 0, 0
    while done < n:
        count = min(FACTS_PER_FILE, n - done)
        text, yaml_text = gen.article(a, count, done)
        (outdir / "seeds" / f"art-{a:06d}.txt").write_text(text, encoding="utf-8")
        (facts / "articles" / f"{a:06d}.yaml").write_text(yaml_text, encoding="utf-8")
        done += count
        a += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of facts")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.n, args.outdir, args.seed)


if __name__ == "__main__":
    main()
