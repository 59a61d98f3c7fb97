"""The profile model (pydantic) and its JSON Schema."""

from .base import Dated, SectionBase, in_order
from .dates import PartialDate, parse_date
from .profile import (
    SECTION_KINDS,
    BulletsSection,
    Design,
    EntriesSection,
    Entry,
    Item,
    ItemsSection,
    Link,
    Person,
    Profile,
    Section,
    SkillsSection,
    TextSection,
)
from .publications import Publication, PublicationsSection
from .validate import json_schema, validate_profile

__all__ = [
    "SECTION_KINDS",
    "BulletsSection",
    "Dated",
    "in_order",
    "Design",
    "EntriesSection",
    "Entry",
    "Item",
    "ItemsSection",
    "Link",
    "PartialDate",
    "Person",
    "Profile",
    "Publication",
    "PublicationsSection",
    "Section",
    "SectionBase",
    "SkillsSection",
    "TextSection",
    "json_schema",
    "parse_date",
    "validate_profile",
]
