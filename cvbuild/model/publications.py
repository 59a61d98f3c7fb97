"""Publications: entries written inline in the profile (BibTeX files are read by ``load.bibtex``)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator

from .base import Dated, Markdown, SectionBase
from .dates import PartialDate


class Publication(Dated):
    """A publication written inline in the profile."""

    title: Markdown
    authors: list[str] = Field(default_factory=list, description="Authors in order, e.g. 'Ada Lovelace'.")
    venue: Markdown | None = Field(None, description="Journal, conference or publisher.")
    year: int | None = Field(None, description="Publication year (or use 'date').")
    kind: Literal["journal", "conference", "workshop", "preprint", "book", "chapter", "thesis", "patent", "other"] = (
        Field("other", description="What kind of publication this is; used for grouping.")
    )
    volume: str | None = None
    pages: str | None = None
    note: Markdown | None = Field(None, description="E.g. 'to appear', 'Best paper award'.")
    doi: str | None = None
    url: str | None = None
    arxiv: str | None = None
    pdf: str | None = None
    code: str | None = None
    slides: str | None = None
    video: str | None = None
    selected: bool = False

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [a.strip() for a in re.split(r"\s+and\s+|;", value) if a.strip()]
        return value

    @field_validator("volume", "pages", "doi", "arxiv", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @field_validator("doi")
    @classmethod
    def _doi(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value.strip(), flags=re.I)
        if not value.startswith("10."):
            raise ValueError(f"'{value}' is not a DOI (DOIs start with '10.')")
        return value

    def when(self) -> PartialDate | None:
        if self.date or self.start:
            return self.date or self.start
        return PartialDate(self.year) if self.year else None

    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        when = self.when()
        return (*when.sort_key(), 0, 0, 0) if when else (0, 0, 0, 0, 0, 0)


class PublicationsSection(SectionBase):
    """Publications, written inline."""

    publications: list[Publication]
    highlight: list[str] = Field(
        default_factory=list, description="Extra spellings of your name to set in bold (beyond person.name)."
    )
