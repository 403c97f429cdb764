"""Would a library read dates and quantities better than the drafter's own rules?

python bench/draft_libraries.py [--db factdb.duckdb] [--no-record]

Issue 24 asks that a library that could help (dateparser, quantulum3) be measured
against the project's own rules on the same material before it is taken. The
material is every hand-encoded date phrase and quantity of the corpus's articles:

* dates: each `fact_dates` row with a phrase. The rules' answer is
  `find_dates` on the phrase (then `resolve_phrase`, as `validate`); dateparser's
  is `dateparser.parse(phrase, settings={"RELATIVE_BASE": published,
  "PREFER_DATES_FROM": "past"})`. A reading is right when its span equals the
  hand encoding's resolved span (dateparser gives one instant: right when the
  hand span is that one day);
* quantities: each figure's and meeting duration's `text`. The rules' answer is
  `find_quantities` on the text; quantulum3's is its first quantity. A reading
  is right when its interval in the base unit equals the hand encoding's
  (quantulum3 keeps no hedge, so its value is read as exact).

The libraries are optional (not in pyproject): the script says so and stops
when one is missing. The table is written into bench/RESULTS.md unless
`--no-record`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from draft_eval import bounds  # noqa: E402
from factdb.loader.draft.rules import find_dates, find_quantities  # noqa: E402
from factdb.schema.quantities import to_base  # noqa: E402
from results import add_record_option, record  # noqa: E402


def dates(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int, int]:
    import dateparser  # type: ignore[import-not-found]

    rows = con.execute(
        """SELECT d.d_phrase, d.d_from, d.d_to, a.published FROM fact_dates d
           JOIN fact_index f ON f.id = d.owner JOIN articles a ON a.id = f.article
           WHERE d.d_phrase IS NOT NULL"""
    ).fetchall()
    ours = theirs = unread = 0
    for phrase, first, last, published in rows:
        found = find_dates(phrase, published)
        if found and (found[0].span.start, found[0].span.end) == (first, last):
            ours += 1
        base = dt.datetime.combine(published, dt.time(12))
        parsed = dateparser.parse(phrase, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        if parsed is None:
            unread += 1
        elif first == last == parsed.date():
            theirs += 1
    return len(rows), ours, theirs, unread


def quantities(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int, int]:
    from quantulum3 import parser  # type: ignore[import-not-found]

    units = {
        "dollar": "USD",
        "united states dollar": "USD",
        "percentage": "percent",
        "hour": "hour",
        "minute": "minute",
        "day": "day",
        "week": "week",
        "month": "month",
        "year": "year",
    }
    rows = con.execute(
        """SELECT quantity_text, quantity_low, quantity_high FROM figures f
           WHERE quantity_text IS NOT NULL AND f.id IN (SELECT id FROM fact_index WHERE article IS NOT NULL)
           UNION ALL
           SELECT duration_text, duration_low, duration_high FROM meetings m
           WHERE duration_text IS NOT NULL AND m.id IN (SELECT id FROM fact_index WHERE article IS NOT NULL)"""
    ).fetchall()
    ours = theirs = unread = 0
    for text, low, high in rows:
        want = bounds(low, high)
        found = find_quantities(text, [])
        if found:
            iv = found[0].quantity.interval()
            if bounds(iv.low, iv.high) == want:
                ours += 1
        parsed = parser.parse(text)
        if not parsed:
            unread += 1
            continue
        q = parsed[0]
        unit = units.get(q.unit.name.lower(), "count" if q.unit.name == "dimensionless" else None)
        if unit is not None:
            value = to_base(float(q.value), unit)
            if want == (round(value, 6), round(value, 6)):
                theirs += 1
    return len(rows), ours, theirs, unread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("factdb.duckdb"))
    add_record_option(parser)
    args = parser.parse_args()
    try:
        import dateparser  # noqa: F401
        import quantulum3  # noqa: F401
    except ImportError as exc:
        sys.exit(f"{exc.name} is not installed: pip install dateparser quantulum3 (this script only)")
    con = duckdb.connect(str(args.db), read_only=True)
    n, ours, theirs, unread = dates(con)
    m, q_ours, q_theirs, q_unread = quantities(con)
    out = [
        "| material | items | the rules read it as the hand encoding | the library does | the library reads nothing |",
        "|---|---|---|---|---|",
        f"| date phrases (dateparser) | {n} | {ours} ({ours / n:.2f}) | {theirs} ({theirs / n:.2f}) | {unread} |",
        f"| quantities (quantulum3) | {m} | {q_ours} ({q_ours / m:.2f}) | {q_theirs} ({q_theirs / m:.2f}) | {q_unread} |",
    ]
    print("\n".join(out))
    if not args.no_record:
        record("draft rules against dateparser and quantulum3", "\n".join(out), fence="markdown")


if __name__ == "__main__":
    main()
