"""Bounds on the work one bad file can cause: characters YAML forbids located
one by one, files over the limit refused by their size unread, a collection
of too many items refused at its first one too many, and problems capped per
file and per run with an exact count of the rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from factdb.loader.common import Collector, InvalidData
from factdb.loader.common.errors import MORE, PER_FILE, PER_RUN
from factdb.loader.read import fast_reader, file_cache, validate, yaml_reader
from factdb.loader.read.file_cache import load_one, read_stamped
from factdb.loader.read.stamps import Stamp
from factdb.loader.read.yaml_reader import MAX_FILE_BYTES, MAX_ITEMS, Oversize, read_file
from factdb.schema import FactFile
from pydantic import ValidationError
from pydantic_core import ErrorDetails


def _where(errors: Collector) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.col) for p in errors.problems]


@pytest.mark.parametrize(
    ("ch", "name"),
    [
        ("\x00", "U+0000 (NUL)"),
        ("\x1b", "U+001B (ESC)"),
        ("\x07", "U+0007 (BEL)"),
        ("\x7f", "U+007F (DEL)"),
        ("\ufffe", "U+FFFE (noncharacter)"),
        ("\x9b", "U+009B (C1 control)"),
        ("\ufeff", "U+FEFF (byte order mark)"),
    ],
)
def test_a_forbidden_character_is_located_and_named(ch: str, name: str) -> None:
    text = f"people:\n- id: ann\n  name: Ann\n\n- {{id: bob, name: B{ch}b}}\n"
    errors = Collector()
    assert read_file(text.encode(), "f.yaml", errors) is None
    assert _where(errors) == [("yaml.control-char", 5, 20)]
    assert errors.problems[0].message == f"{name} is not allowed in YAML; remove it"


def test_every_forbidden_character_is_reported_after_a_bom_and_crlf() -> None:
    text = "\ufeffa: \x00\r\nb: x\x01\x02\r\n\x7f: c\r\n"
    errors = Collector()
    assert read_file(text.encode(), "f.yaml", errors) is None
    assert _where(errors) == [("yaml.control-char", *at) for at in [(1, 4), (2, 5), (2, 6), (3, 1)]]


def test_printable_characters_tabs_and_a_leading_bom_pass() -> None:
    text = '\ufeffpeople:\n- {id: ann, name: "A\tn\u00a0n \U0001f600 \ufffd"}\n'
    errors = Collector()
    assert read_file(text.encode(), "f.yaml", errors) is not None and not errors


def test_a_file_of_forbidden_characters_is_capped_with_its_count() -> None:
    errors = Collector()
    assert read_file(b"a: " + b"\x00\n" * 5000, "f.yaml", errors) is None
    assert errors.total == 5000 and len(errors.problems) == PER_FILE + 1
    last = errors.problems[-1]
    assert (last.code, last.line, last.col, last.more) == (MORE, PER_FILE + 1, 1, 5000 - PER_FILE)
    assert last.message == f"… and {5000 - PER_FILE:,} more problems in this file"


def test_a_file_over_the_limit_is_refused_by_its_size_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.truncate(10 * 1024**3)  # sparse: no disk, and far more than memory allows reading
    stamps: dict[str, Stamp] = {}
    raw = read_stamped(path, "huge.yaml", stamps)
    assert isinstance(raw, Oversize) and raw.size == 10 * 1024**3 and len(raw) == 0
    assert stamps["huge.yaml"].size == 10 * 1024**3
    vf, problems = load_one(raw, "huge.yaml")
    assert vf is None
    assert [(p.code, p.line, p.col, p.message) for p in problems] == [
        ("yaml.too-large", 1, 1, f"file is {10 * 1024**3} bytes; the limit is {MAX_FILE_BYTES}")
    ]


def test_a_file_that_grows_past_the_limit_is_read_one_byte_past_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"a: b\n" * 100)
    monkeypatch.setattr(file_cache, "MAX_FILE_BYTES", 10_000)
    real_read = os.fstat

    def stale_stat(fd: int) -> object:  # the stat taken before the file grew
        st = real_read(fd)
        path.write_bytes(b"a: b\n" * 1_000_000)
        return st

    monkeypatch.setattr(os, "fstat", stale_stat)
    raw = read_stamped(path, "grows.yaml", None)
    assert isinstance(raw, bytes) and len(raw) == 10_001


def test_an_oversize_read_is_never_cached(tmp_path: Path) -> None:
    cache = file_cache.FileCache(tmp_path)
    assert cache.key(Oversize(10**10), "f.yaml") == ""
    assert cache.key(b"", "f.yaml") != ""


def test_validation_locates_no_more_errors_than_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    n = 5000
    text = "people: [" + ", ".join(["a"] * n) + "]\n"
    located = 0
    real = yaml_reader.Document.locate

    def counting(
        self: yaml_reader.Document, loc: tuple[str | int, ...], at_key: bool = False
    ) -> tuple[int, int]:
        nonlocal located
        located += 1
        return real(self, loc, at_key)

    monkeypatch.setattr(yaml_reader.Document, "locate", counting)
    errors = Collector()
    doc = read_file(text.encode(), "f.yaml", errors)
    assert doc is not None
    assert validate.validate_document(doc, errors) is None
    assert located == PER_FILE + 1
    assert errors.total == n and len(errors.problems) == PER_FILE + 1
    last = errors.problems[-1]
    assert (last.code, last.line, last.col, last.more) == (MORE, 1, 10 + 3 * PER_FILE, n - PER_FILE)


def test_the_run_keeps_at_most_its_cap_and_counts_every_problem() -> None:
    run = Collector()
    for f in range(30):
        one = Collector()
        for i in range(150):
            one.add(f"f{f:02}.yaml", i + 1, 1, "x.bad", "bad")
        run.extend(one.problems)
    kept = [p for p in run.problems if p.code != MORE]
    assert len(kept) == PER_RUN and run.total == 30 * 150
    with pytest.raises(InvalidData) as caught:
        run.raise_if_any()
    assert caught.value.total == 30 * 150
    # Each file's own line of the rest comes last among its problems.
    by_file = [p for p in caught.value.problems if p.file == "f00.yaml"]
    assert by_file[-1].code == MORE and by_file[-1].more == 50 and by_file[-1].line == PER_FILE + 1
    # A file past the run's cap still gets its line, at its first problem.
    late = [p for p in caught.value.problems if p.file == "f29.yaml"]
    assert [(p.code, p.line, p.more) for p in late] == [(MORE, 1, 150)]


def test_only_a_cut_of_the_errors_is_made_into_python(monkeypatch: pytest.MonkeyPatch) -> None:
    n = 5000
    data = {"people": ["a"] * n, "places": ["b"] * n, "gossip": 1}
    seen: list[int] = []

    class Spy:
        @staticmethod
        def model_validate(d: dict[str, Any]) -> FactFile:
            seen.append(len(d["people"]))
            return FactFile.model_validate(d)

    monkeypatch.setattr(validate, "FactFile", Spy)
    errors = Collector()
    doc = yaml_reader.Document(file="f.yaml", data=data, positions={(): (1, 1)})
    assert validate.validate_document(doc, errors) is None
    assert seen[0] == n and len(seen) > 1 and max(seen[1:]) < n
    assert errors.total == 2 * n + 1 and len(errors.problems) == PER_FILE + 1
    every = {(tuple(e["loc"]), e["type"]) for e in _all_errors(data)}
    for p in errors.problems[:-1]:
        loc = tuple(int(x) if x.isdigit() else x for x in p.message.split(":")[0].split("."))
        assert any(loc == e[0] or (p.code == "schema.extra-forbidden" and e[0] == ("gossip",)) for e in every)


def _all_errors(data: dict[str, Any]) -> list[ErrorDetails]:
    with pytest.raises(ValidationError) as caught:
        FactFile.model_validate(data)
    return caught.value.errors()


def test_the_fast_reader_trusts_a_screened_text_but_for_a_lone_cr() -> None:
    from factdb.loader.read.fast_reader import plain_subset

    assert plain_subset("a: b\n", screened=True) and plain_subset("a: b\n")
    assert not plain_subset("a: b\rc\n", screened=True) and not plain_subset("a: b\rc\n")
    assert not plain_subset("a: b\x00\n")  # unscreened, it looks itself


def test_a_stamp_whose_file_changed_size_is_stale_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: b\n")
    stamp = Stamp.of(path, path.stat(), path.read_bytes())
    with open(path, "r+b") as fh:
        fh.truncate(10 * 1024**3)

    def no_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("read")

    monkeypatch.setattr("builtins.open", no_read)
    assert stamp.now(path, 0) is None


# One process reads the file as a build does (load_one: the fast reader, then
# the precise one) and reports its problems, seconds and peak memory.
_MEASURE = """
import json, resource, sys, time
from factdb.loader.read.file_cache import load_one
raw = open(sys.argv[1], "rb").read()
start = time.perf_counter()
vf, problems = load_one(raw, "people.yaml")
print(json.dumps({
    "valid": vf is not None,
    "problems": [[p.code, p.line, p.col, p.message] for p in problems],
    "seconds": time.perf_counter() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def test_a_ten_megabyte_file_of_one_repeated_item_is_refused_in_bounded_work(tmp_path: Path) -> None:
    """`people: [a, a, ...]`, 10 MB: 3.5M items, each a problem. It took 13 s
    and 2.5 GB (every item parsed, placed and validated, to keep 100
    problems); now the read stops at the first item past MAX_ITEMS, with one
    problem located there that says where the list starts."""
    n = 10 * 1024 * 1024 // 3
    path = tmp_path / "people.yaml"
    path.write_text("people: [" + ", ".join(["a"] * n) + "]\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert not out["valid"]
    col = len("people: [") + 3 * MAX_ITEMS + 1  # the item after the millionth
    assert out["problems"] == [
        [
            "yaml.too-many-items",
            1,
            col,
            f"this sequence (from line 1, column 9) holds more than {MAX_ITEMS:,} items, "
            f"the most one sequence may hold",
        ]
    ]
    # Generous for a loaded machine; what it did before is far past both.
    assert out["peak_mb"] < 1000, out
    assert out["seconds"] < 20, out


@pytest.mark.parametrize(
    ("text", "at", "what"),
    [
        ("people: [a, b, c, d]\n", (1, 19), "this sequence (from line 1, column 9) holds more than 3 items"),
        ("people:\n- a\n- b\n- c\n- d\n", (5, 3), "this sequence (from line 2, column 1)"),
        (
            "a: {k1: 1, k2: 2, k3: 3, k4: 4}\n",
            (1, 26),
            "this mapping (from line 1, column 4) holds more than 3 keys",
        ),
        ("k1: 1\nk2: 2\nk3: 3\nk4: 4\n", (4, 1), "this mapping (from line 1, column 1)"),
        # nested: the inner list is the one too long
        ("facts: [[a, b], [a, b, c, d]]\n", (1, 27), "this sequence (from line 1, column 17)"),
    ],
)
def test_a_collection_past_max_items_is_refused_at_its_first_item_too_many(
    monkeypatch: pytest.MonkeyPatch, text: str, at: tuple[int, int], what: str
) -> None:
    monkeypatch.setattr(yaml_reader, "MAX_ITEMS", 3)
    monkeypatch.setattr(fast_reader, "MAX_ITEMS", 3)
    vf, problems = file_cache.load_one(text.encode(), "f.yaml")
    assert vf is None
    assert [(p.code, p.line, p.col) for p in problems] == [("yaml.too-many-items", *at)]
    assert problems[0].message.startswith(what)


def test_max_items_items_are_read_and_the_fast_reader_leaves_a_text_that_may_hold_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Exactly MAX_ITEMS items are fine, by either reader; a text with as many
    commas and line ends as MAX_ITEMS could hold a list too long, and only
    the precise reader, which counts, may say so."""
    monkeypatch.setattr(yaml_reader, "MAX_ITEMS", 3)
    monkeypatch.setattr(fast_reader, "MAX_ITEMS", 3)
    three = "people:\n- {id: a, name: A}\n"
    assert not fast_reader.plain_subset(three)  # 2 commas + 2 line ends
    errors = Collector()
    doc = read_file(b"people: [a, b, c]\n", "f.yaml", errors)
    assert doc is not None and not errors and doc.data == {"people": ["a", "b", "c"]}
    monkeypatch.setattr(fast_reader, "MAX_ITEMS", 5)
    assert fast_reader.plain_subset(three)


def test_no_generated_or_seed_file_comes_near_max_items() -> None:
    """The largest list bench/generate.py writes in a file under MAX_FILE_BYTES
    (its occurrences, a tenth of the facts) stays under MAX_ITEMS, and every
    file it writes up to a million facts keeps to the fast reader."""
    sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
    try:
        from generate import Generator
    finally:
        sys.path.pop(0)
    largest = 0
    for n in (1_000_000, 5_000_000, 5_500_000):
        entities = Generator(n, 1).entities()
        if len(entities.encode()) > MAX_FILE_BYTES:
            break
        largest = n // 10
        if n == 1_000_000:
            assert fast_reader.plain_subset(entities)
    assert 0 < largest < MAX_ITEMS
