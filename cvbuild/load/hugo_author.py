"""Reader for Hugo Blox author data files: ``data/authors/<name>.yaml``.

Hugo Blox keeps a person's CV in one YAML file: ``name`` (``display``/``given``/``family``),
``role``, ``bio``, ``affiliations``, ``links`` (icons say what each link is), ``interests``,
``education``, ``experience``, ``awards``, ``skills``, ``languages``. They become:

* ``person``: name, headline (role), affiliation, email/phone and the social fields (GitHub,
  LinkedIn, ORCID, Scholar) from ``links``; other links keep the network's proper name as label
  ("X", "Bluesky"), never the icon id; the given + family name is a name variant for author lists;
* sections About (``bio``), Interests (bullets), Education and Experience (entries with the
  organisation), Awards (items), Skills (label: names), Languages;
* Publications: when the file sits in a Hugo site (``<site>/data/authors/``) with publication
  pages (``content/publication(s)/*/index.md``), the pages naming this author (by username or
  name) become inline publications, the username replaced by the author's name.

The mapping is shared with the homepage reader's Hugo pages (:mod:`cvbuild.load.hugo_data`).
Errors point into the YAML file; what has no place in a CV (pronouns, postnominals, unknown
keys) is named in a warning, site chrome (avatar, status emoji) is left out quietly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import CvError, Problem, Warnings
from ..i18n import words
from ..model import Person, validate_profile
from ..source import SourceMap, load_yaml
from ..util.files import read_text
from .hugo_data import (
    Built,
    HugoPerson,
    Owner,
    citation_name,
    config_files,
    find_site_root,
    hugo_person,
    hugo_sections,
    publication_pages,
    read_publications,
    site_config,
    unmapped_keys,
    without_shortcodes,
)
from .loaded import Loaded, Overrides, apply_overrides

# Where a person field came from in the author file, for located warnings and errors.
_PERSON_ORIGINS = {
    "name": ("name",),
    "headline": ("role",),
    "affiliation": ("affiliations",),
    "email": ("email",),
    "phone": ("phone",),
}
# Where a converted row field came from: ours → the author file's keys, first found wins.
_ROW_ORIGINS = {
    "title": ("degree", "area", "course", "role", "position", "title", "name"),
    "organisation": ("institution", "school", "org", "company", "company_name", "organization"),
    "start": ("date_start", "start"),
    "end": ("date_end", "end"),
    "date": ("date", "year", "date_end", "end"),
    "date_text": ("date_start", "start", "date", "year"),
    "summary": ("summary", "description"),
    "text": ("title", "name"),
    "url": ("url", "company_url", "certificate_url"),
}


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    path = Path(path)
    data, source = load_yaml(read_text(path), path)
    if not isinstance(data, dict):
        raise CvError(Problem("a Hugo Blox author file is a mapping of 'key: value' lines", path, 1, 1))
    warnings = Warnings()
    notes: list[str] = []
    found = hugo_person(data)
    person = _person(found, source, warnings)
    if not person.get("name") and not (overrides or {}).get("name"):
        raise CvError(
            source.problem(
                "the author has no name",
                ("name",) if "name" in data else (),
                key="name" in data,
                hint="add 'name: {display: Ada Lovelace, given: Ada, family: Lovelace}' or use --person-name",
            )
        )
    person["name"] = person.get("name") or (overrides or {})["name"]

    root = find_site_root(path)
    built: list[Built] = []
    locale = _locale(root, warnings)
    bio = without_shortcodes(str(data.get("bio") or ""))
    if bio:
        built.append(Built("bio", {"title": words(locale)["about"], "text": bio}))
    built += hugo_sections(data)
    sections = [b.section for b in built]

    inputs = [path]
    inputs += config_files(root) if root is not None else []
    in_site = root is not None and path.resolve().parent == (root / "data" / "authors").resolve()
    if root is not None and in_site and publication_pages(root):
        owner = Owner(path.stem, citation_name(data) or person["name"], [person["name"]])
        pubs = read_publications(root, owner, warnings)
        inputs += pubs.files
        notes += pubs.notes
        if pubs.publications:
            sections.append({"title": "Publications", "publications": pubs.publications})
            notes.append(f"{len(pubs.publications)} publications read from the site's content/ folder")

    left = [*found.unmapped, *unmapped_keys(data)]
    if left:
        warnings.add(
            f"not placed in the CV: {', '.join(left)}", file=path, hint="add them by hand after 'cvbuild import'"
        )
    if found.dropped_links:
        warnings.add(
            f"left out links that cannot work in a PDF: {', '.join(found.dropped_links)}",
            file=path,
            line=source.locate(("links",))[0],
            hint="give full https:// addresses",
        )
    if found.cv_links:
        notes.append(f"{path.name}: the site's own CV download link left out")

    profile_data: dict[str, Any] = {"person": person, "locale": locale, "sections": sections}
    mapped = _converted_positions(data, built, source)
    profile = validate_profile(profile_data, mapped)
    loaded = Loaded(profile=profile, path=path, inputs=inputs, warnings=warnings, source=mapped, notes=notes, root=root)
    return apply_overrides(loaded, overrides)


def _person(found: HugoPerson, source: SourceMap, warnings: Warnings) -> dict[str, Any]:
    """The person fields, each checked alone: one bad value (an email without @) drops only itself."""
    person: dict[str, Any] = {}
    for key, value in found.fields.items():
        try:
            Person.model_validate({"name": "x", key: value} if key != "name" else {"name": value})
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
            line, column = source.locate(_PERSON_ORIGINS.get(key, ("links",)))
            warnings.add(f"ignored {key}: {reason}", file=source.file, line=line, column=column)
            continue
        person[key] = value
    if found.links:
        person["links"] = found.links
    variants = [v for v in found.name_variants if v != person.get("name")]
    if variants:
        person["name_variants"] = variants
    return person


def _locale(root: Path | None, warnings: Warnings) -> str:
    """The site's language (``languageCode: de-de`` → de); English when the file is not in a site."""
    if root is None:
        return "en"
    code = site_config(root, warnings).get("languageCode")
    if isinstance(code, str) and re.fullmatch(r"[a-zA-Z]{2,3}([-_][A-Za-z0-9]{2,8})*", code.strip()):
        return code.strip().split("-")[0].split("_")[0].lower()
    return "en"


def _converted_positions(data: dict[str, Any], built: list[Built], source: SourceMap) -> SourceMap:
    """A source map for the converted profile whose positions are those of the author file."""
    mapped = SourceMap(source.file)
    top = source.values.get((), (1, 1))
    mapped.values[()] = top
    mapped.values[("person",)] = source.values.get(("name",), top)
    for ours, theirs in _PERSON_ORIGINS.items():
        where = source.values.get(theirs) or source.values.get(("organizations",) if ours == "affiliation" else theirs)
        if where:
            mapped.values[("person", ours)] = where
    if ("links",) in source.values:
        mapped.values[("person", "links")] = source.values[("links",)]
    for index, part in enumerate(built):
        section_at = source.values.get((part.key,), top)
        mapped.values[("sections", index)] = section_at
        rows_key = next((k for k in ("entries", "items") if k in part.section), None)
        if rows_key is None:
            continue
        rows = data.get(part.key)
        origin: tuple[str | int, ...] = (part.key,)
        if isinstance(rows, dict):
            origin = (part.key, "courses" if "courses" in rows else "items")
        for row, origin_row in enumerate(part.rows):
            here = ("sections", index, rows_key, row)
            mapped.values[here] = source.values.get((*origin, origin_row), section_at)
            for field_name, keys in _ROW_ORIGINS.items():
                at = next((source.values[p] for k in keys if (p := (*origin, origin_row, k)) in source.values), None)
                if at:
                    mapped.values[here + (field_name,)] = at
    return mapped
