"""The profile: one validated, typed description of a CV, whatever file it came from.

Every loader (YAML, homepage markdown, JSON Resume) produces this model and every later
stage reads only this model. Field docstrings become the JSON Schema descriptions that
editors show while a user types ``cv.yaml``.

A section says what it holds by the key it uses for its content — ``entries`` (dated
entries such as education or positions), ``items`` (date + text, e.g. awards, news),
``publications``, ``skills``, ``bullets`` or ``text`` — so a hand-written file needs no
extra ``type:`` line.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AliasChoices, ConfigDict, Discriminator, Field, Tag, field_validator

from .base import Dated, Markdown, SectionBase, Strict, Url, _listify
from .dates import Date
from .publications import PublicationsSection


class Entry(Dated):
    """A dated entry: a degree, a position, a grant, a talk."""

    title: Markdown = Field(description="What: degree, role, grant or talk title.")
    organisation: Markdown | None = Field(
        None,
        validation_alias=AliasChoices("organisation", "organization", "institution", "employer"),
        description="Where: university, company, funder, venue. "
        "Also accepted as 'organization', 'institution' or 'employer'.",
    )
    location: str | None = Field(None, description="City, country.")
    url: Url | None = Field(None, description="A link for the title.")
    summary: Markdown | None = Field(None, description="One short paragraph under the title.")
    date_text: str | None = Field(
        None, description="Shown in the date column exactly as written (e.g. 'Fall 2023'), instead of date/start/end."
    )
    details: list[Markdown] = Field(default_factory=list, description="Bullet points (inline markdown).")

    @field_validator("details", mode="before")
    @classmethod
    def _details(cls, value: Any) -> Any:
        return _listify(value)


class Item(Dated):
    """One dated line: an award, a news item, a service role."""

    text: Markdown = Field(description="The line itself (inline markdown).")
    date_text: str | None = Field(
        None, description="Shown in the date column exactly as written (e.g. 'Fall 2023'), instead of date/start/end."
    )
    url: Url | None = None
    details: list[Markdown] = Field(default_factory=list, description="Sub-bullets (inline markdown).")

    @field_validator("details", mode="before")
    @classmethod
    def _details(cls, value: Any) -> Any:
        return _listify(value)


class Link(Strict):
    label: str = Field(description="Shown text, e.g. 'Blog'.")
    url: Url


class EntriesSection(SectionBase):
    """Dated entries: education, positions, grants, talks, teaching."""

    entries: list[Entry]


class ItemsSection(SectionBase):
    """Date + text lines: awards, honours, news, service."""

    items: list[Item]


class SkillsSection(SectionBase):
    """Label: values, e.g. 'Programming: Python, C++'."""

    skills: dict[str, str | list[str]]


class BulletsSection(SectionBase):
    """A plain bullet list (inline markdown each)."""

    bullets: list[Markdown]


class TextSection(SectionBase):
    """A paragraph of markdown, e.g. research statement or interests."""

    text: str = Field(description="Markdown paragraphs.")


SECTION_KINDS: dict[str, type[SectionBase]] = {
    "entries": EntriesSection,
    "items": ItemsSection,
    "publications": PublicationsSection,
    "skills": SkillsSection,
    "bullets": BulletsSection,
    "text": TextSection,
}
SECTION_TAG = "{} section"  # pydantic union tag; never a key a user could write


def _section_kind(value: Any) -> str | None:
    if isinstance(value, SectionBase):
        return SECTION_TAG.format(next(k for k, v in SECTION_KINDS.items() if isinstance(value, v)))
    if isinstance(value, dict):
        present = [key for key in SECTION_KINDS if key in value]
        if not present and "bib" in value:  # publications read only from BibTeX files
            present = ["publications"]
        if len(present) == 1:
            return SECTION_TAG.format(present[0])
    return None


Section = Annotated[
    Annotated[EntriesSection, Tag("entries section")]
    | Annotated[ItemsSection, Tag("items section")]
    | Annotated[PublicationsSection, Tag("publications section")]
    | Annotated[SkillsSection, Tag("skills section")]
    | Annotated[BulletsSection, Tag("bullets section")]
    | Annotated[TextSection, Tag("text section")],
    Discriminator(
        _section_kind,
        custom_error_type="section_kind",
        custom_error_message="a section needs exactly one of: entries, items, publications, skills, bullets, text",
    ),
]


class Person(Strict):
    name: str = Field(description="Your name as it should appear on the CV.")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the name is empty; write your name as it should appear on the CV")
        return value

    headline: str | None = Field(
        None, validation_alias=AliasChoices("headline", "position", "title"), description="E.g. 'Assistant Professor'."
    )
    affiliation: str | None = Field(None, description="Department and institution.")
    location: str | None = None
    email: str | None = None
    phone: str | None = None
    website: Url | None = None
    orcid: str | None = Field(None, description="ORCID iD, e.g. 0000-0002-1825-0097.")
    scholar: str | None = Field(None, description="Google Scholar user id or profile URL.")
    github: str | None = Field(None, description="GitHub user name.")
    linkedin: str | None = Field(None, description="LinkedIn user name (the part after /in/).")
    links: list[Link] = Field(default_factory=list, description="Any other labelled links.")
    name_variants: list[str] = Field(
        default_factory=list, description="Other spellings of your name in author lists, e.g. 'A. Lovelace'."
    )

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValueError(f"'{value}' does not look like an email address")
        return value

    @field_validator("orcid")
    @classmethod
    def _orcid(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = re.sub(r"^https?://orcid\.org/", "", value.strip())
        if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
            raise ValueError(f"'{value}' is not an ORCID iD (16 digits like 0000-0002-1825-0097)")
        return value

    @field_validator("github", "linkedin")
    @classmethod
    def _handle(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return re.sub(r"^(https?://)?(www\.)?(github\.com|linkedin\.com/in)/", "", value).strip("/@ ")


_MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "px": 25.4 / 96}
MAX_MARGIN_MM = 60  # a wider margin leaves no room for text on A4 or Letter


def _margin(value: str) -> str:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(mm|cm|in|pt|px)", value.strip())
    if not match:
        raise ValueError(f"'{value}' is not a length; write a number and a unit such as 18mm, 2cm, 0.75in or 54pt")
    if float(match.group(1)) * _MM_PER_UNIT[match.group(2)] > MAX_MARGIN_MM:
        raise ValueError(f"'{value}' is wider than {MAX_MARGIN_MM}mm; the page would have no room for text")
    return value


Length = Annotated[
    str,
    AfterValidator(_margin),
    Field(
        description="A length such as 2cm, 20mm, 0.75in or 54pt.",
        json_schema_extra={"pattern": r"^\d+(\.\d+)?\s*(mm|cm|in|pt|px)$"},
    ),
]


class Margins(Strict):
    top: Length = "18mm"
    right: Length = "18mm"
    bottom: Length = "20mm"
    left: Length = "18mm"


class Design(Strict):
    theme: str = Field("classic", description="A built-in theme name or a path to a theme folder.")
    page_size: Literal["A4", "Letter"] = Field("A4", description="A4 or Letter.")
    accent_color: str = Field("#1f3f6e", description="Hex colour for headings and links, e.g. '#8c1515'.")
    font_size: str = Field("10.5pt", description="Base font size, e.g. 10pt, 10.5pt, 11pt.")
    font: Literal["serif", "sans"] | None = Field(None, description="Shipped font family; default is the theme's.")
    margins: Length | Margins = Field(default_factory=Margins, description="One length for all sides, or each side.")
    date_format: Literal["short", "long", "numeric", "year"] = Field(
        "short", description="short: Sep 2023, long: September 2023, numeric: 09/2023, year: 2023."
    )
    show_updated: bool = Field(True, description="Print 'Last updated <month year>' in the footer.")
    icons: bool = Field(
        True, description="Contact details with icons (envelope, ORCID, GitHub …); false: plain text joined by '·'."
    )
    fit_pages: int | None = Field(
        None,
        ge=1,
        le=50,
        description="Fit the PDF on at most this many pages: type, leading and spacing step down within the "
        "theme's limits (or a warning says by how much it overflows).",
    )
    pdf_standard: Literal["pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/a-3u"] | None = Field(
        None,
        description="Write a standard PDF: pdf/ua-1 is tagged and accessible (screen readers, some "
        "institutions require it); pdf/a-* are for archiving. Default: a plain PDF (smaller).",
    )
    options: dict[str, Any] = Field(default_factory=dict, description="Theme-specific options (see theme.yaml).")

    @field_validator("page_size", mode="before")
    @classmethod
    def _page_size(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"a4": "A4", "letter": "Letter", "us-letter": "Letter"}.get(value.strip().lower(), value)
        return value

    @field_validator("accent_color")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value):
            raise ValueError(f"'{value}' is not a hex colour like '#1f3f6e'")
        return value.lower()

    @field_validator("font_size", mode="before")
    @classmethod
    def _font_size(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = f"{value}pt"
        if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value.strip()):
            value = f"{value.strip()}pt"
        return value

    @field_validator("font_size")
    @classmethod
    def _font_size_range(cls, value: str) -> str:
        match = re.fullmatch(r"(\d+(?:\.\d+)?)pt", value)
        if not match or not 7 <= float(match.group(1)) <= 14:
            raise ValueError(f"'{value}' is not a font size between 7pt and 14pt")
        return value

    def margin_box(self) -> Margins:
        if isinstance(self.margins, str):
            return Margins(top=self.margins, right=self.margins, bottom=self.margins, left=self.margins)
        return self.margins


class Variant(Strict):
    """Another output from the same data: a 2-page resume, a grant or tenure version.

    Filtering, in order: ``exclude_tags`` drops anything tagged so; ``only_tags`` keeps a
    section when it or one of its entries carries such a tag (a tagged section keeps all its
    entries, otherwise only the tagged entries stay); ``sections`` picks and orders sections by
    title; ``limits`` keeps the first N entries (after sorting, so the N most recent).
    """

    description: str = Field("", description="What this variant is for.")
    only_tags: list[str] = Field(default_factory=list, description="Keep only sections/entries with one of these tags.")
    exclude_tags: list[str] = Field(default_factory=list, description="Drop sections/entries with any of these tags.")
    sections: list[str] = Field(default_factory=list, description="Section titles to show, in this order.")
    limits: dict[str, int] = Field(default_factory=dict, description="Section title → most entries to show.")
    selected_publications: bool = Field(False, description="Only publications marked selected.")
    theme: str | None = Field(None, description="Theme for this variant.")
    design: dict[str, Any] = Field(default_factory=dict, description="Design settings to override (see design).")
    locale: str | None = None

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str | None) -> str | None:
        return None if value is None else _known_locale(value)

    @field_validator("only_tags", "exclude_tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return _listify(value)


def _file_stem(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", value):
        raise ValueError(f"'{value}' cannot be part of a file name; use letters, digits, '-', '_' and '.'")
    return value


# A name that becomes part of a file name (cv-NAME.pdf): never a path.
FileStem = Annotated[str, AfterValidator(_file_stem)]


class SiteBlock(Strict):
    """Publish into a website whenever this profile is rendered (like ``render --site``)."""

    dir: str = Field(".", description="The site's root folder, relative to this profile.")
    kind: Literal["academicpages", "al-folio", "hugo", "generic"] | None = Field(
        None, description="Site kind; default: detected from the site's files."
    )
    pdf_path: str | None = Field(None, description="Where the PDF goes, relative to the site root.")
    link_base: Url | None = Field(None, description="URL prefix for the download link (generic sites).")
    html_page: bool = Field(False, description="Also publish the web CV as a page of the site.")


class Profile(Strict):
    """A whole CV: who you are, how it looks, and the sections in order."""

    model_config = ConfigDict(json_schema_extra={"title": "cvbuild profile"})

    person: Person
    locale: str = Field(
        "en", description="Language of built-in words and dates (headings, months, 'present'): en, de, zh_CN ..."
    )
    updated: Date | None = Field(None, description="Date for 'Last updated'; default: SOURCE_DATE_EPOCH or git.")
    design: Design = Field(default_factory=Design)
    sections: list[Section] = Field(default_factory=list, description="The CV's sections, in order.")
    site: SiteBlock | None = Field(None, description="Publish into a website on every render (see README).")
    variants: dict[FileStem, Variant] = Field(
        default_factory=dict,
        description="Named outputs from the same data (cvbuild render --variant NAME); the name is part of the "
        "file name (cv-NAME.pdf): letters, digits, '-', '_' and '.'.",
    )

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        return _known_locale(value)


def _known_locale(value: str) -> str:
    """A locale Babel has data for (``en``, ``de_AT``, ``zh-Hant``); anything else would print English silently."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"'{value}' is not a language cvbuild knows; use a code such as en, de, fr, zh_CN") from None
    return value.strip()
