"""What both writers share: which kind each section becomes, rows, dates, links, plain text, and losses.

A cvbuild section says what it *holds* (entries, items, bullets, skills, text, publications);
JSON Resume and RenderCV say what a section *is* (work, education, volunteer …). The bridge
is a **kind**, chosen per section by :func:`section_kinds`: ``--map TITLE=KIND`` first, else
the first rule of :data:`TITLE_RULES` whose words appear in the section's title and whose kind
fits what the section holds, else the default for what it holds (:data:`DEFAULT_KIND`). The
rule is in ``docs/interop.md`` too, so a user can predict it.

Every writer turns a section's rows into :class:`Row` first (an entry, an item and a bullet
differ only in which fields they fill), so the per-format code maps one shape, not three.
What a format cannot hold goes into :class:`Lost`, which becomes one warning line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ...model import (
    BulletsSection,
    Design,
    EntriesSection,
    ItemsSection,
    PartialDate,
    Profile,
    Publication,
    PublicationsSection,
    SectionBase,
    SkillsSection,
    TextSection,
    in_order,
)
from ...resolve.publications import group_order, kept_in_order  # the CV's own filter and order

# ---- section kinds ----------------------------------------------------------------------------

ROW_KINDS = ("work", "education", "volunteer", "projects", "awards", "certificates")
LABEL_KINDS = ("skills", "languages", "interests")
KINDS = (*ROW_KINDS, *LABEL_KINDS, "publications", "summary")

# What each cvbuild section kind may become, by the key it holds its content under.
ALLOWED: dict[str, tuple[str, ...]] = {
    "entries": ROW_KINDS,
    "items": ROW_KINDS,
    "bullets": (*ROW_KINDS, "interests"),
    "skills": LABEL_KINDS,
    "publications": ("publications",),
    "text": ("summary",),
}
DEFAULT_KIND = {
    "entries": "work",
    "items": "awards",
    "bullets": "projects",
    "skills": "skills",
    "publications": "publications",
    "text": "summary",
}

# First match wins; a rule applies only when its kind is ALLOWED for what the section holds.
TITLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("education", re.compile(r"educat|degree|\bstud(y|ies)\b|qualification|academic background|schooling", re.I)),
    ("volunteer", re.compile(r"volunt|service|outreach|community|engagement", re.I)),
    ("certificates", re.compile(r"certif|licen[cs]e|accreditation", re.I)),
    ("awards", re.compile(r"award|honou?r|prize|distinction|scholarship|fellowship|recognition", re.I)),
    (
        "projects",
        re.compile(r"project|grant|funding|software|portfolio|talk|presentation|lecture|seminar|invited", re.I),
    ),
    ("languages", re.compile(r"^\s*(spoken |natural |foreign )?languages?\s*$|language (skills|proficienc)", re.I)),
    ("interests", re.compile(r"interest|hobb", re.I)),
    ("skills", re.compile(r"skill|competenc|expertise|tools|technolog", re.I)),
)


def holds(section: SectionBase) -> str:
    """The key a section keeps its content under: entries, items, bullets, skills, publications, text."""
    for kind, cls in (
        ("entries", EntriesSection),
        ("items", ItemsSection),
        ("bullets", BulletsSection),
        ("skills", SkillsSection),
        ("publications", PublicationsSection),
        ("text", TextSection),
    ):
        if isinstance(section, cls):
            return kind
    raise TypeError(f"unknown section type {type(section).__name__}")


def kind_by_title(title: str, held: str) -> str:
    """The documented rule: the first title rule that fits what the section holds, else the default."""
    for kind, pattern in TITLE_RULES:
        if kind in ALLOWED[held] and pattern.search(title):
            return kind
    return DEFAULT_KIND[held]


class MappingError(ValueError):
    """A ``--map`` that names no section, or a kind the section cannot become."""


def section_kinds(profile: Profile, mapping: Mapping[str, str] | None = None) -> list[str]:
    """The kind of each section, in order: ``mapping`` (title → kind, from ``--map``) wins over the title rule."""
    mapping = dict(mapping or {})
    titles = {s.title.casefold(): s for s in profile.sections}
    for title, kind in mapping.items():
        section = titles.get(title.casefold())
        if section is None:
            known = ", ".join(f"'{s.title}'" for s in profile.sections) or "none"
            raise MappingError(f"--map {title}={kind}: the profile has no section titled '{title}' (it has {known})")
        allowed = ALLOWED[holds(section)]
        if kind not in allowed:
            raise MappingError(
                f"--map {title}={kind}: a section of {holds(section)} can become {', '.join(allowed)}, not '{kind}'"
            )
    wanted = {title.casefold(): kind for title, kind in mapping.items()}
    return [wanted.get(s.title.casefold()) or kind_by_title(s.title, holds(s)) for s in profile.sections]


# ---- losses ------------------------------------------------------------------------------------


@dataclass
class Lost:
    """What a format cannot hold, grouped ("publication links: arxiv ×3, code") for one warning line in the end."""

    groups: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, what: str, item: str = "", times: int = 1) -> None:
        if times > 0:
            items = self.groups.setdefault(what, {})
            items[item] = items.get(item, 0) + times

    def __bool__(self) -> bool:
        return bool(self.groups)

    def items(self) -> list[str]:
        out = []
        for what, items in self.groups.items():
            bare = items.get("", 0)
            named = [item if n == 1 else f"{item} ×{n}" for item, n in items.items() if item]
            out.append(what + (f" ×{bare}" if bare > 1 else "") + (": " + ", ".join(named) if named else ""))
        return out

    def message(self, format_name: str) -> str:
        return f"not held by {format_name}: " + "; ".join(self.items())


@dataclass
class Exported:
    """One writer's result: the format's data (plain JSON-like values) and what it could not hold."""

    data: dict[str, Any]
    lost: Lost


def profile_losses(profile: Profile, lost: Lost, *, design: bool, locale: bool) -> None:
    """Settings that are about cvbuild, not the CV's facts: named when set, since neither format has them."""
    if profile.variants:
        lost.add("variants", ", ".join(profile.variants))
    if profile.site is not None:
        lost.add("site")
    if design:
        changed = changed_design(profile.design)
        for key in changed:
            lost.add("design", key)
    if locale and profile.locale != "en":
        lost.add("locale", profile.locale)


def changed_design(design: Design, *, except_: Iterable[str] = ()) -> list[str]:
    """The design keys a user set to something other than the default."""
    default = Design()
    skip = set(except_)
    return [key for key in Design.model_fields if key not in skip and getattr(design, key) != getattr(default, key)]


# ---- rows --------------------------------------------------------------------------------------


@dataclass
class Row:
    """An entry, an item or a bullet in one shape: title (the entry's title, the item's text, the bullet)."""

    title: str
    organisation: str | None = None
    location: str | None = None
    url: str | None = None
    date: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    date_text: str | None = None
    summary: str | None = None
    details: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def rows_of(section: SectionBase) -> list[Row]:
    """A section's rows in the order the CV prints them (the section's ``sort``)."""
    if isinstance(section, EntriesSection):
        return [
            Row(
                e.title,
                e.organisation,
                e.location,
                e.url,
                e.date,
                e.start,
                e.end,
                e.date_text,
                e.summary,
                list(e.details),
                list(e.tags),
            )  # fmt: skip
            for e in in_order(section.entries, section.sort)
        ]
    if isinstance(section, ItemsSection):
        return [
            Row(
                i.text,
                url=i.url,
                date=i.date,
                start=i.start,
                end=i.end,
                date_text=i.date_text,
                details=list(i.details),
                tags=list(i.tags),
            )  # fmt: skip
            for i in in_order(section.items, section.sort)
        ]
    if isinstance(section, BulletsSection):
        return [Row(b) for b in section.bullets]
    raise TypeError(f"{type(section).__name__} has no rows")


def shown_publications(section: PublicationsSection) -> tuple[list[Publication], int]:
    """The publications the CV prints, in its order (filter, sort, groups), and how many the filter hides."""
    ordered, keys = kept_in_order(section)
    out = [p for key in group_order(keys, section) for p, k in zip(ordered, keys, strict=True) if k == key]
    return out, len(section.publications) - len(ordered)


def publication_options(section: PublicationsSection) -> list[str]:
    """The section's print options a user changed (grouping, numbering, author display …): neither format has them.

    Which publications are printed (the filter) and how they are read (files, venue rules) are no
    print options: the writers apply the filter and write the entries as loaded.
    """
    default = PublicationsSection(title="x")
    not_print = {"title", "tags", "sort", "publications", "bib", "highlight", "filter", "link_base"}
    not_print |= {"venue_kinds", "keep_preprints"}
    return [
        name
        for name in PublicationsSection.model_fields
        if name not in not_print and getattr(section, name) != getattr(default, name)
    ]


def venue_line(pub: Publication) -> str:
    """Venue, short name and volume/pages as the CV prints them: "Journal (JAB), vol. 3(2), pp. 1–9".

    Neither format has volume, issue or pages, and both print the venue as written, so the CV's
    own line keeps those facts in print (and the round trip prints the same line).
    """
    parts: list[str] = []
    venue = pub.venue or ""
    if pub.abbr and pub.abbr.lower() not in venue.lower():
        venue = f"{venue} ({pub.abbr})" if venue else pub.abbr
    if venue:
        parts.append(venue)
    if pub.volume:
        parts.append(f"vol. {pub.volume}" + (f"({pub.number})" if pub.number else ""))
    if pub.pages:
        parts.append(("pp. " if any(c in pub.pages for c in "–-,") else "p. ") + pub.pages)
    if pub.publisher and pub.kind in ("book", "chapter"):
        parts.append(pub.publisher)
    return ", ".join(parts)


LINK_LABELS = {
    "doi": "DOI", "arxiv": "arXiv", "pdf": "PDF", "code": "Code", "slides": "Slides", "video": "Video",
    "poster": "Poster", "project": "Project", "blog": "Blog",
}  # fmt: skip


def publication_links(pub: Publication, section: PublicationsSection, website: str | None) -> list[tuple[str, str]]:
    """A publication's links other than ``url``, as (kind, absolute address), in the order the CV prints them.

    Relative pdf/slides/poster files start at the section's ``link_base`` (as in the CV), else the website.
    """
    out = []
    for kind in LINK_LABELS:
        value = getattr(pub, kind)
        if not value:
            continue
        if kind == "doi":
            address: str | None = f"https://doi.org/{value}"
        elif kind == "arxiv":
            address = f"https://arxiv.org/abs/{value}"
        else:
            address = absolute_url(value, section.link_base or website)
        if address:
            out.append((kind, address))
    return out


def when(pub: Publication) -> str | None:
    """A publication's date at the precision given, or its year."""
    moment = pub.when()
    return None if moment is None or moment.present else str(moment)


# ---- dates and links ---------------------------------------------------------------------------


def iso(date: PartialDate | None) -> str | None:
    """``2023``, ``2023-09`` or ``2023-09-15``: the precision the profile gave; None for none or present."""
    return None if date is None or date.present else str(date)


def absolute_url(url: str | None, base: str | None) -> str | None:
    """An http(s) or mailto address, a site-relative one joined to the person's website, or None."""
    if not url:
        return None
    if re.match(r"(?i)(https?://|mailto:)", url):
        return url
    if base and re.match(r"(?i)https?://", base) and not url.startswith("#"):
        return urljoin(base.rstrip("/") + "/", url.lstrip("/") if url.startswith("/") else url)
    return None


# ---- markdown → plain text ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The CV's own markdown dialect (see resolve.markdown): dashes and quotes come out as printed."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": True, "linkify": False})
    md.enable(["replacements", "smartquotes", "strikethrough"])
    return md


def _inline_text(children: list[Token]) -> str:
    out: list[str] = []
    links: list[tuple[str, int]] = []  # href, where the link text starts
    for token in children:
        if token.type in ("text", "code_inline", "text_special", "html_inline"):
            out.append(token.content)
        elif token.type == "softbreak":
            out.append(" ")
        elif token.type == "hardbreak":
            out.append("\n")
        elif token.type == "image":
            out.append(token.content)
        elif token.type == "link_open":
            links.append((str(token.attrs.get("href", "")), len(out)))
        elif token.type == "link_close" and links:
            href, start = links.pop()
            shown = "".join(out[start:])
            bare = re.sub(r"^(mailto:|tel:)", "", href)
            if href and bare not in (shown, shown.rstrip("/")):
                out.append(f" ({href})")
    return "".join(out)


def plain(text: str | None) -> str | None:
    """Inline markdown as plain text: emphasis dropped, a link as "text (url)", so no address is lost."""
    if not text:
        return text
    tokens = _parser().parseInline(text)
    return _inline_text(tokens[0].children or []).strip() if tokens else text


def plain_block(text: str) -> str:
    """Markdown paragraphs and lists as plain text: paragraphs apart by a blank line, list items on lines."""
    blocks: list[str] = []
    lines: list[str] = []
    markers: list[int | None] = []  # per open list: next number, or None for bullets
    for token in _parser().parse(text):
        if token.type == "bullet_list_open":
            markers.append(None)
        elif token.type == "ordered_list_open":
            markers.append(int(token.attrs.get("start", 1) or 1))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            markers.pop()
            if not markers:
                blocks.append("\n".join(lines))
                lines = []
        elif token.type == "inline":
            body = _inline_text(token.children or [])
            if markers:
                number = markers[-1]
                prefix = "- " if number is None else f"{number}. "
                if number is not None:
                    markers[-1] = number + 1
                lines.append("  " * (len(markers) - 1) + prefix + body)
            else:
                blocks.append(body)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    if lines:
        blocks.append("\n".join(lines))
    return "\n\n".join(b for b in blocks if b.strip())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
# Formatting tags that readers of publication files keep in otherwise plain text (<em>, <b>, a link …).
_RICH_TAG = re.compile(r'<(/?)(em|i|b|strong|sup|sub|code|sc)>|<a href="([^"<>]*)">|</a>')
_RICH_MARKDOWN = {"em": "*", "i": "*", "b": "**", "strong": "**", "code": "`"}


def escape_markdown(text: str) -> str:
    """Plain text (a BibTeX title) that must stay plain where it will be read as markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def file_text_as_markdown(text: str | None) -> str | None:
    """Text read from a publication file as markdown: its words escaped, its emphasis and links as markdown.

    Tags markdown has no syntax for (superscripts, small capitals) are dropped, keeping their words.
    """
    if not text:
        return text
    out: list[str] = []
    position = 0
    links: list[str] = []
    for match in _RICH_TAG.finditer(text):
        out.append(escape_markdown(text[position : match.start()]))
        position = match.end()
        closing, tag, href = match.groups()
        if tag in _RICH_MARKDOWN:
            out.append(_RICH_MARKDOWN[tag])
        elif href is not None:
            links.append(href)
            out.append("[")
        elif match.group(0) == "</a>" and links:
            out.append(f"]({links.pop()})")
    out.append(escape_markdown(text[position:]))
    return "".join(out)


def file_text_as_plain(text: str | None) -> str | None:
    """Text read from a publication file without its formatting tags (a link keeps its address as text)."""
    if not text or "<" not in text:
        return text

    def link(match: re.Match[str]) -> str:
        href, shown = match.groups()
        return shown if shown == href else f"{shown} ({href})"

    return _RICH_TAG.sub("", re.sub(r'<a href="([^"<>]*)">(.*?)</a>', link, text))


def split_list(value: str | list[str]) -> list[str]:
    """A skills value as a list: "Python, R (tidyverse, ggplot2)" → ["Python", "R (tidyverse, ggplot2)"].

    Commas inside brackets stay; joining the list with ", " gives the text back, so a reader that
    joins keywords (cvbuild's does) prints what the CV printed.
    """
    if isinstance(value, list):
        return [v for v in value if v]
    parts: list[str] = []
    depth = start = 0
    for index, char in enumerate(value):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0 and value[index + 1 : index + 2] == " ":
            parts.append(value[start:index])
            start = index + 2
    parts.append(value[start:])
    if any(not part.strip() or part != part.strip() for part in parts):  # irregular: keep the text whole
        return [value] if value else []
    return parts
