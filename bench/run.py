"""Benchmark factdb on a generated corpus:
python bench/run.py --facts N [--runs R] [--json] [--keep DIR] [--steps A,B] [--no-record]

Prints, for one corpus of N facts: the time for PyYAML's C loader merely to
parse the same files (the baseline any peer would use); the floor, in one
process: yaml12 (the fastest parser Python has here) parsing them, then
parsing and validating them with factdb's Pydantic schema, which no build of
this design can skip (its CPU time over the CPUs is printed as the least a
build or a validate can take); `factdb validate`, a
cold `factdb build` (no cache), `factdb build` again after one file is edited
(warm: a meeting's date moved a day, then a statement's), `factdb validate`
after the meeting's date moved again (warm: against the database), `factdb check` (as
text and as JSON), `factdb query` of a typical join, `factdb coverage` and
`factdb report` (both read the database as of the facts now); each the median of R runs, its ratio to the baseline, its CPU seconds
(user and system, of every process it starts: steadier than wall time where
the machine's speed drifts between runs, and a measure of how well both cores
are used), the peak memory (max RSS) of its largest process and, sampled,
the peak PSS of all its processes together ("all MiB": a build shares its
load out over worker processes); then the seconds of each stage of each build.  `--steps` runs a subset (on a folder kept from an earlier run).
What it prints is also written into bench/RESULTS.md under its own heading
(bench/results.py), unless `--no-record`.
Every figure comes from a run of this script: none is asserted by a test.

The steps are a function of the interpreter that runs factdb (`step_table`),
so that bench/compare.py times the same steps for two checkouts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from results import add_record_option, record  # noqa: E402

JOIN = (
    "select p.name, count(*) n from meetings m, unnest(m.participants) u(person) "
    "join people p on p.id = u.person join fact_index f on f.id = m.id group by p.name order by n desc limit 10"
)

MEASURE = """
import json, os, resource, subprocess, sys, threading, time

def tree(pid):
    found = [pid]
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as fh:
            for child in fh.read().split():
                found.extend(tree(int(child)))
    return found

def pss_kib(pid):
    # Proportional: a page that forked processes share counts once in all.
    with open(f"/proc/{pid}/smaps_rollup") as fh:
        for line in fh:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0

peak = 0
def sample(proc):
    global peak
    while proc.poll() is None:
        try:
            peak = max(peak, sum(pss_kib(p) for p in tree(proc.pid)))
        except OSError:  # a process ended between the listing and the read
            pass
        time.sleep(0.2)

t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
sampler = threading.Thread(target=sample, args=(proc,))
sampler.start()
out, err = proc.communicate()
elapsed = time.perf_counter() - t
sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": elapsed, "cpu": cpu, "rss": usage.ru_maxrss, "tree_pss": peak, "code": proc.returncode, "stdout": out}))
if proc.returncode not in (0, 1):
    sys.stderr.write(err[-2000:])
"""

BASELINE = """
import sys, yaml, pathlib
loader = yaml.CSafeLoader
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(p.read_bytes(), Loader=loader)
"""

# The floor: what no build of this design can skip, in one process on one
# core. Every fact is parsed by the fastest YAML parser Python has here
# (yaml12, Rust) and validated by the Pydantic schema, whatever else is made
# faster; a build shared perfectly over every core still needs this CPU time
# divided by the cores.
FLOOR_PARSE = """
import sys, yaml12, pathlib
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml12.parse_yaml(p.read_text(encoding="utf-8"))
"""

FLOOR_VALIDATE = """
import gc, sys, yaml12, pathlib
from factdb.schema import FactFile
gc.disable()  # as factdb loads
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    FactFile.model_validate(yaml12.parse_yaml(p.read_text(encoding="utf-8")))
"""


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, int, int, str]:
    """Wall seconds, CPU seconds (user and system, every process of the
    command), the peak RSS in KiB of its largest process and the peak PSS of
    all its processes together (sampled every 0.2 s, so a peak between two
    samples is missed; a page that forked processes share counts once),
    exit code and standard output."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, env=env, check=True
    )
    if out.stderr:
        sys.stderr.write(out.stderr)
    m = json.loads(out.stdout)
    return (
        float(m["seconds"]),
        float(m["cpu"]),
        int(m["rss"]),
        int(m["tree_pss"]),
        int(m["code"]),
        str(m["stdout"]),
    )


def median_of(runs: int, cmd: list[str], env: dict[str, str], before: Any = None) -> dict[str, Any]:
    """Median seconds and peak memory of `runs` runs; for a command given
    `--timings --format json`, also the median seconds of each stage it reports."""
    times: list[float] = []
    cpus: list[float] = []
    peaks: list[int] = []
    tree_peaks: list[int] = []
    stages: dict[str, list[float]] = {}
    for _ in range(runs):
        if before is not None:
            before()
        seconds, cpu, rss, tree_pss, code, stdout = measure(cmd, env)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited {code}")
        times.append(seconds)
        cpus.append(cpu)
        peaks.append(rss)
        tree_peaks.append(tree_pss)
        if "--timings" in cmd:
            for stage, secs in json.loads(stdout).get("timings", {}).items():
                stages.setdefault(stage, []).append(secs)
    result: dict[str, Any] = {
        "seconds": statistics.median(times),
        "cpu_seconds": statistics.median(cpus),
        "peak_mib": max(peaks) / 1024,
        "peak_all_mib": max(tree_peaks) / 1024,
    }
    if stages:
        result["stages"] = {k: statistics.median(v) for k, v in stages.items()}
    return result


@dataclass(frozen=True)
class Step:
    """One command to time, and what to do before each run of it."""

    cmd: list[str]
    before: Callable[[], None] | None = None


@dataclass(frozen=True)
class StepTable:
    """Every step for one interpreter on one corpus, the database its builds
    write, and how to put back the file the steps edit."""

    steps: dict[str, Step]
    db: Path
    restore: Callable[[], None]


# Steps that read the database a build step writes, and the steps that write it.
NEEDS_DB = frozenset(
    {"validate_warm_one_file_edited", "check", "check_json", "query_join", "coverage", "report"}
)
BUILDS = frozenset({"build_cold", "build_warm_one_file_edited", "build_warm_statement_edited"})


def step_table(python: str, facts: Path, work: Path) -> StepTable:
    """The benchmark's steps, run by interpreter `python` (with its own factdb)
    on the corpus in `facts`; the database, its cache and the report go into
    `work`. Two tables made for two interpreters on the same corpus, their steps
    run in the same order, each see an edit the other side's last build has
    not: both edit the same file in the same way, one after the other."""
    db = work / "bench.duckdb"
    cache = work / ".factdb-cache"
    factdb = [python, "-m", "factdb.loader"]
    edited = sorted((facts / "articles").glob("*.yaml"))[0]
    original = edited.read_text(encoding="utf-8")
    day_dated = re.compile(r'\n    when: "(\d{4}-\d{2}-\d{2})"')
    first_date = day_dated.search(original)
    statement = original.find("kind: statement")
    statement_date = day_dated.search(original, statement) if statement >= 0 else None
    if first_date is None or statement_date is None:
        raise SystemExit(f"{edited} has no fact, or no statement, dated to the day to edit")

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        db.unlink(missing_ok=True)

    def mover(date: re.Match[str], offset: int = 0) -> Callable[[], None]:
        """An edit that moves one fact's date by a day, one way then back, so
        that findings may change, not just a headline. Another `offset` keeps
        its dates off those of the other movers of the same fact."""
        flip = {"n": 0}

        def edit() -> None:
            flip["n"] += 1
            day = dt.date.fromisoformat(date.group(1)) + dt.timedelta(days=offset + flip["n"] % 2)
            # Into the file as it is now: each edit keeps the other's last move
            # (a date's length never changes, so neither do the offsets).
            now = edited.read_text(encoding="utf-8")
            edited.write_text(now[: date.start(1)] + day.isoformat() + now[date.end(1) :], encoding="utf-8")

        return edit

    def restore() -> None:
        edited.write_text(original, encoding="utf-8")

    timed = ["--timings", "--format", "json"]
    build_cmd = [*factdb, "build", "--facts", str(facts), "--db", str(db), *timed]
    steps = {
        "pyyaml_c_parse": Step([python, "-c", BASELINE, str(facts)]),
        "floor_yaml12_parse": Step([python, "-c", FLOOR_PARSE, str(facts)]),
        "floor_parse_and_pydantic": Step([python, "-c", FLOOR_VALIDATE, str(facts)]),
        # No build to start from (nor its cache): every file is read.
        "validate": Step(
            [*factdb, "validate", "--facts", str(facts), "--db", str(work / "unbuilt" / "x.duckdb"), *timed]
        ),
        "build_cold": Step(build_cmd, clear_cache),
        # The file's first fact dated to the day (a meeting in generated
        # corpora): most checks read its tables, so most run again.
        "build_warm_one_file_edited": Step(build_cmd, mover(first_date)),
        # A statement's date: fewer checks read what it changes.
        "build_warm_statement_edited": Step(build_cmd, mover(statement_date)),
        # The meeting's date moved again (2-3 days back: never as the builds
        # left it), not built: validate reads that file against the database.
        "validate_warm_one_file_edited": Step(
            [*factdb, "validate", "--facts", str(facts), "--db", str(db), *timed],
            mover(first_date, offset=-3),
        ),
        "check": Step([*factdb, "check", "--db", str(db)]),
        "check_json": Step([*factdb, "check", "--db", str(db), "--format", "json"]),
        "query_join": Step([*factdb, "query", JOIN, "--db", str(db)]),
        # Read from the database as of the facts now (the meeting's date is
        # still moved since the last build: that file is read again).
        "coverage": Step([*factdb, "coverage", "--facts", str(facts), "--db", str(db), "--format", "json"]),
        "report": Step(
            [*factdb, "report", "--facts", str(facts), "--db", str(db), "-o", str(work / "report")]
        ),
    }
    return StepTable(steps, db, restore)


def chosen_steps(table: StepTable, steps: str | None) -> list[str]:
    """The steps `--steps` names (all by default), in the table's order as given;
    exits when one is unknown or needs a database no chosen step builds."""
    chosen = steps.split(",") if steps else list(table.steps)
    unknown = [s for s in chosen if s not in table.steps]
    if unknown:
        raise SystemExit(f"unknown step(s) {', '.join(unknown)}; steps: {', '.join(table.steps)}")
    if NEEDS_DB & set(chosen) and not BUILDS & set(chosen) and not table.db.exists():
        raise SystemExit(f"no database at {table.db}: --keep a folder built before, or include build_cold")
    return chosen


def corpus(facts: int, keep: Path | None) -> tuple[Path, float]:
    """The corpus's root folder (generated unless `keep` already holds one) and
    the seconds generating it took."""
    root = keep or Path(tempfile.mkdtemp(prefix="factdb-bench-"))
    if (root / "facts").is_dir():
        return root, 0.0
    t = time.perf_counter()
    generate(facts, root)
    return root, time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--steps", help="comma-separated subset of the steps to run (default: all)")
    add_record_option(parser)
    args = parser.parse_args()

    root, gen_seconds = corpus(args.facts, args.keep)
    facts = root / "facts"
    env = {**os.environ, "FACTDB_PROJECT": str(root)}
    compile_factdb(sys.executable)
    table = step_table(sys.executable, facts, root)
    chosen = chosen_steps(table, args.steps)
    results: dict[str, dict[str, Any]] = {}
    try:
        for name in chosen:
            step = table.steps[name]
            results[name] = median_of(args.runs, step.cmd, env, before=step.before)
    finally:
        table.restore()

    # Without the baseline in this run there is nothing to be a ratio of.
    base = results["pyyaml_c_parse"]["seconds"] if "pyyaml_c_parse" in results else None
    for r in results.values():
        r["ratio_to_baseline"] = r["seconds"] / base if base else None
    validate_rate = args.facts / results["validate"]["seconds"] if "validate" in results else None
    cpus = os.cpu_count() or 1
    floor = _floor(results, args.facts, cpus, base)
    files = len(list(facts.rglob("*.yaml")))
    report = {
        "facts": args.facts,
        "files": files,
        "runs": args.runs,
        "cpus": cpus,
        "generate_seconds": round(gen_seconds, 2),
        "validate_facts_per_second": round(validate_rate) if validate_rate else None,
        "results": {k: _rounded(r) for k, r in results.items()},
        "floor": floor,
        "corpus": str(root),
    }
    if args.json:
        text, fence = json.dumps(report, indent=2), "json"
    else:
        text, fence = "\n".join(render(args.facts, files, args.runs, cpus, results, floor)), "text"
    print(text)
    if not args.no_record:
        record(f"bench/run.py, {args.facts:,} facts", text, fence)


def render(
    facts: int, files: int, runs: int, cpus: int, results: dict[str, dict[str, Any]], floor: dict[str, Any]
) -> list[str]:
    """The benchmark's printed report: a line per step, the floor, and the stages of each build."""
    lines = [
        f"factdb benchmark: {facts:,} facts in {files} files, median of {runs} run(s), {cpus} CPUs",
        f"{'step':32} {'seconds':>9} {'x baseline':>11} {'cpu s':>8} {'peak MiB':>9} {'all MiB':>8}",
    ]
    for name, r in results.items():
        ratio = f"{r['ratio_to_baseline']:11.2f}" if r["ratio_to_baseline"] is not None else f"{'-':>11}"
        lines.append(
            f"{name:32} {r['seconds']:9.3f} {ratio} {r['cpu_seconds']:8.2f} {r['peak_mib']:9.0f} {r['peak_all_mib']:8.0f}"
        )
    if "validate" in results:
        lines.append(f"validate: {facts / results['validate']['seconds']:,.0f} facts/s")
    if floor:
        lines.append(
            f"floor: parsing (yaml12) and validating (Pydantic) alone take {floor['cpu_seconds']:.2f} CPU s; "
            f"over {floor['cpus']} CPUs at best {floor['seconds']:.2f} s"
            + (f" = {floor['ratio_to_baseline']:.2f}x baseline" if floor["ratio_to_baseline"] else "")
            + f", at most {floor['facts_per_second']:,.0f} facts/s"
        )
    staged = {k: r["stages"] for k, r in results.items() if "stages" in r}
    if not staged:
        return lines
    names = list(dict.fromkeys(s for st in staged.values() for s in st))
    lines.append("")
    lines.append("where the time goes (seconds per stage, median; the rest is start-up and exit)")
    lines.append(f"{'step':32} " + " ".join(f"{n:>8}" for n in names))
    for step, st in staged.items():
        lines.append(f"{step:32} " + " ".join(f"{st[n]:8.2f}" if n in st else f"{'':>8}" for n in names))
    return lines


def _floor(results: dict[str, dict[str, Any]], facts: int, cpus: int, base: float | None) -> dict[str, Any]:
    """The least time a build or a validate can take here: the CPU time of
    parsing and validating alone, shared perfectly over every CPU."""
    step = results.get("floor_parse_and_pydantic")
    if step is None:
        return {}
    seconds = step["cpu_seconds"] / cpus
    return {
        "cpu_seconds": round(step["cpu_seconds"], 3),
        "cpus": cpus,
        "seconds": round(seconds, 3),
        "ratio_to_baseline": round(seconds / base, 3) if base else None,
        "facts_per_second": round(facts / seconds),
    }


COMPILE = """
import compileall, importlib, pathlib, pkgutil, sys
sys.dont_write_bytecode = False
import factdb.loader, factdb.queries, factdb.schema
for package in (factdb.loader, factdb.schema, factdb.queries):
    compileall.compile_dir(str(pathlib.Path(package.__file__).parent), quiet=1)
# Every module of factdb imported once, so that what they import is compiled too.
for package in (factdb.loader, factdb.schema):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not module.name.endswith(".__main__"):  # that one runs the command line
            importlib.import_module(module.name)
"""


def compile_factdb(python: str, env: dict[str, str] | None = None) -> None:
    """Write the bytecode of the factdb that `python` imports, before timing.
    pip compiles an installed copy, but an editable one compiles at first use,
    and not at all where PYTHONDONTWRITEBYTECODE is set (as on the machines
    these figures come from): each command would then compile every module it
    imports from source, a tenth of a second that no installed copy pays.
    Every module of factdb is imported once too, so that the libraries it
    imports are compiled as well. With PYTHONPYCACHEPREFIX in `env` all of that
    bytecode goes into that folder, and nothing into the checkout."""
    subprocess.run([python, "-c", COMPILE], check=True, env=env)


def _rounded(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return round(value, 3) if isinstance(value, float) else value


if __name__ == "__main__":
    main()
