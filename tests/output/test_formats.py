"""The JSON form of database values: what every `--format json` prints."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import re
from enum import IntEnum, StrEnum
from typing import Any

import pytest
from factdb.loader.output.formats import plain, to_json
from hypothesis import example, given
from hypothesis import strategies as st


class Colour(StrEnum):
    red = "red"


class Level(IntEnum):
    high = 3


def reference(value: Any) -> Any:
    """The rule plain() implements, written the slow, obvious way."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, list | tuple):
        return [reference(v) for v in value]
    if isinstance(value, dict):
        return {str(k): reference(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, None, id="null"),
        pytest.param(True, True, id="bool-stays-bool"),
        pytest.param(2**70, 2**70, id="big-int"),
        pytest.param(1.5, 1.5, id="float"),
        pytest.param(math.inf, "inf", id="infinity-as-string"),
        pytest.param(-math.inf, "-inf", id="minus-infinity-as-string"),
        pytest.param(dt.date(2023, 6, 19), "2023-06-19", id="date"),
        pytest.param(dt.datetime(2023, 6, 19, 9, 30), "2023-06-19T09:30:00", id="datetime"),
        pytest.param(decimal.Decimal("7.25"), 7.25, id="decimal"),
        pytest.param((1, [dt.date(2024, 4, 26)]), [1, ["2024-04-26"]], id="nested-tuple-and-list"),
        pytest.param({1: math.inf, None: "x"}, {"1": "inf", "None": "x"}, id="non-string-keys"),
        pytest.param(Colour.red, "red", id="str-enum"),
        pytest.param(Level.high, 3, id="int-enum"),
    ],
)
def test_plain(value: Any, expected: Any) -> None:
    out = plain(value)
    assert out == expected or (out != out and expected != expected)
    json.loads(to_json(value))  # always valid JSON: no NaN, Infinity or unknown types


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.dates()
    | st.datetimes()
    | st.decimals(allow_nan=False, allow_infinity=False, places=3)
    | st.sampled_from([Colour.red, Level.high])
)
keys = st.text(max_size=3) | st.integers() | st.booleans() | st.none() | st.dates()
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(keys, inner, max_size=3)
    ),
    max_leaves=12,
)


@given(values)
@example({True: [(dt.date(2000, 1, 1), math.inf)], "a": {None: decimal.Decimal("1.5")}})
def test_plain_follows_the_rule_for_any_value(value: Any) -> None:
    # Compared as JSON so that NaN (not equal to itself) compares equal to NaN.
    assert json.dumps(plain(value)) == json.dumps(reference(value))


def stdlib_json(value: Any) -> str:
    """What to_json wrote before orjson: the pure-Python indenting encoder."""
    return json.dumps(plain(value), indent=2, ensure_ascii=False)


def has_float(value: Any) -> bool:
    if isinstance(value, float | decimal.Decimal):
        return True
    if isinstance(value, list | tuple):
        return any(has_float(v) for v in value)
    if isinstance(value, dict):
        return any(has_float(v) for v in value.values())
    return False


@given(values | st.text() | st.lists(st.text()))
@example(2**70)  # beyond orjson's 64 bits: json.dumps writes it
@example({"a": ["\ud800"]})  # a lone surrogate, which orjson refuses
@example({"tiny": 1.5e-05, "huge": 1e16})  # written 0.000015 and 1e16, the same numbers
@example({"empty": [], "none": {}, "nested": [[], {}]})
@example('line\nbreak\ttab\x00\x1f\x7f\u2028 “quoted” "and\\ escaped"')
def test_to_json_writes_what_the_stdlib_wrote(value: Any) -> None:
    """The same bytes, but for how a float beyond 1e-4..1e16 is spelt."""
    out = to_json(value)
    assert json.loads(out) == json.loads(stdlib_json(value))
    if not has_float(value):
        assert out == stdlib_json(value)


@pytest.mark.parametrize("corpus", ["corpus_db", "generated"])
def test_a_check_report_is_native_json(corpus: str, request: pytest.FixtureRequest) -> None:
    """`check --format json` skips plain(): the report's dataclasses hold
    nothing it would change, so the bytes are the same either way."""
    from factdb.loader.checks import check_database
    from factdb.loader.output import report_dict

    found = request.getfixturevalue(corpus)
    db = found if corpus == "corpus_db" else found / "bench.duckdb"
    data = report_dict(check_database(db))
    assert data["findings"], "a report without findings would prove little"
    assert to_json(data, native=True) == to_json(data)


_REFERENCE_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


@given(
    st.text(st.characters(codec=None, exclude_categories=()))
    | st.text(alphabet=st.sampled_from("a\x1b\ufffe\U0001fffe\U0010ffff\U0001f600\ud800“"))
)
@example("\U0010ffff\x1b")
@example("\U0001f600 only an emoji")
def test_escape_control_escapes_exactly_the_one_class_of_characters(text: str) -> None:
    """Two passes (the BMP, then the astral noncharacters only where the text
    has astral characters) give what one regex over the whole class gives."""
    from factdb.loader.output.formats import _escape, escape_control

    assert escape_control(text) == _REFERENCE_CONTROL.sub(_escape, text)
