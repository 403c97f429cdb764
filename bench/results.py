"""bench/RESULTS.md: the latest figures of each benchmark, written by the script
that measured them.

The file is a preamble, then sections, each a ``## `` heading line and all that
follows it up to the next such line outside a code fence. A benchmark script
(run.py, stages.py, compare.py) records a run under a heading of its own that
names the script and the corpus size (``bench/run.py, 100,000 facts``): the
section of that heading is replaced, every other section is kept as it was,
and a heading not there yet is appended. So the figures of a million-fact run
survive a quick run at 2,000 facts, and a section written by hand (a reading
of the figures) survives every run.

A section holds when the run was made (UTC), the commit of the checkout that
ran it (``git rev-parse --short HEAD``, with ``+dirty`` when a tracked file
other than RESULTS.md differs from it), the machine's CPU count, the exact
command line, and what the script printed, in a code fence. Each script's
``--no-record`` skips the writing, for runs whose figures should not stand.

``replace_section`` and ``section`` are pure, and tests/bench/test_results.py
holds them; ``record`` is the one function that reads the clock, git and the
file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"

PREAMBLE = """# Benchmark results

Written by `bench/run.py`, `bench/stages.py` and `bench/compare.py` (see
[docs/performance.md](../docs/performance.md)): each run replaces the section of its own
script and corpus size, and keeps every other. Each section says when, at which commit, on how
many CPUs and by which command its figures were measured. The machine's speed drifts from day
to day, and not for every program alike: compare figures within one section, or measure two
checkouts side by side with `bench/compare.py`.
"""


@dataclass(frozen=True)
class Provenance:
    """Where a section's figures come from."""

    when: str
    commit: str
    cpus: int
    command: str


def _is_fence(line: str) -> bool:
    return line.lstrip().startswith("```")


def _split(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The preamble, and each section as (heading, whole text including the heading line)."""
    preamble: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    fenced = False
    for line in text.splitlines(keepends=True):
        if _is_fence(line):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            sections.append((line[3:].strip(), [line]))
        elif sections:
            sections[-1][1].append(line)
        else:
            preamble.append(line)
    return "".join(preamble), [(h, "".join(lines)) for h, lines in sections]


def replace_section(text: str, heading: str, body: str) -> str:
    """`text` with the section headed `heading` replaced by `## heading` and
    `body`; every other section kept, byte for byte, in its place; appended at
    the end when there is no such section. An empty `text` gets the preamble."""
    preamble, sections = _split(text if text.strip() else PREAMBLE)
    new = f"## {heading}\n\n{body.strip()}\n"
    out: list[str] = []
    placed = False
    for h, whole in sections:
        if h == heading and not placed:
            out.append(new)
            placed = True
        elif h != heading:
            out.append(whole)
    if not placed:
        out.append(new)
    parts = [preamble.rstrip("\n") + "\n"] + [s.rstrip("\n") + "\n" for s in out]
    return "\n".join(parts)


def section(provenance: Provenance, output: str, fence: str = "text") -> str:
    """A section's body: its provenance, then the printed output in a fence."""
    return (
        f"- when: {provenance.when}\n"
        f"- commit: {provenance.commit}\n"
        f"- CPUs: {provenance.cpus}\n"
        f"- command: `{provenance.command}`\n"
        f"\n```{fence}\n{output.strip()}\n```\n"
    )


def commit_of(folder: Path) -> str:
    """The short commit of the checkout holding `folder`, `+dirty` when a
    tracked file (RESULTS.md aside) differs from it; `unknown` outside git."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "--no-optional-locks", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        changes = git(
            "status", "--porcelain", "--untracked-files=no", "--", ":(top)", ":(top,exclude)bench/RESULTS.md"
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if changes else "")


def command_line() -> str:
    """The command line this process was started with, as typed."""
    return shlex.join(sys.orig_argv)


def provenance() -> Provenance:
    """This run's provenance: now, this checkout's commit, the CPUs, the command line."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return Provenance(now, commit_of(HERE), os.cpu_count() or 1, command_line())


def record(heading: str, output: str, fence: str = "text", path: Path = RESULTS) -> None:
    """Write `output` into `path` under `heading`, with this run's provenance."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(replace_section(text, heading, section(provenance(), output, fence)), encoding="utf-8")
    print(f"recorded in {path} under '{heading}'", file=sys.stderr)


def add_record_option(parser: argparse.ArgumentParser) -> None:
    """The `--no-record` flag every benchmark script takes."""
    parser.add_argument(
        "--no-record",
        action="store_true",
        help=f"do not write the output into {RESULTS.relative_to(HERE.parent)}",
    )
