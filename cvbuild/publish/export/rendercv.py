"""A cvbuild profile as a RenderCV file (https://docs.rendercv.com), the format al-folio's ``_data/cv.yml`` uses.

RenderCV sections are titled lists, so titles and order stay. Each section becomes one RenderCV
entry type (RenderCV takes a section's type from its entries, one type per section):

* entries and items → EducationEntry when the kind is education and every entry names its
  institution; else ExperienceEntry when every entry names its organisation; else NormalEntry;
* publications → PublicationEntry (venue, volume and pages → journal; note → summary; your own
  name in the author list in ``**bold**``, as RenderCV users mark it);
* skills → OneLineEntry; bullets → BulletEntry; text → TextEntry, one per paragraph.

Markdown stays markdown (RenderCV reads the same inline markdown); text read from a ``.bib``
file is plain, so its markdown characters are escaped. Dates keep the profile's precision.
``design`` carries the page size, margins, accent colour, font size and "last updated" switch
that both tools have. What RenderCV cannot hold is named in
:class:`~cvbuild.publish.export.common.Lost`; the tables are in ``docs/interop.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from ...load.rendercv import LANGUAGES
from ...model import (
    BulletsSection,
    Profile,
    Publication,
    PublicationsSection,
    SectionBase,
    SkillsSection,
    TextSection,
)
from ...resolve.names import OwnerMatcher, display_name, split_marks
from .common import (
    LINK_LABELS,
    Exported,
    Lost,
    Row,
    absolute_url,
    changed_design,
    file_text_as_markdown,
    iso,
    profile_losses,
    publication_links,
    publication_options,
    rows_of,
    section_kinds,
    shown_publications,
    venue_line,
    when,
)

FORMAT = "RenderCV"
SCHEMA_URL = "https://raw.githubusercontent.com/rendercv/rendercv/main/schema.json"
# RenderCV 2.8's locales; LANGUAGE_NAMES maps a language code to one (the reader's table, turned round).
RENDERCV_LANGUAGES = (
    "arabic", "danish", "dutch", "english", "french", "german", "hebrew", "hindi", "hungarian", "indonesian",
    "italian", "japanese", "korean", "mandarin_chinese", "norwegian_bokmål", "norwegian_nynorsk", "persian",
    "portuguese", "russian", "spanish", "turkish", "vietnamese",
)  # fmt: skip
LANGUAGE_NAMES = {code: name for name, code in reversed(LANGUAGES.items()) if name in RENDERCV_LANGUAGES}
# What RenderCV takes as a phone number: international format, "+44 131 555 0199".
_INTERNATIONAL_PHONE = re.compile(r"\+\d[\d ().-]{5,}\d")
# Font Awesome icons for a custom connection, by the link's host (RenderCV needs one per link).
_ICONS = (
    (r"(^|\.)(twitter|x)\.com$", "x-twitter"),
    (r"(^|\.)github\.com$", "github"),
    (r"(^|\.)gitlab\.com$", "gitlab"),
    (r"(^|\.)(youtube\.com|youtu\.be)$", "youtube"),
    (r"(^|\.)researchgate\.net$", "researchgate"),
    (r"(^|\.)linkedin\.com$", "linkedin"),
)


def to_rendercv(profile: Profile, mapping: Mapping[str, str] | None = None) -> Exported:
    """The profile as RenderCV data; ``mapping`` is ``--map`` (section title → kind)."""
    return _Writer(profile).run(section_kinds(profile, mapping))


class _Dumper(yaml.SafeDumper):
    """Block style throughout and ``|`` for multi-line text, as RenderCV's own examples are written."""


def _text_scalar(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text_scalar)


def rendercv_text(data: dict[str, Any], source: str = "") -> str:
    """The RenderCV YAML, with a first line that points editors at RenderCV's schema."""
    header = f"# yaml-language-server: $schema={SCHEMA_URL}\n"
    header += f"# RenderCV file written by 'cvbuild export' from {source}.\n" if source else ""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return header + body


class _Writer:
    def __init__(self, profile: Profile):
        self.profile = profile
        self.lost = Lost()
        person = profile.person
        website = absolute_url(person.website, None)
        self.website = website if website and website.lower().startswith("http") else None
        self.marked_authors = False  # the owner was found in an author list (name_variants did their job)

    def run(self, kinds: list[str]) -> Exported:
        sections: dict[str, list[Any]] = {}
        for section, kind in zip(self.profile.sections, kinds, strict=True):
            title = section.title
            if title in sections:  # RenderCV's sections are keyed by title
                number = 2
                while f"{section.title} ({number})" in sections:
                    number += 1
                title = f"{section.title} ({number})"
                self.lost.add("repeated section titles", f"'{section.title}' → '{title}'")
            if section.tags:
                self.lost.add("section tags")
            entries = self.section(section, kind)
            if entries:
                sections[title] = entries
            else:
                self.lost.add("empty sections", f"'{section.title}'")
        cv = self.cv()
        if sections:
            cv["sections"] = sections
        if self.profile.person.name_variants and not self.marked_authors:
            self.lost.add("person.name_variants")
        data: dict[str, Any] = {"cv": cv, "design": self.design()}
        locale = self.profile.locale
        language = LANGUAGE_NAMES.get(locale) or LANGUAGE_NAMES.get(re.split(r"[_-]", locale)[0])
        if language and language != "english":
            data["locale"] = {"language": language}
        elif not language:
            self.lost.add("locale (RenderCV has no such language)", self.profile.locale)
        if self.profile.updated is not None:
            data["settings"] = {"current_date": self.current_date()}
        profile_losses(self.profile, self.lost, design=False, locale=False)
        return Exported(data, self.lost)

    # -- the person

    def cv(self) -> dict[str, Any]:
        person = self.profile.person
        cv: dict[str, Any] = {"name": person.name}
        headline = " · ".join(x for x in (person.headline, person.affiliation) if x)
        if headline:
            cv["headline"] = headline
        if person.affiliation:
            self.lost.add("person.affiliation (joined to cv.headline)")
        for key in ("location", "email"):
            if getattr(person, key):
                cv[key] = getattr(person, key)
        connections: list[dict[str, str | None]] = []
        if person.phone and _INTERNATIONAL_PHONE.fullmatch(person.phone):
            cv["phone"] = person.phone
        elif person.phone:  # RenderCV refuses a number without its country code: shown as text instead
            connections.append({"placeholder": person.phone, "url": None, "fontawesome_icon": "phone"})
            self.lost.add("a phone number without its country code (shown as text)", person.phone)
        if self.website:
            cv["website"] = self.website
        elif person.website:
            self.lost.add("addresses that are not http(s)", person.website)
        networks = []
        for network, value in (("LinkedIn", person.linkedin), ("GitHub", person.github), ("ORCID", person.orcid)):
            if value:
                networks.append({"network": network, "username": value})
        if person.scholar:
            user = re.search(r"[?&]user=([\w-]+)", person.scholar)
            if user or not person.scholar.startswith("http"):
                networks.append({"network": "Google Scholar", "username": user.group(1) if user else person.scholar})
            else:
                connections.append(self.connection("Google Scholar", person.scholar))
        for link in person.links:
            url = absolute_url(link.url, self.website)
            if url and url.lower().startswith("http"):
                connections.append(self.connection(link.label, url))
            else:
                self.lost.add("addresses that are not http(s)", link.url)
        if networks:
            cv["social_networks"] = networks
        if connections:
            cv["custom_connections"] = connections
        return cv

    @staticmethod
    def connection(label: str, url: str) -> dict[str, str | None]:
        host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/")[0]
        icon = next((icon for pattern, icon in _ICONS if re.search(pattern, host)), "link")
        return {"placeholder": label, "url": url, "fontawesome_icon": icon}

    # -- sections

    def section(self, section: SectionBase, kind: str) -> list[Any]:
        if isinstance(section, TextSection):
            return [p.strip() for p in re.split(r"\n[ \t]*\n", section.text.strip()) if p.strip()]
        if isinstance(section, SkillsSection):
            return [
                {"label": label, "details": ", ".join(value) if isinstance(value, list) else value}
                for label, value in section.skills.items()
            ]
        if isinstance(section, BulletsSection):
            return [{"bullet": bullet} for bullet in section.bullets]
        if isinstance(section, PublicationsSection):
            return self.publications(section)
        rows = rows_of(section)
        with_organisation = [bool(row.organisation) for row in rows]
        if kind == "education" and all(with_organisation):
            entry_type = "EducationEntry"
        elif all(with_organisation):
            entry_type = "ExperienceEntry"
        else:
            entry_type = "NormalEntry"
            if any(with_organisation):
                self.lost.add("organisations (in a section of NormalEntry: joined to the name)", f"'{section.title}'")
        return [self.entry(row, entry_type) for row in rows]

    def entry(self, row: Row, entry_type: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if entry_type == "EducationEntry":
            degree, _, area = row.title.partition(" in ")
            out.update(institution=row.organisation, area=area or degree, degree=degree if area else None)
        elif entry_type == "ExperienceEntry":
            out.update(company=row.organisation, position=row.title)
        else:
            out["name"] = f"{row.title}, {row.organisation}" if row.organisation else row.title
        out["location"] = row.location
        if row.date_text:
            out["date"] = row.date_text
        elif row.date:
            out["date"] = iso(row.date)
        elif row.start:
            out["start_date"] = iso(row.start)
            out["end_date"] = "present" if row.end and row.end.present else iso(row.end)
        out["summary"] = row.summary
        out["highlights"] = row.details
        out["url"] = row.url  # not printed by RenderCV 2.8's templates, read back by cvbuild
        out["tags"] = row.tags
        return {key: value for key, value in out.items() if value not in (None, "", [])}

    def publications(self, section: PublicationsSection) -> list[dict[str, Any]]:
        shown, hidden = shown_publications(section)
        if hidden:
            self.lost.add("publications hidden by a filter", times=hidden)
        options = publication_options(section)
        if options:
            for option in options:
                self.lost.add("publication options", option)
        mine = OwnerMatcher([self.profile.person.name, *self.profile.person.name_variants, *section.highlight])
        return [self.publication(pub, section, mine) for pub in shown]

    def publication(self, pub: Publication, section: PublicationsSection, mine: OwnerMatcher) -> dict[str, Any]:
        def text(value: str | None) -> str | None:
            return file_text_as_markdown(value) if pub.source else value  # a file's text is plain

        authors = []
        for author in pub.authors:
            name, marks = split_marks(author)
            shown = display_name(name, "full")
            if mine(name):
                shown = f"**{shown}**"
                self.marked_authors = True
            authors.append(shown + marks)
        out: dict[str, Any] = {"title": text(pub.title), "authors": authors}
        out["journal"] = text(venue_line(pub))
        out["date"] = when(pub)
        out["doi"] = pub.doi
        url = absolute_url(pub.url, self.website)
        if url and url.lower().startswith("http"):
            out["url"] = url
        elif pub.url:
            self.lost.add("addresses that are not http(s)", pub.url)
        links = [
            f"[{LINK_LABELS[kind]}]({address})"
            for kind, address in publication_links(pub, section, self.website)
            if kind != "doi"  # RenderCV has a doi field
        ]
        note = text(pub.note) or ""
        if note and links and note[-1:] not in ".?!":
            note += "."
        out["summary"] = " ".join([note, " · ".join(links)]).strip()
        for kind, _ in publication_links(pub, section, self.website):
            if kind != "doi":
                self.lost.add("publication links (written into summary)", kind)
        out["tags"] = pub.tags
        if pub.edited:
            self.lost.add("'(eds.)' of edited books")
        cleaned = {key: value for key, value in out.items() if value not in (None, "", [])}
        cleaned["authors"] = authors  # RenderCV requires the list, even empty
        return cleaned

    # -- design, settings

    def design(self) -> dict[str, Any]:
        design = self.profile.design
        margins = design.margin_box()
        accent = design.accent_color
        changed = changed_design(design, except_=("page_size", "margins", "accent_color", "font_size", "show_updated"))
        for key in changed:
            self.lost.add("design", key)
        return {
            "theme": "classic",
            "page": {
                "size": "a4" if design.page_size == "A4" else "us-letter",
                "top_margin": margins.top,
                "bottom_margin": margins.bottom,
                "left_margin": margins.left,
                "right_margin": margins.right,
                "show_top_note": design.show_updated,
            },
            "colors": {"name": accent, "section_titles": accent, "links": accent},
            "typography": {"font_size": {"body": design.font_size}},
        }

    def current_date(self) -> str:
        """RenderCV's "today" is a full date; the CV prints the month, so a month becomes its first day."""
        updated = self.profile.updated
        assert updated is not None
        if updated.month is None:
            self.lost.add("updated at year precision (written as January)", str(updated.year))
        return f"{updated.year:04d}-{updated.month or 1:02d}-{updated.day or 1:02d}"
