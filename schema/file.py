"""The shape of one fact file, and of reviews."""

from __future__ import annotations

import typing
from typing import Any, Literal

from .common import Id, Model, Text
from .entities import Country, Occurrence, Office, Organization, Person, Place
from .facts import Fact
from .sources import Article, Reference

Verdict = Literal["confirmed conflict", "different referent", "outside knowledge needed", "false positive"]


class Review(Model):
    """A person's verdict on one finding, by its stable key."""

    finding: Text
    verdict: Verdict
    note: Text
    reviewer: str | None = None


class FactFile(Model):
    """One YAML file under facts/.  Every section is optional."""

    articles: list[Article] = []
    references: list[Reference] = []
    people: list[Person] = []
    organizations: list[Organization] = []
    countries: list[Country] = []
    places: list[Place] = []
    offices: list[Office] = []
    occurrences: list[Occurrence] = []
    facts: list[Fact] = []
    # Facts `factdb draft` proposed and no person has confirmed yet: checked by
    # the schema, counted and located by `validate`, but loaded into no table
    # a check reads (only the `drafts` table lists them). Confirming one is a
    # person's edit: moving it under `facts`.
    drafts: list[Fact] = []
    reviews: list[Review] = []


def _item_model(annotation: Any) -> Any:
    """list[X] -> X (for facts, the union of the fact kinds)."""
    return typing.get_args(annotation)[0]


# The section of unconfirmed facts: not loaded as facts (see FactFile.drafts).
DRAFTS = "drafts"

# Each section's item model, in the order sections are loaded (drafts are not).
SECTION_MODELS: dict[str, Any] = {
    name: _item_model(f.annotation) for name, f in FactFile.model_fields.items() if name != DRAFTS
}
# Sections whose items carry an `id`, in that order.
ID_SECTIONS: tuple[str, ...] = tuple(
    name for name, model in SECTION_MODELS.items() if name == "facts" or "id" in model.model_fields
)
# The table each id section's items are stored in: facts in fact_index (each
# kind's fields also in a table of its own, its model's `table`).
SECTION_TABLES: dict[str, str] = {
    name: "fact_index" if name == "facts" else SECTION_MODELS[name].table for name in ID_SECTIONS
}

__all__ = ["DRAFTS", "ID_SECTIONS", "SECTION_MODELS", "SECTION_TABLES", "FactFile", "Id", "Review", "Verdict"]
