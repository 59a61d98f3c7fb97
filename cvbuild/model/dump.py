"""A :class:`Profile` as readable ``cv.yaml`` text (``cvbuild import``).

The file is meant to be edited by hand next, so it reads like the examples: person first,
then locale, design only where it differs from the defaults, then the sections in page
order (``sort: none`` keeps that order). Keys inside an entry follow the order a person
writes them (dates, then text, then details); multi-line text uses ``|`` blocks; years are
plain numbers. Loading the text again gives an equal profile (tested).
"""

from __future__ import annotations

from typing import Any

import yaml

from .profile import Profile
from .publications import PublicationsSection

_KEY_ORDER = [
    "title", "text", "name", "headline", "affiliation", "organisation", "location", "email", "phone", "website",
    "orcid", "scholar", "github", "linkedin", "links", "name_variants", "label", "url", "date", "start", "end",
    "date_text", "sort", "summary", "details", "tags",
]  # fmt: skip
_DATE_KEYS = {"date", "start", "end"}


class _Dumper(yaml.SafeDumper):
    """Block style for lists and ``|`` for multi-line strings, so the file diffs well."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _ordered(value: Any, key: str = "") -> Any:
    """Dict keys in reading order; dates as numbers when they are bare years."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: _KEY_ORDER.index(k) if k in _KEY_ORDER else len(_KEY_ORDER))
        return {k: _ordered(value[k], k) for k in keys}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    if key in _DATE_KEYS and isinstance(value, str) and value.isdigit() and len(value) == 4:
        return int(value)
    return value


def profile_yaml(profile: Profile, source: str = "") -> str:
    """The profile as ``cv.yaml`` text with a short header comment."""
    data = _without_bib_entries(profile).model_dump(mode="json", exclude_defaults=True)
    body: dict[str, Any] = {"person": _ordered(data.get("person", {})), "locale": profile.locale}
    for key in ("updated", "design"):
        if key in data:
            body[key] = _ordered(data[key])
    body["sections"] = [_section(s) for s in data.get("sections", [])]
    header = f"# cvbuild profile imported from {source}.\n" if source else "# cvbuild profile.\n"
    header += "# Edit freely, then render it with: cvbuild render <this file>\n"
    text = yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    text = text.replace("\nsections:", "\n\nsections:", 1).replace("\n- title:", "\n\n- title:")
    return header + text.replace("sections:\n\n- title:", "sections:\n- title:", 1)


def _without_bib_entries(profile: Profile) -> Profile:
    """Entries read from a section's .bib files stay in the .bib: the section's `bib:` reads them."""
    sections = []
    for section in profile.sections:
        if isinstance(section, PublicationsSection) and section.bib:
            inline = [p for p in section.publications if not p._from_bib]
            section = section.model_copy(update={"publications": inline})
        sections.append(section)
    return profile.model_copy(update={"sections": sections})


def _section(section: dict[str, Any]) -> dict[str, Any]:
    ordered = _ordered(section)
    first = {k: ordered.pop(k) for k in ("title", "sort", "tags") if k in ordered}
    return {**first, **ordered}
