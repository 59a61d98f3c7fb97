"""Reading RIS publication files (EndNote, Zotero, Mendeley, Web of Science, Scopus, publishers' sites).

RIS is line-based: ``TY  - JOUR`` opens a record, ``XX  - value`` adds a field (authors,
keywords and links repeat), ``ER  -`` closes it. The format is simple enough that a
dozen lines read it with each record's line number (for ``file:line`` in warnings) and
without failing on the variations exporters write (``TY - JOUR`` with one space, lines
continued without a tag, a missing ``ER``), so no library is needed. Each record becomes
BibTeX-named fields and goes through :mod:`cvbuild.load.publication_fields`, like a
``.bib`` entry. This is not a profile reader: a publications section names the file in ``bib:``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from . import publication_fields
from .bib_result import BibResult
from .markup import html_to_rich

_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|\s*)$")
# RIS reference type → the BibTeX entry type whose rules apply.
ENTRY_TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "NEWS": "article",
    "INPR": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "THES": "phdthesis",
    "RPRT": "techreport",
    "PAT": "patent",
    "UNPB": "unpublished",
    "MANSCPT": "unpublished",
}
# Tags that name the venue, by entry type, in the order exporters prefer them.
_VENUE_TAGS = {
    "article": ("JF", "JO", "T2", "JA", "J2"),
    "inproceedings": ("T2", "BT", "C3", "JF", "JO"),
    "incollection": ("T2", "BT"),
}
_MAPPED = {"TY", "ER", "TI", "T1", "CT", "AU", "A1", "A2", "ED", "A3", "A4", "PY", "Y1", "DA", "Y2", "VL", "IS",
           "SP", "EP", "PB", "DO", "UR", "L1", "L2", "L4", "N1", "KW", "ID", "T2", "BT", "C3", "JF", "JO", "JA",
           "J2", "T3", "M3", "AB", "N2", "SN", "LA", "AN", "DB", "DP", "CY", "ET", "ST", "Y3", "C1", "C2", "AD",
           "RP", "CA", "LB", "M1", "M2", "NV", "OP", "RN", "SE", "U1", "U2", "U3", "U4", "U5"}  # fmt: skip
_LONG_NOTE = 200  # characters: Zotero writes whole child notes to N1; a CV prints a short remark only


@dataclass
class _Record:
    line: int
    tags: dict[str, list[str]] = field(default_factory=dict)

    def first(self, *names: str) -> str:
        for name in names:
            for value in self.tags.get(name, []):
                if value.strip():
                    return value.strip()
        return ""

    def all(self, *names: str) -> list[str]:
        return [v.strip() for name in names for v in self.tags.get(name, []) if v.strip()]


def _records(text: str) -> tuple[list[_Record], list[int]]:
    """The records, and the lines of text found outside any record."""
    records: list[_Record] = []
    stray: list[int] = []
    current: _Record | None = None
    last_tag = ""
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.rstrip()
        if not line.strip():
            continue
        match = _LINE.match(line.lstrip("\ufeff"))
        if match:
            tag, value = match.group(1), match.group(2) or ""
            if tag == "TY":
                current = _Record(number)
                records.append(current)
            elif current is None:
                stray.append(number)
                continue
            if tag == "ER":
                current, last_tag = None, ""
                continue
            current.tags.setdefault(tag, []).append(value)
            last_tag = tag
        elif current is not None and last_tag:
            current.tags[last_tag][-1] += " " + line.strip()  # a long value wrapped onto the next line
        else:
            stray.append(number)
    return records, stray


def _year_month(value: str) -> tuple[str, str]:
    """'2024/03/15/', '2024///', '2024-03' → ('2024', '3')."""
    match = re.match(r"\s*(\d{4})(?:[/\-](\d{1,2}))?", value)
    if not match:
        return value.strip(), ""
    return match.group(1), str(int(match.group(2))) if match.group(2) and 1 <= int(match.group(2)) <= 12 else ""


def record_fields(record: _Record, warn: publication_fields.Warn) -> tuple[str, dict[str, str], list[str], bool]:
    """One RIS record → (BibTeX entry type, fields, authors, edited)."""
    kind = record.first("TY").upper()
    entry_type = ENTRY_TYPES.get(kind, "misc")
    fields: dict[str, str] = {}

    def put(name: str, value: str) -> None:
        text = html_to_rich(value) if value else ""
        if text:
            fields[name] = text

    put("title", record.first("TI", "T1", "CT", "ST"))
    venue = record.first(*_VENUE_TAGS.get(entry_type, ()))
    if venue:
        put("journal" if entry_type == "article" else "booktitle", venue)
    put("series", record.first("T3") or (record.first("T2") if entry_type == "book" else ""))
    year, month = _year_month(record.first("PY", "Y1", "DA"))
    if not month:
        month = _year_month(record.first("DA"))[1]
    put("year", year)
    put("month", month)
    put("volume", record.first("VL"))
    put("number", record.first("IS") or (record.first("M1") if entry_type in ("techreport", "patent") else ""))
    start, end = record.first("SP"), record.first("EP")
    put("pages", f"{start}–{end}" if start and end and end != start else start)
    publisher = record.first("PB")
    if entry_type == "phdthesis":
        put("school", publisher)
        if re.search(r"master", record.first("M3"), re.I):
            entry_type = "mastersthesis"
    elif entry_type == "techreport":
        put("institution", publisher)
    else:
        put("publisher", publisher)
    if entry_type == "misc" and publisher:
        put("howpublished", publisher)
    doi = record.first("DO")
    if doi:
        fields["doi"] = re.sub(r"\s+", "", doi)
    urls = record.all("UR")
    if urls:
        fields["url"] = re.sub(r"\s+", "", urls[0])
    pdf = next((u for u in record.all("L1") if re.match(r"https?://", u)), "")
    if pdf:
        fields["pdf"] = pdf
    note = record.first("N1")
    if note:
        if len(note) <= _LONG_NOTE and "\n" not in note:
            put("note", note)
        else:
            warn(f"has a long note (N1, {len(note)} characters); left out", hint="a CV prints short notes only")
    keywords = record.all("KW")
    if keywords:
        put("keywords", ", ".join(keywords))
    for tag, values in record.tags.items():
        if tag not in _MAPPED and values and values[0].strip():
            fields.setdefault(tag.lower(), html_to_rich(values[0]))  # kept for group_by, as BibTeX's are
    authors = record.all("AU", "A1")
    editors = record.all("A2", "ED") if entry_type in ("book", "incollection", "inproceedings") else []
    if editors:
        fields["editor"] = " and ".join(editors)
    names = [html_to_rich(a) for a in (authors or editors)]
    return entry_type, fields, names, not authors and bool(editors)


def parse_ris(
    text: str,
    path: Path,
    *,
    shown_as: str | None = None,
    link_base: str | None = None,
    venue_kinds: Mapping[str, str] | None = None,
) -> BibResult:
    """RIS text → publications, warning (never failing) about what it cannot read."""
    result = BibResult()
    label = shown_as or path.name
    records, stray = _records(text)
    if not records:
        result.warnings.append(Problem("no RIS records found in this file", path, 1, hint="records start with TY  -"))
        return result
    if stray:
        result.warnings.append(
            Problem(
                f"{len(stray)} line(s) outside any record were ignored",
                path,
                stray[0],
                hint="each record starts with TY  - and ends with ER  -",
            )
        )
    for number, record in enumerate(records, start=1):
        key = record.first("ID") or f"record {number}"

        def warn(message: str, hint: str = "", key: str = key, line: int = record.line) -> None:
            result.warnings.append(Problem(f"record '{key}' {message}", path, line, None, "", hint))

        entry_type, fields, authors, edited = record_fields(record, warn)
        pub = publication_fields.build(
            entry_type,
            record.first("ID"),
            fields,
            authors,
            edited=edited,
            where=f"{label}:{record.line}",
            link_base=link_base,
            venue_kinds=venue_kinds or {},
            warn=warn,
        )
        if pub is not None:
            result.publications.append(pub)
    return result
