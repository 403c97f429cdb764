"""The fact kinds.  Every fact carries evidence; `kind` selects the model."""

from __future__ import annotations

import typing
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from .common import (
    AgentId,
    Evidence,
    Id,
    Model,
    OfficeId,
    PersonId,
    PlaceId,
    Quantity,
    Text,
    When,
    occurrence,
)
from .refs import AGENTS, WHERE, Ref


class FactBase(Model):
    # The table each kind's rows go to; every fact is also in fact_index.
    table: ClassVar[str]
    # One fact of the kind as YAML (its evidence quoting the article `ARTICLE`),
    # shown commented in every starter file `factdb new` writes; a test loads each.
    example: ClassVar[str]

    id: Id
    evidence: list[Evidence] = Field(min_length=1)
    note: str | None = None


class Role(FactBase):
    """A person holds an office: `at` a date an article states, or `start`..`end`."""

    table: ClassVar[str] = "roles"
    example: ClassVar[str] = """\
    - id: ARTICLE-doe-role
      kind: role
      person: jane-doe
      office: us-secretary-of-state
      title: Secretary of State  # the title as the article words it
      at: on Friday  # a phrase is resolved against `published`; or "2024-04-26"
      evidence:
        - source: ARTICLE
          quote: Secretary of State Jane Doe
    """

    kind: Literal["role"]
    person: PersonId
    office: OfficeId
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
    place: PlaceId
    arrive: When | None = None
    depart: When | None = None


class FirstSince(Model):
    """A claim that a visit is the first of its sort for a while.

    "the first by a top US diplomat in almost five years": `by_offices` names
    who counts, `to` where, and `period` (or `since`, a date) how long; "the first
    such visit by a foreign defence official" is `ever: true`, no earlier one at all.
    """

    by_offices: list[Annotated[Id, Ref(("offices",), column="first_since_offices")]] = Field(min_length=1)
    to: Annotated[Id, Ref(WHERE, column="first_since_to")]
    period: Quantity | None = None
    since: When | None = None
    ever: bool = False

    @model_validator(mode="after")
    def _bound(self) -> FirstSince:
        if [self.period is not None, self.since is not None, self.ever].count(True) != 1:
            raise ValueError(
                '`first_since` needs exactly one of `period` ("in five years"), `since` ("since 2018")'
                ' or `ever: true` ("the first ever")'
            )
        if self.period is not None and self.period.dimension() != "span":
            raise ValueError(f"`period` needs a unit of month or year, not {self.period.unit!r}")
        return self


class Visit(FactBase):
    """A visit or trip.  A trip lists its `legs` in order."""

    table: ClassVar[str] = "visits"
    example: ClassVar[str] = """\
    - id: ARTICLE-doe-visit
      kind: visit
      of: doe-china-visit-2024
      travellers: [jane-doe]
      destination: beijing
      arrive: {phrase: on Wednesday, part_of_day: evening}
      depart: on Friday
      purpose: talks on trade
      evidence:
        - source: ARTICLE
          quote: Doe arrived in Beijing on Wednesday evening
    """

    kind: Literal["visit"]
    of: Annotated[Id, occurrence("visit")]
    travellers: list[PersonId] = Field(min_length=1)
    destination: PlaceId | None = None
    arrive: When | None = None
    depart: When | None = None
    legs: list[Leg] = Field(default=[], description="the stops of a trip, in the order travelled")
    legs_complete: StrictBool = Field(
        default=False, description="the source lists every stop of the trip, in order"
    )
    purpose: str | None = None
    part_of: Annotated[Id, occurrence("visit")] | None = Field(
        default=None, description="the trip (occurrence) this visit is a leg of"
    )
    leg: StrictInt | None = Field(default=None, ge=1, description="the leg number the text claims")
    last_stop: StrictBool | None = Field(default=None, description="the text calls it the last stop")
    first_since: FirstSince | None = None

    @model_validator(mode="after")
    def _where(self) -> Visit:
        if self.destination is None and not self.legs:
            raise ValueError("a visit needs a `destination` or `legs`")
        if self.legs_complete and not self.legs:
            raise ValueError("`legs_complete` needs `legs`, the stops it says are all of them")
        if (self.leg is not None or self.last_stop is not None) and self.part_of is None:
            raise ValueError("`leg` and `last_stop` need `part_of`, the trip they are a leg of")
        return self


class Meeting(FactBase):
    """Who met whom, where and when, and for how long (a hedged duration)."""

    table: ClassVar[str] = "meetings"
    example: ClassVar[str] = """\
    - id: ARTICLE-doe-wang-meeting
      kind: meeting
      of: doe-wang-meeting-2024
      participants: [jane-doe, wang-yi]
      participants_complete: false
      venue: great-hall
      when: on Friday
      duration: {value: 5, unit: hour, hedge: about, text: about five hours}
      part_of: doe-china-visit-2024
      evidence:
        - source: ARTICLE
          quote: met Wang Yi for about five hours
    """

    kind: Literal["meeting"]
    of: Annotated[Id, occurrence("meeting")]
    participants: list[AgentId] = Field(min_length=1)
    participants_complete: StrictBool = False
    venue: PlaceId | None = None
    when: When | None = None
    duration: Quantity | None = None
    duration_covers: str | None = Field(
        default=None,
        description=(
            "what the duration spans when the text says it is more than the meeting itself"
            ' ("talks and a working dinner"); durations are compared only with those that cover'
            " the same"
        ),
    )
    part_of: Annotated[Id, occurrence("visit", "meeting")] | None = Field(
        default=None, description="the visit (occurrence) it took place during"
    )
    subject: str | None = None

    @model_validator(mode="after")
    def _duration_is_time(self) -> Meeting:
        if self.duration is not None and self.duration.dimension() != "duration":
            raise ValueError(
                f"a duration needs a unit of time (second, minute, hour, day, week), not {self.duration.unit!r}"
            )
        return self


class Figure(FactBase):
    """A stable measure id and a hedged quantity, as of a date."""

    table: ClassVar[str] = "figures"
    example: ClassVar[str] = """\
    - id: ARTICLE-trade-value
      kind: figure
      measure: us-china-trade.value
      quantity: {value: 7, scale: billion, unit: USD, hedge: nearly, text: nearly $7 billion}
      as_of: last year
      evidence:
        - source: ARTICLE
          quote: trade worth nearly $7 billion last year
    """

    kind: Literal["figure"]
    measure: Id = Field(description="a stable id of what is measured, e.g. china.fx-reserves")
    subject: Annotated[Id, Ref((*AGENTS, "places", "occurrences"))] | None = None
    quantity: Quantity
    as_of: When | None = None


class Statement(FactBase):
    """Who said what, when, and at which occurrence."""

    table: ClassVar[str] = "statements"
    example: ClassVar[str] = """\
    - id: ARTICLE-doe-statement
      kind: statement
      speaker: jane-doe
      said: We had candid and productive talks.
      direct: true  # false for a paraphrase
      when: on Friday
      setting: doe-wang-meeting-2024
      evidence:
        - source: ARTICLE
          quote: '"We had candid and productive talks," Doe said'
    """

    kind: Literal["statement"]
    speaker: AgentId
    said: Text
    direct: StrictBool = Field(default=True, description="verbatim quote of the speaker, not a paraphrase")
    when: When | None = None
    setting: Annotated[Id, occurrence("visit", "meeting", "event", "agreement")] | None = Field(
        default=None, description="the occurrence it was said at"
    )


# What reporters write of a proposal, an invitation or an accord: "accepted an
# invitation", "declined to", "agreed to resume".
AgreementStatus = Literal[
    "agreed",
    "accepted",
    "proposed",
    "declined",
    "rejected",
    "resumed",
    "suspended",
    "pledged",
    "under negotiation",
]


class Agreement(FactBase):
    """Parties, what they agreed (or proposed, rejected...), and when."""

    table: ClassVar[str] = "agreements"
    example: ClassVar[str] = """\
    - id: ARTICLE-military-talks
      kind: agreement
      parties: [united-states, china]
      subject: resume military-to-military talks
      status: agreed  # or accepted, proposed, declined, rejected, resumed, suspended, pledged, under negotiation
      when: on Friday
      evidence:
        - source: ARTICLE
          quote: the two sides agreed to resume military talks
    """

    kind: Literal["agreement"]
    of: Annotated[Id, occurrence("agreement", "meeting", "event")] | None = None
    parties: list[AgentId] = Field(min_length=1)
    subject: Text
    status: AgreementStatus
    when: When | None = None


class Event(FactBase):
    """Any other dated happening: an arms-sale notification, an arrest, a call."""

    table: ClassVar[str] = "events"
    example: ClassVar[str] = """\
    - id: ARTICLE-arms-sale
      kind: event
      of: taiwan-arms-sale-2024
      type: arms-sale-notification
      when: last October
      participants: [united-states]
      description: The US notified Congress of an arms sale to Taiwan.
      evidence:
        - source: ARTICLE
          quote: notified Congress of the arms sale last October
    """

    kind: Literal["event"]
    of: Annotated[Id, occurrence("event", "meeting")]
    type: Id = Field(description="what happened, e.g. arms-sale-notification, arrest, call")
    when: When | None = None
    end: When | None = None
    participants: list[AgentId] = []
    place: PlaceId | None = None
    description: Text


class Birth(FactBase):
    """When a person was born, as a source gives it: beside the person's recorded
    `born` (schema/entities.py), which a check compares it with."""

    table: ClassVar[str] = "births"
    example: ClassVar[str] = """\
    - id: ARTICLE-doe-born
      kind: birth
      person: jane-doe
      born: "1953-10"  # a date, to the day, month or year the source gives
      evidence:
        - source: ARTICLE
          quote: Doe, born in October 1953
    """

    kind: Literal["birth"]
    person: PersonId
    born: When

    @model_validator(mode="after")
    def _absolute(self) -> Birth:
        if self.born.date is None:
            raise ValueError("a birth date must be an absolute `date`")
        return self


Fact = Annotated[
    Role | Visit | Meeting | Figure | Statement | Agreement | Event | Birth,
    Field(discriminator="kind"),
]

# Every fact kind's model, in the order of `Fact`; the rest is derived from them.
FACT_MODELS: tuple[type[FactBase], ...] = typing.get_args(typing.get_args(Fact)[0])
FACT_KINDS: tuple[str, ...] = tuple(
    typing.get_args(m.model_fields["kind"].annotation)[0] for m in FACT_MODELS
)
KIND_MODELS: dict[str, type[FactBase]] = dict(zip(FACT_KINDS, FACT_MODELS, strict=True))
