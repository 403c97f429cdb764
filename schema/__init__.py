"""Pydantic models of every factdb fact kind (import name ``factdb.schema``)."""

from .common import Evidence, Quantity, When
from .entities import Country, Occurrence, Office, Organization, Person, Place
from .facts import FACT_KINDS, Agreement, Event, Fact, Figure, Meeting, Role, Statement, Visit
from .file import ID_SECTIONS, FactFile, Review
from .sources import Article, Reference

__all__ = [
    "FACT_KINDS",
    "ID_SECTIONS",
    "Agreement",
    "Article",
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
    "Reference",
    "Review",
    "Role",
    "Statement",
    "Visit",
    "When",
]
