"""A cvbuild profile as a JSON Resume (https://jsonresume.org/schema), in the schema's v1 names.

JSON Resume has fixed lists (``work``, ``education`` …) rather than titled sections, so each
section goes to the list of its kind (:func:`~cvbuild.publish.export.common.section_kinds`) and
sections of one kind follow each other in that list. Text is plain (JSON Resume themes print it
as is): emphasis is dropped and a link becomes "text (url)". Dates keep the profile's precision.

Where the schema has no field but cvbuild's JSON Resume reader reads one (an education's
``location`` and ``summary``, an award's ``url``), the field is written: the schema allows
extra fields in every list entry, and ``cvbuild import`` then gets the fact back. Everything
else the format cannot hold is named in :class:`~cvbuild.publish.export.common.Lost`.
The field-by-field tables are in ``docs/interop.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ...load.json_resume import SECTIONS
from ...model import Profile, Publication, PublicationsSection, SectionBase, SkillsSection, TextSection
from ...resolve.names import display_name, split_marks
from .common import (
    LINK_LABELS,
    Exported,
    Lost,
    Row,
    absolute_url,
    file_text_as_plain,
    holds,
    iso,
    plain,
    plain_block,
    profile_losses,
    publication_links,
    publication_options,
    rows_of,
    section_kinds,
    shown_publications,
    split_list,
    venue_line,
    when,
)

FORMAT = "JSON Resume"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
# The title cvbuild's reader gives each list: a section titled otherwise loses its title.
TITLES = {"summary": "Summary", **dict(SECTIONS)}
ORDER = ["summary", *(key for key, _ in SECTIONS)]
_SCORE = re.compile(r"^Score:\s*(.+)$")
_COURSES = re.compile(r"^Courses:\s*(.+)$")
_GPA = re.compile(r"^GPA\s+(.+)$")
_KEYWORDS = re.compile(r"^Keywords:\s*(.+)$")


def to_json_resume(profile: Profile, mapping: Mapping[str, str] | None = None) -> Exported:
    """The profile as JSON Resume data; ``mapping`` is ``--map`` (section title → kind)."""
    return _Writer(profile).run(section_kinds(profile, mapping))


def json_resume_text(data: dict[str, Any], source: str = "") -> str:
    """JSON as people indent it, non-ASCII letters as themselves (JSON has no comments: ``source`` is not named)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class _Writer:
    def __init__(self, profile: Profile):
        self.profile = profile
        self.website = profile.person.website
        self.lost = Lost()
        self.lists: dict[str, list[dict[str, Any]]] = {}
        self.summaries: list[str] = []

    def run(self, kinds: list[str]) -> Exported:
        written: list[str] = []
        for section, kind in zip(self.profile.sections, kinds, strict=True):
            kind = self.section(section, kind)
            if kind not in written:
                written.append(kind)
            if section.title != TITLES[kind]:
                self.lost.add("section titles", f"'{section.title}'→{_where(kind)}")
            if section.tags:
                self.lost.add("section tags")
        if written != sorted(written, key=ORDER.index):
            self.lost.add("section order")
        data: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": self.basics()}
        for key in ORDER[1:]:
            if key in self.lists:
                data[key] = self.lists[key]
        if self.profile.updated is not None:
            data["meta"] = {"lastModified": str(self.profile.updated)}
        profile_losses(self.profile, self.lost, design=True, locale=True)
        return Exported(data, self.lost)

    # -- the person

    def basics(self) -> dict[str, Any]:
        person = self.profile.person
        basics: dict[str, Any] = {"name": person.name}
        label = " · ".join(x for x in (person.headline, person.affiliation) if x)
        if label:
            basics["label"] = label
        if person.affiliation:
            self.lost.add("person.affiliation (joined to basics.label)")
        if person.email:
            basics["email"] = person.email
        if person.phone:
            basics["phone"] = person.phone
        website = absolute_url(person.website, None)
        if website:
            basics["url"] = website
        elif person.website:
            self.lost.add("addresses that are not absolute", person.website)
        if self.summaries:
            basics["summary"] = "\n\n".join(self.summaries)
        if person.location:
            basics["location"] = {"city": person.location}
        profiles = self.profiles()
        if profiles:
            basics["profiles"] = profiles
        if person.name_variants:
            self.lost.add("person.name_variants")
        return basics

    def profiles(self) -> list[dict[str, str]]:
        person = self.profile.person
        out: list[dict[str, str]] = []
        if person.github:
            out.append({"network": "GitHub", "username": person.github, "url": f"https://github.com/{person.github}"})
        if person.linkedin:
            url = f"https://www.linkedin.com/in/{person.linkedin}"
            out.append({"network": "LinkedIn", "username": person.linkedin, "url": url})
        if person.orcid:
            out.append({"network": "ORCID", "username": person.orcid, "url": f"https://orcid.org/{person.orcid}"})
        if person.scholar:
            if person.scholar.startswith("http"):
                out.append({"network": "Google Scholar", "url": person.scholar})
            else:
                page = f"https://scholar.google.com/citations?user={person.scholar}"
                out.append({"network": "Google Scholar", "username": person.scholar, "url": page})
        for link in person.links:
            address = absolute_url(link.url, self.website)
            if address:
                out.append({"network": link.label, "url": address})
            else:
                self.lost.add("addresses that are not absolute", link.url)
        return out

    # -- sections

    def section(self, section: SectionBase, kind: str) -> str:
        """Write one section into the list of its kind; the kind it was written as (certificates may fall back)."""
        held = holds(section)
        if isinstance(section, TextSection):
            text = plain_block(section.text)
            self.summaries.append(text if not self.summaries else f"{section.title}: {text}")
        elif isinstance(section, SkillsSection):
            self.lists.setdefault(kind, []).extend(self.labelled(section, kind))
        elif isinstance(section, PublicationsSection):
            self.lists.setdefault(kind, []).extend(self.publications(section))
        else:
            rows = rows_of(section)
            if kind == "certificates" and any(not _full_date(row) for row in rows if row.date or row.start):
                kind = "awards"
                self.lost.add("certificates without a full date (written as awards)", f"'{section.title}'")
            if held == "bullets" and kind == "interests":
                self.lists.setdefault(kind, []).extend({"name": plain(row.title)} for row in rows)
            else:
                self.lists.setdefault(kind, []).extend(self.row(row, kind) for row in rows)
        return kind

    def row(self, row: Row, kind: str) -> dict[str, Any]:
        title, organisation = plain(row.title), plain(row.organisation)
        out: dict[str, Any] = {}
        if kind == "work":
            out.update(name=organisation, position=title)
        elif kind == "volunteer":
            out.update(organization=organisation, position=title)
        elif kind == "education":
            out["institution"] = organisation
            degree, _, area = (title or "").partition(" in ")
            out.update(studyType=degree, area=area or None)
        elif kind == "projects":
            out.update(name=title, entity=organisation)
        elif kind == "awards":
            out.update(title=title, awarder=organisation)
        else:  # certificates
            out.update(name=title, issuer=organisation)
        if row.location:
            if kind in ("work", "volunteer", "education"):
                out["location"] = row.location
            else:
                self.lost.add("locations", f"{kind}[]")
        url = absolute_url(row.url, self.website)
        if url:
            out["url"] = url
        elif row.url:
            self.lost.add("addresses that are not absolute", row.url)
        self.dates(row, kind, out)
        self.texts(row, kind, out)
        if row.tags:
            self.lost.add("tags")
        return {key: value for key, value in out.items() if value not in (None, "", [])}

    def dates(self, row: Row, kind: str, out: dict[str, Any]) -> None:
        if row.date_text:
            self.lost.add("dates written as text", f"'{row.date_text}'")
        if kind in ("awards", "certificates"):  # one date each
            out["date"] = iso(row.date or row.start)
            if row.start and row.end and row.end != row.start:
                self.lost.add("ends of date ranges (the start is written)", f"{kind}[]")
        elif row.date:  # a single date: JSON Resume's "ended then" (cvbuild reads a lone endDate as the date)
            out["endDate"] = iso(row.date)
        elif row.start:
            out["startDate"] = iso(row.start)
            out["endDate"] = iso(row.end)  # None for present: JSON Resume leaves an ongoing end out

    def texts(self, row: Row, kind: str, out: dict[str, Any]) -> None:
        summary = plain(row.summary)
        details = [plain(d) or "" for d in row.details]
        if kind in ("work", "volunteer"):
            out.update(summary=summary, highlights=details)
        elif kind == "projects":
            keywords = [match.group(1) for d in details if (match := _KEYWORDS.match(d))]
            out.update(description=summary, highlights=[d for d in details if not _KEYWORDS.match(d)])
            if keywords:
                out["keywords"] = [k for line in keywords for k in split_list(line)]
        elif kind == "education":
            out["summary"] = summary
            highlights = []
            for detail in details:
                score, courses, gpa = _SCORE.match(detail), _COURSES.match(detail), _GPA.match(detail)
                if score and "score" not in out:
                    out["score"] = score.group(1)
                elif gpa and "gpa" not in out:  # the first generation's name, which cvbuild reads back as "GPA x"
                    out["gpa"] = gpa.group(1)
                elif courses and "courses" not in out:
                    out["courses"] = split_list(courses.group(1))
                else:
                    highlights.append(detail)
            if highlights:
                out["highlights"] = highlights
        else:  # awards and certificates have one summary
            parts = [p for p in (summary, *details) if p]
            out["summary"] = "; ".join(parts)
            if len(parts) > 1:
                self.lost.add("details (joined into the summary)", f"{kind}[]")

    def labelled(self, section: SkillsSection, kind: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for label, value in section.skills.items():
            values = [plain(v) or "" for v in split_list(value)]
            if kind == "languages":
                entry: dict[str, Any] = {"language": plain(label), "fluency": ", ".join(values)}
            else:
                entry = {"name": plain(label), "keywords": values}
            out.append({k: v for k, v in entry.items() if v not in (None, "", [])})
        return out

    def publications(self, section: PublicationsSection) -> list[dict[str, Any]]:
        shown, hidden = shown_publications(section)
        if hidden:
            self.lost.add("publications hidden by a filter", times=hidden)
        options = publication_options(section)
        if options:
            for option in options:
                self.lost.add("publication options", option)
        return [self.publication(pub, section) for pub in shown]

    def publication(self, pub: Publication, section: PublicationsSection) -> dict[str, Any]:
        def text(value: str | None) -> str | None:
            return file_text_as_plain(value) if pub.source else plain(value)

        out: dict[str, Any] = {
            "name": text(pub.title),
            "publisher": text(venue_line(pub)) or None,
            "releaseDate": when(pub),
        }
        links = publication_links(pub, section, self.website)
        url = absolute_url(pub.url, self.website)
        if not url and links:  # the schema's one link: the DOI, else arXiv, else the first there is
            url = links.pop(0)[1]
        elif pub.url and not url:
            self.lost.add("addresses that are not absolute", pub.url)
        if url:
            out["url"] = url
        summary = [text(pub.note) or ""] + [f"{LINK_LABELS[kind]}: {address}" for kind, address in links]
        out["summary"] = "; ".join(part for part in summary if part)
        for kind, _ in links:
            self.lost.add("publication links (written into summary)", kind)
        if pub.authors:
            out["authors"] = [display_name(name, "full") + marks for name, marks in map(split_marks, pub.authors)]
            self.lost.add("publication authors (in an extra 'authors' field)")
        if pub.edited:
            self.lost.add("'(eds.)' of edited books")
        return {key: value for key, value in out.items() if value not in (None, "", [])}


def _full_date(row: Row) -> bool:
    moment = row.date or row.start
    return moment is not None and moment.day is not None


def _where(kind: str) -> str:
    return "basics.summary" if kind == "summary" else kind
