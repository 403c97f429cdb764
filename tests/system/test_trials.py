"""docs/trials.md, the suite of record of the blind trials, against the corpus it
describes: every finding on a trial article is named and classed there, every article
of its table is in the corpus, and no trial finding is left unreviewed."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent.parent
PAGE = ROOT / "docs" / "trials.md"
TRIAL = re.compile(r"facts/articles/(0(0[5-9]|1\d))-")


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def test_every_finding_on_a_trial_article_is_classed_on_the_page(corpus_db: Path) -> None:
    with duckdb.connect(str(corpus_db), read_only=True) as con:
        rows = con.execute(
            "SELECT DISTINCT f.key, r.verdict, fi.file FROM findings f "
            "JOIN finding_facts ff USING (key) JOIN fact_index fi ON fi.id = ff.fact_id "
            "LEFT JOIN reviews r ON r.finding = f.key"
        ).fetchall()
    on_trials = {(key, verdict) for key, verdict, file in rows if TRIAL.match(file)}
    assert on_trials, "no finding on a trial article: the trials are not in the corpus"
    page = _page()
    unnamed = sorted(key for key, _ in on_trials if f"`{key}`" not in page)
    assert not unnamed, f"docs/trials.md does not class: {unnamed}"
    assert all(verdict for _, verdict in on_trials), "a trial finding is unreviewed"


def test_every_article_of_the_table_is_in_the_corpus(corpus_db: Path) -> None:
    page = _page()
    table = page[page.index("## Every trial article") : page.index("## Misses")]
    numbers = re.findall(r"^\| (0\d\d) \|", table, re.M)
    assert numbers == [f"{n:03d}" for n in range(5, 19)]
    with duckdb.connect(str(corpus_db), read_only=True) as con:
        seeds = {s[:3] for (s,) in con.execute("SELECT seed FROM articles").fetchall()}
    assert set(numbers) <= seeds
