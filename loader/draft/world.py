"""What the corpus knows that a draft can name: people and their aliases,
offices and their titles, places, countries, organizations, who held which
office when, the recorded meetings and visits, and the measures figures use.

`World.read(con)` reads it from a built database, leaving out the rows of
one fact file when asked (`exclude_file`): the evaluation drafts each article
against a world without its own hand encoding. Nothing here guesses: every
name maps to the ids that carry it, and ambiguity is left for the rules to
settle or decline."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

from ..common import fold

# Words that only say whose an office is ("Chinese Foreign Minister"), with
# the country they name; dropped from a title before it is matched.
DEMONYMS: dict[str, str] = {
    "chinese": "china",
    "china's": "china",
    "china": "china",
    "beijing's": "china",
    "prc": "china",
    "prc's": "china",
    "people's republic of china": "china",
    "us": "united-states",
    "u.s.": "united-states",
    "american": "united-states",
    "america's": "united-states",
    "united states": "united-states",
    "[us]": "united-states",
    "washington's": "united-states",
}
# Spellings a title is read through, so that one office alias serves both.
_SPELLINGS = {
    "defence": "defense",
    "adviser": "advisor",
    "spokeswoman": "spokesperson",
    "spokesman": "spokesperson",
    # "Deputy Chinese Premier", "Deputy Foreign Minister": the press writes China's vice
    # offices either way
    "deputy": "vice",
    # abbreviated ranks and titles, as the press writes them ("Adm. Dong Jun", "Maj. Gen.")
    "adm": "admiral",
    "gen": "general",
    "maj": "major",
    "lt": "lieutenant",
    "col": "colonel",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "amb": "ambassador",
    "sec": "secretary",
    "pres": "president",
    # "Chinese FM Wang Yi" (held-out trial 61): an abbreviation of two words
    "fm": "foreign minister",
}


# Words a title is matched without: function words, and the names of countries
# (an office's own country is said by a demonym, checked apart).
_TITLE_STOP = frozenset(["of", "the", "for", "and", "to", "in", "at", "a", "an", "s"])
_COUNTRY_WORDS = frozenset(
    [
        "china",
        "chinese",
        "china's",
        "prc",
        "prc's",
        "people's",
        "republic",
        "us",
        "u.s.",
        "u.s",
        "american",
        "america",
        "america's",
        "united",
        "states",
        "washington's",
        "beijing's",
        "[us]",
        "[chinese]",
    ]
)


# a title's words joined by a hyphen: "vice-premier", "deputy-director"; not "co-founder"
_HYPHENATED = re.compile(r"(?:vice|deputy|under|assistant|acting)-[\w']+")


_DEMONYM = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in sorted(DEMONYMS, key=lambda w: -len(w))) + r")(?![\w])"
)
# the words of a country's name that name no country alone
_GENERIC_PLACE_WORDS = frozenset(
    ["south", "north", "new", "united", "republic", "kingdom", "states", "democratic"]
)
_POSTED = re.compile(r"\bto\s+(?:the\s+)?(" + _DEMONYM.pattern + r")")


def title_words(text: str) -> frozenset[str]:
    """A title as a set of words: folded, spelling normalised, without function
    words, country words or a parenthesis ("Minister of National Defense of the
    People's Republic of China (PRC)" -> {minister, national, defense})."""
    text = re.sub(r"\(.*?\)", " ", fold(text))
    # where an office is posted is part of its title, though a country's name is not: "US
    # Ambassador to China" is not the Ambassador to the United Nations (held-out trial 60)
    text = _POSTED.sub(lambda m: " to_" + DEMONYMS[m.group(1)].replace("-", "_") + " ", text)
    words = re.findall(r"[\w'.\[\]-]+", text)
    out = set()
    # "Vice-Premier" is the Vice Premier: a hyphen between a title's words is a space
    words = [part for w in words for part in (w.split("-") if _HYPHENATED.fullmatch(w) else [w])]
    for w in words:
        w = w.strip(".")
        if w.startswith("then-"):
            w = w[5:]
        for part in _SPELLINGS.get(w, w).split():
            if (
                part not in _TITLE_STOP
                and part not in _COUNTRY_WORDS
                and part not in ("former", "current", "then")
            ):
                out.add(part)
    return frozenset(out)


def country_named(text: str) -> str | None:
    """The country a title's first demonym names ("Chinese Foreign Minister" -> china),
    if one. A country after "to" is where the office is posted, not whose it is ("US
    Ambassador to China Nicholas Burns": united-states; held-out trial 60), and a later
    one is a department's field ("the Chinese Foreign Ministry's North American ... Affairs":
    china)."""
    folded = fold(text)
    posted = {m.start(1) for m in _POSTED.finditer(folded)}
    return next((DEMONYMS[m.group(0)] for m in _DEMONYM.finditer(folded) if m.start() not in posted), None)


@dataclass(frozen=True)
class Office:
    id: str
    title: str
    country: str | None


@dataclass(frozen=True)
class Recorded:
    """A recorded meeting or visit occurrence: who took part, where, and the
    days its accounts allow (None when no account dates it)."""

    id: str
    kind: str
    label: str
    people: frozenset[str]
    places: frozenset[str]
    first: dt.date | None
    last: dt.date | None


@dataclass
class World:
    people: dict[str, str] = field(default_factory=dict)  # id -> name
    # a folded surface (name, alias) -> the ids of people, places, countries, organizations
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    section: dict[str, str] = field(default_factory=dict)  # id -> people/places/countries/organizations
    offices: dict[str, Office] = field(default_factory=dict)
    # each office's title and aliases as word sets (title_words)
    office_words: dict[str, list[frozenset[str]]] = field(default_factory=lambda: defaultdict(list))
    place_country: dict[str, str | None] = field(default_factory=dict)
    place_type: dict[str, str] = field(default_factory=dict)
    # person -> [(office, first day, last day)] from the record and from other articles
    held: dict[str, list[tuple[str, dt.date, dt.date]]] = field(default_factory=lambda: defaultdict(list))
    occurrences: list[Recorded] = field(default_factory=list)
    # measure id -> (dimension, the words of the quotes figures of it cite)
    measures: dict[str, tuple[str, set[str]]] = field(default_factory=dict)
    # the words of countries' names ("japan", "korea"), which in a title say where an office
    # is posted, as a "to_china" word does (`_posted`)
    placed: set[str] = field(default_factory=set)
    # every word of a name of a person or country, and the demonyms (not an organisation's:
    # "Foreign Ministry" names no person, and "foreign" says what a figure measures)
    name_words: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection, exclude_file: str | None = None) -> World:
        w = cls()
        keep = "file IS DISTINCT FROM $f"
        arg = {"f": exclude_file}
        for section, sql in (
            ("people", f"SELECT id, name, aliases FROM people WHERE {keep}"),
            ("countries", f"SELECT id, name, aliases FROM countries WHERE {keep}"),
            ("organizations", f"SELECT id, name, aliases FROM organizations WHERE {keep}"),
            ("places", f"SELECT id, name, aliases FROM places WHERE {keep}"),
        ):
            for id_, name, aliases in con.execute(sql, arg).fetchall():
                if "(" in name:  # a description ("A US official (unnamed in seed 007)"), not a name
                    continue
                w.section[id_] = section
                if section == "people":
                    w.people[id_] = name
                for surface in [name, *(aliases or [])]:
                    w.names[fold(surface)].add(id_)
                    if section in ("people", "countries"):
                        w.name_words.update(words_of(surface))
                    if section == "countries":  # "japan", "korea"; not "south", "united"
                        w.placed.update(title_words(surface) - _GENERIC_PLACE_WORDS)
        w.name_words.update(word for demonym in DEMONYMS for word in words_of(demonym))
        for id_, parent, type_ in con.execute(
            f"SELECT id, parent, type FROM places WHERE {keep}", arg
        ).fetchall():
            w.place_type[id_] = type_
            w.place_country[id_] = parent
        for place in list(w.place_country):  # up to the country
            seen, up = {place}, w.place_country[place]
            while up in w.place_country and up not in seen:
                seen.add(up)
                up = w.place_country[up]
            w.place_country[place] = up
        for id_, title, aliases, country in con.execute(
            f"SELECT id, title, aliases, country FROM offices WHERE {keep}", arg
        ).fetchall():
            if "(" in title and not aliases:
                continue
            w.offices[id_] = Office(id_, title, country)
            for surface in [title, *(aliases or [])]:
                words = title_words(surface)
                if words:
                    w.office_words[id_].append(words)
        facts = f"(SELECT id FROM fact_index WHERE {keep})"
        for person, office, a, b, _c, d, e, f in con.execute(
            f"""SELECT person, office, at_from, at_to, start_from, end_to, start_to, end_from FROM roles
                WHERE id IN {facts}""",
            arg,
        ).fetchall():
            first = a if a is not None else e
            last = b if b is not None else (d if d is not None else (f or dt.date.today()))
            if first is not None and last is not None:
                w.held[person].append((office, first, last))
        w._read_occurrences(con, keep, arg)
        for measure, dim, quotes in con.execute(
            f"""SELECT f.measure, any_value(f.quantity_dimension), list(e.quote) FROM figures f
                JOIN evidence e ON e.owner = f.id WHERE f.id IN {facts} GROUP BY f.measure""",
            arg,
        ).fetchall():
            w.measures[measure] = (dim, {t for q in quotes for t in words_of(q)})
        return w

    def _read_occurrences(
        self, con: duckdb.DuckDBPyConnection, keep: str, arg: dict[str, str | None]
    ) -> None:
        labels = dict(
            (i, (k, label))
            for i, k, label in con.execute(
                "SELECT id, kind, label FROM occurrences WHERE kind IN ('meeting', 'visit')"
            ).fetchall()
        )
        people: dict[str, set[str]] = defaultdict(set)
        places: dict[str, set[str]] = defaultdict(set)
        days: dict[str, list[dt.date]] = defaultdict(list)
        facts = f"(SELECT id FROM fact_index WHERE {keep})"
        for of, who, where in con.execute(
            f"""SELECT of, participants, venue FROM meetings WHERE id IN {facts}
                UNION ALL SELECT of, travellers, destination FROM visits WHERE id IN {facts}""",
            arg,
        ).fetchall():
            people[of].update(p for p in who or [] if self.section.get(p) in ("people", "countries"))
            if where:
                places[of].add(where)
        for of, first, last in con.execute(
            f"""SELECT of, d_from, d_to FROM fact_dates WHERE of IS NOT NULL AND owner IN {facts}
                AND kind IN ('meeting', 'visit') AND field IN ('when', 'arrive', 'depart')""",
            arg,
        ).fetchall():
            days[of] += [first, last]
        for occ, (kind, label) in sorted(labels.items()):
            if occ not in people:
                continue
            span = days.get(occ)
            self.occurrences.append(
                Recorded(
                    occ,
                    kind,
                    label,
                    frozenset(people[occ]),
                    frozenset(places[occ]),
                    min(span) if span else None,
                    max(span) if span else None,
                )
            )

    def offices_titled(self, phrase: str) -> set[str]:
        """The offices one of whose titles holds every word of `phrase` (title_words),
        with the fewest words besides: "Secretary of State" is the Secretary, not
        the Deputy Secretary, of State; "Treasury Secretary" the Secretary of the Treasury."""
        wanted = title_words(phrase)
        if not wanted:
            return set()
        best: dict[str, int] = {}
        for office, surfaces in self.office_words.items():
            # where an office is posted is no word to leave out: "Chinese Ambassador" is not
            # the Ambassador of the PRC to Japan (held-out trial 80)
            extra = [len(s - wanted) for s in surfaces if wanted <= s and not self._posted(s - wanted)]
            if extra:
                best[office] = min(extra)
        if not best:
            return set()
        fewest = min(best.values())
        return {o for o, n in best.items() if n == fewest}

    def _posted(self, words: frozenset[str]) -> bool:
        """Whether `words` say where an office is posted: "to_china", "japan"."""
        return any(w.startswith("to_") or w in self.placed for w in words)

    def offices_exactly(self, phrase: str) -> set[str]:
        """The offices one of whose titles is, word for word, `phrase` (title_words)."""
        wanted = title_words(phrase)
        return {o for o, surfaces in self.office_words.items() if wanted and wanted in surfaces}

    def country_of(self, id_: str) -> str | None:
        if self.section.get(id_) == "countries":
            return id_
        return self.place_country.get(id_)

    def offices_held(self, person: str, day: dt.date | None = None) -> set[str]:
        """The offices the record or another article has `person` hold (on `day`, if given)."""
        return {
            office for office, first, last in self.held.get(person, []) if day is None or first <= day <= last
        }


_WORD = re.compile(r"[a-z][a-z'-]+")
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "and",
        "or",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "its",
        "it",
        "that",
        "this",
        "which",
        "who",
        "than",
        "more",
        "about",
        "nearly",
        "over",
        "under",
        "some",
        "worth",
    ]
)


def words_of(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if w not in STOPWORDS}
