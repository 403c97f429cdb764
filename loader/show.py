"""Everything the database holds about one id: its row, the facts that name it
(with every quote and its file:line), and the findings those facts are in.

An id may be an article, a reference, a person, an organization, a country, a
place, an office, an occurrence (a visit, meeting or event that facts cite in
``of``) or a fact.  A fact "names" an id when one of its reference fields holds
it (a role's ``person`` and ``office``, a meeting's ``participants``, ``venue``,
``of`` and ``part_of``, a visit's legs, ...) or, for a source, when one of its
evidence entries cites it.  A fact shown by its own id is listed with its quotes.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from factdb.schema import FACT_MODELS, ID_SECTIONS, KIND_MODELS, SECTION_MODELS, columns_naming_ids
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .common import UsageError, connect_read_only
from .output import SEVERITY_STYLE
from .output.formats import escape_control

# Everything below is derived from the schema's declarations (schema/refs.py):
# the tables of things with ids and what to call each, the columns of each
# fact kind's table that name ids, and the entities that name other entities.
ENTITY_TABLES: dict[str, str] = {
    SECTION_MODELS[section].table: SECTION_MODELS[section].__name__.lower()
    for section in ID_SECTIONS
    if section != "facts"
}
FACT_REFS: dict[str, list[str]] = {m.table: list(columns_naming_ids(m)) for m in FACT_MODELS}
KIND_TABLES: dict[str, str] = {kind: m.table for kind, m in KIND_MODELS.items()}
ENTITY_REFS: dict[str, list[str]] = {
    table: names
    for section in ID_SECTIONS
    if section != "facts"
    and (names := list(columns_naming_ids(SECTION_MODELS[section])))
    and (table := SECTION_MODELS[section].table)
}
NAME_COLUMNS = ("name", "title", "label", "headline")


@dataclass(frozen=True)
class Quote:
    source: str
    source_kind: str  # article or reference
    quote: str
    file: str
    line: int


@dataclass
class Mention:
    """A fact that names the id, with the fields that do."""

    id: str
    kind: str
    fields: list[str]
    article: str | None
    of: str | None
    file: str
    line: int
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class NamedBy:
    """An entity whose row names the id (a place's parent, an office's organization)."""

    table: str
    id: str
    field: str


@dataclass(frozen=True)
class FindingRef:
    key: str
    check: str
    severity: str
    message: str
    verdict: str | None
    review_note: str | None
    facts: list[str]


@dataclass
class Shown:
    id: str
    kind: str  # person, office, place, occurrence, ..., or the fact's kind
    table: str
    row: dict[str, Any]
    facts: list[Mention] = field(default_factory=list)
    named_by: list[NamedBy] = field(default_factory=list)
    findings: list[FindingRef] = field(default_factory=list)

    @property
    def is_fact(self) -> bool:
        return self.table in KIND_TABLES.values()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "table": self.table,
            "row": self.row,
            "facts": [asdict(m) for m in self.facts],
            "named_by": [asdict(n) for n in self.named_by],
            "findings": [asdict(f) for f in self.findings],
        }


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return {str(name): str(dtype) for name, dtype in rows}


def _row(con: duckdb.DuckDBPyConnection, table: str, id: str) -> dict[str, Any] | None:
    cur = con.execute(f'SELECT * FROM "{table}" WHERE id = ?', [id])
    row = cur.fetchone()
    if row is None:
        return None
    return {d[0]: v for d, v in zip(cur.description, row, strict=True)}


def _names(con: duckdb.DuckDBPyConnection, table: str, column: str) -> str:
    """SQL condition: `column` of `table` holds `id` (a scalar or a list)."""
    dtype = _columns(con, table).get(column, "")
    return f'list_contains("{column}", $id)' if dtype.endswith("[]") else f'"{column}" = $id'


def _locate(con: duckdb.DuckDBPyConnection, id: str) -> tuple[str, str, dict[str, Any]] | None:
    for table, kind in ENTITY_TABLES.items():
        row = _row(con, table, id)
        if row is not None:
            return kind, table, row
    index = _row(con, "fact_index", id)
    if index is None:
        return None
    table = KIND_TABLES.get(str(index["kind"]), "")
    detail = _row(con, table, id) if table else None
    return str(index["kind"]), table or "fact_index", {**index, **(detail or {})}


def _mentions(con: duckdb.DuckDBPyConnection, id: str, table: str) -> list[Mention]:
    """Every fact that names `id`, with the fields that name it."""
    named: dict[str, list[str]] = {}
    if table in KIND_TABLES.values():
        named[id] = ["id"]
    for fact_table, fields in FACT_REFS.items():
        present = _columns(con, fact_table)
        for col in (c for c in fields if c in present):
            cond = _names(con, fact_table, col)
            for (fact,) in con.execute(f'SELECT id FROM "{fact_table}" WHERE {cond}', {"id": id}).fetchall():
                named.setdefault(str(fact), []).append(col)
    for (fact,) in con.execute(
        "SELECT DISTINCT visit FROM visit_legs WHERE place = $id", {"id": id}
    ).fetchall():
        named.setdefault(str(fact), []).append("legs.place")
    if table in ("articles", "refs"):
        for (fact,) in con.execute(
            "SELECT DISTINCT f.id FROM evidence e JOIN fact_index f ON f.id = e.owner WHERE e.source = $id",
            {"id": id},
        ).fetchall():
            named.setdefault(str(fact), []).append("evidence.source")
    if not named:
        return []
    con.register("wanted_ids", pa.table({"id": sorted(named)}))
    try:
        facts = con.execute(
            "SELECT f.id, f.kind, f.article, f.of, f.file, f.line FROM fact_index f JOIN wanted_ids USING (id)"
        ).fetchall()
        quotes = con.execute(
            "SELECT e.owner, e.source, e.source_kind, e.quote, e.file, e.line "
            "FROM evidence e JOIN wanted_ids w ON w.id = e.owner ORDER BY e.owner, e.seq"
        ).fetchall()
    finally:
        con.unregister("wanted_ids")
    out = {
        str(fid): Mention(str(fid), str(kind), named[str(fid)], article, of, str(file), int(line))
        for fid, kind, article, of, file, line in facts
    }
    for owner, source, source_kind, quote, file, line in quotes:
        out[str(owner)].quotes.append(Quote(str(source), str(source_kind), str(quote), str(file), int(line)))
    # Articles' facts first (in article order), then the background record.
    return sorted(out.values(), key=lambda m: (m.article is None, m.article or "", m.file, m.line, m.id))


def _named_by(con: duckdb.DuckDBPyConnection, id: str) -> list[NamedBy]:
    out: list[NamedBy] = []
    for table, fields in ENTITY_REFS.items():
        present = _columns(con, table)
        for col in (c for c in fields if c in present):
            rows = con.execute(f'SELECT id FROM "{table}" WHERE "{col}" = $id ORDER BY id', {"id": id})
            out.extend(NamedBy(table, str(r[0]), col) for r in rows.fetchall())
    return out


def _findings(con: duckdb.DuckDBPyConnection, fact_ids: list[str]) -> list[FindingRef]:
    if not fact_ids:
        return []
    con.register("wanted_ids", pa.table({"id": sorted(set(fact_ids))}))
    try:
        rows = con.execute(
            """
            SELECT f.key, f.check_id, f.severity, f.message, f.verdict, f.review_note,
                   (SELECT list(ff2.fact_id ORDER BY ff2.seq) FROM finding_facts ff2 WHERE ff2.key = f.key)
            FROM findings f
            WHERE f.key IN (SELECT ff.key FROM finding_facts ff JOIN wanted_ids w ON w.id = ff.fact_id)
            ORDER BY f.key
            """
        ).fetchall()
    finally:
        con.unregister("wanted_ids")
    return [FindingRef(k, c, s, m, v, n, list(facts or [])) for k, c, s, m, v, n, facts in rows]


def _candidates(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every id, with the names it goes by (for suggestions)."""
    out: dict[str, list[str]] = {}
    for table in [*ENTITY_TABLES, "fact_index"]:
        cols = _columns(con, table)
        names = [c for c in NAME_COLUMNS if c in cols]
        aliases = "aliases" if "aliases" in cols else "NULL"
        select = ", ".join(f'"{c}"' for c in names) or "NULL"
        for row in con.execute(f'SELECT id, {aliases}, {select} FROM "{table}"').fetchall():
            words = [str(v) for v in row[2:] if v] + [str(a) for a in (row[1] or [])]
            out[str(row[0])] = words
    return out


def suggest(wanted: str, candidates: dict[str, list[str]], n: int = 5) -> list[str]:
    """The ids closest to `wanted`: those it names exactly (a name or alias),
    then the closest spellings (difflib), then those whose names contain it."""
    low = wanted.lower().strip()
    exact = [i for i, names in sorted(candidates.items()) if any(low == w.lower() for w in names)]
    close = difflib.get_close_matches(wanted, list(candidates), n=n, cutoff=0.6)
    within = [
        i for i, names in sorted(candidates.items()) if len(low) > 3 and any(low in w.lower() for w in names)
    ]
    return list(dict.fromkeys(exact + close + within))[:n]


def show(db: Path, id: str) -> Shown:
    """Everything about one id; UsageError (with the closest ids) if unknown."""
    con = connect_read_only(db)
    try:
        found = _locate(con, id)
        if found is None:
            near = suggest(id, _candidates(con))
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise UsageError(f"no article, person, office, place, occurrence or fact has the id {id!r}{hint}")
        kind, table, row = found
        shown = Shown(id, kind, table, row)
        shown.facts = _mentions(con, id, table)
        shown.named_by = _named_by(con, id)
        shown.findings = _findings(con, [m.id for m in shown.facts])
        return shown
    finally:
        con.close()


def _short(value: Any, limit: int = 400) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def print_shown(shown: Shown, console: Console) -> None:
    """The terminal's view of `shown`: no data is read as markup, and each
    control character in it is printed as ``\\xNN`` (`escape_control`)."""

    def line(*parts: tuple[str, str], style: str = "") -> None:
        text = Text(style=style)
        for part, part_style in parts:
            text.append(escape_control(part), style=part_style)
        console.print(text)

    title = next((shown.row[c] for c in NAME_COLUMNS if shown.row.get(c)), None)
    line((shown.kind, "bold"), (f" {shown.id}" + (f" — {title}" if title else ""), ""))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    for key, value in shown.row.items():
        if value is None or value == [] or key == "id":
            continue
        grid.add_row(Text(escape_control(key)), Text(escape_control(_short(value))))
    console.print(grid)
    for n in shown.named_by:
        line((f"named by {n.table} {n.id} ({n.field})", ""), style="dim")
    console.print()
    line((f"{len(shown.facts)} fact(s)", "bold"), (f" naming {shown.id}", ""))
    article: str | None = "\0"
    for m in shown.facts:
        if m.article != article:
            article = m.article
            line((f"  {article or 'background record'}", ""), style="bold")
        of = f" of {m.of}" if m.of and "of" not in m.fields else ""
        line((f"  • {m.id}  {m.kind}{of} ({', '.join(m.fields)})  {m.file}:{m.line}", ""))
        for q in m.quotes:
            line((f"      “{q.quote}”", ""), style="italic")
            line((f"        [{q.source}] {q.file}:{q.line}", ""), style="dim")
    console.print()
    line((f"{len(shown.findings)} finding(s)", "bold"), (" involving these facts", ""))
    for f in shown.findings:
        mark = f" — reviewed: {f.verdict}" if f.verdict else ""
        line(("  ", ""), (f.severity, SEVERITY_STYLE.get(f.severity, "")), (f" {f.check}{mark}", ""))
        line((f"    {f.message}", ""))
        line((f"    facts: {', '.join(f.facts)}", ""), style="dim")
        line((f"    key: {f.key}", ""), style="dim")
