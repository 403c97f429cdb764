"""Adversarial input: each case is one bad corpus, its error code at its exact
file:line:col, exit 1, no traceback, and the previous database byte for byte.
Then data that is valid but hostile to whoever prints it (control characters
in names, labels, quotes and seeds), and the attacks whose outcome is not a
located problem, each with the test that holds it (ELSEWHERE)."""

from __future__ import annotations

import copy
import importlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from factdb.loader.pipeline import build
from factdb.loader.read.yaml_reader import MAX_ITEMS

from ..conftest import ARTICLE_TEXT, Project, dump_yaml, minimal_corpus

GOOD = dump_yaml(minimal_corpus())
LINES = GOOD.splitlines()
M = LINES.index("- id: m1") + 1  # the meeting fact's first line
QUOTE = M + 13  # its evidence quote
SEED_LINE = LINES.index("  seed: art.txt") + 1


def broken(mutate: Callable[[dict[str, Any]], Any]) -> str:
    data = copy.deepcopy(minimal_corpus())
    mutate(data)
    return dump_yaml(data)


def setting(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def go(d: dict[str, Any]) -> None:
        for p in path[:-1]:
            d = d[p]
        d[path[-1]] = value

    return go


def adding(section: str, item: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.setdefault(section, []).append(item)


@dataclass
class Case:
    id: str
    content: str | bytes
    code: str
    line: int
    col: int
    file: str = "one.yaml"
    extra: dict[str, str] = field(default_factory=dict)
    seed: str = "keep"  # keep | missing | edited
    size: int = 0  # the file made this long, sparse (no disk used)


CASES = [
    Case("yaml-syntax", GOOD + "facts: [unclosed\n", "yaml.syntax", len(LINES) + 2, 1),
    Case("tab-indent", GOOD.replace("  of: talks\n", "\tof: talks\n"), "yaml.syntax", M + 2, 1),
    Case("not-utf8", b"people:\n- id: ann\n  name: \xff\n", "yaml.encoding", 3, 9),
    Case(
        "duplicate-key",
        GOOD.replace("  of: talks\n", "  of: talks\n  of: talks\n"),
        "yaml.duplicate-key",
        M + 3,
        3,
    ),
    Case("billion-laughs", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "yaml.alias", 2, 8),
    Case("top-level-list", "- just\n- a list\n", "yaml.not-mapping", 1, 1),
    Case("top-level-scalar", "hello\n", "yaml.not-mapping", 1, 1),
    Case("empty-file", "", "yaml.empty", 1, 1),
    Case("only-a-comment", "# nothing here\n", "yaml.empty", 1, 1),
    Case(
        "unknown-key", GOOD.replace("  participants:", "  participents:"), "schema.extra-forbidden", M + 3, 3
    ),
    Case("unknown-section", GOOD + "gossip: []\n", "schema.extra-forbidden", len(LINES) + 1, 1),
    Case(
        "wrong-type-list", broken(setting(("facts", 0, "participants"), "ann")), "schema.list-type", M + 3, 17
    ),
    Case(
        "wrong-type-bool",
        broken(setting(("facts", 0, "participants_complete"), "yes")),
        "schema.bool-type",
        M + 14,
        26,
    ),
    Case("nan", GOOD.replace("    value: 5\n", "    value: .nan\n"), "schema.finite-number", M + 8, 12),
    Case("infinity", GOOD.replace("    value: 5\n", "    value: -.inf\n"), "schema.finite-number", M + 8, 12),
    Case("feb-30", broken(setting(("facts", 0, "when"), "2023-02-30")), "schema.value-error", M + 6, 9),
    Case("before-1900", broken(setting(("facts", 0, "when"), "1850-01-01")), "schema.value-error", M + 6, 9),
    Case("after-today", broken(setting(("facts", 0, "when"), "2999-01-01")), "schema.value-error", M + 6, 9),
    Case("unknown-phrase", broken(setting(("facts", 0, "when"), "a while back")), "date.phrase", M + 6, 9),
    Case("empty-quote", broken(setting(("facts", 0, "evidence", 0, "quote"), "")), "quote.empty", QUOTE, 12),
    Case(
        "one-word-quote",
        broken(setting(("facts", 0, "evidence", 0, "quote"), "meeting")),
        "quote.one-word",
        QUOTE,
        12,
    ),
    Case(
        "quote-spans-paragraphs",
        broken(setting(("facts", 0, "evidence", 0, "quote"), "for talks. The meeting lasted")),
        "quote.spans-paragraphs",
        QUOTE,
        12,
    ),
    Case(
        "quote-not-in-article",
        GOOD.replace("The meeting lasted about five hours", "The meeting lasted about six hours"),
        "quote.not-found",
        QUOTE,
        12,
    ),
    Case("seed-missing", GOOD, "seed.missing", SEED_LINE, 9, seed="missing"),
    Case("seed-edited", GOOD, "seed.changed", SEED_LINE + 1, 11, seed="edited"),
    Case(
        "same-id-two-files",
        "people:\n- {id: ann, name: Another Ann}\n",
        "id.duplicate",
        2,
        8,
        file="two.yaml",
        extra={"one.yaml": GOOD},
    ),
    Case("unknown-id", GOOD.replace("- bob\n", "- bobb\n"), "id.unknown", M + 5, 5),
    Case(
        "finding-reviewed-twice",
        "reviews:\n- {finding: 'duration-conflict:x', verdict: false positive, note: one}\n"
        "- {finding: 'duration-conflict:x', verdict: confirmed conflict, note: two}\n",
        "review.duplicate",
        3,
        13,
        file="two.yaml",
        extra={"one.yaml": GOOD},
    ),
    Case(
        "part-of-cycle",
        broken(
            lambda d: (
                adding("places", {"id": "b", "name": "B", "type": "city", "parent": "c"})(d),
                adding("places", {"id": "c", "name": "C", "type": "city", "parent": "b"})(d),
            )
        ),
        "id.cycle",
        len(LINES) + 2,
        3,
    ),
    Case(
        "ten-megabyte-string",
        broken(setting(("people", 0, "name"), "x" * 10_000_000)),
        "schema.string-too-long",
        13,
        9,
    ),
    Case("nesting-1000-deep", "facts: " + "[" * 1000 + "]" * 1000 + "\n", "yaml.too-deep", 1, 72),
    *[
        Case(
            f"control-char-{name}",
            GOOD.replace("  of: talks\n", f"  of: tal{ch}ks\n"),
            "yaml.control-char",
            M + 2,
            10,
        )
        for name, ch in [
            ("nul", "\x00"),
            ("esc", "\x1b"),
            ("bel", "\x07"),
            ("del", "\x7f"),
            ("fffe", "\ufffe"),
        ]
    ],
    Case("ten-gigabytes-sparse", GOOD, "yaml.too-large", 1, 1, size=10 * 1024**3),
    # 5,000 problems: 100 kept, then one line for the rest where they start.
    Case("five-thousand-problems", "people: [" + ", ".join(["a"] * 5000) + "]\n", "problems.more", 1, 310),
    # 10 MB, 3.5M items: refused at the first item past MAX_ITEMS, the rest unread
    # (bounded time and memory: tests/read/test_limits.py measures them).
    Case(
        "ten-megabytes-of-one-item",
        "people: [" + ", ".join(["a"] * (10 * 1024 * 1024 // 3)) + "]\n",
        "yaml.too-many-items",
        1,
        len("people: [") + 3 * MAX_ITEMS + 1,
    ),
]


def prepare(project: Project, case: Case) -> None:
    for name, content in case.extra.items():
        project.write(name, content)
    path = project.write(case.file, case.content)
    if case.size:
        with open(path, "r+b") as fh:
            fh.truncate(case.size)
    if case.seed == "missing":
        (project.seeds / "art.txt").unlink()
    elif case.seed == "edited":
        (project.seeds / "art.txt").write_text(ARTICLE_TEXT.replace("five", "six"), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_located_and_loses_nothing(project: Project, case: Case) -> None:
    project.write("one.yaml", minimal_corpus())
    assert project.factdb("build").returncode == 0
    before = project.db.read_bytes()
    prepare(project, case)
    proc = project.factdb("build")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"facts/{case.file}:{case.line}:{case.col}: " in proc.stderr and f"[{case.code}]" in proc.stderr, (
        proc.stderr
    )
    assert project.db.read_bytes() == before


@pytest.mark.parametrize(
    "transform",
    [lambda t: "\ufeff" + t, lambda t: t.replace("\n", "\r\n"), lambda t: "\ufeff" + t.replace("\n", "\r\n")],
    ids=["bom", "crlf", "bom-and-crlf"],
)
def test_bom_and_crlf_simply_work(project: Project, transform: Callable[[str], str]) -> None:
    project.write("one.yaml", transform(GOOD).encode("utf-8"))
    build(project.facts, project.db)


# Valid data, hostile to a terminal: each printed as its escape, never raw.
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x00\x7f\x9b\u202e\ufffe"
SHOWN = "\\x1b[2J\\x1b]0;pwned\\x07\\x00\\x7f\\x9b\\u202e\\ufffe"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\ufffe]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours of a styled run, its own


def hostile_project(project: Project) -> None:
    """A corpus whose seed, quote, person, label and review note hold HOSTILE,
    with one duration conflict between two meetings."""
    text = ARTICLE_TEXT.replace("a spokesman said.", f"a spokesman{HOSTILE} said.")
    text += f"\nAnother aide called it the 35-minute meeting.\n\nNobody cites this{HOSTILE} sentence.\n"
    data = minimal_corpus()
    data["articles"][0]["sha256"] = project.seed("art.txt", text)
    data["people"][0]["name"] = f"Ann{HOSTILE}"
    data["occurrences"][0]["label"] = f"The talks{HOSTILE}"
    data["facts"][0]["evidence"][0]["quote"] = (
        f"The meeting lasted about five hours, a spokesman{HOSTILE} said"
    )
    data["facts"].append(
        {
            "id": "m2",
            "kind": "meeting",
            "of": "talks",
            "participants": ["ann", "bob"],
            "when": "on Monday",
            "duration": {"value": 35, "unit": "minute"},
            "evidence": [{"source": "art", "quote": "the 35-minute meeting"}],
        }
    )
    data["reviews"] = [
        {
            "finding": "duration-conflict:talks:m1:m2",
            "verdict": "confirmed conflict",
            "note": f"see{HOSTILE}",
        },
        {"finding": f"duration-conflict:gone{HOSTILE}", "verdict": "false positive", "note": "old"},
    ]
    project.write("one.yaml", data)


@pytest.mark.parametrize(
    ("args", "styled", "printed"),
    [
        (["check"], False, ["The talks", "spokesman", "note: see", "finding duration-conflict:gone"]),
        (
            ["check", "--build"],
            False,
            ["The talks", "spokesman", "note: see", "finding duration-conflict:gone"],
        ),
        (
            ["check", "--build"],
            True,
            ["The talks", "spokesman", "note: see", "finding duration-conflict:gone"],
        ),
        (["show", "ann"], False, ["Ann", "spokesman", "The talks"]),
        (["coverage"], False, ["Nobody cites this"]),
        (["query", "select name from people"], False, ["Ann"]),
    ],
    ids=["check-sql-layout", "check-python-layout", "check-styled", "show", "coverage", "query"],
)
def test_control_characters_in_data_are_printed_escaped(
    project: Project, args: list[str], styled: bool, printed: list[str]
) -> None:
    """Every command that prints data as text, in each of check's layouts
    (DuckDB's for a pipe, Python's for `--build`, rich's styled one for a
    terminal): each piece of data holding HOSTILE shows its escape, SHOWN, and
    nothing but the styled run's own colours reaches the terminal raw."""
    hostile_project(project)
    assert project.factdb("build").returncode == 0
    env = {**os.environ, "FACTDB_PROJECT": str(project.root), "COLUMNS": "400"}
    env.pop("NO_COLOR", None)
    if styled:
        env["FORCE_COLOR"] = "1"
    else:
        env["NO_COLOR"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "factdb.loader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=project.root,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    out = proc.stdout
    if styled:
        assert SGR.search(out), "the styled layout was not used"
        out = SGR.sub("", out)
    assert not RAW.search(out), RAW.findall(out)
    for before in printed:
        assert re.search(re.escape(before) + r"[^\n]*" + re.escape(SHOWN), out), (before, out)


# Attacks whose outcome is not a located problem, and the test that holds each.
ELSEWHERE = {
    # 30,000 sentences none cites, one 200,000 characters long: the report lists
    # the first 100, each cut, and counts the rest.
    "huge-article-report": "tests.report.test_report"
    ":test_one_huge_article_lists_its_first_uncited_sentences_and_counts_the_rest",
    # killed midway, an export leaves its temp folder: the next one removes it
    "killed-export": "tests.system.test_faults:test_the_temp_folder_of_a_killed_export_is_cleared",
    # temp folders of every kind beside the target: only stale ones of its own go, never a running export's
    "export-temp-sweep": "tests.commands.test_export:test_export_sweeps_the_temp_folders_killed_exports_left",
    # `people: [a, a, ...]`, 10 MB: its time and memory measured
    "ten-megabytes-of-one-item": "tests.read.test_limits"
    ":test_a_ten_megabyte_file_of_one_repeated_item_is_refused_in_bounded_work",
    # every field of a finding, each layout of check, in-process
    "finding-control-characters": "tests.output.test_render_checks"
    ":test_control_characters_in_a_finding_are_printed_escaped",
    # a pickle planted in every cache entry, or in the build record, runs nothing
    "planted-pickle": "tests.system.test_cache_attacks:test_a_planted_pickle_executes_nothing",
    # an entry edited in place: discarded, named in a warning, counted, rebuilt
    "edited-cache-entry": "tests.system.test_cache_attacks"
    ":test_a_damaged_entry_is_named_in_a_warning_and_counted_in_the_timings",
    # random bytes flipped in random entries and in the record: always the cold database
    "flipped-cache-bytes": "tests.system.test_cache_attacks"
    ":test_flipped_bytes_in_the_cache_give_the_cold_build_or_a_clear_problem",
    # another file's entry under this key, or one sealed without the user's secret
    "moved-cache-entry": "tests.system.test_cache_attacks:test_an_entry_moved_to_another_key_is_refused",
    # a result judged "not in the future" in UTC+14 is never used in UTC-12
    "cached-on-another-day": "tests.system.test_cache_attacks:test_a_result_is_never_used_on_another_day",
    # a failed write leaves no temp file; dead writers' temps are cleared
    "failed-cache-write": "tests.system.test_cache_attacks:test_a_failed_write_leaves_no_temporary_file",
    "dead-writer-temps": "tests.system.test_cache_attacks:test_temporary_files_of_dead_writers_are_cleared",
    # a read-only checkout can build: nothing changed, nothing written
    "no-change-build-writes": "tests.system.test_cache_attacks:test_a_build_that_changes_nothing_writes_nothing",
    # --db on a file that is no factdb database; writes through symlinks
    "foreign-db-and-symlinks": "tests.system.test_writes:test_a_write_where_it_should_not_be_is_refused_and_changes_nothing",
    # a crafted macro name in schema.sql
    "crafted-identifier": "tests.system.test_writes:test_crafted_identifiers_in_schema_sql_run_nothing",
    # Ctrl-C, a closed pipe, a locked database: their own exit codes
    "ctrl-c": "tests.commands.test_query_hardening:test_ctrl_c_exits_130",
    "broken-pipe": "tests.commands.test_query_hardening:test_broken_pipe_exits_141_quietly",
    "locked-database": "tests.commands.test_query_hardening:test_environment_failures_exit_3",
}


@pytest.mark.parametrize("where", list(ELSEWHERE.values()), ids=list(ELSEWHERE))
def test_an_attack_held_elsewhere_has_its_test(where: str) -> None:
    module, name = where.split(":")
    assert callable(getattr(importlib.import_module(module), name))
