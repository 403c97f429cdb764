"""Where a cold build's CPU time goes, step by step, per fact:
python bench/stages.py --facts N [--runs R] [--keep DIR] [--json] [--no-record]

bench/run.py times whole commands; this script takes a cold build apart. In
one process on one core, with the collector paused as a load pauses it, it
runs each step of a build over a generated corpus of N facts, calling the
same functions the build calls, in the same order, each on the output of the
one before: for every file, reading it (with its stat and sha256, the
build's record of it), decoding, the fast reader's screen for the YAML
subset it is sure of, yaml12's parse, the check that no key was dropped, the
position scan, packing the text, Pydantic's validation and writing the cache
entry; then for the corpus, resolve, verify, the Arrow tables, writing them
into DuckDB and running the checks. With more than one CPU, a build shares
the per-file and per-fact steps over its workers and pays on top for the
hand-offs; the script times those too, with the sharded load's own functions:
the workers' summaries and the shares sent back, the rows' Arrow streams, and
the merge and sort of each table. Each step's figure is the least CPU time
of R runs.

It prints each step's CPU seconds, microseconds per fact and, scaled
linearly, its CPU seconds at a million facts; then the budget's account
(`account`): what a build pays whatever factdb's own Python does (the floor,
that is the parse and the validation no build of this design can skip;
DuckDB's C++; sharing), against what a cold build of 1M facts in 20 s on
this machine's CPUs may spend, 20 s times the CPUs, and so what that leaves
for factdb's Python beside what it takes. What it prints is also written into
bench/RESULTS.md under its own heading (bench/results.py), unless `--no-record`.
Every figure comes from a run of this script: none is asserted by a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from results import add_record_option, record  # noqa: E402

# Seconds a million-fact cold build may take (issue 6's target).
TARGET_SECONDS = 20.0
# Steps that are DuckDB's own C++ at work, not factdb's Python.
DUCKDB_STEPS = {"write them into DuckDB", "run the checks"}


def best_of(runs: int, step: Callable[[], Any]) -> tuple[float, Any]:
    """The least CPU seconds of `runs` runs of `step`, and what its last run gave."""
    least = float("inf")
    out: Any = None
    for _ in range(runs):
        start = time.process_time()
        out = step()
        least = min(least, time.process_time() - start)
    return least, out


def _pieces(table: Any, n: int) -> list[Any]:
    """`table` in about `n` slices, last first."""
    size = max(1, -(-table.num_rows // n))
    return [table.slice(i, size) for i in range(0, table.num_rows, size)][::-1] or [table]


def measure(facts_dir: Path, runs: int, cpus: int) -> tuple[list[tuple[str, str, float]], dict[str, int]]:
    """(step, part, CPU seconds) for each step of a cold build, in order, and
    the rows of each table the steps made."""
    import duckdb
    from factdb.loader.build import build_tables
    from factdb.loader.build.sharded import merge_tables, rows_from_bytes, rows_to_bytes, share_out, summarise
    from factdb.loader.build.write import create_tables
    from factdb.loader.checks import load_checks, store_findings
    from factdb.loader.common import Collector
    from factdb.loader.corpus import Corpus, named_files
    from factdb.loader.corpus.resolve import resolve
    from factdb.loader.corpus.verify import verify
    from factdb.loader.read import FileCache, fast_reader, read_stamped
    from factdb.loader.read.validate import ValidFile, validate_document
    from factdb.loader.read.yaml_reader import Document, decode

    steps: list[tuple[str, str, float]] = []

    def step(name: str, part: str, work: Callable[[], Any]) -> Any:
        seconds, out = best_of(runs, work)
        steps.append((name, part, seconds))
        return out

    files = named_files(facts_dir)
    stamps: dict[str, Any] = {}
    raws = step(
        "read and stamp each file",
        "read",
        lambda: [(read_stamped(path, name, stamps), name) for path, name in files],
    )
    texts: list[str] = step("decode", "read", lambda: [decode(raw, name, Collector()) for raw, name in raws])
    plain = step("screen for the plain subset", "read", lambda: [fast_reader.plain_subset(t) for t in texts])
    if not all(plain):
        raise SystemExit("a generated file is outside the fast reader's subset: the steps below assume it")
    datas = step("parse (yaml12)", "floor", lambda: [fast_reader.parse(t) for t in texts])
    step(
        "check no key was dropped",
        "read",
        lambda: [fast_reader.keys_all_kept(t, d) for t, d in zip(texts, datas, strict=True)],
    )
    positions = step(
        "find positions",
        "read",
        lambda: [fast_reader._positions(t, d) for t, d in zip(texts, datas, strict=True)],
    )
    if any(p is None for p in positions):
        raise SystemExit(
            "the fast reader declined a generated file: the steps below assume it reads them all"
        )

    def documents() -> list[Document]:
        return [
            Document.partial_of(name, data, where, text)
            for (_, name), data, where, text in zip(raws, datas, positions, texts, strict=True)
        ]

    docs = step("pack the text", "read", documents)

    def validate() -> list[ValidFile | None]:
        # validate_document lets go of each document's data: hand it fresh ones each run.
        fresh = [dataclasses.replace(d, data=data) for d, data in zip(docs, datas, strict=True)]
        return [validate_document(d, Collector()) for d in fresh]

    results = step("validate (Pydantic)", "floor", validate)
    valid = [vf for vf in results if vf is not None]
    if len(valid) != len(results):
        raise SystemExit("a generated file failed validation")
    with tempfile.TemporaryDirectory() as tmp:
        cache = FileCache(Path(tmp) / "cache")

        def cache_all() -> None:
            for (raw, name), vf in zip(raws, valid, strict=True):
                cache.put(cache.key(raw, name), (vf, []))

        step("write the cache", "read", cache_all)

        def summaries_and_shares() -> None:
            # Each worker summarises its files for the others; the pipes pickle
            # both ways what the main process reads and sends back.
            summaries = [summarise(valid[w::cpus], 0, {}) for w in range(cpus)]
            summaries = [pickle.loads(pickle.dumps(s, pickle.HIGHEST_PROTOCOL)) for s in summaries]
            shares = share_out(summaries)
            if shares is None:
                raise SystemExit("the generated corpus has a problem only the whole corpus shows")
            for share in shares:
                pickle.loads(pickle.dumps(share, pickle.HIGHEST_PROTOCOL))

        if cpus > 1:  # on one CPU a build reads in process and shares nothing
            step("summaries and shares", "share", summaries_and_shares)
        resolved = step("resolve", "resolve", lambda: resolve(valid, Collector()))
        verified = step("verify", "verify", lambda: verify(resolved, facts_dir, Collector()))
        corpus = Corpus(facts_dir=facts_dir, resolved=resolved, verified=verified)
        tables = step("build the Arrow tables", "tables", lambda: build_tables(corpus))
        if cpus > 1:
            sent = step(
                "send the rows over the pipes",
                "share",
                lambda: [(name, rows_from_bytes(rows_to_bytes(table))) for name, table in tables],
            )
            # The workers' chunks arrive interleaved, each sorted within itself:
            # cut each table into pieces and reverse them, so the sort must reorder.
            step(
                "merge and sort each table",
                "share",
                lambda: merge_tables({name: _pieces(table, cpus * 4) for name, table in sent}),
            )
        checks = load_checks()
        count = {"n": 0}

        def database() -> duckdb.DuckDBPyConnection:
            count["n"] += 1
            return duckdb.connect(str(Path(tmp) / f"db{count['n']}.duckdb"))

        def write() -> None:
            con = database()
            create_tables(con, list(tables))
            con.close()

        step("write them into DuckDB", "tables", write)
        con = database()
        create_tables(con, list(tables))

        def run_checks() -> None:
            con.execute("BEGIN TRANSACTION")
            store_findings(con, checks)
            con.execute("ROLLBACK")

        step("run the checks", "checks", run_checks)
        con.close()
    return steps, {name: table.num_rows for name, table in tables}


def report(
    steps: list[tuple[str, str, float]], rows: dict[str, int], facts: int, cpus: int
) -> dict[str, Any]:
    """The steps per fact and at 1M, and the budget's account: what a build of
    this design pays whatever factdb's own Python does (the floor, DuckDB's
    C++, sharing the work over the CPUs), and what that leaves the Python."""
    scale = 1_000_000 / facts

    def at_1m(seconds: float) -> float:
        return round(seconds * scale, 2)

    total = sum(s for _, _, s in steps)
    fixed = {
        "floor": sum(s for _, part, s in steps if part == "floor"),
        "duckdb": sum(s for name, _, s in steps if name in DUCKDB_STEPS),
        "share": sum(s for _, part, s in steps if part == "share"),
    }
    budget, fixed_total = TARGET_SECONDS * cpus, sum(fixed.values())
    own = at_1m(total - fixed_total)
    left = round(budget - at_1m(fixed_total), 2)
    return {
        "facts": facts,
        "cpus": cpus,
        "steps": [
            {
                "step": name,
                "part": part,
                "cpu_seconds": round(seconds, 3),
                "us_per_fact": round(seconds / facts * 1e6, 2),
                "cpu_seconds_at_1m": at_1m(seconds),
            }
            for name, part, seconds in steps
        ],
        "total_cpu_seconds_at_1m": at_1m(total),
        "fixed_cpu_seconds_at_1m": {k: at_1m(v) for k, v in fixed.items()},
        # factdb's own Python, per fact (CPU seconds at 1M are microseconds per fact)
        "own_us_per_fact": own,
        "budget_cpu_seconds_at_1m": round(budget, 2),
        "left_for_own_us_per_fact": left,
        "rows": rows,
    }


def account(out: dict[str, Any]) -> list[str]:
    """The budget's account of a report, in words."""
    fixed, cpus = out["fixed_cpu_seconds_at_1m"], out["cpus"]
    left, own = out["left_for_own_us_per_fact"], out["own_us_per_fact"]
    spend = f"a {TARGET_SECONDS:.0f} s cold build on {cpus} CPUs may spend {out['budget_cpu_seconds_at_1m']:.1f}: "
    if left > 0:
        spend += (
            f"that leaves {left:.1f} us per fact for factdb's own Python, which takes {own:.1f} "
            f"({own / left:.1f}x as much)."
        )
    else:
        spend += f"what is paid whatever that Python does is {-left:.1f} more already, and the Python takes {own:.1f}."
    return [
        f"at 1M facts: {out['total_cpu_seconds_at_1m']:.1f} CPU s in all.",
        f"paid whatever factdb's Python does: {sum(fixed.values()):.1f}, of which the floor (parse and "
        f"validate) {fixed['floor']:.1f}, DuckDB (its copy of the tables, the checks) {fixed['duckdb']:.1f}, "
        f"sharing the work over {cpus} CPUs {fixed['share']:.1f}.",
        spend,
    ]


def render(out: dict[str, Any], runs: int) -> list[str]:
    """The printed report: a line per step, then the budget's account."""
    lines = [
        f"a cold build's steps in one process, {out['facts']:,} facts, least CPU time of {runs} run(s)",
        f"{'step':32} {'part':>8} {'cpu s':>8} {'us/fact':>8} {'s at 1M':>8}",
    ]
    for s in out["steps"]:
        lines.append(
            f"{s['step']:32} {s['part']:>8} {s['cpu_seconds']:8.3f} {s['us_per_fact']:8.2f} {s['cpu_seconds_at_1m']:8.1f}"
        )
    return lines + account(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_record_option(parser)
    args = parser.parse_args()
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        if not (root / "facts").is_dir():
            generate(args.facts, root)
        # As a load runs: objects by the million, and nothing to collect until it ends.
        gc.disable()
        steps, rows = measure((root / "facts").resolve(), args.runs, cpus)
    out = report(steps, rows, args.facts, cpus)
    if args.json:
        text, fence = json.dumps(out, indent=2), "json"
    else:
        text, fence = "\n".join(render(out, args.runs)), "text"
    print(text)
    if not args.no_record:
        record(f"bench/stages.py, {args.facts:,} facts", text, fence)


if __name__ == "__main__":
    main()
