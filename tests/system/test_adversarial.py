"""Adversarial input: each case is one bad corpus, its error code at its exact
file:line:col, exit 1, no traceback, and the previous database byte for byte."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from factdb.loader.pipeline import build

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
