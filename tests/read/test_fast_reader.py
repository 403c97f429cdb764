"""The fast reader gives exactly what the precise reader gives, or declines."""

from __future__ import annotations

from pathlib import Path

import pytest
from factdb.loader.common import Collector
from factdb.loader.read.fast_reader import read_fast
from factdb.loader.read.file_cache import load_one
from factdb.loader.read.yaml_reader import parse_text
from hypothesis import example, given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]

PLAIN = """\
# a comment: with a colon
facts:
  - id: f-1
    kind: statement
    speaker: p-1
    said: "He said: no"   # trailing comment
    when: "2010-01-01"
    evidence:
      - {source: a-1, quote: "one two: three"}
      - source: a-1
        quote: 'it''s four five'
  - {id: f-2, kind: statement, speaker: p-1, said: x}
people:
- id: p-1
  name: NO
  aliases: [on, 0x1F, .inf, ~]
"""


def test_same_data_and_positions_as_the_precise_reader() -> None:
    fast = read_fast(PLAIN, "f.yaml")
    precise = parse_text(PLAIN, "f.yaml", Collector())
    assert fast is not None and precise is not None
    assert fast.data == precise.data
    assert fast.positions, "the positions the tables need"
    for path, where in fast.positions.items():
        assert precise.positions[path] == where, path
    # What the tables store, in file order, and nothing else: any other
    # position comes from the precise reader.
    assert list(fast.positions) == [
        ("facts",),
        ("facts", 0),
        ("facts", 0, "evidence"),
        ("facts", 0, "evidence", 0),
        ("facts", 0, "evidence", 1),
        ("facts", 1),
        ("people",),
        ("people", 0),
    ]
    assert len(fast.positions) == 8


# Evidence as an item's first key: the scan leaves the item to libyaml.
EVIDENCE_FIRST = "facts:\n  - evidence:\n      - {source: a-1, quote: q}\n    id: f-1\n"


@pytest.mark.parametrize(
    ("text", "positions_now"),
    [(PLAIN, True), (PLAIN, False), (EVIDENCE_FIRST, False)],
    ids=["scanned", "not-scanned", "not-scanned-where-the-scan-declines"],
)
def test_every_position_asked_for_is_the_precise_readers(text: str, positions_now: bool) -> None:
    """Scanned or not, a fast read's positions are the precise reader's, the
    root's and keys' too. A validate reads its files without the scan, and
    then any position asked for (an error's) comes from the precise reader,
    even where the scan would have declined the file."""
    fast = read_fast(text, "f.yaml", positions_now=positions_now)
    precise = parse_text(text, "f.yaml", Collector())
    assert fast is not None and precise is not None
    assert fast.data == precise.data
    assert bool(fast.positions) == positions_now, "no position is found before one is asked for"
    for path, where in precise.positions.items():
        assert fast.locate(path) == where, path
    for path, where in precise.key_positions.items():
        assert fast.locate(path, at_key=True) == where, path


def test_the_scan_declines_evidence_as_an_items_first_key() -> None:
    assert read_fast(EVIDENCE_FIRST, "f.yaml") is None


@pytest.mark.parametrize(
    "path",
    [
        pytest.param((), id="empty"),
        pytest.param(("nope",), id="unknown-section"),
        pytest.param(("facts", 2), id="item-past-the-end"),
        pytest.param(("facts", -1), id="negative-item"),
        pytest.param(("facts", True), id="bool-item"),
        pytest.param(("facts", "0"), id="string-item"),
        pytest.param(("facts", 0, "when"), id="other-key"),
        pytest.param(("facts", 1, "evidence"), id="item-without-evidence"),
        pytest.param(("facts", 0, "evidence", 2), id="entry-past-the-end"),
        pytest.param(("facts", 0, "evidence", -1), id="negative-entry"),
        pytest.param(("facts", 0, "evidence", 0, "quote"), id="inside-an-entry"),
        pytest.param(("people", 0, "evidence"), id="section-without-evidence"),
    ],
)
def test_a_position_the_fast_reader_did_not_record_is_missing_not_wrong(path: tuple[str | int, ...]) -> None:
    fast = read_fast(PLAIN, "f.yaml")
    assert fast is not None
    assert path not in fast.positions
    with pytest.raises(KeyError):
        fast.positions[path]


@pytest.mark.parametrize(
    "text",
    [
        "facts:\n  - id: a\n    id: b\n",  # duplicate key: yaml12 would keep the last
        "facts:\n  - {id: a, id: b}\n",
        # A duplicate whose kept value holds ": " or ":\n" by an escape, which
        # the text does not: counting alone would miss the dropped key.
        'b:\n  c: 3\n  c: "1:\\n2"\n',
        'name: A\nname: "B:\\x20C"\n',
        'people:\n  - id: zed\n    name: Zed\n    name: "Zed:\\nJr"\n',
        "1: a\n1: b\n",  # keys that are not strings
        "a: &x 1\nb: *x\n",
        "a: 1\n---\nb: 2\n",
        "a: !!str 1\n",
        "a: >-\n  folded\n",
        "facts: [{id: a, evidence: [{source: s, quote: q}]}]\n",
        "a:\tb\n",
        "a: b\n\x00",  # libyaml refuses control characters
        "a: b\ufeff\n",
    ],
)
def test_declines_what_only_libyaml_judges(text: str) -> None:
    assert read_fast(text, "f.yaml") is None


@pytest.mark.parametrize(
    "value",
    ["B", '"B: C"', '"B:\\x20C"', '"B:\\nC"', "'B\\: C'"],
    ids=["plain", "quoted", "x20", "newline", "single"],
)
def test_a_duplicate_key_is_reported_where_it_is(value: str) -> None:
    raw = f"people:\n  - id: p-1\n    name: A\n    name: {value}\n".encode()
    _, problems = load_one(raw, "f.yaml")
    assert [(p.code, p.line, p.col) for p in problems] == [("yaml.duplicate-key", 4, 5)]


def test_errors_after_the_fast_path_are_located_precisely() -> None:
    raw = b"people:\n  - id: p-1\n    name: A\n    nmae: B\n"
    _, problems = load_one(raw, "f.yaml")
    assert [(p.line, p.col) for p in problems] == [(4, 5)]


def test_every_real_fact_file_reads_the_same_either_way() -> None:
    for path in sorted((ROOT / "facts").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast = read_fast(text, path.name)
        if fast is None:
            continue
        precise = parse_text(text, path.name, Collector())
        assert precise is not None and fast.data == precise.data
        for where_path, where in fast.positions.items():
            assert precise.positions[where_path] == where


# Scalars that hold ": " or ":\n" in the text, in the value, or in both.
TRICKY = [
    "x",
    '"x: y"',
    "'x: y'",
    '"x:\\x20y"',
    '"x:\\ny"',
    '"x:\n  y"',
    '"x:\n\n  y"',
    "'it''s: z'",
    "[a, 'b: c']",
]
entries = st.lists(
    st.tuples(st.sampled_from(["k", "m", "n"]), st.sampled_from(TRICKY)), min_size=1, max_size=4
)


@given(st.lists(st.tuples(st.sampled_from(["facts", "people", "notes"]), entries), min_size=1, max_size=3))
@example([("people", [("k", "x"), ("k", '"x:\\x20y"')])])
def test_a_file_of_tricky_scalars_reads_as_the_precise_reader_reads_it(
    sections: list[tuple[str, list[tuple[str, str]]]],
) -> None:
    """Duplicate keys among them included: the fast reader says what libyaml
    says or declines, never the data of a file libyaml refuses."""
    text = "".join(
        f"{name}:\n" + "".join(f"  {'-' if n == 0 else ' '} {k}: {v}\n" for n, (k, v) in enumerate(items))
        for name, items in sections
    )
    fast = read_fast(text, "f.yaml")
    if fast is None:
        return
    errors = Collector()
    precise = parse_text(text, "f.yaml", errors)
    assert not errors.problems, text
    assert precise is not None and fast.data == precise.data
