"""Resolve a validated profile into what a theme prints.

Here dates become text in the CV's language, entries are sorted, markdown becomes safe
HTML, the owner's name is found in author lists, and contact details become links. Themes
then only lay things out: every value a template sees is ready to print (see the template
context in README "Themes").
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .. import __version__
from ..i18n import format_date, format_range, words
from ..model import (
    BulletsSection,
    Dated,
    EntriesSection,
    ItemsSection,
    PartialDate,
    Profile,
    PublicationsSection,
    SectionBase,
    SkillsSection,
    TextSection,
    in_order,
)
from .markdown import block, inline
from .publications import resolve_publications
from .view import Contact, Meta, ResolvedCV, ResolvedPerson, ResolvedSection, Row


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


# A labelled link's site by its host (icon names of cvbuild.render.fonts.ICONS).
_LINK_SITES: tuple[tuple[str, str], ...] = (
    (r"(^|\.)(twitter|x)\.com$", "x"),
    (r"(^|\.)bsky\.(app|social)$", "bluesky"),
    (r"(^|\.)researchgate\.net$", "researchgate"),
    (r"(^|\.)dblp\.(org|uni-trier\.de|dagstuhl\.de)$", "dblp"),
    (r"(^|\.)orcid\.org$", "orcid"),
    (r"^scholar\.google\.", "scholar"),
    (r"(^|\.)github\.com$", "github"),
    (r"(^|\.)gitlab\.com$", "gitlab"),
    (r"(^|\.)linkedin\.com$", "linkedin"),
    (r"(^|\.)(youtube\.com|youtu\.be)$", "youtube"),
    (r"(^|\.)kaggle\.com$", "kaggle"),
    (r"(^|\.)stackoverflow\.com$", "stackoverflow"),
    (r"(^|\.)(mastodon|mstdn|fosstodon|hachyderm|sigmoid)\.", "mastodon"),
)


def _link_icon(url: str, label: str) -> str:
    """The icon of a labelled link: a known site by its address, else by its label, else a plain link."""
    match = re.match(r"(?:https?://)?([^/?#]+)(/[^?#]*)?", url.strip(), re.I)
    host = (match.group(1) if match else "").lower().removeprefix("www.")
    path = (match.group(2) or "") if match else ""
    for pattern, icon in _LINK_SITES:
        if re.search(pattern, host):
            return icon
    if re.fullmatch(r"/@[\w.]+/?", path):  # https://any.server/@name is how Mastodon (and its kin) address people
        return "mastodon"
    words = label.lower()
    for word, icon in (("mastodon", "mastodon"), ("bluesky", "bluesky"), ("twitter", "x"), ("dblp", "dblp")):
        if word in words:
            return icon
    return "pdf" if url.lower().split("?")[0].endswith(".pdf") else "link"


def _contacts(profile: Profile) -> list[Contact]:
    p = profile.person
    out: list[Contact] = []
    if p.email:
        out.append(Contact("email", p.email, f"mailto:{p.email}", icon="email"))
    if p.phone:
        out.append(Contact("phone", p.phone, "tel:" + re.sub(r"[^\d+]", "", p.phone), icon="phone"))
    if p.website:
        url = p.website if re.match(r"https?://", p.website) else f"https://{p.website}"
        shown = re.sub(r"^https?://(www\.)?", "", p.website).rstrip("/")
        out.append(Contact("website", shown, url, icon="website"))
    if p.orcid:
        out.append(Contact("orcid", f"ORCID {p.orcid}", f"https://orcid.org/{p.orcid}", "ORCID", p.orcid, icon="orcid"))
    if p.scholar:
        url = p.scholar if p.scholar.startswith("http") else f"https://scholar.google.com/citations?user={p.scholar}"
        out.append(Contact("scholar", "Google Scholar", url, icon="scholar"))
    if p.github:
        out.append(Contact("github", f"github.com/{p.github}", f"https://github.com/{p.github}", icon="github"))
    if p.linkedin:
        url = f"https://www.linkedin.com/in/{p.linkedin}"
        out.append(Contact("linkedin", f"linkedin.com/in/{p.linkedin}", url, icon="linkedin"))
    for link in p.links:
        out.append(Contact("link", link.label, link.url, icon=_link_icon(link.url, link.label)))
    for contact in out:
        contact.value = contact.value or contact.text
    return _without_repeats(out)


def _without_repeats(contacts: list[Contact]) -> list[Contact]:
    """One contact per address: a website that is the GitHub profile (JSON Resume's basics.url
    often is) shows once, as GitHub, not twice."""

    def key(contact: Contact) -> str:
        return re.sub(r"^(https?://)?(www\.)?", "", (contact.url or contact.text).lower()).rstrip("/")

    specific = {key(c) for c in contacts if c.kind != "website"}
    seen: set[str] = set()
    kept = []
    for contact in contacts:
        address = key(contact)
        if (contact.kind == "website" and address in specific) or address in seen:
            continue
        seen.add(address)
        kept.append(contact)
    return kept


_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _cjk_author_list(authors: Markup, conjunction: str) -> Markup:
    """Chinese and Japanese author lists of CJK names take the enumeration comma and no spaces:
    "陈健、王卓然和秦佳宇", not "陈健, 王卓然 和 秦佳宇". Lists of Latin names are left as they are."""
    if not _HAN.search(authors.striptags().replace(conjunction, "")):
        return authors
    text = str(authors)
    for before in (f", {conjunction} ", f" {conjunction} "):
        text = text.replace(before, conjunction)
    return Markup(text.replace(", ", "、"))


def _date_text(item: Dated, locale: str, style: str) -> str:
    if getattr(item, "date_text", None):  # a date the model cannot read, printed as the author wrote it
        return item.date_text  # type: ignore[attr-defined]
    if item.date is not None:
        return format_date(item.date, locale, style)
    return format_range(item.start, item.end, locale, style)


def resolve_section(section: SectionBase, profile: Profile, taken: set[str]) -> ResolvedSection:
    locale, style = profile.locale, profile.design.date_format
    out = ResolvedSection(kind="", title=section.title, anchor=_slug(section.title, taken))
    if isinstance(section, EntriesSection):
        out.kind = "entries"
        for e in in_order(section.entries, section.sort):
            out.rows.append(
                Row(
                    title=inline(e.title),
                    subtitle=inline(e.organisation),
                    location=e.location or "",
                    date=_date_text(e, locale, style),
                    url=e.url,
                    summary=inline(e.summary),
                    details=[inline(d) for d in e.details],
                    tags=e.tags,
                )
            )
    elif isinstance(section, ItemsSection):
        out.kind = "items"
        for i in in_order(section.items, section.sort):
            out.rows.append(
                Row(
                    title=inline(i.text),
                    date=_date_text(i, locale, style),
                    url=i.url,
                    details=[inline(d) for d in i.details],
                    tags=i.tags,
                )
            )
    elif isinstance(section, PublicationsSection):
        out.kind = "publications"
        out.groups, out.legend = resolve_publications(section, profile)
        if locale.split("_")[0].split("-")[0] in ("zh", "ja"):
            conjunction = words(locale).get("and", "and")
            for group in out.groups:
                for row in group.rows:
                    row.authors = _cjk_author_list(row.authors, conjunction)
        out.rows = [row for group in out.groups for row in group.rows]  # for themes that ignore groups
    elif isinstance(section, SkillsSection):
        out.kind = "skills"
        for label, values in section.skills.items():
            text = ", ".join(values) if isinstance(values, list) else values
            out.skills.append((label, inline(text)))
    elif isinstance(section, BulletsSection):
        out.kind = "bullets"
        out.rows = [Row(title=inline(b)) for b in section.bullets]
    elif isinstance(section, TextSection):
        out.kind = "text"
        out.body = block(section.text)
    return out


def resolve(profile: Profile, updated: PartialDate | None = None) -> ResolvedCV:
    """Everything a theme needs, ready to print. ``updated`` is the "last updated" month."""
    person = profile.person
    w = words(profile.locale)
    taken: set[str] = set()
    sections = [resolve_section(s, profile, taken) for s in profile.sections]
    updated_text = ""
    when = updated
    if profile.design.show_updated and when is not None:
        style = "long" if profile.design.date_format == "short" else profile.design.date_format
        updated_text = f"{w['last_updated']} {format_date(PartialDate(when.year, when.month), profile.locale, style)}"
    keywords = [s.title for s in sections] + [person.headline or "", person.affiliation or ""]
    meta = Meta(
        title=f"{person.name} — {w['cv']}",
        author=person.name,
        subject=" · ".join(x for x in (person.headline, person.affiliation) if x) or w["cv"],
        keywords=", ".join(k for k in keywords if k),
        generator=f"cvbuild {__version__}",
        lang=profile.locale.replace("_", "-"),
        updated=updated_text,
    )
    return ResolvedCV(
        person=ResolvedPerson(
            name=person.name,
            headline=person.headline or "",
            affiliation=person.affiliation or "",
            location=person.location or "",
            contacts=_contacts(profile),
        ),
        sections=sections,
        meta=meta,
        words=w,
    )
