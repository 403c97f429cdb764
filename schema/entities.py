"""Entities: the people, bodies, places and offices facts are about."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, StrictBool, model_validator

from .common import CountryId, Evidence, Id, Model, OrganizationId, PlaceId, Text, When, WikidataId


class Person(Model):
    table: ClassVar[str] = "people"

    id: Id
    name: Text
    aliases: list[Text] = []
    born: When | None = None
    evidence: list[Evidence] = Field(default=[], description="required when `born` is given")
    wikidata: WikidataId | None = Field(default=None, description="the person's Wikidata item, e.g. Q15031")

    @model_validator(mode="after")
    def _born_needs_source(self) -> Person:
        if self.born is not None and not self.evidence:
            raise ValueError("a birth date needs `evidence` citing a reference")
        if self.born is not None and self.born.date is None:
            raise ValueError("a birth date must be an absolute `date`")
        return self


class Organization(Model):
    table: ClassVar[str] = "organizations"

    id: Id
    name: Text
    aliases: list[Text] = []
    country: CountryId | None = None


class Country(Model):
    table: ClassVar[str] = "countries"

    id: Id
    name: Text
    aliases: list[Text] = []


class Place(Model):
    table: ClassVar[str] = "places"

    id: Id
    name: Text
    type: Literal["city", "venue", "region", "island", "other"]
    parent: PlaceId | None = Field(default=None, description="the place or country that contains it")
    aliases: list[Text] = []


class Office(Model):
    table: ClassVar[str] = "offices"

    id: Id
    title: Text
    organization: OrganizationId | None = None
    country: CountryId | None = None
    single_holder: StrictBool = Field(description="only one person may hold it at a time")
    aliases: list[Text] = []
    wikidata: WikidataId | None = Field(default=None, description="the position's Wikidata item, e.g. Q11696")


class Occurrence(Model):
    """One real-world happening that several facts may describe.

    Facts from different articles cite the same occurrence id when they speak
    of the same meeting, visit or event; `reason` records that judgement.
    """

    table: ClassVar[str] = "occurrences"

    id: Id
    kind: Literal["visit", "meeting", "event", "agreement"]
    label: Text
    reason: Text
