"""Reading CSL-JSON publication files (Zotero, Mendeley, Better BibTeX, citeproc-js exports).

CSL-JSON is the citation data every CSL processor reads: a list of items, each with a
``type`` (``article-journal``, ``paper-conference``, ``chapter``, ``thesis`` …), names as
``{"family": …, "given": …}`` and dates as ``{"date-parts": [[2024, 3]]}``. Each item is
mapped to BibTeX-named fields and goes through :mod:`cvbuild.load.publication_fields`, like a
``.bib`` entry, so the same paper lands in the same group with the same venue and links
whichever file it came from. CSL's rich text (``<i>``, ``<b>``, ``<sup>``, small capitals)
becomes cvbuild's rich text. This is not a profile reader (it is not in the registry): a
publications section names the file in ``bib:``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import CvError, Problem
from . import publication_fields
from .bib_result import BibResult
from .markup import html_to_rich

# CSL item type → the BibTeX entry type whose rules apply.
ENTRY_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "review-book": "article",
    "paper-conference": "inproceedings",
    "book": "book",
    "chapter": "incollection",
    "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection",
    "entry": "incollection",
    "thesis": "phdthesis",
    "report": "techreport",
    "patent": "patent",
    "manuscript": "unpublished",
    "article": "misc",  # Zotero's "Preprint" and other articles without a container
    "preprint": "preprint",
}
# CSL variables → BibTeX-named fields (text).
_TEXT_FIELDS = {
    "title": "title",
    "collection-title": "series",
    "publisher": "publisher",
    "volume": "volume",
    "issue": "number",
    "page": "pages",
    "note": "note",
    "genre": "type",
    "status": "pubstate",
    "number": "number",
    "event-place": "address",
}
_IGNORED = {
    "id", "type", "author", "editor", "issued", "accessed", "abstract", "DOI", "URL", "container-title",
    "container-title-short", "journalAbbreviation", "event", "event-title", "keyword", "citation-key",
    "source", "language", "ISSN", "ISBN", "PMID", "PMCID", "archive", "archive_location", "call-number",
    "dimensions", "medium", "title-short", "shortTitle", "publisher-place", "original-date", "submitted",
    "number-of-pages", "number-of-volumes", "collection-number", "edition", "annote", "license", "version",
    "event-date", "container-author", "translator", "reviewed-author", "director", "interviewer",
    "recipient", "composer", "illustrator", "original-author", "collection-editor", "editorial-director",
}  # fmt: skip
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9/@&\-]*[A-Z][A-Za-z0-9/@&\-]*(?:\s?'?\d{2,4})?$")


def _items(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("items", "references"):
            if isinstance(data.get(key), list):
                return list(data[key])
        if "type" in data and ("title" in data or "id" in data):
            return [data]
    return None


def _name(person: Any) -> str | None:
    """A CSL name → 'Family, Given' (particles kept with the family name, a suffix after it)."""
    if isinstance(person, str):
        return person.strip() or None
    if not isinstance(person, Mapping):
        return None
    if person.get("literal"):
        return str(person["literal"]).strip()
    family = " ".join(
        str(person[k]).strip() for k in ("non-dropping-particle", "family") if person.get(k) not in (None, "")
    )
    given = " ".join(str(person[k]).strip() for k in ("given", "dropping-particle") if person.get(k) not in (None, ""))
    suffix = str(person.get("suffix") or "").strip()
    if not family:
        return given or None
    return ", ".join(p for p in (family, suffix, given) if p) if given or suffix else family


def _names(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [n for n in (_name(p) for p in value) if n]


def _date(value: Any) -> tuple[str, str]:
    """(year, month) as text from ``date-parts``, ``raw`` or ``literal``."""
    if isinstance(value, Mapping):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            first = parts[0]
            year = str(first[0]) if first[0] not in (None, "") else ""
            month = str(first[1]) if len(first) > 1 and first[1] not in (None, "") else ""
            return year, month
        for key in ("raw", "literal"):
            text = str(value.get(key) or "")
            match = re.search(r"\b(1[5-9]\d\d|2\d\d\d)(?:-(\d{1,2}))?", text)
            if match:
                return match.group(1), match.group(2) or ""
            if text:
                return text, ""
    if isinstance(value, str | int):
        return str(value), ""
    return "", ""


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v not in (None, ""))
    return html_to_rich(str(value)) if value not in (None, "") else ""


def item_fields(item: Mapping[str, Any]) -> tuple[str, dict[str, str], list[str], bool]:
    """One CSL item → (BibTeX entry type, fields, authors, edited)."""
    csl_type = str(item.get("type") or "").strip().lower()
    entry_type = ENTRY_TYPES.get(csl_type, "misc")
    fields: dict[str, str] = {}
    for csl_name, bib_name in _TEXT_FIELDS.items():
        text = _text(item.get(csl_name))
        if text and bib_name not in fields:
            fields[bib_name] = text
    container = _text(item.get("container-title"))
    event = _text(item.get("event-title") or item.get("event"))
    if entry_type in ("inproceedings", "incollection"):
        if container or event:
            fields["booktitle"] = container or event
    elif container:
        fields["journal"] = container
    short = _text(item.get("container-title-short") or item.get("journalAbbreviation"))
    if short and _ACRONYM.match(short):
        fields["abbr"] = short
    if entry_type == "phdthesis":
        if re.search(r"master|m\.?sc|m\.?a\b", fields.get("type", ""), re.I):
            entry_type = "mastersthesis"
        if fields.get("publisher"):
            fields["school"] = fields.pop("publisher")
    if entry_type == "techreport" and fields.get("publisher"):
        fields["institution"] = fields.pop("publisher")
    if entry_type == "misc" and fields.get("publisher"):
        fields.setdefault("howpublished", fields["publisher"])  # "arXiv", "SSRN": the preprint server
    year, month = _date(item.get("issued"))
    if year:
        fields["year"] = year
    if month:
        fields["month"] = month
    if item.get("DOI"):
        fields["doi"] = re.sub(r"\s+", "", str(item["DOI"]))
    if item.get("URL"):
        fields["url"] = re.sub(r"\s+", "", str(item["URL"]))
    keywords = item.get("keyword")
    if keywords:
        fields["keywords"] = _text(keywords)
    for name, value in item.items():
        key = str(name).lower()
        if name in _IGNORED or name in _TEXT_FIELDS or key in fields or not isinstance(value, str | int | float):
            continue
        fields[key] = _text(value)  # kept for group_by, as BibTeX's extra fields are
    authors = _names(item.get("author"))
    editors = _names(item.get("editor"))
    if editors:
        fields["editor"] = " and ".join(editors)
    return entry_type, fields, authors or editors, not authors and bool(editors)


def _item_lines(text: str, ids: list[str]) -> list[int | None]:
    """Where each item's id sits in the file (JSON parsers forget lines): for file:line in messages."""
    lines: list[int | None] = []
    position = 0
    for item_id in ids:
        match = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(item_id, ensure_ascii=False))).search(text, position)
        if match is None and item_id:
            match = re.compile(r'"id"\s*:\s*' + re.escape(item_id)).search(text, position)
        if match is None:
            lines.append(None)
            continue
        position = match.end()
        lines.append(text.count("\n", 0, match.start()) + 1)
    return lines


def parse_csl_json(
    text: str,
    path: Path,
    *,
    shown_as: str | None = None,
    link_base: str | None = None,
    venue_kinds: Mapping[str, str] | None = None,
) -> BibResult:
    """CSL-JSON text → publications; a file that is not JSON is an error at its line and column."""
    result = BibResult()
    label = shown_as or path.name
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CvError(
            Problem(f"not valid JSON: {exc.msg}", path, exc.lineno, exc.colno, hint="CSL-JSON is a list of items")
        ) from None
    items = _items(data)
    if not items:
        result.warnings.append(Problem("no CSL-JSON items found in this file", path, 1, hint="a list of {type, title}"))
        return result
    ids = [str(item.get("id", "")) if isinstance(item, Mapping) else "" for item in items]
    lines = _item_lines(text, ids)
    for index, (item, line) in enumerate(zip(items, lines, strict=True)):
        key = ids[index] or f"item {index + 1}"

        def warn(message: str, hint: str = "", key: str = key, line: int | None = line) -> None:
            result.warnings.append(Problem(f"item '{key}' {message}", path, line, None, "", hint))

        if not isinstance(item, Mapping):
            warn("is not a JSON object; skipped")
            continue
        entry_type, fields, authors, edited = item_fields(item)
        key_text = str(item.get("citation-key") or item.get("id") or "") or None
        pub = publication_fields.build(
            entry_type,
            key_text or "",
            fields,
            authors,
            edited=edited,
            where=f"{label}:{line}" if line else label,
            link_base=link_base,
            venue_kinds=venue_kinds or {},
            warn=warn,
        )
        if pub is not None:
            result.publications.append(pub)
    return result
