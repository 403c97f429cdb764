"""Sources: the articles facts are quoted from and outside references."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field, field_validator

from .common import Id, Model, Text, check_absolute


class Published(Model):
    """A publication date and how we know it."""

    date: str
    basis: Literal["stated", "inferred"]
    reason: Text

    @field_validator("date")
    @classmethod
    def _valid(cls, v: str) -> str:
        check_absolute(v)
        return v


class Furniture(Model):
    """A line of the seed that is page furniture, not reporting."""

    text: Text
    reason: Text


class Article(Model):
    table: ClassVar[str] = "articles"

    id: Id
    seed: str = Field(pattern=r"^[^/\\]+$", description="file name of the text in seeds/")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    outlet: Text
    headline: Text
    url: str | None = None
    published: Published
    furniture: list[Furniture] = []
    note: str | None = None


class Reference(Model):
    """An outside public source for background facts."""

    table: ClassVar[str] = "refs"

    id: Id
    title: Text
    publisher: Text
    url: str = Field(pattern=r"^https?://")
    accessed: dt.date

    @field_validator("accessed", mode="before")
    @classmethod
    def _iso(cls, v: object) -> object:
        if isinstance(v, str):
            check_absolute(v)
        return v
