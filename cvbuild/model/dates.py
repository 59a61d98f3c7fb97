"""Dates as researchers write them: ``2023``, ``2023-09``, ``2023.09``, ``Sep 2023``, ``present``.

A :class:`PartialDate` keeps only the precision the user gave (year, month, day); the theme
decides how to print it. ``present`` (``now``, ``ongoing``, ``current``, ``today``) is an
open end that sorts after every real date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from ..i18n import present_words

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
PRESENT_WORDS = present_words()  # every language's "until now" (cvbuild/i18n/words/*.yaml)

_ISO = re.compile(r"^(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})[/.](\d{4})$")  # 09/2023
_WORDS = re.compile(r"^(?:(\d{1,2})\.?\s+)?([A-Za-z]+)\.?,?\s+(?:(\d{1,2}),?\s+)?(\d{4})$")  # Sep 2023, 15 Sep 2023

DATE_HINT = "write dates like 2023, 2023-09, 2023.09, Sep 2023, September 2023 or present"


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    present: bool = False

    @classmethod
    def today_marker(cls) -> PartialDate:
        return cls(9999, 12, 31, present=True)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def end_key(self) -> tuple[int, int, int]:
        """Sort key as an end date: a bare year ends in December."""
        return (self.year, self.month or 12, self.day or 31)

    def __lt__(self, other: PartialDate) -> bool:
        """Earlier first; a missing month or day counts as the start of the year or month."""
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()

    def __str__(self) -> str:
        if self.present:
            return "present"
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text


def parse_date(value: Any) -> PartialDate:
    """Parse one date the way people write it; raise ValueError with a hint otherwise."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a date; {DATE_HINT}")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int):
        if 1000 <= value <= 2999:
            return PartialDate(value)
        raise ValueError(f"'{value}' is not a year; {DATE_HINT}")
    if not isinstance(value, str):
        raise ValueError(f"expected a date, got {type(value).__name__}; {DATE_HINT}")
    text = value.strip()
    if text.lower().rstrip(".") in PRESENT_WORDS:
        return PartialDate.today_marker()
    month: int | None = None
    day: int | None = None
    if match := _ISO.match(text):
        year_group, month_group, day_group = match.groups()
        year = int(year_group)
        month = int(month_group) if month_group else None
        day = int(day_group) if day_group else None
    elif match := _MONTH_FIRST.match(text):
        month, year = int(match.group(1)), int(match.group(2))
    elif match := _WORDS.match(text):
        day_before, name, day_after, year_text = match.groups()
        month = MONTHS.get(name.lower())
        if month is None:
            raise ValueError(f"unknown month '{name}' in '{text}'; {DATE_HINT}")
        year = int(year_text)
        day = int(day_before or day_after) if (day_before or day_after) else None
    else:
        raise ValueError(f"cannot read '{text}' as a date; {DATE_HINT}")
    if not 1000 <= year <= 2999:
        raise ValueError(f"'{year}' in '{text}' is not a year; {DATE_HINT}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} in '{text}' does not exist; {DATE_HINT}")
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise ValueError(f"day {day} in '{text}' does not exist") from None
    return PartialDate(year, month, day)


Date = Annotated[
    PartialDate,
    BeforeValidator(parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 2999},
                {"type": "string", "examples": ["2023", "2023-09", "2023.09", "Sep 2023", "present"]},
            ],
            "description": "A date as you would write it: 2023, 2023-09, 2023.09, Sep 2023, "
            "September 2023, 2023-09-15, or present/now/ongoing.",
        }
    ),
]
