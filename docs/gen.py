"""Write the parts of docs/ that factdb's code already states, so they cannot drift:
python docs/gen.py [--check]

A generated part of a page lies between two marker lines,

    <!-- BEGIN generated: NAME -->
    ...
    <!-- END generated -->

and is made by the function PARTS names for it, from the code's own tables:

* docs/format.md: ``fields``, every section's and fact kind's fields, from the
  Pydantic models of schema/; ``phrases``, the relative-date rules (the table
  in schema/dates.py's docstring, each rule's examples resolved by
  ``resolve_phrase`` itself) and the words a phrase may use; ``hedges``, each
  hedge word's interval as ``hedge_interval`` computes it; ``units``, the unit
  and scale tables of schema/quantities.py;
* docs/checks.md: ``checks``, each check's header as the runner parses it;
* docs/commands.md: ``saved``, each saved query's header as ``factdb query`` reads it;
* docs/database.md: ``tables``, every table and view a build writes with its
  columns, as DuckDB lists them for a database built from an empty corpus.

Without ``--check`` every stale part is rewritten in place and the pages
changed are named. With it nothing is written: each stale part is named and
the exit code is 1. tests/system/test_docs.py runs the same comparison. Only the
text between markers is ever written; a page that lacks a part's markers is
an error, never silently skipped. Needs factdb installed (it imports the
schema and the check catalogue), nothing else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import re
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

BEGIN = "<!-- BEGIN generated: {name} -->"
END = "<!-- END generated -->"

# The publication date the phrase examples resolve against: a Friday, so that
# "on Friday", "last Friday" and "next Friday" are three different days.
EXAMPLE_PUBLISHED = dt.date(2024, 4, 26)
EXAMPLE_WEEKDAY = "Friday"
EXAMPLE_MONTH = "April"


class Stale(Exception):
    """A page whose markers are missing or broken: the part cannot be placed."""


def fill(page: str, name: str, body: str) -> str:
    """`page` with the text between the markers of part `name` replaced by `body`."""
    begin = BEGIN.format(name=name)
    start = page.find(begin)
    if start < 0:
        raise Stale(f"no line {begin!r}")
    if page.find(begin, start + 1) >= 0:
        raise Stale(f"{begin!r} appears twice")
    after = start + len(begin)
    end = page.find(END, after)
    if end < 0:
        raise Stale(f"{begin!r} has no {END!r} after it")
    return page[:after] + "\n" + body.strip("\n") + "\n" + page[end:]


# ---------------------------------------------------------------- the fields


def slug(heading: str) -> str:
    """The anchor a Markdown heading gets on GitHub (the first of that name)."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _nested_titles() -> dict[type[Any], str]:
    """The heading of each model a field may hold, in the field reference."""
    from factdb.schema import Evidence, Quantity, When
    from factdb.schema.facts import FirstSince, Leg
    from factdb.schema.sources import Furniture, Published

    return {
        Evidence: "An evidence entry",
        When: "A date",
        Quantity: "A quantity",
        Published: "An article's `published`",
        Furniture: "An article's `furniture` entries",
        Leg: "A visit's `legs` entries",
        FirstSince: "A visit's `first_since`",
    }


# Where the values of an enum are listed, in docs/format.md.
_ENUM_SECTIONS = {"Weekday": "Relative phrases", "Hedge": "Hedges", "Scale": "Units and scales"}


def _type_name(annotation: Any, metadata: list[Any] | None = None) -> str:
    """How a field's type reads in the docs: `id`, `text`, `list of id`, a link..."""
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0], list(args[1:]))
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        return " or ".join(_type_name(a) for a in kept)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        section = _ENUM_SECTIONS[annotation.__name__]
        return f"a {annotation.__name__.lower()} ([{section.lower()}](#{slug(section)}))"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        title = _nested_titles()[annotation]
        return f"[{annotation.__name__}](#{slug(title)})"
    if annotation is str:
        patterns = [getattr(m, "pattern", None) for m in metadata or []]
        return "id" if any(p and p.startswith("^[a-z0-9]") for p in patterns) else "text"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "whole number"
    if annotation is float:
        return "number"
    if annotation is dt.date:
        return "date (YYYY-MM-DD)"
    return str(getattr(annotation, "__name__", annotation))


def _references(model: type[Any]) -> dict[str, str]:
    """What each field of `model` that holds an id may name: the `Ref` its type
    declares (schema/refs.py), in words."""
    from factdb.schema.refs import ref_fields

    out = {}
    for f in ref_fields(model):
        if f.ref is None:
            continue
        allowed = f.ref.sections
        words = ", ".join(allowed[:-1]) + (" or " if len(allowed) > 1 else "") + allowed[-1]
        out[f.name] = words + (f" ({' or '.join(f.ref.kinds)})" if f.ref.kinds else "")
    return out


def _field_rows(model: type[Any], skip: tuple[str, ...] = ()) -> list[str]:
    from pydantic_core import PydanticUndefined

    refs = _references(model)
    rows = ["| field | type | required | names an id of | what it holds |", "|---|---|---|---|---|"]
    for name, f in model.model_fields.items():
        if name in skip:
            continue
        if f.is_required():
            need = "yes"
        elif f.default in (None, [], PydanticUndefined):
            need = "no"
        else:
            value = f.default.value if isinstance(f.default, enum.Enum) else f.default
            need = f"no (`{str(value).lower() if isinstance(value, bool) else value}`)"
        about = (f.description or "").replace("|", "\\|")
        names = refs.get(name, "")
        rows.append(
            f"| `{name}` | {_type_name(f.annotation, list(f.metadata))} | {need} | {names} | {about} |"
        )
    return rows


def _first_paragraph(model: type[Any]) -> str:
    """The model's own docstring, first paragraph; none for one that has none."""
    doc = model.__dict__.get("__doc__") or ""
    return " ".join(doc.strip().split("\n\n")[0].split())


def fields() -> str:
    """Every model of a fact file, field by field, in the order a file holds them."""
    from factdb.schema import FACT_KINDS, Fact, FactFile
    from factdb.schema.facts import FactBase

    union = typing.get_args(Fact)[0]
    by_kind = {typing.get_args(m.model_fields["kind"].annotation)[0]: m for m in typing.get_args(union)}
    out: list[str] = []

    def table(title: str, model: type[Any], skip: tuple[str, ...] = ()) -> None:
        out.extend([f"### {title}", ""])
        doc = _first_paragraph(model)
        if doc:
            out.extend([doc, ""])
        out.extend([*_field_rows(model, skip), ""])

    for section, f in FactFile.model_fields.items():
        if section not in ("facts", "drafts"):  # drafts are facts (see "Drafts")
            table(f"`{section}`", typing.get_args(f.annotation)[0])
    table("Every fact", FactBase)
    for kind in FACT_KINDS:
        table(f"`kind: {kind}`", by_kind[kind], skip=(*FactBase.model_fields, "kind"))
    for model, title in _nested_titles().items():
        table(title, model)
    return "\n".join(out)


# ---------------------------------------------------------------- dates


def _rule_table() -> list[tuple[str, str]]:
    """(phrase pattern, rule) of each row of the table in schema/dates.py's docstring."""
    from factdb.schema import dates

    rows = []
    for line in (dates.__doc__ or "").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.lstrip().startswith("|") or len(cells) != 2 or set(cells[0]) <= {"-"}:
            continue
        if cells[0] == "phrase":
            continue
        rows.append((cells[0], cells[1]))
    if not rows:
        raise Stale("schema/dates.py's docstring has no table of phrases")
    return rows


def _examples(pattern: str) -> list[str]:
    """The phrases a pattern of the rule table stands for, optional words included:
    '[on] WEEKDAY [morning…]' -> 'on Friday morning'."""
    found = []
    for variant in pattern.split(" / "):
        text = re.sub(r"[\[\]…]", "", variant)
        text = text.replace("WEEKDAY", EXAMPLE_WEEKDAY).replace("MONTH", EXAMPLE_MONTH).replace("NN", "4")
        found.append(" ".join(text.split()))
    return found


def _span(start: dt.date, end: dt.date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} .. {end.isoformat()}"


def phrases() -> str:
    """The rule table, with each rule's examples resolved by the resolver itself."""
    from factdb.schema.dates import LEADING_WORDS, MONTHS, PARTS_OF_DAY, WEEKDAYS, resolve_phrase

    p = EXAMPLE_PUBLISHED
    out = [
        f"| phrase | resolves to (P is the publication date) | published {p:%A} {p.isoformat()}, resolves to |",
        "|---|---|---|",
    ]
    for pattern, rule in _rule_table():
        examples = []
        for phrase in _examples(pattern):
            span = resolve_phrase(phrase, p)
            examples.append(f"`{phrase}`: {_span(span.start, span.end)} ({span.precision.value})")
        out.append(f"| `{pattern}` | {rule} | {'; '.join(examples)} |")
    out += [
        "",
        f"- WEEKDAY: {', '.join(WEEKDAYS)}.",
        f"- MONTH: {', '.join(MONTHS)}.",
        f"- Ignored at the start of a phrase: {', '.join(LEADING_WORDS)}.",
        f"- A part of the day, ignored at the end of a phrase and kept as its `part_of_day`: "
        f"{', '.join(PARTS_OF_DAY)}.",
        "- Case does not matter; anything else is an error (`date.phrase`) that asks for an absolute `date`.",
    ]
    return "\n".join(out)


# ---------------------------------------------------------------- quantities


def _bound(x: float) -> str:
    if x == float("inf"):
        return "∞"
    if x == 0:
        return "0"
    if x == 1:
        return "v"
    return f"{x:g} v"


def hedges() -> str:
    """Each hedge word with the interval hedge_interval gives it, grouped by interval."""
    from factdb.schema.quantities import Hedge, hedge_interval

    groups: dict[tuple[float, float, bool, bool], list[str]] = {}
    for hedge in Hedge:
        iv = hedge_interval(hedge, 1.0)
        groups.setdefault((iv.low, iv.high, iv.low_closed, iv.high_closed), []).append(hedge.value)
    out = ["| hedge | interval for a stated value v | for v = 100 |", "|---|---|---|"]
    for (low, high, lc, hc), words in groups.items():
        shape = f"{'[' if lc else '('}{_bound(low)}, {_bound(high)}{']' if hc else ')'}"
        ex = hedge_interval(Hedge(words[0]), 100.0)
        example = (
            f"{'[' if ex.low_closed else '('}{ex.low:g}, "
            f"{'∞' if ex.high == float('inf') else f'{ex.high:g}'}{']' if ex.high_closed else ')'}"
        )
        out.append(f"| {', '.join(f'`{w}`' for w in words)} | {shape} | {example} |")
    return "\n".join(out)


def _factor(x: float) -> str:
    f = Fraction(x).limit_denominator(1000)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def units() -> str:
    """The unit table and the scale table."""
    from factdb.schema.quantities import SCALE_FACTOR, UNITS

    out = ["| unit | dimension | base unit | one unit in the base unit |", "|---|---|---|---|"]
    for name, info in UNITS.items():
        out.append(f"| `{name}` | {info.dimension} | {info.base} | {_factor(info.factor)} |")
    out += ["", "| scale | multiplies the value by |", "|---|---|"]
    for scale, factor in SCALE_FACTOR.items():
        out.append(f"| `{scale.value}` | {factor:,.0f} |")
    return "\n".join(out)


# ---------------------------------------------------------------- checks


def checks() -> str:
    """Each check in queries/checks/: its header, as the runner reads it."""
    from factdb.loader.checks import load_checks

    out: list[str] = []
    for c in load_checks():
        out += [
            f"### `{c.id}`",
            "",
            f"{c.severity}; tags: {', '.join(c.tags)}; [queries/checks/{c.path}](../queries/checks/{c.path})",
            "",
            f"**Looks for:** {c.description}",
            "",
            f"**Reading:** {c.rationale}",
            "",
        ]
    return "\n".join(out).rstrip("\n")


# ---------------------------------------------------------------- saved queries


def saved() -> str:
    """Each saved query in queries/saved/: its header, as `factdb query` reads it."""
    from factdb.loader.query import saved_queries

    out: list[str] = []
    for q in saved_queries():
        params = ", ".join(f"`{p}`" for p in q.params) or "none"
        out += [
            f"#### `{q.id}`",
            "",
            f"Parameters: {params}; [queries/saved/{q.path.name}](../queries/saved/{q.path.name})",
            "",
            " ".join(q.description.split()),
            "",
        ]
        if q.example:
            out += ["```sh", q.example, "```", ""]
    return "\n".join(out).rstrip("\n")


# ---------------------------------------------------------------- the database

# The columns a date field F and a quantity field Q become (loader/build/tables.py).
_DATE_SUFFIXES = ("from", "to", "precision", "phrase", "weekday", "part")
_QUANTITY_SUFFIXES = (
    "value",
    "unit",
    "scale",
    "hedge",
    "text",
    "low",
    "high",
    "low_closed",
    "high_closed",
    "base_unit",
    "dimension",
)


def _grouped(columns: list[tuple[str, str]]) -> list[str]:
    """Column names with types, a date's or a quantity's columns shown as one
    `F_*` entry: the conventions say what each of them holds."""
    names = [n for n, _ in columns]
    out: list[str] = []
    skip: set[str] = set()
    for name, kind in columns:
        if name in skip:
            continue
        for suffixes, what in ((_DATE_SUFFIXES, "date"), (_QUANTITY_SUFFIXES, "quantity")):
            prefix = name.removesuffix("_" + suffixes[0])
            group = [f"{prefix}_{s}" for s in suffixes]
            if name.endswith("_" + suffixes[0]) and names[names.index(name) :][: len(group)] == group:
                out.append(f"`{prefix}_*` ({what})")
                skip.update(group)
                break
        else:
            out.append(f"`{name}` {kind.lower()}")
    return out


def tables() -> str:
    """Every table and view a build writes, with its columns, as DuckDB reports
    them for a database built from an empty corpus."""
    import tempfile

    import duckdb
    from factdb.loader.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "facts").mkdir()
        db = Path(tmp) / "empty.duckdb"
        build(Path(tmp) / "facts", db)
        con = duckdb.connect(str(db), read_only=True)
        try:
            kinds = dict(
                con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall()
            )
            rows = con.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
                " ORDER BY table_name, ordinal_position"
            ).fetchall()
        finally:
            con.close()
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        columns.setdefault(table, []).append((column, kind))
    out = ["| name | is a | columns |", "|---|---|---|"]
    for table in sorted(columns, key=lambda t: (kinds[t] != "BASE TABLE", t)):
        is_a = "table" if kinds[table] == "BASE TABLE" else "view"
        out.append(f"| `{table}` | {is_a} | {', '.join(_grouped(columns[table]))} |")
    return "\n".join(out)


@dataclass(frozen=True)
class Part:
    page: str  # relative to docs/
    make: Callable[[], str]


PARTS: dict[str, Part] = {
    "fields": Part("format.md", fields),
    "phrases": Part("format.md", phrases),
    "hedges": Part("format.md", hedges),
    "units": Part("format.md", units),
    "checks": Part("checks.md", checks),
    "saved": Part("commands.md", saved),
    "tables": Part("database.md", tables),
}


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Stale("the page does not exist") from None


def stale(docs: Path = DOCS) -> list[str]:
    """Each part whose page does not hold what its function makes now, as 'page: part ...'."""
    found = []
    for name, part in PARTS.items():
        try:
            page = _read(docs / part.page)
            if fill(page, name, part.make()) != page:
                found.append(f"docs/{part.page}: part {name!r} is stale")
        except Stale as exc:
            found.append(f"docs/{part.page}: part {name!r}: {exc}")
    return found


def regenerate(docs: Path = DOCS) -> list[str]:
    """Rewrite every stale part in place; return the pages changed. Every page
    is made in memory first: a part that cannot be placed writes nothing."""
    pages: dict[str, tuple[str, str]] = {}
    for name, part in PARTS.items():
        path = docs / part.page
        try:
            before, after = pages.get(part.page) or (_read(path),) * 2
            pages[part.page] = (before, fill(after, name, part.make()))
        except Stale as exc:
            raise Stale(f"docs/{part.page}: part {name!r}: {exc}") from None
    changed = []
    for page_name, (before, after) in pages.items():
        if after != before:
            (docs / page_name).write_text(after, encoding="utf-8")
            changed.append(f"docs/{page_name}")
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a part is stale")
    args = parser.parse_args()
    if args.check:
        found = stale()
        for line in found:
            print(line)
        if found:
            print("run `python docs/gen.py` to regenerate", file=sys.stderr)
            sys.exit(1)
        print("docs: every generated part is current")
        return
    try:
        changed = regenerate()
    except Stale as exc:
        sys.exit(f"error: {exc}")
    print("\n".join(f"wrote {page}" for page in changed) or "docs: every generated part is current")


if __name__ == "__main__":
    main()
