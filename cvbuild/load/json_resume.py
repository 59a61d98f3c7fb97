"""Reader for JSON Resume (https://jsonresume.org/schema) files, e.g. ``resume.json``.

The JSON Resume sections map onto cvbuild's section kinds (work → entries, awards →
items, skills → skills, ...). The file is parsed with the YAML reader (JSON is YAML), so
problems still point at a line and column of the JSON file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import CvError, Problem
from ..model import validate_profile
from ..source import SourceMap, load_yaml
from ..util.files import read_text
from .loaded import Loaded, Overrides, apply_overrides

# JSON Resume section → (title, builder name)
SECTIONS = [
    ("work", "Experience"),
    ("education", "Education"),
    ("volunteer", "Volunteering"),
    ("projects", "Projects"),
    ("publications", "Publications"),
    ("awards", "Awards"),
    ("certificates", "Certificates"),
    ("skills", "Skills"),
    ("languages", "Languages"),
    ("interests", "Interests"),
]


def _span(item: dict[str, Any], start: str = "startDate", end: str = "endDate") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if item.get(start):
        out["start"] = item[start]
        out["end"] = item.get(end) or "present"
    elif item.get(end):
        out["date"] = item[end]
    return out


def _entry(title: Any, organisation: Any, item: dict[str, Any], details: list[Any] | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"title": title or organisation or "Untitled"}
    if organisation and title:
        entry["organisation"] = organisation
    if item.get("location"):
        entry["location"] = item["location"]
    if item.get("url"):
        entry["url"] = item["url"]
    if item.get("summary") or item.get("description"):
        entry["summary"] = item.get("summary") or item.get("description")
    if details:
        entry["details"] = [str(d) for d in details]
    return {**entry, **_span(item)}


def _section(key: str, title: str, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    if key in ("work", "volunteer"):
        rows = [
            _entry(i.get("position"), i.get("name") or i.get("organization"), i, i.get("highlights")) for i in items
        ]
        return {"title": title, "entries": rows}
    if key == "education":
        rows = []
        for i in items:
            degree = " in ".join(x for x in (i.get("studyType"), i.get("area")) if x)
            details = ([f"Score: {i['score']}"] if i.get("score") else []) + (
                [f"Courses: {', '.join(map(str, i['courses']))}"] if i.get("courses") else []
            )
            rows.append(_entry(degree, i.get("institution"), i, details))
        return {"title": title, "entries": rows}
    if key == "projects":
        rows = [_entry(i.get("name"), ", ".join(i.get("roles") or []) or None, i, i.get("highlights")) for i in items]
        return {"title": title, "entries": rows}
    if key == "publications":
        pubs = []
        for i in items:
            pub: dict[str, Any] = {"title": i.get("name") or "Untitled"}
            if i.get("publisher"):
                pub["venue"] = i["publisher"]
            if i.get("releaseDate"):
                pub["date"] = i["releaseDate"]
            if i.get("url"):
                pub["url"] = i["url"]
            if i.get("summary"):
                pub["note"] = i["summary"]
            pubs.append(pub)
        return {"title": title, "publications": pubs}
    if key in ("awards", "certificates"):
        rows = []
        for i in items:
            text = ", ".join(x for x in (i.get("title") or i.get("name"), i.get("awarder") or i.get("issuer")) if x)
            row: dict[str, Any] = {"text": text or "Untitled"}
            if i.get("date"):
                row["date"] = i["date"]
            if i.get("url"):
                row["url"] = i["url"]
            rows.append(row)
        return {"title": title, "items": rows}
    if key in ("skills", "interests"):
        skills = {
            str(i.get("name") or "Other"): ", ".join(map(str, i.get("keywords") or [])) or str(i.get("level") or "")
            for i in items
        }
        return {"title": title, "skills": skills}
    if key == "languages":
        return {"title": title, "skills": {str(i.get("language")): str(i.get("fluency") or "") for i in items}}
    return None


def _person(basics: dict[str, Any]) -> dict[str, Any]:
    person: dict[str, Any] = {"name": basics.get("name") or ""}
    for theirs, ours in (("label", "headline"), ("email", "email"), ("phone", "phone"), ("url", "website")):
        if basics.get(theirs):
            person[ours] = basics[theirs]
    location = basics.get("location") or {}
    place = ", ".join(str(location[k]) for k in ("city", "region", "countryCode") if location.get(k))
    if place:
        person["location"] = place
    links = []
    for profile in basics.get("profiles") or []:
        network = str(profile.get("network") or "").lower()
        if network in ("github", "linkedin") and profile.get("username"):
            person[network] = profile["username"]
        elif profile.get("url"):
            links.append({"label": profile.get("network") or profile["url"], "url": profile["url"]})
    if links:
        person["links"] = links
    return person


def convert(data: dict[str, Any]) -> dict[str, Any]:
    """JSON Resume data → a cvbuild profile (as plain data, validated afterwards)."""
    basics = data.get("basics") or {}
    profile: dict[str, Any] = {"person": _person(basics), "sections": []}
    if basics.get("summary"):
        profile["sections"].append({"title": "Summary", "text": basics["summary"]})
    for key, title in SECTIONS:
        items = data.get(key)
        if isinstance(items, list) and items:
            section = _section(key, title, [i if isinstance(i, dict) else {} for i in items])
            if section:
                profile["sections"].append(section)
    return profile


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    text = read_text(path)
    try:
        json.loads(text)  # JSON's own parser gives the precise JSON syntax message
    except json.JSONDecodeError as exc:
        raise CvError(Problem(f"JSON syntax error: {exc.msg}", path, exc.lineno, exc.colno)) from None
    # The same data again through the YAML reader, for a line and column of every value. Valid
    # JSON has tabs only as whitespace between tokens, which YAML refuses: make them spaces.
    data, source = load_yaml(text.replace("\t", " "), path)
    if not isinstance(data, dict) or not isinstance(data.get("basics", {}), dict):
        raise CvError(Problem("a JSON Resume file is an object with a 'basics' object", path, 1, 1))
    if not (data.get("basics") or {}).get("name"):
        raise CvError(source.problem("basics.name is missing", ("basics",), hint='add "name": "Your Name"'))
    profile = convert(data)
    loaded = Loaded(
        profile=validate_profile(profile, _converted_positions(data, profile, source)), path=path, inputs=[path]
    )
    return apply_overrides(loaded, overrides)


# Where a converted field came from, so errors point into the JSON file: ours → theirs.
_FIELD_ORIGINS = {
    "start": ("startDate",),
    "end": ("endDate",),
    "date": ("date", "releaseDate", "endDate"),
    "title": ("position", "name", "title", "studyType"),
    "organisation": ("name", "institution", "organization"),
    "url": ("url",),
    "summary": ("summary", "description"),
    "text": ("title", "name"),
}


def _converted_positions(data: dict[str, Any], profile: dict[str, Any], source: SourceMap) -> SourceMap:
    """A source map for the converted profile whose positions are those of the JSON origins."""
    mapped = SourceMap(source.file)
    mapped.values[()] = source.values.get((), (1, 1))
    mapped.values[("person",)] = source.values.get(("basics",), (1, 1))
    for ours, theirs in (("name", "name"), ("email", "email"), ("website", "url"), ("phone", "phone")):
        if ("basics", theirs) in source.values:
            mapped.values[("person", ours)] = source.values[("basics", theirs)]
    keys = [key for key, _ in SECTIONS if isinstance(data.get(key), list) and data.get(key)]
    offset = 1 if any("text" in s for s in profile["sections"][:1]) and (data.get("basics") or {}).get("summary") else 0
    for index, key in enumerate(keys, start=offset):
        if index >= len(profile["sections"]):
            break
        section = profile["sections"][index]
        rows_key = next((k for k in ("entries", "items", "publications") if k in section), None)
        mapped.values[("sections", index)] = source.values.get((key,), (1, 1))
        if rows_key is None:
            continue
        for row in range(len(section[rows_key])):
            here = ("sections", index, rows_key, row)
            mapped.values[here] = source.values.get((key, row), mapped.values[("sections", index)])
            for ours, origins in _FIELD_ORIGINS.items():
                found = next((source.values[(key, row, o)] for o in origins if (key, row, o) in source.values), None)
                if found:
                    mapped.values[here + (ours,)] = found
    return mapped
