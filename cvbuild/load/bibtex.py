"""Reading BibTeX files into :class:`~cvbuild.model.Publication` entries.

Two libraries, each for what it does well:

* **bibtexparser 2** splits the file into blocks and fields and keeps each entry's line
  number, so a broken entry becomes a warning at ``file:line`` while the rest still renders.
  It reports duplicate keys and unparseable blocks as separate "failed" blocks instead of
  giving up on the file. We run it with an empty middleware stack and expand ``@string``
  macros, month names and ``#`` concatenation ourselves (its own resolver skips ``#``).
* **pylatexenc** decodes LaTeX to Unicode (accents in every spelling, ``--``, ``~``,
  ``{Protected}`` capitals, ``\\&``, ``\\emph``); bibtexparser's own decoding middleware
  uses it too. Values without LaTeX skip it, which keeps 1,000 entries well under a second.

Exporter quirks handled here: DBLP (``CoRR`` + ``abs/…`` volumes, ``eprinttype``, ``0001``
homonym numbers, crossref'd ``@proceedings``), Google Scholar (``journal = {arXiv preprint
arXiv:…}``, ``and others``), Zotero/ACL Anthology (month macros, quoted values, ``urldate``,
``file``), al-folio (``abbr``, ``selected``, ``arxiv``, ``pdf``, ``code``, ``website``,
``award_name``), capitalised field names and ``@conference``/``@OTHER`` entry types.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..errors import CvError, Problem
from ..model import PartialDate, Publication, PublicationsSection
from ..model.dates import MONTHS
from ..model.publications import KINDS
from ..util.files import is_within
from ..util.links import is_safe_link

if TYPE_CHECKING:
    from .loaded import Loaded

_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)")
_URL_FIELDS = {"url", "doi", "eprint", "pdf", "code", "slides", "video", "poster", "website", "project", "blog", "html"}
_SKIP_FIELDS = {"abstract", "file", "bibsource", "biburl", "timestamp", "urldate", "mendeley-groups", "preview"}
_LATEX_HINT = re.compile(r"[\\{}~$]|--")
_MARK_LATEX = [
    (re.compile(r"\\textsuperscript\s*\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\$\s*\^\s*\{([^{}$]*)\}\s*\$"), r"\1"),
    (re.compile(r"\$\s*\^\s*(\\?[A-Za-z]+|.)\s*\$"), r"\1"),
    (re.compile(r"\\(dagger|dag)\b\s*"), "†"),
    (re.compile(r"\\(ddagger|ddag)\b\s*"), "‡"),
    (re.compile(r"\\ast\b\s*"), "*"),
    (re.compile(r"\\S\b\s*"), "§"),
]
_RAW_MARK = re.compile(r"(?<!\\)[*^†‡§¶#∗]")
_TO_APPEAR = re.compile(r"\b(to appear|in press|forthcoming|accepted)\b", re.I)


@dataclass
class BibResult:
    """What one set of bib files gave: entries (in file order), files read and warnings."""

    publications: list[Publication] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# LaTeX decoding


class _Decoder:
    """pylatexenc, built once: creating its converter costs more than decoding a field."""

    def __init__(self) -> None:
        from pylatexenc.latex2text import LatexNodes2Text

        self.l2t = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not _LATEX_HINT.search(text):
            return re.sub(r"\s+", " ", text).strip()
        if text in self.cache:
            return self.cache[text]
        try:
            out = self.l2t.latex_to_text(text)
        except Exception:  # pylatexenc is lenient; never let odd input stop the run
            out = re.sub(r"[{}\\]", "", text)
        out = re.sub(r"\s+", " ", out.replace("\xa0", " ")).strip()
        if len(self.cache) < 50_000:
            self.cache[text] = out
        return out


_decoder: _Decoder | None = None


def decode(text: str) -> str:
    """LaTeX → Unicode text: accents, dashes, ties, braces, ``\\&``; plain text passes through fast."""
    global _decoder
    if _decoder is None:
        _decoder = _Decoder()
    return _decoder(text)


def _plain(value: str) -> str:
    """URL-like fields: only strip braces and whitespace; LaTeX decoding would mangle ``~`` and ``%``."""
    return re.sub(r"\s+", "", value.replace("{", "").replace("}", "").replace("\\_", "_").replace("\\%", "%"))


# ---------------------------------------------------------------------------------------------
# Raw values: @string macros, months, concatenation


def _split_concat(raw: str) -> list[str]:
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    return [p.strip() for p in parts]


def _expand(raw: str, strings: dict[str, str], unknown: list[str]) -> str:
    """A raw field value (``{..}``, ``".."``, a number, a macro, or ``a # b``) → its text."""
    out = []
    for part in _split_concat(raw.strip()):
        if len(part) >= 2 and ((part[0] == "{" and part[-1] == "}") or (part[0] == '"' and part[-1] == '"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in strings:
            out.append(strings[part.lower()])
        elif part.lower() in MONTHS:
            out.append(part.lower())
        elif part:
            unknown.append(part)
            out.append(part)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Authors


def _author_marks(raw: str) -> tuple[str, str]:
    """Take LaTeX and plain marks (``$^\\dagger$``, ``\\textsuperscript{*}``, ``Lee^``) off a raw name."""
    for pattern, repl in _MARK_LATEX:
        raw = pattern.sub(repl, raw)
    marks = "".join(_RAW_MARK.findall(raw))
    return _RAW_MARK.sub("", raw), marks.replace("^", "†").replace("∗", "*")


def _authors(raw: str) -> list[str]:
    """``A and B and others`` → ['Last, First*', …] with marks kept after the name for the resolver."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    out = []
    for person in split_multiple_persons_names(raw):
        if person.strip().lower() == "others":
            out.append("others")
            continue
        name, marks = _author_marks(person)
        name = re.sub(r"\s+\d{4}$", "", name.strip())  # DBLP homonym number
        try:
            parts = parse_single_name_into_parts(name, strict=False)
        except Exception:
            out.append(decode(name) + marks)
            continue
        last = decode(" ".join([*parts.von, *parts.last]))
        first = decode(" ".join(parts.first))
        jr = decode(" ".join(parts.jr))
        text = ", ".join(p for p in (last, jr, first) if p) if first or jr else last
        out.append(text.strip(", ") + marks)
    return [a for a in out if a.strip()]


# ---------------------------------------------------------------------------------------------
# Kinds, venues, links


def _arxiv_id(fields: dict[str, str]) -> str | None:
    if fields.get("arxiv"):
        match = _ARXIV_ID.search(fields["arxiv"])
        return match.group(1) if match else fields["arxiv"].strip()
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    eprint = fields.get("eprint", "")
    if eprint and (prefix == "arxiv" or (not prefix and re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", eprint))):
        match = _ARXIV_ID.search(eprint)
        return match.group(1) if match else eprint
    for name in ("url", "journal", "volume", "note", "howpublished"):
        value = fields.get(name, "")
        match = re.search(r"arxiv\.org/(?:abs|pdf)/" + _ARXIV_ID.pattern, value, re.I) or re.search(
            r"(?:arxiv[:\s]*|abs/)" + _ARXIV_ID.pattern, value, re.I
        )
        if match:
            return match.group(1).removesuffix(".pdf")
    return None


def _is_preprint_venue(venue: str) -> bool:
    return bool(re.match(r"^\s*(corr|arxiv|biorxiv|medrxiv|ssrn|chemrxiv|techrxiv|openreview)\b", venue, re.I)) or (
        "preprint" in venue.lower()
    )


def _kind(entry_type: str, fields: dict[str, str], arxiv: str | None) -> str:
    override = fields.get("kind", "").lower()
    if override in KINDS:
        return override
    venue = fields.get("journal") or fields.get("booktitle") or fields.get("howpublished") or ""
    if entry_type in ("article", "periodical"):
        return "preprint" if (_is_preprint_venue(venue) or (not venue and arxiv)) else "journal"
    if entry_type in ("inproceedings", "conference", "proceedings"):
        return "workshop" if re.search(r"\bworkshops?\b", venue, re.I) else "conference"
    if entry_type in ("phdthesis", "mastersthesis", "thesis"):
        return "thesis"
    if entry_type == "patent":
        return "patent"
    if entry_type in ("incollection", "inbook"):
        return "chapter"
    if entry_type == "book":
        return "book"
    if entry_type in ("techreport", "report"):
        return "report"
    if entry_type in ("misc", "unpublished", "online", "electronic") and (arxiv or _is_preprint_venue(venue)):
        return "preprint"
    return "other"


def _venue(entry_type: str, kind: str, fields: dict[str, str], arxiv: str | None) -> str | None:
    if kind == "thesis":
        degree = fields.get("type") or {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}.get(
            entry_type, "Thesis"
        )
        return ", ".join(x for x in (degree, fields.get("school") or fields.get("institution")) if x)
    if kind == "report":
        label = " ".join(x for x in (fields.get("type") or "Technical Report", fields.get("number")) if x)
        return ", ".join(x for x in (fields.get("institution"), label) if x)
    if kind == "patent":
        return " ".join(x for x in ("Patent", fields.get("number")) if x)
    venue = fields.get("journal") or fields.get("booktitle") or fields.get("howpublished") or ""
    if kind == "preprint" and arxiv and (not venue or re.fullmatch(r"(corr|arxiv)", venue.strip(), re.I)):
        venue = f"arXiv preprint arXiv:{arxiv}"
    if not venue and kind in ("book", "chapter", "other"):
        venue = fields.get("publisher") or fields.get("organization") or ""
    return venue or None


def _links(fields: dict[str, str], arxiv: str | None, link_base: str | None, warn: Any) -> dict[str, str]:
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
    for bib_name, kind in names.items():
        value = fields.get(bib_name)
        if not value or kind in out:
            continue
        if re.match(r"^(https?:)?//|^mailto:", value):
            out[kind] = value
        elif link_base:
            out[kind] = link_base.rstrip("/") + "/" + value.lstrip("/")
        else:
            warn(f"{bib_name} = '{value}' is a relative path; left out", hint="set link_base on the section")
    url = fields.get("url") or fields.get("html")
    if url and not re.search(r"doi\.org/|arxiv\.org/", url, re.I):
        out["url"] = url
    for kind, value in list(out.items()):
        if kind not in ("doi", "arxiv") and not is_safe_link(value):
            warn(f"{kind} = '{value[:60]}' is not a web or email link; left out", hint="use an http(s):// address")
            del out[kind]
    return out


# ---------------------------------------------------------------------------------------------
# Entries


def _year_and_note(fields: dict[str, str]) -> tuple[int | None, int | None, str | None]:
    """Year, month and a 'to appear' note: 'to appear' may sit in year, note or pubstate."""
    year_text = fields.get("year", "") or fields.get("date", "")[:4]
    match = re.search(r"\b(1[5-9]\d\d|2\d\d\d)\b", year_text)
    year = int(match.group(1)) if match else None
    month = None
    month_text = fields.get("month", "").strip().lower().rstrip(".")
    if month_text.isdigit() and 1 <= int(month_text) <= 12:
        month = int(month_text)
    elif month_text[:3] in MONTHS:
        month = MONTHS[month_text[:3]]
    elif re.match(r"^\d{4}-(\d{2})", fields.get("date", "")):
        month = int(fields["date"][5:7]) if 1 <= int(fields["date"][5:7]) <= 12 else None
    notes = [fields.get("note", "")]
    pubstate = fields.get("pubstate", "")
    pending = _TO_APPEAR.search(year_text) or re.search(r"forthcoming|inpress|accepted", pubstate, re.I)
    if pending and not _TO_APPEAR.search(fields.get("note", "")):
        notes.insert(0, "To appear")
    for extra in ("award_name", "additional_info"):
        if fields.get(extra):
            notes.append(fields[extra])
    note = ". ".join(n.strip().rstrip(".") for n in notes if n and n.strip()) or None
    return year, month, note


def _date(year: int | None, month: int | None, note: str | None) -> PartialDate | None:
    """A month makes the order within a year right; 'to appear' without a year sorts as newest."""
    if year and month:
        return PartialDate(year, month)
    if year is None and note and note.startswith("To appear"):
        return PartialDate.today_marker()
    return None


_ACRONYM_YEAR = re.compile(r"^([A-Z][A-Za-z/@\-]*[A-Z][A-Za-z/@\-]*) ?(?:\d{4}|'\d\d)$")


def _tidy_dblp_booktitle(fields: dict[str, str]) -> None:
    """DBLP's standard format packs place and dates into booktitle; keep the name and the acronym.

    "Proceedings of the 40th International Conference on Machine Learning, ICML 2023, 23-29 July
    2023, Honolulu, Hawaii, USA" → booktitle "Proceedings of the 40th International Conference on
    Machine Learning", abbr "ICML" (the year is printed anyway).
    """
    parts = [p.strip() for p in fields.get("booktitle", "").split(",")]
    for i, part in enumerate(parts[1:], start=1):
        match = _ACRONYM_YEAR.match(part)
        if match:
            name = ", ".join(parts[:i])
            colon = next(
                (
                    m.start()
                    for m in re.finditer(": ", name)
                    if name[: m.start()].count("(") == name[: m.start()].count(")")
                ),
                None,
            )
            fields["booktitle"] = name[:colon].strip() if colon else name.strip()
            fields.setdefault("abbr", match.group(1))
            return


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("true", "yes", "1", "y")


@dataclass
class _Raw:
    """One entry after splitting: lower-case field names, expanded but not yet decoded."""

    key: str
    entry_type: str
    line: int
    fields: dict[str, str]


def _publication(raw: _Raw, where: str, link_base: str | None, warn: Any) -> Publication | None:
    f = raw.fields
    text = {k: (_plain(v) if k in _URL_FIELDS else decode(v)) for k, v in f.items() if k not in _SKIP_FIELDS}
    if "author" in f:
        text["author"] = ""  # decoded per name below
    title = text.get("title", "").rstrip(".").strip()
    if not title:
        warn("has no title; skipped", hint="add a title = {...} field")
        return None
    if raw.key.startswith("DBLP:") or "dblp" in text.get("biburl", "") + f.get("bibsource", ""):
        _tidy_dblp_booktitle(text)
    arxiv = _arxiv_id(text)
    kind = _kind(raw.entry_type, text, arxiv)
    year, month, note = _year_and_note(text)
    authors = _authors(f["author"]) if f.get("author") else (_authors(f["editor"]) if f.get("editor") else [])
    volume = text.get("volume")
    if volume and volume.lower().startswith("abs/"):
        volume = None  # DBLP CoRR
    pages = re.sub(r"(?<=\d)\s*-{1,2}\s*(?=\d)", "–", text["pages"]) if text.get("pages") else None
    links = _links(text, arxiv, link_base, warn)
    data: dict[str, Any] = {
        "title": title,
        "authors": authors,
        "edited": not f.get("author") and bool(f.get("editor")),
        "venue": _venue(raw.entry_type, kind, text, arxiv),
        "abbr": text.get("abbr") or None,
        "year": year,
        "date": _date(year, month, note),
        "kind": kind,
        "volume": volume,
        "number": text.get("number") if kind in ("journal",) else None,
        "pages": pages,
        "publisher": text.get("publisher"),
        "note": note,
        "selected": _truthy(text.get("selected", "")),
        "key": raw.key,
        "keywords": text.get("keywords", ""),
        "tags": [
            t.strip() for t in re.split(r"[,;]", text.get("tags", "") + "," + text.get("keywords", "")) if t.strip()
        ],
        "fields": {k: v for k, v in text.items() if v and len(v) <= 200 and k not in ("author", "title")},
        "source": where,
        **{k: v for k, v in links.items() if k != "url"},
        "url": links.get("url"),
    }
    try:
        return Publication.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        warn(f"{first['msg'].removeprefix('Value error, ')} ({'.'.join(map(str, first['loc']))}); skipped")
        return None


@contextlib.contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    """bibtexparser logs each failed block to stderr; we report them ourselves, with file:line."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _key_of(raw_block: str) -> str:
    match = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s]+)", raw_block or "")
    return match.group(1) if match else "?"


def parse_bib(text: str, path: Path, *, shown_as: str | None = None, link_base: str | None = None) -> BibResult:
    """Parse BibTeX text into publications, warning (never failing) about broken entries."""
    import bibtexparser

    result = BibResult()
    label = shown_as or path.name

    def warn_at(line: int | None, key: str) -> Any:
        def warn(message: str, hint: str = "") -> None:
            result.warnings.append(Problem(f"entry '{key}' {message}", path, line, None, "", hint))

        return warn

    with _quiet_bibtexparser():
        library = bibtexparser.parse_string(text, parse_stack=[])
    strings: dict[str, str] = {}
    for block in library.strings:  # in file order: a macro may use the ones defined before it
        strings[str(block.key).lower()] = _expand(str(block.value), strings, [])
    raws = _raw_entries(_usable_entries(library, warn_at), strings, warn_at)
    if _only_stray_text(library, text):
        result.warnings.append(Problem("no BibTeX entries found in this file", path, 1, hint="entries start with @"))
    _apply_crossrefs(raws)
    targets = {r.fields.get("crossref", "").lower() for r in raws}
    for raw in raws:
        if raw.entry_type == "proceedings" and raw.key.lower() in targets:
            continue  # DBLP exports the proceedings volume of each crossref'd paper
        if raw.entry_type in ("comment", "preamble", "string", "xdata", "set"):
            continue
        pub = _publication(raw, f"{label}:{raw.line}", link_base, warn_at(raw.line, raw.key))
        if pub is not None:
            result.publications.append(pub)
    result.warnings.sort(key=lambda p: p.line or 0)
    return result


def _only_stray_text(library: Any, text: str) -> bool:
    """A non-empty file in which bibtexparser found no block at all: probably not BibTeX."""
    from bibtexparser import model as bm

    if any(not isinstance(b, bm.ImplicitComment) for b in library.blocks):
        return False
    return bool(re.search(r"\S", re.sub(r"(?m)^\s*%.*$", "", text)))


def _usable_entries(library: Any, warn_at: Any) -> list[Any]:
    """Parsed entries, plus those with a repeated field (kept: first value wins); warn about the rest."""
    from bibtexparser import model as bm

    entries = list(library.entries)
    for block in library.failed_blocks:
        line = block.start_line + 1 if block.start_line is not None else None
        if isinstance(block, bm.DuplicateBlockKeyBlock):
            first = next((e.start_line + 1 for e in library.entries if e.key == block.key), None)
            warn_at(line, block.key)(f"is a duplicate key (first at line {first}); this one is ignored")
        elif isinstance(block, bm.DuplicateFieldKeyBlock):
            entries.append(block.ignore_error_block)  # _raw_entries warns about the repeated field
        else:
            warn_at(line, _key_of(block.raw))(
                "could not be read (unbalanced braces or quotes?); skipped",
                hint="check the braces and quotes around each field value; the entries after it are read",
            )
    return sorted(entries, key=lambda e: e.start_line)


def _raw_entries(entries: list[Any], strings: dict[str, str], warn_at: Any) -> list[_Raw]:
    """Lower-case field names (``Author =``), expand macros; the first of repeated fields wins."""
    raws = []
    for entry in entries:
        fields: dict[str, str] = {}
        unknown: list[str] = []
        for fld in entry.fields:
            name = str(fld.key).strip().lower()
            if name in fields:
                warn_at(fld.start_line + 1, entry.key)(f"has the field '{name}' twice; the first one is used")
            else:
                fields[name] = _expand(str(fld.value), strings, unknown)
        line = entry.start_line + 1
        for macro in dict.fromkeys(unknown):
            warn_at(line, entry.key)(f"uses @string '{macro}', which is not defined; printed as is")
        raws.append(_Raw(entry.key, entry.entry_type.lower(), line, fields))
    return raws


_INHERIT = ("booktitle", "year", "month", "publisher", "address", "series", "volume", "organization", "editor")


def _apply_crossrefs(raws: list[_Raw]) -> None:
    """BibTeX ``crossref``: fill missing fields from the parent; a proceedings' title is the booktitle."""
    by_key = {r.key.lower(): r for r in raws}
    for raw in raws:
        parent = by_key.get(raw.fields.get("crossref", "").strip().lower())
        if parent is None or parent is raw:
            continue
        for name in _INHERIT:
            if name not in raw.fields and name in parent.fields:
                raw.fields[name] = parent.fields[name]
        if "booktitle" not in raw.fields and "title" in parent.fields:
            raw.fields["booktitle"] = parent.fields["title"]
        short = raw.fields.get("booktitle", "").strip("{} ")
        if parent.entry_type == "proceedings" and " " not in short and "title" in parent.fields:
            # DBLP: booktitle = {ICML}; the proceedings title is "International Conference on
            # Machine Learning, {ICML} 2023, 23-29 July 2023, Honolulu, ..." → name (ICML)
            raw.fields.setdefault("abbr", short)
            raw.fields["booktitle"] = parent.fields["title"].split(",")[0].split(": ")[0].strip()


# ---------------------------------------------------------------------------------------------
# Files


def bib_files(patterns: list[str], base_dir: Path, where: Any) -> list[Path]:
    """Expand paths and globs relative to the profile's folder; refuse anything outside it."""
    files: list[Path] = []
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(str(base_dir / pattern), recursive=True))
            if not matches:
                raise CvError(where(f"no file matches '{pattern}'", f"looked in {base_dir}"))
        else:
            matches = [base_dir / pattern]
        for path in matches:
            if not is_within(path, base_dir):
                raise CvError(
                    where(
                        f"'{pattern}' points outside the profile's folder",
                        "keep .bib files next to the profile or in a folder below it",
                    )
                )
            if not path.is_file():
                raise CvError(where(f"BibTeX file not found: {path}", "the path is relative to the profile's folder"))
            if path not in files:
                files.append(path)
    return files


def _read_bib(path: Path, warnings: list[Problem]) -> str:
    """UTF-8, or Latin-1 with a warning: older JabRef and BibDesk files are often Latin-1."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CvError(Problem(f"cannot read {path}: {exc.strerror}", path)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        warnings.append(Problem("the file is not UTF-8; read it as Latin-1", path, line, hint="save it as UTF-8"))
        return raw.decode("latin-1")


def read_section_bibs(section: PublicationsSection, base_dir: Path, where: Any) -> BibResult:
    """All bib files of one section, parsed; entries in file order (the resolver sorts them)."""
    total = BibResult()
    for path in bib_files(section.bib, base_dir, where):
        shown = str(path.relative_to(base_dir)) if is_within(path, base_dir) else path.name
        text = _read_bib(path, total.warnings)
        part = parse_bib(text, path, shown_as=shown, link_base=section.link_base)
        for publication in part.publications:
            publication._from_bib = True
        total.publications.extend(part.publications)
        total.warnings.extend(part.warnings)
        total.files.append(path)
    return total


def attach_bibliographies(loaded: Loaded, source: Any = None) -> None:
    """Read every publications section's ``bib`` files; add their entries after the inline ones.

    ``source`` (a :class:`~cvbuild.source.SourceMap`) lets errors about a missing file
    point at the ``bib:`` line of the profile. Each bib file joins ``loaded.inputs`` (so the
    up-to-date check and the "last updated" date see it) and its warnings join ``loaded.warnings``.
    """
    source = source if source is not None else getattr(loaded, "source", None)
    sections = list(loaded.profile.sections)
    changed = False
    for index, section in enumerate(sections):
        if not isinstance(section, PublicationsSection) or not section.bib:
            continue

        def where(message: str, hint: str = "", index: int = index) -> Problem:
            if source is not None:
                return source.problem(message, ("sections", index, "bib"), hint=hint)
            return Problem(message, loaded.path, hint=hint, path=f"sections[{index}].bib")

        result = read_section_bibs(section, loaded.base_dir, where)
        for path in result.files:
            if path not in loaded.inputs:
                loaded.inputs.append(path)
        for problem in result.warnings:
            loaded.warnings.add(problem.message, file=problem.file, line=problem.line, hint=problem.hint)
        sections[index] = section.model_copy(update={"publications": [*section.publications, *result.publications]})
        changed = True
    if changed:
        loaded.profile = loaded.profile.model_copy(update={"sections": sections})
