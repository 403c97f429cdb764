"""Building blocks shared by every model: ids, evidence, dates, quantities."""

from __future__ import annotations

import copyreg
import datetime as dt
import functools
import math
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictFloat,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue

from .dates import PARTS_OF_DAY, DateError, Span, Weekday, article_words, parse_iso, phrase_weekday
from .quantities import UNITS, Hedge, Interval, Scale, Unit, quantity_interval
from .refs import AGENTS, PEOPLE, SOURCES, WHERE, Ref

# Ids are lower-case slugs so that they read well in SQL and never need quoting.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=200)]
# A Wikidata item's id ("Q15031"): where `factdb import wikidata` reads the entity from.
WIKIDATA_ID = r"^Q[1-9][0-9]*$"
WikidataId = Annotated[str, StringConstraints(pattern=WIKIDATA_ID)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]

# Ids that refer to something defined elsewhere, and what they may point at.
SourceId = Annotated[Id, Ref(SOURCES)]
PersonId = Annotated[Id, Ref(PEOPLE)]
AgentId = Annotated[Id, Ref(AGENTS)]
PlaceId = Annotated[Id, Ref(WHERE)]
OfficeId = Annotated[Id, Ref(("offices",))]
OrganizationId = Annotated[Id, Ref(("organizations",))]
CountryId = Annotated[Id, Ref(("countries",))]


def occurrence(*kinds: str) -> Ref:
    """An id of an occurrence of one of these kinds."""
    return Ref(("occurrences",), kinds)


EARLIEST_YEAR = 1900


class Model(BaseModel):
    """Base of every factdb model: unknown keys are errors, values are finite."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=False)

    def model_post_init(self, context: Any, /) -> None:
        # Pydantic gives every instance its own set of the keys it was given,
        # 216 to 728 bytes, more than the instance's values: half of what the
        # models held and a quarter of a loaded corpus (24 of 92 MB at 20k
        # facts).  Instances given the same keys share one frozenset instead.
        # Frozen, so that assigning a field (nothing here does) fails instead
        # of marking it on every sharer.
        given = frozenset(self.__pydantic_fields_set__)
        object.__setattr__(self, "__pydantic_fields_set__", _GIVEN.setdefault(given, given))

    def __reduce__(self) -> tuple[Any, ...]:
        # The build's cache pickles every model of the corpus. Pydantic's own
        # __getstate__ and __setstate__ cost 1.17 s to pickle 100k facts; a
        # model's values and keys given, as one call to _restore, 0.71 s.
        if self.__pydantic_extra__ is not None or self.__pydantic_private__ is not None:
            return (copyreg.__newobj__, (type(self),), self.__getstate__())  # type: ignore[attr-defined]
        return (restore, (type(self), self.__dict__, self.__pydantic_fields_set__))


_GIVEN: dict[frozenset[str], frozenset[str]] = {}
_setattr = object.__setattr__


def restore(cls: type[Model], values: dict[str, Any], given: frozenset[str]) -> Model:
    """A model as it was validated, from its values and the keys it was given,
    without validating again (a pickle, see Model.__reduce__; the build's
    cache, loader/read/cache_codec.py): its keys given shared as
    model_post_init shares them."""
    model = cls.__new__(cls)
    _setattr(model, "__dict__", values)
    _setattr(model, "__pydantic_fields_set__", _GIVEN.setdefault(given, given))
    _setattr(model, "__pydantic_extra__", None)
    _setattr(model, "__pydantic_private__", None)
    return model


class Evidence(Model):
    """Where a fact comes from: an article (quote verified) or a reference."""

    source: SourceId
    quote: str = Field(max_length=10_000)


# Only a date that passes is kept: one that passes today passes tomorrow too,
# while one in the future today may not be tomorrow.
@functools.lru_cache(maxsize=1 << 16)
def check_absolute(text: str) -> Span:
    """Parse an absolute date and keep it within the plausible range."""
    try:
        span = parse_iso(text)
    except DateError as exc:
        raise ValueError(str(exc)) from None
    if span.start.year < EARLIEST_YEAR:
        raise ValueError(f"{text!r} is before {EARLIEST_YEAR}")
    if span.start > dt.date.today():
        raise ValueError(f"{text!r} is in the future")
    return span


class When(Model):
    """A date as the text gives it.

    ``date`` is absolute; ``phrase`` is the relative wording, resolved against
    the cited article's publication date when ``date`` is absent; ``weekday`` is
    a weekday the text states (taken from the phrase when it names one).
    A bare string in YAML is a date when it looks like one, else a phrase.
    """

    date: str | None = None
    phrase: str | None = Field(default=None, min_length=1, max_length=200)
    weekday: Weekday | None = None
    part_of_day: Literal["morning", "afternoon", "evening", "night"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            text = data.strip()
            head = text.split("/")[0].strip()
            if head[:4].isdigit():
                return {"date": text}
            return {"phrase": text}
        return data

    @field_validator("date")
    @classmethod
    def _valid_date(cls, v: str | None) -> str | None:
        if v is not None:
            check_absolute(v)
        return v

    @model_validator(mode="after")
    def _complete(self) -> When:
        if self.date is None and self.phrase is None:
            raise ValueError("a date needs `date` or `phrase`")
        if self.phrase is not None:
            # Written to __dict__: what the phrase implies was not given, and the
            # set of given keys is shared (Model.model_post_init).
            if self.weekday is None:
                self.__dict__["weekday"] = phrase_weekday(self.phrase)
            if self.part_of_day is None:
                words = article_words(self.phrase).lower()
                for part in PARTS_OF_DAY:
                    if part in words:
                        self.__dict__["part_of_day"] = part
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # YAML authors may write a bare string; say so to editors too.
        schema = handler(core_schema)
        text = {
            "type": "string",
            "description": "an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, A/B) or a relative phrase",
        }
        return {"anyOf": [text, schema]}

    def absolute(self) -> Span | None:
        return parse_iso(self.date) if self.date is not None else None


class Quantity(Model):
    """A number as stated, with its hedge; `interval()` gives base-unit bounds."""

    value: StrictFloat
    unit: Unit
    scale: Scale = Scale.one
    hedge: Hedge = Hedge.exact
    text: str | None = Field(default=None, max_length=500)

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError("a quantity must be a finite number")
        return v

    def base_unit(self) -> str:
        return UNITS[self.unit].base

    def dimension(self) -> str:
        return UNITS[self.unit].dimension

    def interval(self) -> Interval:
        return quantity_interval(self.hedge, self.value, self.unit, self.scale, self.text)
