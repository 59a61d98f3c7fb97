"""Building blocks shared by the profile models: strictness, dates, tags, section basics."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..util.links import is_safe_link, shown_link
from .dates import Date, PartialDate

Markdown = Annotated[str, Field(description="Text with inline markdown: **bold**, *italic*, [link](url).")]


def _check_link(value: str) -> str:
    """Only links :func:`cvbuild.util.links.is_safe_link` allows reach an href or a PDF link action."""
    if not is_safe_link(value):
        raise ValueError(
            f"'{shown_link(value)}' is not a link cvbuild writes; use an http(s):// address, mailto:, tel:, "
            "a relative path or a #anchor"
        )
    return value


Url = Annotated[str, AfterValidator(_check_link), Field(description="http(s)://, mailto:, tel:, relative or #anchor.")]


class Strict(BaseModel):
    """Base for every profile model: unknown keys are errors (with a did-you-mean)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


def _listify(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Dated(Strict):
    """Fields shared by everything that carries a date or a date range."""

    date: Date | None = Field(None, description="A single date (use instead of start/end).")
    start: Date | None = Field(None, description="Start of a range, e.g. 2019-09.")
    end: Date | None = Field(None, description="End of a range: a date or 'present'. Omit for ongoing.")
    tags: list[str] = Field(default_factory=list, description="Labels used by variants to pick entries.")

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return _listify(value)

    @field_validator("start")
    @classmethod
    def _start(cls, value: PartialDate | None) -> PartialDate | None:
        if value is not None and value.present:
            raise ValueError("'start' cannot be 'present'; put 'present' in 'end'")
        return value

    @field_validator("end")
    @classmethod
    def _end(cls, value: PartialDate | None, info: ValidationInfo) -> PartialDate | None:
        start = info.data.get("start")
        if value is not None and start is None and "start" in info.data:
            raise ValueError("'end' needs a 'start'; for a single date use 'date'")
        if value and start and not value.present and value.end_key() < start.sort_key():
            raise ValueError(f"the range ends ({value}) before it starts ({start})")
        return value

    @model_validator(mode="after")
    def _one_kind_of_date(self) -> Dated:
        if self.date is not None and (self.start is not None or self.end is not None):
            raise ValueError("give either 'date' or 'start'/'end', not both")
        return self

    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        """Newest first: by end (ongoing first), then by start."""
        first = self.date or self.start
        last = self.end or self.date or self.start
        if first is None or last is None:
            return (0, 0, 0, 0, 0, 0)
        return (*last.end_key(), *first.sort_key())


class SectionBase(Strict):
    title: str = Field(description="Heading shown in the CV.")
    tags: list[str] = Field(default_factory=list, description="Labels used by variants to pick sections.")
    sort: Literal["newest", "oldest", "none"] = Field(
        "newest", description="Order of dated entries: newest first (default), oldest first, or as written."
    )

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return _listify(value)


def in_order(rows: list[Any], order: str) -> list[Any]:
    """Rows in a section's ``sort`` order: newest first, oldest first, or as written ("none").

    The sort is stable, so undated rows keep their written order; rows without a date at all
    (bullets) are never reordered. Shared by the resolver and by variants' ``limits``, so "the
    N most recent" means the N first rows the CV prints.
    """
    if order == "none" or not rows or not hasattr(rows[0], "sort_key"):
        return list(rows)
    return sorted(rows, key=lambda row: row.sort_key(), reverse=order == "newest")
