"""The template contract: everything a theme's templates see, ready to print.

Themes get these dataclasses, never the input model: every date is already text in the CV's
language, every markdown field is safe HTML (:class:`~markupsafe.Markup`), every URL is
checked. ``docs/themes.md`` documents them; a template that names a missing attribute gets
an error listing the ones that exist (see :func:`cvbuild.render.html.attribute_hint`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup


@dataclass
class Contact:
    """One contact detail. ``text`` is the whole plain-text form ("ORCID 0000-0002-1825-0097"); a header
    with icons prints the icon for ``icon`` and then ``value`` ("0000-0002-1825-0097"), so the icon
    replaces ``label`` ("ORCID") and the reader sees neither twice."""

    kind: str  # email, phone, website, orcid, scholar, github, linkedin, location, link
    text: str
    url: str | None = None
    label: str = ""  # what the plain text puts before the value: "ORCID", or "" when the value says it all
    value: str = ""  # the detail itself; "" means the same as text
    icon: str = "link"  # an icon name of cvbuild.render.fonts.ICONS: email, orcid, github, x, mastodon …


@dataclass
class Row:
    """One printable entry of any section kind; fields a kind does not use stay empty."""

    title: Markup = Markup("")
    subtitle: Markup = Markup("")  # organisation / venue
    location: str = ""
    date: str = ""  # already formatted: "Sep 2019 – present"
    url: str | None = None
    summary: Markup = Markup("")
    details: list[Markup] = field(default_factory=list)
    authors: Markup = Markup("")  # publications only
    note: Markup = Markup("")
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    number: str = ""  # publication label such as "J3"
    tags: list[str] = field(default_factory=list)


@dataclass
class PubGroup:
    """One sub-heading of a publications section and its rows (``title`` empty when not grouped)."""

    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class ResolvedSection:
    kind: str  # entries, items, publications, skills, bullets, text
    title: str
    anchor: str
    rows: list[Row] = field(default_factory=list)
    body: Markup = Markup("")  # text sections
    skills: list[tuple[str, Markup]] = field(default_factory=list)
    legend: str = ""  # publications: explanation of marks
    groups: list[PubGroup] = field(default_factory=list)  # publications: sub-headings and their rows, in order


@dataclass
class ResolvedPerson:
    name: str
    headline: str
    affiliation: str
    location: str
    contacts: list[Contact]


@dataclass
class Meta:
    title: str
    author: str
    subject: str
    keywords: str
    generator: str
    lang: str
    updated: str  # "Last updated Nov 2026", or "" when not shown


@dataclass
class ResolvedCV:
    person: ResolvedPerson
    sections: list[ResolvedSection]
    meta: Meta
    words: dict[str, str]
