"""Publications: entries written inline in the profile and/or read from publication files.

A publications section may list entries inline (``publications:``), point at BibTeX, CSL-JSON
or RIS files (``bib:``), or both. The files are read in the load stage
(:mod:`cvbuild.load.bibtex`), which appends the entries it finds to ``publications``;
everything after loading sees one list of :class:`Publication`. The options here (grouping,
numbering, filters, links, marks, citation style, summary) are applied in the resolve stage
(:mod:`cvbuild.resolve.publications`).

Rich text: an entry read from a file is plain text with a few formatting tags that the file
itself asked for (``\\emph``, ``\\textbf``, ``<b>``, math superscripts …), written as
:data:`RICH_TAG` describes. The readers write them, the resolver turns them into safe HTML and
escapes everything else; :func:`plain_text` drops them where only the words count (comparing
titles, citation styles).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, ConfigDict, Field, PrivateAttr, WithJsonSchema, field_validator

from .base import Dated, Markdown, SectionBase, Strict, Url, _listify
from .dates import PartialDate

Kind = Literal[
    "journal", "conference", "workshop", "preprint", "book", "chapter", "thesis", "patent", "report", "other"
]
KINDS: tuple[str, ...] = (
    "journal",
    "conference",
    "workshop",
    "chapter",
    "book",
    "preprint",
    "report",
    "thesis",
    "patent",
    "other",
)


# The formatting tags of rich text (see the module's docstring), exactly as the readers write them:
# emphasis, italics, bold, super- and subscripts, code, small capitals and safe links.
RICH_TAG = re.compile(r'</?(?:em|i|b|strong|sup|sub|code|sc)>|<a href="[^"<>]*">|</a>')


def plain_text(text: str | None) -> str:
    """Rich text without its formatting tags: 'A <em>new</em> bound' → 'A new bound'."""
    if not text:
        return ""
    return RICH_TAG.sub("", text) if "<" in text else text


def _one_or_many(item: dict[str, Any]) -> WithJsonSchema:
    """A list field that also takes a single value (a validator wraps it): say so in the schema."""
    return WithJsonSchema({"anyOf": [item, {"type": "array", "items": item}]})


Texts = Annotated[list[str], _one_or_many({"type": "string"})]
LinkKind = Literal["doi", "arxiv", "pdf", "code", "slides", "video", "poster", "project", "blog", "url"]
LINK_KINDS: tuple[str, ...] = ("doi", "arxiv", "pdf", "code", "slides", "video", "poster", "project", "blog", "url")


class Publication(Dated):
    """One publication, written inline in the profile or read from a BibTeX entry."""

    # Set by the BibTeX reader: the entry comes from a .bib file, so `cvbuild import` does not
    # copy it into the profile (the section's `bib:` reads it again).
    _from_bib: bool = PrivateAttr(default=False)

    title: Markdown
    authors: list[str] = Field(
        default_factory=list,
        description="Authors in order, 'Ada Lovelace' or 'Lovelace, Ada'. Marks after a name such as "
        "'Ada Lovelace*' (equal contribution) or 'Ada Lovelace†' (corresponding) are printed as superscripts.",
    )
    venue: Markdown | None = Field(None, description="Journal, conference or publisher.")
    abbr: str | None = Field(None, description="Short venue name such as 'ICML' (al-folio's 'abbr').")
    year: int | None = Field(None, description="Publication year (or use 'date').")
    kind: Kind = Field(
        "other",
        description="What kind of publication this is; used for grouping and numbering. In a .bib file, a "
        "kind = {conference} field overrides what the entry type and venue say.",
    )
    volume: str | None = None
    number: str | None = Field(None, description="Issue number.")
    pages: str | None = None
    publisher: str | None = None
    note: Markdown | None = Field(None, description="E.g. 'to appear', 'Best paper award'.")
    doi: str | None = None
    url: Url | None = None
    arxiv: str | None = Field(None, description="arXiv identifier such as 2301.01234.")
    pdf: Url | None = None
    code: Url | None = None
    slides: Url | None = None
    video: Url | None = None
    poster: Url | None = None
    project: Url | None = Field(None, description="Project page (al-folio's 'website').")
    blog: Url | None = None
    edited: bool = Field(False, description="The names are the editors (an edited book): printed with '(eds.)'.")
    selected: bool = Field(False, description="Part of your selected publications (see filter.selected).")
    key: str | None = Field(None, description="Citation key; filter.exclude names keys to leave out.")
    keywords: Texts = Field(default_factory=list, description="Keywords; a section can group by them.")
    fields: dict[str, str] = Field(
        default_factory=dict, description="Other fields (from BibTeX), available to group_by: <field>."
    )
    source: str | None = Field(None, description="Where the entry came from, 'papers.bib:12' (set by cvbuild).")

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [a.strip() for a in re.split(r"\s+and\s+|;", value) if a.strip()]
        return value

    @field_validator("keywords", mode="before")
    @classmethod
    def _keywords(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [k.strip() for k in re.split(r"[,;]", value) if k.strip()]
        return value

    @field_validator("volume", "number", "pages", "doi", "arxiv", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @field_validator("doi")
    @classmethod
    def _doi(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value.strip(), flags=re.I)
        if not value.startswith("10."):
            raise ValueError(f"'{value}' is not a DOI (DOIs start with '10.')")
        return value

    def when(self) -> PartialDate | None:
        if self.date or self.start:
            return self.date or self.start
        return PartialDate(self.year) if self.year else None

    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        when = self.when()
        return (*when.sort_key(), 0, 0, 0) if when else (0, 0, 0, 0, 0, 0)


class PublicationFilter(Strict):
    """Which publications to show. All conditions must hold."""

    since: int | None = Field(None, description="Only publications from this year on.")
    until: int | None = Field(None, description="Only publications up to this year.")
    selected: bool = Field(False, description="Only entries marked 'selected' (al-folio's selected = {true}).")
    exclude: Texts = Field(default_factory=list, description="Citation keys to leave out.")
    kinds: Annotated[list[Kind], _one_or_many({"enum": list(KINDS)})] = Field(
        default_factory=list, description="Only these kinds, e.g. [journal, conference]; empty means all."
    )
    keywords: Texts = Field(default_factory=list, description="Only entries with one of these keywords.")

    @field_validator("exclude", "kinds", "keywords", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _listify(value)


class PublicationGroup(Strict):
    """How one group is titled and numbered; the order of ``groups`` is the order in the CV."""

    key: str = Field(description="The group: a kind (journal, conference, …), a year, or a value of the field.")
    title: str | None = Field(None, description="Heading shown above the group.")
    prefix: str | None = Field(None, description="Number prefix, e.g. 'J' gives [J1], [J2], …")


class PublicationsSection(SectionBase):
    """Publications, written inline and/or read from BibTeX, CSL-JSON or RIS files."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["publications"]}, {"required": ["bib"]}]})

    publications: list[Publication] = Field(
        default_factory=list, description="Publications written inline; shown together with those from 'bib'."
    )
    bib: Texts = Field(
        default_factory=list,
        description="Publication files relative to the profile: BibTeX (.bib), CSL-JSON (.json, as Zotero and "
        "Mendeley export) or RIS (.ris), e.g. [papers.bib, zotero.json] or 'bib/*.bib'. "
        "Files must lie inside the profile's folder.",
    )
    highlight: Texts = Field(
        default_factory=list, description="Extra spellings of your name to set in bold (beyond person.name)."
    )
    group_by: str = Field(
        "none",
        description="Split into sub-headings: none, kind (journal, conference, workshop, preprint, …), year, "
        "or the name of a BibTeX field such as abbr or keywords.",
    )
    groups: list[PublicationGroup] = Field(
        default_factory=list, description="Order, headings and number prefixes of the groups (optional)."
    )
    numbering: Literal["none", "per-group", "running"] = Field(
        "none",
        description="none; per-group: [J1] [C1] … restarting in each group; running: one number across the section.",
    )
    count: Literal["down", "up"] = Field(
        "down",
        description="down: the first entry shown gets the highest number, so your oldest paper is 1; "
        "up: numbers grow down the page.",
    )
    filter: PublicationFilter = Field(
        default_factory=PublicationFilter,
        validation_alias=AliasChoices("filter", "filters"),
        description="Which publications to show: years, selected, kinds, keys to exclude.",
    )
    links: list[LinkKind] | bool = Field(
        True,
        description="Link labels to show: true (all), false (none), or a list of "
        "doi, arxiv, pdf, code, slides, video, poster, project, blog, url.",
    )
    link_base: Url | None = Field(
        None,
        description="URL prefix for relative pdf/slides/poster values, e.g. https://me.example.org/assets/pdf/",
    )
    max_authors: int | None = Field(
        None, ge=1, description="Show at most this many authors, then 'et al.' (your own name is always kept)."
    )
    author_format: Literal["full", "initials", "last-initials"] = Field(
        "full",
        description="How author names are printed: full (Ada Lovelace), initials (A. Lovelace) or "
        "last-initials (Lovelace, A.).",
    )
    marks: dict[str, str] = Field(
        default_factory=dict,
        description="Legend text per author mark, e.g. {'*': 'Equal contribution'}; marks used but not "
        "listed get the default text.",
    )
    venue_kinds: dict[str, Kind] = Field(
        default_factory=dict,
        description="Your own venue → kind rules, e.g. {'Proceedings of the VLDB Endowment': conference, "
        "'PVLDB': conference}: a key equal to an entry's short venue (abbr) or a phrase of its venue name. "
        "Wins over the entry type; an entry's own kind field wins over it.",
    )
    keep_preprints: bool = Field(
        False,
        description="Keep a preprint listed beside its published version (by default they are listed once: the "
        "published entry with the arXiv link, and the merge is reported).",
    )
    style: str | None = Field(
        None,
        description="Format entries with a citation style: apa, ieee, acm, chicago-author-date (or another CSL "
        "style's name), or a .csl file in the profile's folder. Your name stays bold; numbers, marks and links "
        "stay. Unset: cvbuild's own layout.",
    )
    summary: bool | str = Field(
        False,
        description="A line above the list counting the peer-reviewed papers ('42 peer-reviewed papers: 18 "
        "journal, 24 conference'), in the CV's language: true, or your own text with {total}, {peer_reviewed} "
        "and {journal}, {conference}, {workshop}, {preprint}, … counts.",
    )

    # Set by the load stage when `style` is checked: the .csl file the resolver formats with.
    _csl_file: Path | None = PrivateAttr(default=None)

    @field_validator("style")
    @classmethod
    def _style(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not value:
            return None
        if not value.lower().endswith(".csl") and not re.fullmatch(r"[a-z0-9][a-z0-9\-]*", value.lower()):
            raise ValueError(f"'{value}' is neither a style name (apa, ieee, acm, chicago-author-date) nor a .csl file")
        return value

    @field_validator("bib", "highlight", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _listify(value)

    @field_validator("group_by", mode="before")
    @classmethod
    def _group_by(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return {"type": "kind", "entry_type": "kind", "": "none"}.get(value.lower(), value)
        return value
