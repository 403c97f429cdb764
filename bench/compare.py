"""Time two checkouts of factdb side by side on one corpus:
python bench/compare.py --before PYTHON --after PYTHON [--facts N] [--rounds R]
                        [--steps A,B] [--keep DIR] [--no-record]

Each side is a Python interpreter with its own factdb installed (editable, in
its own checkout's virtual environment). The script generates one corpus (or
reuses the one in `--keep`) and runs bench/run.py's steps on it for both
sides alternately, step by step: before, after, before, after, ... for each
step, `--rounds` times over. The two sides' runs of a step are so close in
time that the machine's drift, which moves figures from day to day, moves
both alike; and each side builds its own database (its own cache, its own
report) from the same files, so the edits of the warm steps reach both.
Nothing is written into either checkout: each side's bytecode, factdb's and
that of what it imports, is compiled into the side's folder beside the corpus
(PYTHONPYCACHEPREFIX) before any timing, and the timed commands may add to it
there.

It prints one table, also written into bench/RESULTS.md under its own heading
(bench/results.py) unless `--no-record`: for each step the median wall
seconds of each side, after over before, and the median CPU seconds of each
side; then each side's interpreter and the commit of its checkout. The steps,
the commands they run and the way a command is measured (`measure` by way of
`median_of`) are bench/run.py's own.
Every figure comes from a run of this script: none is asserted by a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from results import add_record_option, commit_of, record  # noqa: E402
from run import StepTable, chosen_steps, compile_factdb, corpus, median_of, step_table  # noqa: E402

SIDES = ("before", "after")

WHERE = "import factdb.loader, pathlib; print(pathlib.Path(factdb.loader.__file__).resolve().parent.parent)"


@dataclass
class Side:
    """One checkout under test: its interpreter, where its factdb lives, and the runs."""

    name: str
    python: str
    checkout: Path
    table: StepTable
    env: dict[str, str]
    seconds: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)


def checkout_of(python: str, env: dict[str, str]) -> Path:
    """The folder holding the factdb package `python` imports (an editable
    install's checkout)."""
    out = subprocess.run([python, "-c", WHERE], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"{python} cannot import factdb: {out.stderr.strip()[-500:]}")
    return Path(out.stdout.strip())


def table_lines(sides: list[Side], steps: list[str]) -> list[str]:
    """The comparison: per step, each side's median seconds, their ratio, each side's median CPU."""
    before, after = sides
    lines = [
        f"{'step':32} {'before s':>9} {'after s':>9} {'ratio':>7} {'before cpu s':>13} {'after cpu s':>12}",
    ]
    for name in steps:
        b, a = statistics.median(before.seconds[name]), statistics.median(after.seconds[name])
        bc, ac = statistics.median(before.cpu[name]), statistics.median(after.cpu[name])
        ratio = f"{a / b:7.2f}" if b > 0 else f"{'-':>7}"
        lines.append(f"{name:32} {b:9.3f} {a:9.3f} {ratio} {bc:13.2f} {ac:12.2f}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the Python of the checkout to compare against")
    parser.add_argument("--after", required=True, help="the Python of the checkout under test")
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each step on each side")
    parser.add_argument("--steps", help="comma-separated subset of bench/run.py's steps (default: all)")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    add_record_option(parser)
    args = parser.parse_args()
    if args.rounds < 1:
        raise SystemExit("--rounds must be at least 1")

    root, _ = corpus(args.facts, args.keep)
    facts = root / "facts"
    sides: list[Side] = []
    for name, python in zip(SIDES, (args.before, args.after), strict=True):
        work = root / name
        work.mkdir(exist_ok=True)
        # Python then reads bytecode from this folder alone, never from __pycache__.
        env = {**os.environ, "FACTDB_PROJECT": str(root), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compile_factdb(python, env)
        sides.append(Side(name, python, checkout_of(python, env), step_table(python, facts, work), env))
    chosen = chosen_steps(sides[0].table, args.steps)
    chosen_steps(sides[1].table, args.steps)  # its database too, for steps that need one
    try:
        for _ in range(args.rounds):
            for step in chosen:
                for side in sides:
                    run = side.table.steps[step]
                    m: dict[str, Any] = median_of(1, run.cmd, side.env, before=run.before)
                    side.seconds.setdefault(step, []).append(m["seconds"])
                    side.cpu.setdefault(step, []).append(m["cpu_seconds"])
    finally:
        sides[0].table.restore()

    files = len(list(facts.rglob("*.yaml")))
    lines = [
        f"factdb before/after: {args.facts:,} facts in {files} files, median of {args.rounds} round(s), "
        f"{os.cpu_count()} CPUs; ratio = after / before",
        *table_lines(sides, chosen),
        "",
        *(f"{s.name}: {s.python} (factdb in {s.checkout}, commit {commit_of(s.checkout)})" for s in sides),
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_record:
        record(f"bench/compare.py, {args.facts:,} facts", text)


if __name__ == "__main__":
    main()
