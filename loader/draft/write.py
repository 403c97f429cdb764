"""A drafted fact file, and what its drafts would raise.

`propose` runs the rules over an article's reporting sentences (furniture
left out). `draft_article` does what `factdb new` does (the seed copied, the
article entry written, nothing overwritten) and writes the proposals into the
new file's `drafts:` section, each under a comment that says why it was
proposed; recorded occurrences are linked, new ones are written into the
file's `occurrences:` (marked as drafted), so are the people and offices the
article introduces (`people:`, `offices:`), and the names no rule could place
are listed as comments. `facts:` starts empty: confirming a draft is moving it
there.

With `check`, the corpus is copied to a temporary folder in which the drafts
are facts, built there from cold and checked; the findings that name a draft
are returned. The project's database and files are never touched by it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from factdb.schema import SECTION_TABLES

from ..checks import CheckReport, Finding
from ..common import UsageError
from ..corpus import reporting_sentences
from ..new_article import ArticleEntry, NewPlan, article_head, check_basis, plan_new, write_new
from .rules import Candidate, Drafter, NewOccurrence, Proposal
from .world import World


def propose(
    world: World, text: str, published: dt.date, prefix: str, furniture: list[tuple[int, int]] | None = None
) -> Drafter:
    """The rules run over every reporting sentence of `text`."""
    drafter = Drafter(world, prefix, published)
    for sentence, on_furniture in reporting_sentences(text, furniture or []):
        if not on_furniture:
            drafter.sentence(sentence.text, sentence.start, sentence.line)
    drafter.finish()
    return drafter


@dataclass
class DraftResult:
    id: str
    seed: Path
    fact_file: Path
    proposals: list[Proposal]
    occurrences: list[NewOccurrence]
    candidates: list[Candidate]
    people: dict[str, str]  # id -> name of each person the draft introduces
    offices: dict[str, str]  # id -> title of each office the draft introduces
    # with --check: the findings that name a draft (None when not asked)
    findings: list[Finding] | None = None


def _y(value: Any) -> str:
    """A YAML 1.2 flow value (JSON's syntax is one); plain where YAML reads it back the same."""
    if isinstance(value, str):
        plain = value.replace("-", "").replace(".", "").replace("_", "").isalnum() and value[:1].isalpha()
        return (
            value
            if plain and value.lower() not in ("true", "false", "null", "yes", "no", "on", "off")
            else json.dumps(value, ensure_ascii=False)
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_y(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_y(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def render_fact(p: Proposal, prefix: str, article: str) -> list[str]:
    lines = [f"  # {p.why}", f"  - id: {prefix}-{p.name}", f"    kind: {p.kind}"]
    for key, value in p.fields.items():
        lines.append(f"    {key}: {_y(value)}")
    lines.append("    evidence:")
    for quote in [p.quote, *(q for q, _, _ in p.more)]:
        lines += [f"      - source: {article}", f"        quote: {_y(quote)}"]
    return lines


def draft_text(plan: NewPlan, drafter: Drafter, entry: ArticleEntry, as_facts: bool = False) -> str:
    """The drafted fact file; `as_facts` writes the drafts as facts (for `--check`)."""
    head = article_head(plan, entry)
    prefix = f"a{plan.number}"
    lines = [*head, ""]
    if drafter.candidates:
        lines.append(
            "# Names and titles no entity carries: add them (people:, offices:) if the article needs them."
        )
        for c in drafter.candidates:
            lines.append(f"#   line {c.line}: candidate {c.what} {c.text!r}: {c.context}")
        lines.append("")
    if drafter.people_new:
        lines.append("people:  # drafted: named with a title a known office carries; check each name")
        for pid, (name, named) in drafter.people_new.items():
            aliases = drafter.aliases_new.get(pid)
            also = f", aliases: [{', '.join(_y(a) for a in aliases)}]" if aliases else ""
            lines.append(f"  - {{id: {pid}, name: {_y(name)}{also}}}  # {named}")
        lines.append("")
    if drafter.offices_new:
        lines.append(
            "offices:  # drafted: titles no office carried; check each title, country and single_holder (a guess)"
        )
        for office in drafter.offices_new.values():
            country = f", country: {office.country}" if office.country else ""
            lines.append(
                f"  - {{id: {office.id}, title: {_y(office.title)}{country},"
                f" single_holder: {_y(office.single_holder)}}}  # {office.named}"
            )
        lines.append("")
    if drafter.occurrences:
        lines.append(
            "occurrences:  # drafted: no recorded occurrence fits; confirm each, or link the facts to a recorded one"
        )
        for o in drafter.occurrences.values():
            lines += [
                f"  - id: {o.id}",
                f"    kind: {o.kind}",
                f"    label: {_y(o.label)}",
                f"    reason: {_y(o.reason)}",
            ]
        lines.append("")
    facts = [line for p in drafter.proposals for line in render_fact(p, prefix, plan.id)]
    if as_facts:
        lines += ["facts:", *facts] if facts else ["facts: []"]
    else:
        lines += [
            "# Confirmed facts: check a draft against its quote, correct it, and move it here.",
            "facts: []",
            "",
            f"# {len(drafter.proposals)} drafted fact(s), proposed by `factdb draft`: none is loaded until moved",
            "# under `facts:` above (`factdb validate` lists those left).",
        ]
        lines += ["drafts:", *facts] if facts else ["drafts: []"]
    return "\n".join(lines) + "\n"


def draft_article(
    article_file: Path,
    facts_dir: Path,
    db: Path,
    entry: ArticleEntry,
    *,
    id: str | None = None,
    check: bool = False,
) -> DraftResult:
    """`factdb new`, with the article's checkable claims drafted (and checked, with `check`)."""
    from ..pipeline import build

    if entry.published is None:
        raise UsageError("--published YYYY-MM-DD is needed: the drafts' dates are resolved against it")
    try:
        day = dt.date.fromisoformat(entry.published)
    except ValueError:
        raise UsageError(f"--published {entry.published!r} is not a day (YYYY-MM-DD)") from None
    check_basis(entry.basis)
    plan = plan_new(article_file, facts_dir, id)
    build(facts_dir, db)  # what the corpus knows, as of its files now (warm when nothing changed)
    con = duckdb.connect(str(db), read_only=True)
    try:
        taken = _defined(con, plan.id)
        world = World.read(con)
    finally:
        con.close()
    if taken is not None:
        section, file, line = taken
        raise UsageError(
            f"the article id {plan.id!r} is already the id of one of the {section} ({file}:{line}); "
            "give the article another with --id"
        )
    drafter = propose(world, plan.raw.decode("utf-8"), day, f"a{plan.number}")
    write_new(plan, draft_text(plan, drafter, entry))
    result = DraftResult(
        plan.id,
        plan.seed,
        plan.fact_file,
        drafter.proposals,
        list(drafter.occurrences.values()),
        drafter.candidates,
        {pid: name for pid, (name, _) in drafter.people_new.items()},
        {o.id: o.title for o in drafter.offices_new.values()},
    )
    if check:
        # The copy's article entry needs no TODO filled in: what was not given is a placeholder there.
        report = check_drafts(facts_dir, plan, draft_text(plan, drafter, entry.filled(), as_facts=True))
        prefix = f"a{plan.number}-"
        result.findings = [f for f in report.findings if any(r.id.startswith(prefix) for r in f.facts)]
    return result


def _defined(con: duckdb.DuckDBPyConnection, id_: str) -> tuple[str, str, int] | None:
    """Where an id is defined in the built corpus (section, file, line), if it is."""
    for section, table in SECTION_TABLES.items():
        row = con.execute(f"SELECT file, line FROM {table} WHERE id = ? LIMIT 1", [id_]).fetchone()
        if row is not None:
            return section, row[0], row[1]
    return None


def check_drafts(facts_dir: Path, plan: NewPlan, as_facts: str) -> CheckReport:
    """Build a copy of the corpus in which the drafts are facts, and check it."""
    from ..checks import check_database
    from ..pipeline import build

    facts_dir = facts_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="factdb-draft-") as tmp:
        root = Path(tmp)
        shutil.copytree(facts_dir, root / "facts", symlinks=False)
        seeds = facts_dir.parent / "seeds"
        if seeds.is_dir():
            shutil.copytree(seeds, root / "seeds", symlinks=False)
        copy = root / "facts" / plan.fact_file.relative_to(facts_dir)
        copy.write_text(as_facts, encoding="utf-8")
        db = root / "draft.duckdb"
        build(root / "facts", db, cold=True)
        return check_database(db)
