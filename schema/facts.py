"""The fact kinds.  Every fact carries evidence; `kind` selects the model."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from .common import Evidence, Id, Model, Quantity, Text, When


class FactBase(Model):
    id: Id
    evidence: list[Evidence] = Field(min_length=1)
    note: str | None = None


class Role(FactBase):
    """A person holds an office: `at` a date an article states, or `start`..`end`."""

    kind: Literal["role"]
    person: Id
    office: Id
    title: str | None = Field(default=None, description="the title as the source words it")
    at: When | None = None
    start: When | None = None
    end: When | None = Field(default=None, description="absent: still held when the source was read")

    @model_validator(mode="after")
    def _one_time(self) -> Role:
        if (self.at is None) == (self.start is None):
            raise ValueError("a role needs either `at` or `start` (with an optional `end`)")
        if self.end is not None and self.start is None:
            raise ValueError("`end` needs `start`")
        return self


class Leg(Model):
    place: Id
    arrive: When | None = None
    depart: When | None = None


class FirstSince(Model):
    """A claim that a visit is the first of its sort for a while.

    "the first by a top US diplomat in almost five years": `by_offices` names
    who counts, `to` where, and `period` (or `since`, a date) how long.
    """

    by_offices: list[Id] = Field(min_length=1)
    to: Id
    period: Quantity | None = None
    since: When | None = None

    @model_validator(mode="after")
    def _bound(self) -> FirstSince:
        if (self.period is None) == (self.since is None):
            raise ValueError("`first_since` needs exactly one of `period` or `since`")
        if self.period is not None and self.period.dimension() != "span":
            raise ValueError(f"`period` needs a unit of month or year, not {self.period.unit!r}")
        return self


class Visit(FactBase):
    """A visit or trip.  A trip lists its `legs` in order."""

    kind: Literal["visit"]
    of: Id
    travellers: list[Id] = Field(min_length=1)
    destination: Id | None = None
    arrive: When | None = None
    depart: When | None = None
    legs: list[Leg] = []
    purpose: str | None = None
    part_of: Id | None = Field(default=None, description="the trip (occurrence) this visit is a leg of")
    leg: StrictInt | None = Field(default=None, ge=1, description="the leg number the text claims")
    last_stop: StrictBool | None = Field(default=None, description="the text calls it the last stop")
    first_since: FirstSince | None = None

    @model_validator(mode="after")
    def _where(self) -> Visit:
        if self.destination is None and not self.legs:
            raise ValueError("a visit needs a `destination` or `legs`")
        if (self.leg is not None or self.last_stop is not None) and self.part_of is None:
            raise ValueError("`leg` and `last_stop` need `part_of`, the trip they are a leg of")
        return self


class Meeting(FactBase):
    kind: Literal["meeting"]
    of: Id
    participants: list[Id] = Field(min_length=1)
    participants_complete: StrictBool = False
    venue: Id | None = None
    when: When | None = None
    duration: Quantity | None = None
    part_of: Id | None = Field(default=None, description="the visit (occurrence) it took place during")
    subject: str | None = None

    @model_validator(mode="after")
    def _duration_is_time(self) -> Meeting:
        if self.duration is not None and self.duration.dimension() != "duration":
            raise ValueError(
                f"a duration needs a unit of time (second, minute, hour, day, week), not {self.duration.unit!r}"
            )
        return self


class Figure(FactBase):
    kind: Literal["figure"]
    measure: Id = Field(description="a stable id of what is measured, e.g. china.fx-reserves")
    subject: Id | None = None
    quantity: Quantity
    as_of: When | None = None


class Statement(FactBase):
    kind: Literal["statement"]
    speaker: Id
    said: Text
    direct: StrictBool = Field(default=True, description="verbatim quote of the speaker, not a paraphrase")
    when: When | None = None
    setting: Id | None = Field(default=None, description="the occurrence it was said at")


AgreementStatus = Literal[
    "agreed", "proposed", "rejected", "resumed", "suspended", "pledged", "under negotiation"
]


class Agreement(FactBase):
    kind: Literal["agreement"]
    of: Id | None = None
    parties: list[Id] = Field(min_length=1)
    subject: Text
    status: AgreementStatus
    when: When | None = None


class Event(FactBase):
    kind: Literal["event"]
    of: Id
    type: Id = Field(description="what happened, e.g. arms-sale-notification, arrest, call")
    when: When | None = None
    end: When | None = None
    participants: list[Id] = []
    place: Id | None = None
    description: Text


Fact = Annotated[
    Role | Visit | Meeting | Figure | Statement | Agreement | Event,
    Field(discriminator="kind"),
]

FACT_KINDS: tuple[str, ...] = ("role", "visit", "meeting", "figure", "statement", "agreement", "event")
