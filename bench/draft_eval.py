"""How good are `factdb draft`'s drafts? Compare them with the hand encoding.

python bench/draft_eval.py [--db factdb.duckdb] [--no-record] [--split held-out|development|all]

Each article of the corpus is drafted against a world without its own fact
file (its people, offices, occurrences and facts left out; the shared files
and the background record stay, as they would for a new article), and the
drafts are matched with the article's hand-encoded facts:

* a drafted fact matches a hand fact of the same kind whose evidence quotes
  an overlapping stretch of the article and that names the same key: the
  person (role), the speaker (statement), a participant (meeting), a traveller
  (visit); a duration or figure matches by overlap and kind alone;
* precision = drafted facts that match / drafted facts; recall = hand facts
  matched / hand facts of that kind;
* each field of a matched pair is then compared: person, office, resolved date
  interval (from..to, as `validate` resolves it), quantity interval (low, high
  and which ends are closed, in the base unit), occurrence link (`of`). A field
  counts where either side fills it; a date both leave out counts as equal (a
  statement the text gives no day for is left undated, docs/format.md).

The split, in the order it was used:
* development (`--split development`, 000-009: the five seeds and the first
  trials): the rules were written reading these;
* held-out (`--split held-out`, 010-018, with the stored trials 15-18 via
  `--trial`): trial articles encoded by blind helpers; measured once before any
  rule was developed on them, then used as a second development set;
* final held-out (the stored trials 19-22): encoded blind after the rules were
  frozen and measured once; bench/RESULTS.md keeps that first measurement.
A stored trial (bench/draft_trials/<name>/) holds what its blind encoder wrote:
the article's fact file and seed, the shared files it changed, its ABOUT.txt and
ENCODER_NOTES.md. The table is also written into bench/RESULTS.md
(bench/results.py) unless `--no-record`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from factdb.loader.common import fold  # noqa: E402
from factdb.loader.draft import Proposal, World, propose  # noqa: E402
from factdb.loader.pipeline import build  # noqa: E402
from results import add_record_option, record  # noqa: E402

DEVELOPMENT = range(0, 10)
HELD_OUT = range(10, 19)
KINDS = ("role", "duration", "figure", "meeting", "visit", "statement")
GOALS = {"role": (0.8, 0.9), "duration": (0.8, 0.9), "figure": (0.8, 0.9)}


@dataclass
class Hand:
    id: str
    kind: str
    spans: list[tuple[int, int]]
    keys: set[str]
    fields: dict[str, Any]


@dataclass
class Tally:
    drafted: int = 0
    drafted_matched: int = 0
    hand: int = 0
    hand_matched: int = 0
    # roles: hand facts naming an office the corpus did not know before the article (never drafted)
    new_office: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))


def bounds(low: Any, high: Any) -> tuple[float | None, float | None]:
    """A quantity interval's ends as they are compared: to a millionth, an open top as None."""
    top = None if high is None or high == float("inf") else round(high, 6)
    return (round(low, 6) if low is not None else None, top)


def _interval(low: Any, high: Any, lc: Any, hc: Any) -> tuple[Any, ...] | None:
    if low is None and high is None:
        return None
    bottom, top = bounds(low, high)
    return (bottom, top, lc, hc if top is not None else False)


def hand_facts(con: duckdb.DuckDBPyConnection, article: str) -> list[Hand]:
    out: list[Hand] = []
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for owner, s, e in con.execute(
        "SELECT owner, quote_start, quote_end FROM evidence WHERE source = ? AND quote_start IS NOT NULL",
        [article],
    ).fetchall():
        spans[owner].append((s, e))
    dates: dict[tuple[str, str], tuple[dt.date, dt.date]] = {
        (o, f): (a, b)
        for o, f, a, b in con.execute("SELECT owner, field, d_from, d_to FROM fact_dates").fetchall()
    }
    facts = "(SELECT id FROM fact_index WHERE article = $a)"
    for i, person, office in con.execute(
        f"SELECT id, person, office FROM roles WHERE id IN {facts} AND at_from IS NOT NULL", {"a": article}
    ).fetchall():
        out.append(
            Hand(
                i,
                "role",
                spans[i],
                {person},
                {"person": person, "office": office, "date": dates.get((i, "at"))},
            )
        )
    for i, of, who, venue, low, high, lc, hc in con.execute(
        f"""SELECT id, of, participants, venue, duration_low, duration_high, duration_low_closed,
                   duration_high_closed FROM meetings WHERE id IN {facts}""",
        {"a": article},
    ).fetchall():
        fields = {
            "participants": tuple(sorted(who)),
            "venue": venue,
            "date": dates.get((i, "when")),
            "of": of,
        }
        out.append(Hand(i, "meeting", spans[i], set(who), fields))
        if low is not None:
            out.append(Hand(i, "duration", spans[i], set(), {"quantity": _interval(low, high, lc, hc)}))
    for i, low, high, lc, hc, measure in con.execute(
        f"""SELECT id, quantity_low, quantity_high, quantity_low_closed, quantity_high_closed, measure
            FROM figures WHERE id IN {facts}""",
        {"a": article},
    ).fetchall():
        fields = {
            "quantity": _interval(low, high, lc, hc),
            "measure": measure,
            "date": dates.get((i, "as_of")),
        }
        out.append(Hand(i, "figure", spans[i], set(), fields))
    for i, of, who, dest in con.execute(
        f"SELECT id, of, travellers, destination FROM visits WHERE id IN {facts}", {"a": article}
    ).fetchall():
        out.append(
            Hand(
                i,
                "visit",
                spans[i],
                set(who),
                {"destination": dest, "of": of, "date": dates.get((i, "arrive"))},
            )
        )
    for i, speaker in con.execute(
        f"SELECT id, speaker FROM statements WHERE id IN {facts}", {"a": article}
    ).fetchall():
        out.append(
            Hand(i, "statement", spans[i], {speaker}, {"speaker": speaker, "date": dates.get((i, "when"))})
        )
    return [h for h in out if h.spans]


def drafted_facts(d: list[Proposal]) -> list[Hand]:
    out: list[Hand] = []
    for p in d:
        span = [(p.start, p.end), *((s, e) for _, s, e in p.more)]
        f = p.fields

        def date(name: str, p: Proposal = p) -> tuple[dt.date, dt.date] | None:
            s = p.dates.get(name)
            return (s.start, s.end) if s else None

        if p.kind == "role":
            out.append(
                Hand(
                    p.name,
                    "role",
                    span,
                    {f["person"]},
                    {"person": f["person"], "office": f["office"], "date": date("at")},
                )
            )
        elif p.kind == "meeting":
            fields = {
                "participants": tuple(sorted(f["participants"])),
                "venue": f.get("venue"),
                "date": date("when"),
                "of": f["of"],
            }
            out.append(Hand(p.name, "meeting", span, set(f["participants"]), fields))
            if p.quantity is not None:
                iv = p.quantity.interval()
                q = _interval(iv.low, iv.high, iv.low_closed, iv.high_closed)
                out.append(Hand(p.name, "duration", span, set(), {"quantity": q}))
        elif p.kind == "figure":
            assert p.quantity is not None
            iv = p.quantity.interval()
            q = _interval(iv.low, iv.high, iv.low_closed, iv.high_closed)
            out.append(
                Hand(
                    p.name,
                    "figure",
                    span,
                    set(),
                    {"quantity": q, "measure": f["measure"], "date": date("as_of")},
                )
            )
        elif p.kind == "visit":
            fields = {"destination": f.get("destination"), "of": f["of"], "date": date("arrive")}
            out.append(Hand(p.name, "visit", span, set(f["travellers"]), fields))
        elif p.kind == "statement":
            out.append(
                Hand(
                    p.name, "statement", span, {f["speaker"]}, {"speaker": f["speaker"], "date": date("when")}
                )
            )
    return out


def _by_name(h: Hand, names: dict[str, str]) -> Hand:
    def one(v: Any) -> Any:
        if isinstance(v, str):
            return names.get(v, v)
        if isinstance(v, tuple) and all(isinstance(x, str) for x in v):
            return tuple(sorted(names.get(x, x) for x in v))
        return v

    return Hand(
        h.id, h.kind, h.spans, {names.get(k, k) for k in h.keys}, {k: one(v) for k, v in h.fields.items()}
    )


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _fits(d: Hand, h: Hand) -> bool:
    return (
        d.kind == h.kind
        and _overlap(d.spans, h.spans)
        and (not h.keys or not d.keys or bool(d.keys & h.keys))
    )


def evaluate(
    con: duckdb.DuckDBPyConnection,
    numbers: Collection[int],
    show: str | None = None,
    tallies: dict[str, Tally] | None = None,
) -> tuple[dict[str, Tally], list[str]]:
    tallies = tallies if tallies is not None else {k: Tally() for k in KINDS}
    used: list[str] = []
    rows = con.execute(
        """SELECT a.id, a.text, a.published, f.file FROM articles a
           JOIN (SELECT DISTINCT article, file FROM fact_index WHERE file LIKE '%articles/%') f ON f.article = a.id
           ORDER BY f.file"""
    ).fetchall()
    for article, text, published, file in rows:
        m = re.search(r"/(\d{3})-", file)
        if m is None or int(m.group(1)) not in numbers:
            continue
        used.append(f"{m.group(1)} {article}")
        # No furniture: a new article has none declared when it is drafted.
        world = World.read(con, exclude_file=file)
        drafter = propose(world, text, published, f"a{m.group(1)}")
        # People are compared by name: a person the draft introduces has an id of its own
        # (aNNN-...), the hand encoding another; the name is what says they are one.
        names = {i: fold(n) for i, n in con.execute("SELECT id, name FROM people").fetchall()}
        names |= {i: fold(n) for i, (n, _) in drafter.people_new.items()}
        drafted = [_by_name(h, names) for h in drafted_facts(drafter.proposals)]
        hand = [_by_name(h, names) for h in hand_facts(con, article)]
        for kind in KINDS:
            t = tallies[kind]
            ds = [d for d in drafted if d.kind == kind]
            hs = [h for h in hand if h.kind == kind]
            t.drafted += len(ds)
            t.hand += len(hs)
            t.drafted_matched += sum(1 for d in ds if any(_fits(d, h) for h in hs))
            t.hand_matched += sum(1 for h in hs if any(_fits(d, h) for d in ds))
            if kind == "role":
                t.new_office += sum(1 for h in hs if h.fields["office"] not in world.offices)
            if kind == show:
                for h in hs:
                    if not any(_fits(d, h) for d in ds):
                        print(f"missed {h.id}: {h.fields} | {text[h.spans[0][0] : h.spans[0][1]]!r}")
            for d in ds:
                # the fitting hand fact that agrees on most fields
                fitting = [h for h in hs if _fits(d, h)]
                match = max(
                    fitting,
                    key=lambda h: sum(d.fields.get(k) == v for k, v in h.fields.items()),
                    default=None,
                )
                if kind == show and match is None:
                    print(
                        f"extra {article} {d.id}: {d.fields} | {text[d.spans[0][0] : d.spans[0][1]][:150]!r}"
                    )
                if kind == show and match is not None:
                    wrong = {
                        k: (d.fields.get(k), v)
                        for k, v in match.fields.items()
                        if k in d.fields and d.fields[k] != v
                    }
                    if wrong:
                        print(f"wrong {match.id}: {wrong}")
                if match is None:
                    continue
                for name, value in match.fields.items():
                    if name in d.fields and (
                        value is not None or d.fields[name] is not None or name == "date"
                    ):
                        if (
                            name == "of"
                            and d.fields[name]
                            and not str(d.fields[name]).startswith("a")
                            and not value
                        ):
                            continue
                        cell = t.fields[name]
                        cell[1] += 1
                        cell[0] += int(d.fields[name] == value)
    return tallies, used


def table(tallies: dict[str, Tally]) -> list[str]:
    lines = [
        "| kind | drafted | hand | precision | recall | goal (recall, precision) | fields equal to the hand encoding |",
        "|---|---|---|---|---|---|---|",
    ]
    dates = [0, 0]
    for kind, t in tallies.items():
        precision = t.drafted_matched / t.drafted if t.drafted else float("nan")
        recall = t.hand_matched / t.hand if t.hand else float("nan")
        goal = GOALS.get(kind)
        goal_text = f"≥ {goal[0]}, ≥ {goal[1]}" if goal else ""
        fields = ", ".join(f"{name} {ok}/{n}" for name, (ok, n) in sorted(t.fields.items()))
        if "date" in t.fields:
            dates[0] += t.fields["date"][0]
            dates[1] += t.fields["date"][1]
        lines.append(
            f"| {kind} | {t.drafted} | {t.hand} | {precision:.2f} | {recall:.2f} | {goal_text} | {fields} |"
        )
    share = dates[0] / dates[1] if dates[1] else float("nan")
    roles = tallies["role"]
    lines.append("")
    lines.append(
        f"of the {roles.hand} hand-encoded roles, {roles.new_office} name an office the corpus did not know "
        "before the article (the drafter proposes a new office for such a title; its id is its own)"
    )
    by_kind = ", ".join(
        f"{kind} {t.fields['date'][0]}/{t.fields['date'][1]}"
        for kind, t in tallies.items()
        if "date" in t.fields
    )
    lines.append(
        f"resolved dates equal to the hand encoding's: {dates[0]}/{dates[1]} = {share:.2f} (goal ≥ 0.9); "
        f"by kind: {by_kind}"
    )
    return lines


TRIALS = HERE / "draft_trials"
# A stored trial's article is the one after the corpus's last: 019.
NEW_ARTICLE = "019"


def stored_trial(name: str, tmp: Path) -> Path:
    """A trial of bench/draft_trials/: the corpus as it is, with the trial's files laid over
    it (its article's fact file and seed, and the shared files its encoder changed), built
    from cold into a database of its own; that database's path."""
    root = tmp / name
    shutil.copytree(HERE.parent / "facts", root / "facts")
    shutil.copytree(HERE.parent / "seeds", root / "seeds")
    for part in ("facts", "seeds"):
        shutil.copytree(TRIALS / name / part, root / part, dirs_exist_ok=True)
    db = root / "trial.duckdb"
    build(root / "facts", db, cold=True)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("factdb.duckdb"))
    parser.add_argument("--split", choices=("held-out", "development", "all"), default="held-out")
    parser.add_argument(
        "--articles",
        help="comma-separated article numbers (NNN) instead of a split, e.g. a trial project's new article",
    )
    parser.add_argument("--label", help="the run's name in the printed heading and in bench/RESULTS.md")
    parser.add_argument(
        "--trial",
        action="append",
        default=[],
        metavar="NAME|DB:NNN",
        help="also a trial article: a folder of bench/draft_trials/ (built into a temporary copy of "
        "the corpus), or a trial project's database and its article's number (repeatable)",
    )
    parser.add_argument("--show", choices=KINDS, help="print the misses, extras and wrong fields of one kind")
    add_record_option(parser)
    args = parser.parse_args()
    split = {"held-out": HELD_OUT, "development": DEVELOPMENT, "all": range(0, 1000)}[args.split]
    numbers: Collection[int] = split
    name = f"{args.split} split"
    if args.articles:
        numbers = {int(n) for n in args.articles.split(",")}
        name = f"articles {args.articles}"
    con = duckdb.connect(str(args.db), read_only=True)
    tallies, used = evaluate(con, numbers, args.show)
    with tempfile.TemporaryDirectory(prefix="draft-eval-") as tmp:
        for trial in args.trial:
            if (TRIALS / trial).is_dir():
                path, number, label = str(stored_trial(trial, Path(tmp))), NEW_ARTICLE, trial
            else:
                path, number = trial.rsplit(":", 1)
                label = Path(path).parent.name
            with duckdb.connect(path, read_only=True) as other:
                _, more = evaluate(other, {int(number)}, args.show, tallies)
            used += [f"{u} (trial {label})" for u in more]
    if args.trial:
        name += " and trials"
    name = args.label or name
    out = [f"draft evaluation, {name}: {len(used)} article(s): {', '.join(used)}", "", *table(tallies)]
    print("\n".join(out))
    if not args.no_record:
        record(f"draft evaluation ({name})", "\n".join(out), fence="markdown")


if __name__ == "__main__":
    main()
