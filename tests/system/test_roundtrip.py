"""Round trip: any valid corpus -> YAML -> build -> SQL gives back what was written."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.corpus.verify import normalise_quote
from factdb.loader.pipeline import build
from factdb.schema.quantities import Hedge, Scale, quantity_interval
from hypothesis import example, given

from ..conftest import ARTICLE_TEXT, Project, minimal_corpus
from ..strategies import corpora


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def check_round_trip(text: str, data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp))
        project.seed("art.txt", text)
        project.write("corpus.yaml", data)
        build(project.facts, project.db)
        con = duckdb.connect(str(project.db), read_only=True)
        try:
            facts = {f["id"]: f for f in data["facts"]}
            index = {r["id"]: r for r in _rows(con, "select * from fact_index")}
            assert set(index) == set(facts)
            assert all(index[i]["kind"] == facts[i]["kind"] for i in facts)
            for r in _rows(con, "select e.*, a.text from evidence e join articles a on a.id = e.source"):
                written = facts[r["owner"]]["evidence"][r["seq"]]["quote"]
                assert r["quote"] == written
                assert normalise_quote(r["text"][r["quote_start"] : r["quote_end"]]) == normalise_quote(
                    written
                )
            for r in _rows(con, "select * from roles"):
                f = facts[r["id"]]
                assert (r["person"], r["office"], r["title"]) == (f["person"], f["office"], f["title"])
            for table, key in (("meetings", "duration"), ("figures", "quantity")):
                for r in _rows(con, f"select * from {table}"):
                    q = facts[r["id"]][key]
                    assert r[f"{key}_value"] == pytest.approx(q["value"])
                    assert (r[f"{key}_unit"], r[f"{key}_hedge"], r[f"{key}_scale"]) == (
                        q["unit"],
                        q.get("hedge", "exact"),
                        q.get("scale", "one"),
                    )
                    iv = quantity_interval(
                        Hedge(q.get("hedge", "exact")), q["value"], q["unit"], Scale(q.get("scale", "one"))
                    )
                    assert (r[f"{key}_low"], r[f"{key}_high"]) == pytest.approx((iv.low, iv.high))
            for r in _rows(con, "select * from meetings"):
                assert r["participants"] == facts[r["id"]]["participants"]
            for r in _rows(con, "select * from statements"):
                f = facts[r["id"]]
                assert (r["speaker"], r["said"], r["direct"]) == (f["speaker"], f["said"], f["direct"])
            for r in _rows(con, "select visit, seq, place from visit_legs"):
                assert facts[r["visit"]]["legs"][r["seq"] - 1]["place"] == r["place"]
            people = {p["id"]: p for p in data["people"]}
            for r in _rows(con, "select id, name, aliases from people"):
                assert (r["name"], r["aliases"]) == (
                    people[r["id"]]["name"],
                    people[r["id"]].get("aliases", []),
                )
        finally:
            con.close()


@pytest.mark.slow
@given(corpora())
@example((ARTICLE_TEXT, minimal_corpus()))
def test_round_trip(case: tuple[str, dict[str, Any]]) -> None:
    check_round_trip(*case)
