"""Fuzzing the YAML -> model path: mutated valid files either load or fail with
located problems, never with another exception.  CI runs the `ci` profile's
examples; `HYPOTHESIS_PROFILE=deep pytest tests/system/test_fuzz.py` runs 10,000."""

from __future__ import annotations

import tempfile
from pathlib import Path

from factdb.loader.common import InvalidData
from factdb.loader.corpus import load_corpus
from hypothesis import example, given
from hypothesis import strategies as st

from ..conftest import ARTICLE_TEXT, Project, dump_yaml, minimal_corpus

GOOD = dump_yaml(minimal_corpus())
SIGNIFICANT = [
    *list(":-[]{}&*!#\"'\t\n |>%@`,?~\\"),
    "\ufeff",
    "\x00",
    "\xa0",
    "- ",
    ": ",
    "\n  ",
    "<<: ",
    "!!str ",
    "&a ",
    "*a",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = GOOD.split("\n")
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "indent"]))
        text = "\n".join(lines)
        if op == "delete" and text:
            i = draw(st.integers(0, len(text) - 1))
            j = draw(st.integers(i, min(len(text), i + 20)))
            lines = (text[:i] + text[j:]).split("\n")
        elif op == "insert":
            i = draw(st.integers(0, len(text)))
            piece = draw(st.one_of(st.sampled_from(SIGNIFICANT), st.text(max_size=5)))
            lines = (text[:i] + piece + text[i:]).split("\n")
        elif op == "duplicate" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.sampled_from(["", " ", "  ", "\t", "    "])) + lines[i].lstrip(" ")
    return "\n".join(lines)


def load(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp))
        project.seed("art.txt", ARTICLE_TEXT)
        (project.facts / "one.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            load_corpus(project.facts)
        except InvalidData as exc:
            assert exc.problems
            for p in exc.problems:
                assert p.file == "facts/one.yaml" and p.line >= 1 and p.col >= 1 and p.code and p.message


# Regressions the fuzzer found are kept here as explicit examples.
@given(mutated())
@example(GOOD.replace("  of: talks", "  of: talks\n  <<: {of: x}"))
@example(GOOD.replace("facts:", "facts: !!str"))
@example(GOOD + "\x00")
@example(GOOD.replace("Ann", "A\x85nn"))
@example(GOOD.replace("- id: m1", "- id: [m1]"))
@example(GOOD.replace("  kind: meeting", "  kind: [meeting]"))
@example(GOOD.replace("  participants:", "  ? [participants]\n  :"))
def test_mutated_files_load_or_fail_cleanly(text: str) -> None:
    load(text)
