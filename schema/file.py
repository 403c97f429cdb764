"""The shape of one fact file, and of reviews."""

from __future__ import annotations

from typing import Literal

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
    reviews: list[Review] = []


# Sections whose items carry an `id`, in the order they are loaded.
ID_SECTIONS: tuple[str, ...] = (
    "articles",
    "references",
    "people",
    "organizations",
    "countries",
    "places",
    "offices",
    "occurrences",
    "facts",
)

__all__ = ["ID_SECTIONS", "FactFile", "Id", "Review", "Verdict"]
