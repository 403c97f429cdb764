"""`factdb export --format claimreview`: the seed corpus's confirmed conflicts as
schema.org ClaimReview, validated as JSON-LD and against what fact-check consumers read.

Validation: the export is expanded by a JSON-LD processor (PyLD) whose document
loader serves schema.org's context from the test data (tests/data/jsonld/, the
terms ClaimReview uses, as schema.org's context defines them), so no test
reaches the network; every property it expands to must be a schema.org
property of the types used, and each ClaimReview must carry what Google's fact
check documentation requires (claimReviewed, reviewRating with alternateName,
url) and recommends (author, datePublished, itemReviewed: a Claim with its
appearance, datePublished and, where there is one, author)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from factdb.loader.checks import check_database
from factdb.loader.cli import app
from factdb.loader.common import UsageError
from factdb.loader.export import CLAIMREVIEW_FILE, export_database
from factdb.loader.output import ExportFormat
from factdb.loader.output.claimreview import anchor
from pyld import jsonld
from typer.testing import CliRunner

CONTEXT = Path(__file__).resolve().parents[1] / "data" / "jsonld" / "schemaorg-context.jsonld"
S = "http://schema.org/"
# The schema.org properties of ClaimReview, Claim, CreativeWork, Rating, Organization
# and Person that the export may use.
PROPERTIES = {
    S + p
    for p in [
        "url",
        "claimReviewed",
        "itemReviewed",
        "reviewRating",
        "reviewBody",
        "author",
        "datePublished",
        "identifier",
        "appearance",
        "firstAppearance",
        "headline",
        "publisher",
        "name",
        "alternateName",
        "ratingValue",
        "bestRating",
        "worstRating",
    ]
}
REVIEW_URL = "https://example.org/factdb/checks"


def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the expansion asked for {url}: only schema.org's context is served")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(CONTEXT.read_text())}


@pytest.fixture(scope="module")
def exported(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("claimreview") / "out"
    result = export_database(corpus_db, out, ExportFormat.claimreview, REVIEW_URL, "Factdb Fact Check")
    data: dict[str, Any] = json.loads((out / CLAIMREVIEW_FILE).read_text(encoding="utf-8"))
    assert result.claim_reviews == len(data["@graph"])
    return data


def nodes_of(expanded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    stack = list(expanded)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            out.append(node)
            stack.extend(v for vs in node.values() if isinstance(vs, list) for v in vs)
    return out


def one(node: dict[str, Any], prop: str) -> Any:
    values = node.get(S + prop)
    assert values and len(values) == 1, (prop, node)
    return values[0]


def test_it_expands_as_json_ld_to_schema_org_terms_only(exported: dict[str, Any]) -> None:
    expanded = jsonld.expand(exported, {"documentLoader": loader})
    reviews = [n for n in nodes_of(expanded) if n.get("@type") == [S + "ClaimReview"]]
    assert len(reviews) == len(exported["@graph"]) > 0
    used = {k for n in nodes_of(expanded) for k in n if not k.startswith("@")}
    assert used <= PROPERTIES, used - PROPERTIES
    for r in reviews:
        # required by the fact-check consumers
        assert one(r, "claimReviewed")["@value"]
        rating = one(r, "reviewRating")
        assert rating["@type"] == [S + "Rating"] and one(rating, "alternateName")["@value"] in (
            "Contradicts the record",
            "Contradicts another report",
            "Contradicts itself",
        )
        assert one(r, "url")["@id"].startswith(REVIEW_URL + "#")
        # recommended
        assert one(one(r, "author"), "name")["@value"] == "Factdb Fact Check"
        assert one(r, "datePublished")["@type"] == S + "Date"
        claim = one(r, "itemReviewed")
        assert claim["@type"] == [S + "Claim"]
        appearance = one(claim, "appearance")
        assert appearance["@type"] == [S + "CreativeWork"] and one(appearance, "headline")["@value"]
        assert one(claim, "datePublished")["@value"][:2] in ("20", "19")


def test_every_confirmed_conflict_is_reviewed_claim_by_claim(
    corpus_db: Path, exported: dict[str, Any]
) -> None:
    report = check_database(corpus_db)
    confirmed = [f for f in report.findings if f.verdict == "confirmed conflict"]
    claims = {(f.key, r.id) for f in confirmed for r in f.facts if r.article is not None}
    assert {item["identifier"] for item in exported["@graph"]} == {f"{k}:{i}" for k, i in claims}
    # a finding not confirmed is never reviewed
    others = {f.key for f in report.findings if f.verdict != "confirmed conflict"}
    assert not any(item["identifier"].rsplit(":", 1)[0] in others for item in exported["@graph"])


def test_a_claim_quotes_its_article_and_the_evidence_its_sources(
    corpus_db: Path, exported: dict[str, Any]
) -> None:
    report = check_database(corpus_db)
    by_key = {f.key: f for f in report.findings}
    for item in exported["@graph"]:
        key, fact = item["identifier"].rsplit(":", 1)
        finding = by_key[key]
        quotes = [r.quote for r in finding.facts if r.id == fact]
        assert item["claimReviewed"] == quotes[0]
        assert item["reviewBody"].startswith(finding.message)
        for other in (r for r in finding.facts if r.id != fact):
            assert f'"{other.quote}"' in item["reviewBody"]
    # a statement's claim names its speaker as the claim's author
    authored = [i for i in exported["@graph"] if "author" in i["itemReviewed"]]
    assert authored and all(i["itemReviewed"]["author"]["name"] for i in authored)


def test_one_item_as_the_closing_note_shows_it(exported: dict[str, Any]) -> None:
    record = [i for i in exported["@graph"] if i["reviewRating"]["alternateName"] == "Contradicts the record"]
    assert record and "Evidence:" in record[0]["reviewBody"]


def test_the_review_page_is_required(corpus_db: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--review-url"):
        export_database(corpus_db, tmp_path / "out", ExportFormat.claimreview, None)
    with pytest.raises(UsageError, match="--review-url"):
        export_database(corpus_db, tmp_path / "out", ExportFormat.claimreview, "https://x.org/page#a")
    out = CliRunner().invoke(
        app, ["export", "--db", str(corpus_db), "--format", "claimreview", str(tmp_path / "o")]
    )
    assert out.exit_code == 2 and "--review-url" in out.output


def test_an_export_replaces_its_own_file_and_nothing_else(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        export_database(corpus_db, out, ExportFormat.claimreview, REVIEW_URL)
    assert [p.name for p in out.iterdir()] == [CLAIMREVIEW_FILE]
    (out / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="not an export of factdb"):
        export_database(corpus_db, out, ExportFormat.claimreview, REVIEW_URL)
    assert (out / "notes.txt").read_text() == "mine"


def test_a_review_url_lands_on_its_finding_in_the_report(exported: dict[str, Any]) -> None:
    """`factdb report` gives each finding its key as `id`: a review's url is the review page
    with that key as its fragment, so the published report opens at the finding."""
    for item in exported["@graph"]:
        key = item["identifier"].rsplit(":", 1)[0]
        url = urlsplit(item["url"])
        assert f"{url.scheme}://{url.netloc}{url.path}" == REVIEW_URL
        assert unquote(url.fragment) == key


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        ("duration-conflict:m-1:a002-x:a003-y", "duration-conflict:m-1:a002-x:a003-y"),
        ("a:b-c", "a:b-c"),  # not "a-b-c", the anchor of "a-b:c" too
        ("x:a b#c%d", "x:a%20b%23c%25d"),
    ],
)
def test_an_anchor_is_the_key_as_a_fragment_holds_it(key: str, fragment: str) -> None:
    assert anchor(key) == fragment and unquote(fragment) == key
