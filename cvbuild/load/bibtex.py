"""Reading publication files into :class:`~cvbuild.model.Publication` entries.

A publications section's ``bib:`` lists BibTeX, CSL-JSON and RIS files, picked by suffix
(``.bib``; ``.json``; ``.ris``; another suffix is sniffed). This module reads BibTeX and
everything a section does with its files once they are read; :mod:`cvbuild.load.csl_json` and
:mod:`cvbuild.load.ris` read the other two. All three hand BibTeX-named fields to
:mod:`cvbuild.load.publication_fields`, where kinds, venues and links are decided.

Two libraries, each for what it does well:

* **bibtexparser 2** splits the file into blocks and fields and keeps each entry's line
  number, so a broken entry becomes a warning at ``file:line`` while the rest still renders.
  It reports duplicate keys and unparseable blocks as separate "failed" blocks instead of
  giving up on the file. We run it with an empty middleware stack and expand ``@string``
  macros, month names and ``#`` concatenation ourselves (its own resolver skips ``#``).
* **pylatexenc** decodes LaTeX to Unicode (accents in every spelling, ``--``, ``~``,
  ``{Protected}`` capitals, ``\\&``), after :mod:`cvbuild.load.markup` has kept what is
  formatting (``\\emph``, ``\\textsc``, math, ``\\url``, HTML tags) as rich text. Values
  without LaTeX skip it, which keeps 1,000 entries well under a second.

Exporter quirks handled here: DBLP (``CoRR`` + ``abs/…`` volumes, ``eprinttype``, ``0001``
homonym numbers, crossref'd ``@proceedings``), Google Scholar (``journal = {arXiv preprint
arXiv:…}``, conferences as ``@article``, ``and others``), Zotero/ACL Anthology (month macros,
quoted values, ``urldate``, ``file``), al-folio (``abbr``, ``selected``, ``arxiv``, ``pdf``,
``code``, ``website``, ``award_name``, HTML in fields), capitalised field names and
``@conference``/``@OTHER`` entry types.

After reading, each section's entries (inline and from files together) get the profile's
``venue_kinds``, lose preprints that have a published version (:mod:`cvbuild.load.preprint_pairs`,
each merge a note), and the owner's name is checked: a spelling that is probably the owner
but does not match becomes one warning naming what to add to ``name_variants``.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CvError, Problem
from ..model import Publication, PublicationsSection
from ..model.dates import MONTHS
from ..model.publications import plain_text
from ..util.files import is_within
from . import publication_fields
from .bib_result import BibResult
from .markup import latex_to_rich

if TYPE_CHECKING:
    from .loaded import Loaded

_SKIP_FIELDS = {"abstract", "file", "bibsource", "biburl", "timestamp", "urldate", "mendeley-groups", "preview"}
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


# ---------------------------------------------------------------------------------------------
# LaTeX decoding


def decode(text: str) -> str:
    """LaTeX → rich text: accents, dashes, ties, braces, ``\\&``; ``\\emph`` and math kept as formatting."""
    return latex_to_rich(text)


def decode_plain(text: str) -> str:
    """LaTeX → plain Unicode text (names, keys): the formatting tags dropped."""
    out = latex_to_rich(text)
    return plain_text(out) if "<" in out else out


def _plain(value: str) -> str:
    """URL-like fields: only strip braces, ``\\url`` and whitespace; LaTeX decoding would mangle ``~`` and ``%``."""
    value = re.sub(r"\\url\s*\{(.*)\}", r"\1", value, flags=re.S)
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


# A field or @string longer than this is no bibliography: nine levels of "@string{a1 = a0 # a0 …}"
# would otherwise grow a 650-byte file into gigabytes.
MAX_FIELD_CHARS = 20_000


MAX_BIB_BYTES = 8 * 1024 * 1024  # 10,000 entries are ~4 MB


class FieldTooLong(Exception):
    """An @string expansion grew past :data:`MAX_FIELD_CHARS`."""


def _expand(raw: str, strings: dict[str, str], unknown: list[str]) -> str:
    """A raw field value (``{..}``, ``".."``, a number, a macro, or ``a # b``) → its text."""
    out: list[str] = []
    size = 0
    for part in _split_concat(raw.strip()):
        size += len(strings.get(part.lower(), part))
        if size > MAX_FIELD_CHARS:
            raise FieldTooLong
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
            out.append(decode_plain(name) + marks)
            continue
        last = decode_plain(" ".join([*parts.von, *parts.last]))
        first = decode_plain(" ".join(parts.first))
        jr = decode_plain(" ".join(parts.jr))
        text = ", ".join(p for p in (last, jr, first) if p) if first or jr else last
        out.append(text.strip(", ") + marks)
    return [a for a in out if a.strip()]


# ---------------------------------------------------------------------------------------------
# Entries


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


@dataclass
class _Raw:
    """One entry after splitting: lower-case field names, expanded but not yet decoded."""

    key: str
    entry_type: str
    line: int
    fields: dict[str, str]


def _publication(
    raw: _Raw, where: str, link_base: str | None, warn: Any, venue_kinds: Mapping[str, str] | None = None
) -> Publication | None:
    f = raw.fields
    url_fields = publication_fields.URL_FIELDS
    text = {
        k: (_plain(v) if k in url_fields else latex_to_rich(v))
        for k, v in f.items()
        if k not in _SKIP_FIELDS and k not in ("author", "editor")
    }
    if f.get("editor"):
        text["editor"] = decode_plain(f["editor"])
    if raw.key.startswith("DBLP:") or "dblp" in f.get("biburl", "") + f.get("bibsource", ""):
        _tidy_dblp_booktitle(text)
    authors = _authors(f["author"]) if f.get("author") else (_authors(f["editor"]) if f.get("editor") else [])
    return publication_fields.build(
        raw.entry_type,
        raw.key,
        text,
        authors,
        edited=not f.get("author") and bool(f.get("editor")),
        where=where,
        link_base=link_base,
        venue_kinds=venue_kinds or {},
        warn=warn,
    )


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


def parse_bib(
    text: str,
    path: Path,
    *,
    shown_as: str | None = None,
    link_base: str | None = None,
    venue_kinds: Mapping[str, str] | None = None,
) -> BibResult:
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
        try:
            strings[str(block.key).lower()] = _expand(str(block.value), strings, [])
        except FieldTooLong:
            line = getattr(block, "start_line", 0) + 1
            raise CvError(
                Problem(
                    f"@string '{block.key}' expands to more than {MAX_FIELD_CHARS:,} characters",
                    path,
                    line,
                    hint="a macro that repeats other macros multiplies; write the text out",
                )
            ) from None
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
        pub = _publication(raw, f"{label}:{raw.line}", link_base, warn_at(raw.line, raw.key), venue_kinds)
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
                try:
                    fields[name] = _expand(str(fld.value), strings, unknown)
                except FieldTooLong:
                    warn_at(fld.start_line + 1, entry.key)(
                        f"has a '{name}' longer than {MAX_FIELD_CHARS:,} characters; left out"
                    )
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
                        "keep publication files next to the profile or in a folder below it",
                    )
                )
            if not path.is_file():
                raise CvError(
                    where(f"publication file not found: {path}", "the path is relative to the profile's folder")
                )
            if path not in files:
                files.append(path)
    return files


def read_text_file(path: Path, warnings: list[Problem]) -> str:
    """UTF-8, or Latin-1 with a warning: older JabRef and BibDesk files are often Latin-1."""
    try:
        if path.stat().st_size > MAX_BIB_BYTES:
            raise CvError(
                Problem(
                    f"the file is {path.stat().st_size / 1024 / 1024:.1f} MB; cvbuild reads publication "
                    f"files of at most {MAX_BIB_BYTES // 1024 // 1024} MB",
                    path,
                    1,
                    1,
                    hint="a career's bibliography is a few MB at most; split an export of a whole library",
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise CvError(Problem(f"cannot read {path}: {exc.strerror}", path)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        warnings.append(Problem("the file is not UTF-8; read it as Latin-1", path, line, hint="save it as UTF-8"))
        return raw.decode("latin-1")


FORMATS = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csl-json", ".csljson": "csl-json", ".ris": "ris"}


def file_format(path: Path, text: str) -> str:
    """bibtex, csl-json or ris: by suffix, else by the first thing in the file."""
    by_suffix = FORMATS.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    head = text.lstrip("\ufeff \t\r\n")[:200]
    if head.startswith(("[", "{")):
        return "csl-json"
    if re.match(r"TY  ?-", head):
        return "ris"
    return "bibtex"


Parser = Callable[..., BibResult]


def _parser(kind: str) -> Parser:
    if kind == "csl-json":
        from .csl_json import parse_csl_json

        return parse_csl_json
    if kind == "ris":
        from .ris import parse_ris

        return parse_ris
    return parse_bib


def read_section_bibs(section: PublicationsSection, base_dir: Path, where: Any) -> BibResult:
    """All publication files of one section, parsed; entries in file order (the resolver sorts them)."""
    total = BibResult()
    for path in bib_files(section.bib, base_dir, where):
        shown = str(path.relative_to(base_dir)) if is_within(path, base_dir) else path.name
        text = read_text_file(path, total.warnings)
        parse = _parser(file_format(path, text))
        part = parse(text, path, shown_as=shown, link_base=section.link_base, venue_kinds=section.venue_kinds)
        for publication in part.publications:
            publication._from_bib = True
        total.publications.extend(part.publications)
        total.warnings.extend(part.warnings)
        total.files.append(path)
    return total


# ---------------------------------------------------------------------------------------------
# A section's entries, all sources together


def _inline_kinds(pubs: list[Publication], venue_kinds: Mapping[str, str]) -> list[Publication]:
    """The profile's venue_kinds for inline entries that do not say their kind themselves."""
    from .venues import mapped_kind

    if not venue_kinds:
        return pubs
    out = []
    for pub in pubs:
        if "kind" in pub.model_fields_set:
            out.append(pub)
            continue
        kind = mapped_kind(plain_text(pub.venue), pub.abbr or "", venue_kinds)
        out.append(pub.model_copy(update={"kind": kind}) if kind else pub)
    return out


def _check_style(section: PublicationsSection, base_dir: Path, where: Any) -> None:
    """A citation style names an installed CSL style or a .csl file inside the profile's folder."""
    if not section.style:
        return
    from .csl_styles import find_style

    section._csl_file = find_style(section.style, base_dir, where)


def _owner_spelling_warnings(loaded: Loaded, source: Any) -> None:
    """One warning per spelling that is probably the owner's but matches none of theirs."""
    from ..model.names import OwnerMatcher, unlisted_owner_spellings

    person = loaded.profile.person
    sections = [s for s in loaded.profile.sections if isinstance(s, PublicationsSection) and s.publications]
    if not sections:
        return
    highlights = [h for s in sections for h in s.highlight]
    matcher = OwnerMatcher([person.name, *person.name_variants, *highlights])
    seen: set[int] = set()
    lists = []
    for section in sections:
        for pub in section.publications:
            if id(pub) not in seen and pub.authors:
                seen.add(id(pub))
                lists.append(pub.authors)
    for hint in unlisted_owner_spellings(lists, matcher):
        message = (
            f"'{hint.spelling}' has your family name and is an author of {hint.entries} of the {hint.total} "
            "publications, none of which name you otherwise: if that is you, it is not set in bold"
        )
        fix = f'add it to person.name_variants: ["{hint.spelling}"]'
        if source is not None:
            loaded.warnings.add_problem(source.problem(message, ("person", "name"), hint=fix))
        else:
            loaded.warnings.add(message, file=loaded.path, hint=fix)


def attach_bibliographies(loaded: Loaded, source: Any = None) -> None:
    """Read every publications section's files and add their entries after the inline ones.

    Then, per section: the profile's ``venue_kinds`` for inline entries, preprints merged into
    their published versions (a note each, unless ``keep_preprints``), a citation style
    checked; and for the whole profile the owner's unlisted spellings (a warning each).
    ``source`` (a :class:`~cvbuild.source.SourceMap`) lets errors about a missing file point
    at the ``bib:`` line of the profile. Each file joins ``loaded.inputs`` (so the up-to-date
    check and the "last updated" date see it) and its warnings join ``loaded.warnings``.
    """
    from .preprint_pairs import duplicates, merge_preprints

    source = source if source is not None else getattr(loaded, "source", None)
    sections = list(loaded.profile.sections)
    changed = False
    for index, section in enumerate(sections):
        if not isinstance(section, PublicationsSection):
            continue

        def where(message: str, hint: str = "", index: int = index, field: str = "bib") -> Problem:
            if source is not None:
                return source.problem(message, ("sections", index, field), hint=hint)
            return Problem(message, loaded.path, hint=hint, path=f"sections[{index}].{field}")

        pubs = _inline_kinds(list(section.publications), section.venue_kinds)
        if section.bib:
            result = read_section_bibs(section, loaded.base_dir, where)
            for path in result.files:
                if path not in loaded.inputs:
                    loaded.inputs.append(path)
            for problem in result.warnings:
                loaded.warnings.add(problem.message, file=problem.file, line=problem.line, hint=problem.hint)
            pubs.extend(result.publications)
        for kept, again in duplicates(pubs):
            message = (
                f"'{plain_text(again.title)[:70]}' is listed twice ({kept.source or 'inline'} and "
                f"{again.source or 'inline'}); both are printed"
            )
            loaded.warnings.add_problem(where(message, "remove one of them, or leave one file out of bib:"))
        if not section.keep_preprints:
            pubs, merges = merge_preprints(pubs)
            for merge in merges:
                loaded.notes.append(f"{section.title}: {merge.describe()} (keep both with keep_preprints: true)")
        _check_style(section, loaded.base_dir, lambda m, h="", i=index: where(m, h, i, "style"))
        before = section.publications
        if len(pubs) != len(before) or any(a is not b for a, b in zip(pubs, before, strict=True)):
            sections[index] = section.model_copy(update={"publications": pubs})  # keeps _csl_file
            changed = True
    if changed:
        loaded.profile = loaded.profile.model_copy(update={"sections": sections})
    _owner_spelling_warnings(loaded, source)
