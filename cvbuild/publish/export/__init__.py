"""``cvbuild export``: a profile written as a JSON Resume or a RenderCV file, so it can travel to their themes.

Each writer is a pure function from a loaded :class:`~cvbuild.model.Profile` (publications from
``.bib`` files already resolved into entries) to the format's data, plus what the format could not
hold, and a serializer to text. ``docs/interop.md`` has the field-by-field tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ...model import Profile
from . import json_resume, rendercv
from .common import KINDS, Exported, Lost, MappingError, kind_by_title, section_kinds

__all__ = [
    "FORMATS",
    "KINDS",
    "Exported",
    "Format",
    "Lost",
    "MappingError",
    "kind_by_title",
    "section_kinds",
]


@dataclass(frozen=True)
class Format:
    name: str  # what messages call it
    write: Callable[[Profile, Mapping[str, str] | None], Exported]
    text: Callable[[dict[str, Any], str], str]  # (data, where it came from) → the file's text
    suffix: str


FORMATS: dict[str, Format] = {
    "json-resume": Format(json_resume.FORMAT, json_resume.to_json_resume, json_resume.json_resume_text, ".json"),
    "rendercv": Format(rendercv.FORMAT, rendercv.to_rendercv, rendercv.rendercv_text, ".yaml"),
}
