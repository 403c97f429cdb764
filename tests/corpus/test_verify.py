"""Quote verification: the documented normalisation and its offsets."""

from __future__ import annotations

import re
import sys

import pytest
from factdb.loader.corpus.verify import _TRANSLATE, ArticleText, normalise, normalise_quote
from hypothesis import example, given
from hypothesis import strategies as st

ALPHABET = st.sampled_from(list("ab.\u2019'\u201c\"-\u2014\u2013 \n\t\u00a0\u2003"))


def reference(text: str) -> tuple[str, list[int]]:
    """The rule spelled out character by character."""
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                where.append(i)
            in_space = True
            continue
        in_space = False
        out.append(normalise_quote(ch) or ch)
        where.append(i)
    return "".join(out), where


@given(st.text(ALPHABET, max_size=60))
@example("a  \n\n b")
@example("\u201cquoted\u201d \u2014 dash")
def test_normalise_matches_the_rule_and_maps_back(text: str) -> None:
    norm, where = normalise(text)
    expected, expected_where = reference(text)
    assert norm == expected
    assert [where[i] for i in range(len(norm))] == expected_where


@given(st.text(ALPHABET, min_size=1, max_size=60), st.data())
def test_a_found_quote_points_at_text_that_normalises_to_it(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    norm, where = normalise(text)
    span = ArticleText(text, norm, where).find(quote)
    if normalise_quote(quote):
        assert span is not None
        assert normalise_quote(text[span[0] : span[1]]) == normalise_quote(quote)


# Every character str.isspace calls white space, and some that are not.
SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


@given(st.text(st.sampled_from([*SPACES, "a", "\u201c", "-", "\u00ad", "\u200b"]), max_size=40))
@example(" a b ")
@example("a\u3000b")
@example("a\x1cb")
def test_a_quote_normalises_by_the_rule_whichever_path_it_takes(quote: str) -> None:
    """The short cut for quotes with no run to collapse gives what the rule does."""
    assert normalise_quote(quote) == re.sub(r"\s+", " ", quote.translate(_TRANSLATE)).strip()


def test_no_white_space_but_the_space_is_printable() -> None:
    """What the short cut rests on."""
    assert [c for c in SPACES if c.isprintable()] == [" "]


@given(st.text(st.sampled_from([*SPACES, "a", "\u2019", "-"]), max_size=40))
@example("a \n\u2028 a")
@example("a\x1c \x85b")
def test_an_article_normalises_by_the_rule_for_every_white_space(text: str) -> None:
    """normalise rewrites only what is not already one space, to the same text."""
    assert normalise(text)[0] == re.sub(r"\s+", " ", text.translate(_TRANSLATE))


def test_a_quote_only_across_a_paragraph_and_on_furniture_is_still_found() -> None:
    """The worst rank is still a place: the quote is reported as crossing a
    paragraph break, not as missing from the text."""
    text = "Top line\n\nnext words"
    at = ArticleText(text, *normalise(text), furniture=[(0, 8)])
    assert at.find_ranked("line next") == ((4, 14), 3)
    assert at.find("line next") == (4, 14)


SHA = "3693ec26a24d975c0855021f743ffd27f613299aa22a18359b1e9e7ff377e00a"


@pytest.mark.parametrize(
    ("name", "recorded", "says"),
    [
        # A typo in the record: two characters swapped, or a digit short.
        ("art.txt", SHA[:10] + SHA[11] + SHA[10] + SHA[12:], "the recorded sha256 looks mistyped (only 2"),
        ("art.txt", SHA[:-1], "looks mistyped (it is not 64 hex digits)"),
        # The name carries the text's hash: the record is what is wrong.
        (f"005_{SHA[:16]}.txt", "0" * 64, "looks mistyped (the seed's name carries the text's own hash)"),
        # The name carries the recorded hash: the text is what changed.
        (
            "005_0123456789abcdef.txt",
            "0123456789abcdef" + "0" * 48,
            "the text has changed since it was registered",
        ),
        # Nothing tells them apart.
        ("art.txt", "0" * 64, "either the text changed"),
    ],
)
def test_a_changed_seed_says_which_side_is_likely_wrong(name: str, recorded: str, says: str) -> None:
    from factdb.loader.corpus.verify import _which_is_wrong

    message = _which_is_wrong(name, SHA, recorded)
    assert says in message and SHA in message
