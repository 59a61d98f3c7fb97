"""One publication's fields → :class:`~cvbuild.model.Publication`: kind, venue, links, year, notes.

BibTeX (:mod:`cvbuild.load.bibtex`), CSL-JSON (:mod:`cvbuild.load.csl_json`) and RIS
(:mod:`cvbuild.load.ris`) entries all arrive here as BibTeX-named fields (``journal``,
``booktitle``, ``howpublished``, ``eprint``, ``abbr`` …) already decoded to rich text, so
every rule about what an entry *is* lives in one place and a Zotero export files a paper in
the same group as the same paper's ``.bib`` entry:

* **kind**: the entry's own ``kind`` field, then the profile's ``venue_kinds``, then the entry
  type corrected by the venue's name (:mod:`cvbuild.load.venues`): ``@article`` in a
  conference is a conference paper, ``@inproceedings{booktitle = {arXiv}}`` a preprint.
* **venue**: journal, booktitle or howpublished; a thesis names its degree and school, a report
  its institution and number, a preprint its arXiv id; a book's publisher is printed once
  (as a detail, by the resolver), never as its venue too; no year repeated after the name.
* **links**: DOI, arXiv, PDF, code, slides … each checked (web or email addresses only).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from ..model import PartialDate, Publication
from ..model.dates import MONTHS
from ..model.publications import KINDS, plain_text
from ..util.links import is_safe_link
from .venues import is_preprint_venue, mapped_kind, strip_year, venue_kind

Warn = Callable[..., None]  # warn(message, hint="")

ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/" + ARXIV_ID.pattern, re.I)
_ARXIV_TEXT = re.compile(r"(?:arxiv[:\s]*|abs/)" + ARXIV_ID.pattern, re.I)
_TO_APPEAR = re.compile(r"\b(to appear|in press|forthcoming|accepted)\b", re.I)
# Fields whose values are addresses or identifiers: never decoded as text.
URL_FIELDS = {"url", "doi", "eprint", "pdf", "code", "slides", "video", "poster", "website", "project", "blog", "html"}


def arxiv_id(fields: Mapping[str, str]) -> str | None:
    """The arXiv identifier an entry names anywhere: arxiv, eprint, a URL, CoRR's volume, a note."""
    if fields.get("arxiv"):
        match = ARXIV_ID.search(fields["arxiv"])
        return match.group(1) if match else fields["arxiv"].strip()
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    eprint = fields.get("eprint", "")
    if eprint and (prefix == "arxiv" or (not prefix and re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", eprint))):
        match = ARXIV_ID.search(eprint)
        return match.group(1) if match else eprint
    for name in ("url", "journal", "booktitle", "volume", "number", "note", "howpublished"):
        value = fields.get(name, "")
        if not value or ("arxiv" not in value.lower() and "abs/" not in value):
            continue
        value = plain_text(value)
        match = _ARXIV_URL.search(value) or _ARXIV_TEXT.search(value)
        if match:
            return match.group(1).removesuffix(".pdf")
    return None


def _venue_text(fields: Mapping[str, str]) -> str:
    return plain_text(fields.get("journal") or fields.get("booktitle") or fields.get("howpublished") or "")


def classify(
    entry_type: str, fields: Mapping[str, str], arxiv: str | None, venue_kinds: Mapping[str, str], warn: Warn
) -> str:
    """The kind of an entry: its own ``kind`` field, the profile's mapping, else type and venue."""
    override = fields.get("kind", "").strip().lower()
    if override:
        if override in KINDS:
            return override
        warn(f"has kind = '{override}', which is not a kind; filed by its type", hint="kinds: " + ", ".join(KINDS))
    venue = _venue_text(fields)
    abbr = plain_text(fields.get("abbr", ""))
    mapped = mapped_kind(venue, abbr, venue_kinds)
    if mapped:
        return mapped
    by_name = venue_kind(venue, abbr)
    if entry_type in ("article", "periodical"):
        if not venue and arxiv:
            return "preprint"
        return by_name or "journal"
    if entry_type in ("inproceedings", "conference", "proceedings"):
        if by_name == "preprint":
            return "preprint"
        return "workshop" if by_name == "workshop" else "conference"
    if entry_type in ("phdthesis", "mastersthesis", "thesis"):
        return "thesis"
    if entry_type == "patent":
        return "patent"
    if entry_type in ("incollection", "inbook"):
        # Springer's exports type LNCS conference papers as chapters of the proceedings "book"
        return by_name if by_name in ("conference", "workshop", "preprint") else "chapter"
    if entry_type == "book":
        return "book"
    if entry_type in ("techreport", "report"):
        return "preprint" if by_name == "preprint" else "report"
    if entry_type in ("misc", "unpublished", "online", "electronic", "preprint") and (
        arxiv or (venue and is_preprint_venue(venue)) or entry_type == "preprint"
    ):
        return "preprint"
    return "other"


_TRAILING_YEAR = re.compile(r"(?:,?\s+|')(?:19|20)\d{2}$|(?<=[A-Za-z])\s?'\d{2}$")
_PAREN_YEAR = re.compile(r"\(([A-Z][\w/@&\-]*[A-Z][\w/@&\-]*)\s*'?(?:(?:19|20)\d{2}|\d{2})\)")


def _without_year(venue: str, year: int | None) -> str:
    """'… (NeurIPS 2024)' → '… (NeurIPS)', 'ICML 2023' → 'ICML', '2023 IEEE Conference …' → 'IEEE Conference …':
    the entry's year is printed once, after the venue ("Proceedings of the 2023 Conference on …" keeps its own)."""
    if year is None:
        return venue
    venue = _PAREN_YEAR.sub(r"(\1)", venue)
    if venue.startswith(f"{year} ") and re.match(r"\d{4} [A-Z]", venue):
        venue = venue[5:]
    stripped = _TRAILING_YEAR.sub("", venue).rstrip(" ,")
    return stripped if re.search(r"[A-Za-z]{2}", stripped) else venue


def venue(entry_type: str, kind: str, fields: Mapping[str, str], arxiv: str | None, year: int | None) -> str | None:
    """What the CV prints after the title (rich text)."""
    if kind == "thesis":
        degree = fields.get("type") or {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}.get(
            entry_type, "Thesis"
        )
        return ", ".join(x for x in (degree, fields.get("school") or fields.get("institution")) if x)
    if kind == "report" and entry_type in ("techreport", "report"):
        label = " ".join(x for x in (fields.get("type") or "Technical Report", fields.get("number")) if x)
        return ", ".join(x for x in (fields.get("institution"), label) if x)
    if kind == "patent":
        return " ".join(x for x in ("Patent", fields.get("number")) if x)
    name = fields.get("journal") or fields.get("booktitle") or fields.get("howpublished") or ""
    if (
        kind == "preprint"
        and arxiv
        and (not name or re.fullmatch(r"(corr|arxiv)(\.org)?( preprint)?", plain_text(name).strip(), re.I))
    ):
        name = f"arXiv preprint arXiv:{arxiv}"
    if kind == "book":
        return fields.get("series") or name or None  # the publisher is a detail: printed once, by the resolver
    if not name and kind in ("chapter", "other"):
        name = fields.get("publisher") or fields.get("organization") or ""
    return _without_year(name, year) or None


def links(fields: Mapping[str, str], arxiv: str | None, link_base: str | None, warn: Warn) -> dict[str, str]:
    """DOI, arXiv and the al-folio link fields; relative paths need the section's link_base."""
    out: dict[str, str] = {}
    doi = fields.get("doi", "")
    if not doi and re.search(r"doi\.org/10\.", fields.get("url", "")):
        doi = fields["url"]
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    if doi:
        if doi.startswith("10."):
            out["doi"] = doi
        else:
            warn(f"'{doi}' is not a DOI (DOIs start with '10.'); left out")
    if arxiv:
        out["arxiv"] = arxiv
    names = {"pdf": "pdf", "code": "code", "slides": "slides", "video": "video", "poster": "poster", "blog": "blog"}
    names |= {"website": "project", "project": "project"}
    for field_name, kind in names.items():
        value = fields.get(field_name)
        if not value or kind in out:
            continue
        if re.match(r"^(https?:)?//|^mailto:", value):
            out[kind] = value
        elif link_base:
            out[kind] = link_base.rstrip("/") + "/" + value.lstrip("/")
        else:
            warn(f"{field_name} = '{value}' is a relative path; left out", hint="set link_base on the section")
    url = fields.get("url") or fields.get("html")
    if url and not re.search(r"doi\.org/|arxiv\.org/", url, re.I):
        out["url"] = url
    for kind, value in list(out.items()):
        if kind not in ("doi", "arxiv") and not is_safe_link(value):
            warn(f"{kind} = '{value[:60]}' is not a web or email link; left out", hint="use an http(s):// address")
            del out[kind]
    return out


def year_and_note(fields: Mapping[str, str]) -> tuple[int | None, int | None, str | None]:
    """Year, month and a 'to appear' note: 'to appear' may sit in year, note or pubstate."""
    year_text = plain_text(fields.get("year", "") or fields.get("date", "")[:4])
    match = re.search(r"\b(1[5-9]\d\d|2\d\d\d)\b", year_text)
    year = int(match.group(1)) if match else None
    month = None
    month_text = plain_text(fields.get("month", "")).strip().lower().rstrip(".")
    date_text = fields.get("date", "")
    if month_text.isdigit() and 1 <= int(month_text) <= 12:
        month = int(month_text)
    elif month_text[:3] in MONTHS:
        month = MONTHS[month_text[:3]]
    elif re.match(r"^\d{4}-(\d{2})", date_text):
        month = int(date_text[5:7]) if 1 <= int(date_text[5:7]) <= 12 else None
    notes = [fields.get("note", "")]
    pubstate = fields.get("pubstate", "")
    pending = _TO_APPEAR.search(year_text) or re.search(r"forthcoming|inpress|accepted", pubstate, re.I)
    if pending and not _TO_APPEAR.search(plain_text(fields.get("note", ""))):
        notes.insert(0, "To appear")
    for extra in ("award_name", "additional_info"):
        if fields.get(extra):
            notes.append(fields[extra])
    note = ". ".join(n.strip().rstrip(".") for n in notes if n and n.strip()) or None
    return year, month, note


def when(year: int | None, month: int | None, note: str | None) -> PartialDate | None:
    """A month makes the order within a year right; 'to appear' without a year sorts as newest."""
    if year and month:
        return PartialDate(year, month)
    if year is None and note and note.startswith("To appear"):
        return PartialDate.today_marker()
    return None


def truthy(value: str) -> bool:
    return value.strip().lower() in ("true", "yes", "1", "y")


_PAGE_RANGE = re.compile(r"(?<=\w)\s*(?:-{1,3}|–|—)\s*(?=\w)")


def build(
    entry_type: str,
    key: str,
    fields: dict[str, str],
    authors: list[str],
    *,
    edited: bool,
    where: str,
    link_base: str | None,
    venue_kinds: Mapping[str, str],
    warn: Warn,
) -> Publication | None:
    """A :class:`Publication` from decoded fields, or None (with a warning) when it cannot be one."""
    title = fields.get("title", "").strip().rstrip(".").strip()
    if not plain_text(title).strip():
        warn("has no title; skipped", hint="add a title")
        return None
    arxiv = arxiv_id(fields)
    kind = classify(entry_type, fields, arxiv, venue_kinds, warn)
    year, month, note = year_and_note(fields)
    if year is None and not (note and note.startswith("To appear")):
        warn("has no year; listed as undated", hint="add a year (or 'to appear')")
    volume = plain_text(fields.get("volume")) or None
    if volume and volume.lower().startswith("abs/"):
        volume = None  # DBLP CoRR
    pages = plain_text(fields.get("pages")) or None
    if pages and re.search(r"\d", pages):
        pages = _PAGE_RANGE.sub("–", pages)
    found_links = links(fields, arxiv, link_base, warn)
    tags = re.split(r"[,;]", plain_text(fields.get("tags", "")) + "," + plain_text(fields.get("keywords", "")))
    data: dict[str, Any] = {
        "title": title,
        "authors": authors,
        "edited": edited,
        "venue": venue(entry_type, kind, fields, arxiv, year),
        "abbr": strip_year(plain_text(fields.get("abbr", ""))) or None,
        "year": year,
        "date": when(year, month, note),
        "kind": kind,
        "volume": volume,
        "number": plain_text(fields.get("number")) or None if kind == "journal" else None,
        "pages": pages,
        "publisher": plain_text(fields.get("publisher")) or None,
        "note": note,
        "selected": truthy(plain_text(fields.get("selected", ""))),
        "key": key or None,
        "keywords": plain_text(fields.get("keywords", "")),
        "tags": [t.strip() for t in tags if t.strip()],
        "fields": {k: plain_text(v) for k, v in fields.items() if v and len(v) <= 200 and k not in ("author", "title")},
        "source": where,
        **{k: v for k, v in found_links.items() if k != "url"},
        "url": found_links.get("url"),
    }
    try:
        return Publication.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        warn(f"{first['msg'].removeprefix('Value error, ')} ({'.'.join(map(str, first['loc']))}); skipped")
        return None
