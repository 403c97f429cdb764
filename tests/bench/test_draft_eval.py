"""bench/draft_eval.py: drafts are matched with the hand encoding as its docstring
says, and every stored trial still builds into a corpus the evaluation can read."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from draft_eval import KINDS, TRIALS, Hand, Tally, _fits, evaluate, stored_trial, table
from factdb.loader.pipeline import build

REPO = Path(__file__).resolve().parents[2]


def _hand(kind: str, spans: list[tuple[int, int]], keys: set[str]) -> Hand:
    return Hand("h", kind, spans, keys, {})


def test_a_draft_fits_a_hand_fact_of_its_kind_its_quote_and_its_key() -> None:
    hand = _hand("role", [(10, 40)], {"antony blinken"})
    assert _fits(_hand("role", [(30, 60)], {"antony blinken"}), hand)
    assert not _fits(_hand("role", [(40, 60)], {"antony blinken"}), hand)  # quotes that only touch
    assert not _fits(_hand("role", [(30, 60)], {"wang yi"}), hand)  # another person
    assert not _fits(_hand("meeting", [(30, 60)], {"antony blinken"}), hand)  # another kind
    assert _fits(_hand("figure", [(0, 11)], set()), _hand("figure", [(10, 40)], set()))


def test_the_table_says_what_was_measured() -> None:
    tallies = {k: Tally() for k in KINDS}
    tallies["role"] = Tally(drafted=4, drafted_matched=3, hand=6, hand_matched=3, new_office=1)
    tallies["role"].fields["date"] = [2, 3]
    lines = table(tallies)
    assert "| role | 4 | 6 | 0.75 | 0.50 | ≥ 0.8, ≥ 0.9 | date 2/3 |" in lines
    assert any("1 name an office the corpus did not know" in line for line in lines)
    assert lines[-1].startswith("resolved dates equal to the hand encoding's: 2/3 = 0.67")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("eval") / "corpus.duckdb"
    build(REPO / "facts", db, cold=True)
    return db


def test_the_first_seed_is_drafted_and_matched(corpus: Path) -> None:
    with duckdb.connect(str(corpus), read_only=True) as con:
        tallies, used = evaluate(con, {0})
    assert used == ["000 voa-2009-clinton-beijing"]
    roles = tallies["role"]
    assert roles.hand > 0 and 0 < roles.hand_matched <= roles.hand
    assert roles.drafted_matched <= roles.drafted


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(p.name for p in TRIALS.iterdir() if p.is_dir()))
def test_every_stored_trial_builds_and_is_evaluated(name: str, tmp_path: Path) -> None:
    db = stored_trial(name, tmp_path)
    with duckdb.connect(str(db), read_only=True) as con:
        tallies, used = evaluate(con, {19})
    assert len(used) == 1 and used[0].startswith("019 ")
    assert sum(t.hand for t in tallies.values()) > 0
