"""The YAML layer: YAML 1.2 scalars, positions, and what it refuses."""

from __future__ import annotations

import math

import pytest
from factdb.loader.common import Collector
from factdb.loader.read.yaml_reader import parse_text, read_file, resolve_plain
from hypothesis import example, given
from hypothesis import strategies as st

from ..conftest import dump_yaml


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("on", "on"),
        ("Yes", "Yes"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("2009-02-21", "2009-02-21"),
        ("12", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("1_000", "1_000"),
        ("012", 12),
        ("3:25", "3:25"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text: str, value: object) -> None:
    assert resolve_plain(text) == value and type(resolve_plain(text)) is type(value)


def test_nan_and_infinity_resolve_as_floats() -> None:
    assert math.isnan(resolve_plain(".nan")) and resolve_plain("-.inf") == -math.inf


def test_positions_of_keys_and_values() -> None:
    errors = Collector()
    doc = parse_text("people:\n  - id: ann\n    name: Ann\n", "f.yaml", errors)
    assert doc is not None and not errors
    assert doc.positions[("people", 0)] == (2, 5)
    assert doc.key_positions[("people", 0, "name")] == (3, 5)
    assert doc.positions[("people", 0, "name")] == (3, 11)


def test_bom_and_crlf_are_accepted() -> None:
    errors = Collector()
    doc = read_file("\ufeffpeople:\r\n  - {id: ann, name: Ann}\r\n".encode(), "f.yaml", errors)
    assert doc is not None and not errors and doc.data == {"people": [{"id": "ann", "name": "Ann"}]}


@pytest.mark.parametrize("ch", ["\x85", "\u2028", "\u2029"])
def test_line_break_characters_are_refused(ch: str) -> None:
    errors = Collector()
    assert read_file(f'people:\n- {{id: ann, name: "A{ch}B"}}\n'.encode(), "f.yaml", errors) is None
    assert [(p.code, p.line, p.col) for p in errors.problems] == [("yaml.line-break-char", 2, 21)]


@pytest.mark.parametrize(
    ("text", "where", "advice"),
    [
        # trial 73's encoder: "mapping values are not allowed in this context", for a note
        # holding "`as_of`: the text ..."
        ("a:\n  note: the text: b\n", (2, 17), "a plain value may not hold ': ': put the value in quotes"),
        ("a:\n\t- b\n", (2, 1), "found a tab: indent with spaces"),
        ("a: @x\n", (1, 4), "found '@': a value that starts with it must be put in quotes"),
        # an unclosed quotation is shown where it opens, not at the end of the file
        ('a: "b\n\nc: d\n', (1, 4), "close the quotation that opens here"),
    ],
)
def test_a_syntax_error_says_what_to_do(text: str, where: tuple[int, int], advice: str) -> None:
    errors = Collector()
    assert parse_text(text, "f.yaml", errors) is None
    [problem] = errors.problems
    assert (problem.code, (problem.line, problem.col)) == ("yaml.syntax", where)
    assert advice in problem.message, problem.message


def test_deep_nesting_is_refused_not_crashed() -> None:
    errors = Collector()
    assert parse_text("a: " + "[" * 1000 + "]" * 1000 + "\n", "f.yaml", errors) is None
    assert [p.code for p in errors.problems] == ["yaml.too-deep"]


def test_billion_laughs_is_refused() -> None:
    lines = ["a0: &a0 [x, x]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    errors = Collector()
    assert parse_text("\n".join(lines) + "\n", "f.yaml", errors) is None
    assert [(p.code, p.line) for p in errors.problems] == [("yaml.alias", 2)]


# NEL, LS and PS are refused by the reader (libyaml would fold them): see
# test_line_break_characters_are_refused.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x85\u2028\u2029"), max_size=30
)
scalars = st.one_of(
    TEXT,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(TEXT.filter(bool), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(TEXT.filter(bool), trees, max_size=5))
@example({"answer": "NO", "date": "2009-02-21", "octal": "0o17", "n": 1.5, "blank": ""})
@example({"tab": "a\tb", "nbsp": "a\u00a0b", "crlf": "a\r\nb"})
def test_any_data_survives_dump_and_read(data: dict[str, object]) -> None:
    errors = Collector()
    doc = read_file(dump_yaml(data).encode("utf-8"), "f.yaml", errors)
    assert not errors.problems and doc is not None
    assert doc.data == data
