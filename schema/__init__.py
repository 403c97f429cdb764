"""Pydantic models of every factdb fact kind (import name ``factdb.schema``)."""

from .common import Evidence, Quantity, When
from .entities import Country, Occurrence, Office, Organization, Person, Place
from .facts import (
    FACT_KINDS,
    FACT_MODELS,
    KIND_MODELS,
    Agreement,
    Birth,
    Event,
    Fact,
    Figure,
    Meeting,
    Role,
    Statement,
    Visit,
)
from .file import DRAFTS, ID_SECTIONS, SECTION_MODELS, SECTION_TABLES, FactFile, Review
from .refs import Ref, columns_naming_ids, refs
from .sources import Article, Reference

__all__ = [
    "DRAFTS",
    "FACT_KINDS",
    "FACT_MODELS",
    "ID_SECTIONS",
    "KIND_MODELS",
    "SECTION_MODELS",
    "SECTION_TABLES",
    "Agreement",
    "Article",
    "Birth",
    "Country",
    "Event",
    "Evidence",
    "Fact",
    "FactFile",
    "Figure",
    "Meeting",
    "Occurrence",
    "Office",
    "Organization",
    "Person",
    "Place",
    "Quantity",
    "Ref",
    "Reference",
    "Review",
    "Role",
    "Statement",
    "Visit",
    "When",
    "columns_naming_ids",
    "refs",
]
