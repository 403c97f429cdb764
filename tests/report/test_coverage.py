"""coverage: the sentence splitter, furniture lines, uncited sentences, the CLI,
and a floor per article of the real corpus."""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pytest
from factdb.loader.build.ingest import create_table
from factdb.loader.build.tables import SENTENCES, TableSpec, sentence_columns
from factdb.loader.corpus import ArticleText, normalise
from factdb.loader.corpus.sentences import Spans, _touches, split_sentences
from factdb.loader.pipeline import build
from factdb.loader.report import coverage as coverage_module  # the module
from factdb.loader.report.coverage import ArticleCoverage, article_coverage, coverage
from hypothesis import example, given
from hypothesis import strategies as st

from ..build.test_incremental import EDITS, Edit, corpus, write_all
from ..conftest import ROOT, Project, article, minimal_corpus

# Per cent of each article's reporting sentences cited by at least one quote: the
# current figure rounded down, never below 90 once an article has reached 90.
# Raise a floor when an article's coverage rises; an article with no entry must
# reach DEFAULT_FLOOR.
DEFAULT_FLOOR = 90
FLOORS: dict[str, int] = {
    "voa-2009-clinton-beijing": 100,
    "voa-2014-sed-day-two": 100,
    "blog-2023-blinken-xi": 100,
    "bbc-2023-blinken-xi": 100,
    "mt-2024-blinken-xi-friday": 100,
}


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


# --- the splitter -------------------------------------------------------------


def test_splits_after_terminators_before_capitals_digits_and_quotes() -> None:
    assert texts("One ends. Two asks? Three shouts! 4 more. \u201cQuoted.\u201d") == [
        "One ends.",
        "Two asks?",
        "Three shouts!",
        "4 more.",
        "\u201cQuoted.\u201d",
    ]


def test_no_split_before_lower_case_or_without_space() -> None:
    assert texts("It grew 2.9 percent. and more... then less. .") == [
        "It grew 2.9 percent. and more... then less. ."
    ]
    assert texts("The U.S-China talks.Next") == ["The U.S-China talks.Next"]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Wang met Mrs. Li and Ms. Chen.",
        "Dr. Sun and St. Paul met Sam Jr. Today.",
        "A U.S. official and a U.N. envoy spoke.",
        "Secretary of State Antony J. Blinken spoke.",
        "The envoy (U.S. Treasury) said so.",
        "He thanked \u201cMr. Blinken\u201d warmly.",
        "BEIJING, Jul. 9 (Xinhua) -- Chinese President Xi Jinping met Blinken.",
        "Trump spoke on Oct. 4 at the Hudson Institute.",
        "Pentagon Press Secretary Air Force Maj. Gen. Pat Ryder said during a briefing.",
        "Army Col. Dave Butler and Navy Capt. Li spoke with Brig. Gen. Wu.",
    ],
)
def test_no_split_after_abbreviations_or_initials(text: str) -> None:
    assert texts(text) == [text]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    text = (
        "\u201cI heard the same,\u201d he said. \u201cWe agree.\u201d "
        'It was "a disaster." Kerry left (as planned.) Then \u2018this.\u2019 Done.'
    )
    assert texts(text) == [
        "\u201cI heard the same,\u201d he said.",
        "\u201cWe agree.\u201d",
        'It was "a disaster."',
        "Kerry left (as planned.)",
        "Then \u2018this.\u2019",
        "Done.",
    ]


def test_lines_are_paragraphs_with_offsets_and_line_numbers() -> None:
    text = "Head line\n\n  First one. Second one.  \n\u00a0\nLast"
    got = split_sentences(text)
    assert [(s.line, s.text) for s in got] == [
        (1, "Head line"),
        (3, "First one."),
        (3, "Second one."),
        (5, "Last"),
    ]
    for s in got:
        assert text[s.start : s.end] == s.text


# --- through a corpus ---------------------------------------------------------


def corpus_of(
    project: Project, text: str, quotes: list[str], furniture: tuple[str, ...] = ()
) -> dict[str, Any]:
    """One article with the given text and furniture, one statement per quote."""
    project.seed("doc.txt", text)
    return {
        "articles": [
            article(
                text,
                id="doc",
                seed="doc.txt",
                headline="Doc",
                furniture=[{"text": f, "reason": "test furniture"} for f in furniture],
            )
        ],
        "people": [{"id": "ann", "name": "Ann"}],
        "facts": [
            {
                "id": f"s{n}",
                "kind": "statement",
                "speaker": "ann",
                "said": "something",
                "evidence": [{"source": "doc", "quote": q}],
            }
            for n, q in enumerate(quotes)
        ],
    }


def only(project: Project) -> ArticleCoverage:
    """The one article's coverage, the same from the corpus and from its database."""
    (result,) = coverage(project.facts)
    build(project.facts, project.db)
    assert coverage(project.facts, project.db) == [result]
    return result


def test_minimal_corpus_lists_its_uncited_sentence_with_its_line(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    result = only(project)
    assert (result.article, result.seed) == ("art", "art.txt")
    assert (result.sentences, result.cited) == (3, 2)
    assert result.percent == pytest.approx(200 / 3)
    (missing,) = result.uncited
    assert (missing.line, missing.text) == (1, "Officials met in Beijing on Monday for talks.")
    assert (missing.start, missing.end) == (0, len(missing.text))


def test_a_quote_cites_every_sentence_it_touches(project: Project) -> None:
    text = "Ann spoke first. Bob replied at length. Carl left.\n\nDan stayed. Eve came.\n"
    project.write("c.yaml", corpus_of(project, text, ["first. Bob replied", "Eve came"]))
    result = only(project)
    assert (result.sentences, result.cited) == (5, 3)
    assert [(s.line, s.text) for s in result.uncited] == [(1, "Carl left."), (3, "Dan stayed.")]
    for s in result.uncited:
        assert text[s.start : s.end] == s.text


def test_abbreviations_do_not_make_extra_sentences(project: Project) -> None:
    text = "Mr. Wang met U.S. envoy Antony J. Blinken on Monday. They talked.\n"
    project.write("c.yaml", corpus_of(project, text, ["Mr. Wang met U.S. envoy"]))
    result = only(project)
    assert (result.sentences, result.cited) == (2, 1)
    assert [s.text for s in result.uncited] == ["They talked."]


def test_quoted_sentences_split_and_count(project: Project) -> None:
    text = "\u201cWe agree,\u201d he said. \u201cThis is good.\u201d Talks went on.\n"
    project.write("c.yaml", corpus_of(project, text, ["This is good"]))
    result = only(project)
    assert result.sentences == 3
    assert [s.text for s in result.uncited] == ["\u201cWe agree,\u201d he said.", "Talks went on."]


def test_furniture_lines_are_left_out_whole(project: Project) -> None:
    text = (
        "Skip to content. Menu. Search.\n\n"
        "Photo: Ann and Bob\n\u00a0shake hands\n\n"
        "Ann met Bob. They talked.\n\n"
        "By Jo Reporter. Staff writer.\n"
    )
    furniture = ("Skip to content", "Ann and Bob shake hands", "Jo Reporter")
    project.write("c.yaml", corpus_of(project, text, ["Ann met Bob"], furniture))
    result = only(project)
    # Lines 1, 3, 4 (a two-line caption) and 8 are furniture, though the entries
    # name only part of them.
    assert (result.sentences, result.cited) == (2, 1)
    assert [(s.line, s.text) for s in result.uncited] == [(6, "They talked.")]


def test_an_article_of_only_furniture_is_fully_covered(project: Project) -> None:
    text = "Accessibility links\n\nShow comments\n"
    corpus = corpus_of(project, text, [], ("Accessibility links", "Show comments"))
    del corpus["facts"]
    project.write("c.yaml", corpus)
    result = only(project)
    assert (result.sentences, result.cited, result.percent, result.uncited) == (0, 0, 100.0, [])


# --- the command --------------------------------------------------------------


def test_cli_json(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    run = project.factdb("coverage", "--format", "json")
    assert run.returncode == 0, run.stderr
    (article,) = json.loads(run.stdout)["articles"]
    assert article["article"] == "art" and article["seed"] == "art.txt"
    assert (article["sentences"], article["cited"], article["percent"]) == (3, 2, 66.67)
    assert article["uncited"] == [
        {"start": 0, "end": 45, "line": 1, "text": "Officials met in Beijing on Monday for talks."}
    ]


def test_cli_table_and_min(project: Project) -> None:
    project.write("one.yaml", minimal_corpus())
    run = project.factdb("coverage")
    assert run.returncode == 0, run.stderr
    assert "art.txt" in run.stdout and "66.7%" in run.stdout
    assert "art.txt:1: Officials met in Beijing on Monday for talks." in run.stdout
    assert project.factdb("coverage", "--min", "60").returncode == 0
    low = project.factdb("coverage", "--min", "70")
    assert low.returncode == 1
    assert "art: 66.7%" in low.stderr


def test_cli_invalid_corpus_exits_1(project: Project) -> None:
    corpus = minimal_corpus()
    corpus["facts"][0]["evidence"][0]["quote"] = "words that are not there"
    project.write("one.yaml", corpus)
    run = project.factdb("coverage")
    assert run.returncode == 1
    assert "quote.not-found" in run.stderr and "Traceback" not in run.stderr


# --- the real corpus ----------------------------------------------------------


def test_real_corpus_keeps_its_floors() -> None:
    result = {a.article: a for a in coverage(ROOT / "facts")}
    assert sorted(set(FLOORS) - set(result)) == [], "a floor names an article that is not in the corpus"
    low = []
    for name, got in sorted(result.items()):
        floor = FLOORS.get(name, DEFAULT_FLOOR)
        if got.percent < floor:
            shown = "\n".join(f"    {got.seed}:{s.line}: {s.text}" for s in got.uncited)
            low.append(f"{name}: {got.percent:.1f}% < floor {floor}%; uncited:\n{shown}")
    assert not low, "\n".join(low)


# --- from the database ----------------------------------------------------------


spans = st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90)).map(sorted).map(tuple), max_size=8)


@given(st.text(alphabet=" ab\n", max_size=30), spans, st.tuples(st.integers(0, 30), st.integers(0, 30)))
@example(" a  b ", [(0, 6), (1, 2)], (3, 5))  # the long span first, a short one nearer
@example("ab", [], (0, 2))
def test_spans_touch_as_trying_every_span_does(text: str, spans: list[Any], span: tuple[int, int]) -> None:
    assert Spans(text, spans).touch(span) == any(_touches(text, span, q) for q in spans)


def _found(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where verify finds each slice of the text when it is quoted (or named
    as furniture): so the spans the query gets are verify's own, stripped."""
    at = ArticleText(text, *normalise(text))
    found = (at.find(text[min(a, len(text)) : min(b, len(text))]) for a, b in spans)
    return [f for f in found if f is not None]


TRICKY = st.sampled_from(
    [
        *(
            "Mr. Xi",
            "J. Blinken",
            "said.",
            '"Yes."',
            "U.S. talks",
            "? ",
            "!\u201d ",
            "\u00a0",
            "\n",
            "  ",
            "\t",
        ),
        *("\u201cNo.\u201d", "Xi\u2019s", "\u2014", "\u3000", "\u2028", "\u2009 "),
    ]
)
article_texts = st.lists(st.one_of(TRICKY, st.text(alphabet="aB1. \n", max_size=6)), max_size=14).map("".join)


@given(article_texts, spans, spans)
@example("One. Two. Three.", [(0, 16), (5, 8)], [])  # a long quote reaches past a later, short one
@example("Mr. Xi said.\nNext line. Here", [(13, 23)], [(0, 3)])  # furniture takes its whole line
@example("One.\u00a0Two. Three.", [(5, 9), (5, 20)], [])  # two quotes from one start
def test_the_database_measures_as_the_splitter_does(
    text: str, quotes: list[tuple[int, int]], furniture: list[tuple[int, int]]
) -> None:
    """Cited by offsets alone (an ASOF join), as Spans tells it from the text."""
    quoted, shown = _found(text, quotes), _found(text, furniture)
    con = duckdb.connect(":memory:")
    con.execute("CREATE OR REPLACE TABLE articles (id VARCHAR, seed VARCHAR, text VARCHAR)")
    con.execute("INSERT INTO articles VALUES ('art', 'art.txt', ?), ('empty', 'empty.txt', '')", [text])
    con.execute("CREATE OR REPLACE TABLE evidence (source VARCHAR, quote_start BIGINT, quote_end BIGINT)")
    # A reference's quote has no offsets.
    con.executemany(
        "INSERT INTO evidence VALUES (?, ?, ?)", [("art", *q) for q in quoted] + [("rec", None, None)]
    )
    # The table as a build makes it: its columns and its rows.
    sentences = TableSpec("sentences", SENTENCES)
    sentences.add_columns(sentence_columns("art", text, shown))
    create_table(con, "sentences", sentences.to_arrow())
    expected = sorted(
        [
            article_coverage("art", "art.txt", text, shown, quoted),
            article_coverage("empty", "empty.txt", "", [], []),
        ],
        key=lambda a: a.seed,
    )
    with con:
        assert coverage_module._from_database(con, lambda name: name) == expected


def test_the_real_corpus_measures_the_same_from_its_database(project: Project) -> None:
    db = project.root / "real.duckdb"
    build(ROOT / "facts", db)
    assert coverage(ROOT / "facts", db) == coverage(ROOT / "facts")


def quote_the_uncited_sentence(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["b/others.yaml"]["facts"][1]["evidence"][0]["quote"] = "Officials met in Beijing on Monday"


# The edits of warm builds, and one that changes what is cited.
COVERAGE_EDITS = [*EDITS, ("quote-cites-another-sentence", quote_the_uncited_sentence, True)]


@pytest.mark.parametrize(
    ("edit", "warm_path"), [(e, w) for _, e, w in COVERAGE_EDITS], ids=[i for i, _, _ in COVERAGE_EDITS]
)
def test_after_an_edit_the_database_measures_as_the_corpus(
    project: Project, monkeypatch: pytest.MonkeyPatch, edit: Edit, warm_path: bool
) -> None:
    """Files changed since the build are read and put in place of theirs; where
    only a cold build could tell, the corpus is loaded."""
    files = corpus()
    write_all(project, files)
    build(project.facts, project.db)
    edit(project, files)
    write_all(project, files)
    from_corpus: list[bool] = []
    real = coverage_module.load_corpus  # type: ignore[attr-defined]

    def spy(*args: Any, **kwargs: Any) -> Any:
        from_corpus.append(True)
        return real(*args, **kwargs)

    monkeypatch.setattr(coverage_module, "load_corpus", spy)
    measured = coverage(project.facts, project.db)
    assert from_corpus == ([] if warm_path else [True])
    monkeypatch.undo()
    assert measured == coverage(project.facts)
    if edit is quote_the_uncited_sentence:
        assert [a.cited for a in measured] == [3]
