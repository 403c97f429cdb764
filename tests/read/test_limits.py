"""Bounds on the work one bad file can cause: characters YAML forbids located
one by one, files over the limit refused by their size unread, and problems
capped per file and per run with an exact count of the rest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from factdb.loader.common import Collector, InvalidData
from factdb.loader.common.errors import MORE, PER_FILE, PER_RUN
from factdb.loader.read import file_cache, validate, yaml_reader
from factdb.loader.read.file_cache import load_one, read_stamped
from factdb.loader.read.stamps import Stamp
from factdb.loader.read.yaml_reader import MAX_FILE_BYTES, Oversize, read_file
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
