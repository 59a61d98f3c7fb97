"""Reader for JSON Resume (https://jsonresume.org/schema) files, e.g. ``resume.json``.

Both schema generations are read: v0 names (``work[].company``, ``website``, ``gpa``,
``basics.picture``) and v1 names (``work[].name``, ``url``, ``score``, ``basics.image``), plus
academicpages' ``_data/cv.json`` (JSON Resume with ``presentations``, ``teaching`` and
``portfolio``, written by the template's markdown-to-JSON script).

Hand-edited files (al-folio's ``assets/json/resume.json``) often hold ``//`` and ``/* */``
comments and the trailing commas they leave behind, so comments and trailing commas are
blanked out first, keeping every other character at its line and column: JSON's own parser then
reports syntax errors at the user's line, and a small scanner records where every value sits.
(The YAML reader cannot do this job: it refuses escaped emoji, which Python's ``json.dump``
writes, and keys split from their colon across lines.)

Every converted value remembers the JSON path it came from, so a validation error names
``work[0].startDate`` at its line, not ``sections[0].entries[0].start``. Whatever the CV does
not print (references, the photo, unknown keys, profiles without a usable link) is named in
one warning line: nothing is dropped silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import CvError, Problem, Warnings
from ..model import Person, validate_profile
from ..source import Path_, SourceMap, converted_source, format_path
from ..util.files import read_text
from .loaded import Loaded, Overrides, apply_overrides

# Top-level keys in the order their sections appear, with the section title.
SECTIONS = [
    ("work", "Experience"),
    ("education", "Education"),
    ("volunteer", "Volunteering"),
    ("projects", "Projects"),
    ("portfolio", "Portfolio"),  # academicpages
    ("publications", "Publications"),
    ("presentations", "Talks"),  # academicpages
    ("teaching", "Teaching"),  # academicpages
    ("awards", "Awards"),
    ("certificates", "Certificates"),
    ("skills", "Skills"),
    ("languages", "Languages"),
    ("interests", "Interests"),
]
# File metadata, not facts about the person: skipped without a word.
_METADATA = {"$schema", "meta"}
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:)", re.I)


# ---- comments, trailing commas and positions ------------------------------------------------


def strip_jsonc(text: str, path: Path | None = None) -> str:
    """``//`` and ``/* */`` comments and trailing commas → spaces, outside strings only.

    Newlines stay, so every character that remains keeps its line and column and JSON's
    error positions are positions in the user's file. An unclosed ``/*`` is a located error.
    """
    out = list(text)
    length = len(text)
    pending_comma: int | None = None  # a comma not (yet) followed by a value
    i = 0
    while i < length:
        char = text[i]
        if char == '"':
            i = _string_end(text, i)
            pending_comma = None
            continue
        if char == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = length if end < 0 else end
            _blank(out, i, end)
            i = end
            continue
        if char == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                line, column = _line_column(text, i)
                raise CvError(Problem("this /* comment is never closed", path, line, column, hint="end it with */"))
            _blank(out, i, end + 2)
            i = end + 2
            continue
        if char == ",":
            pending_comma = i
        elif char in "}]" and pending_comma is not None:
            out[pending_comma] = " "
            pending_comma = None
        elif not char.isspace():
            pending_comma = None
        i += 1
    return "".join(out)


def _string_end(text: str, start: int) -> int:
    """The index after the string that opens at ``start`` (or the line's end if it never closes)."""
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        if text[i] == "\n":
            return i
        i += 1
    return i


def _blank(out: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        if out[k] not in "\r\n":
            out[k] = " "


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _PositionScanner:
    """Where each value and key of valid JSON text sits (1-based line and column)."""

    def __init__(self, text: str, source: SourceMap):
        self.text = text
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        low, high = 0, len(self.line_starts) - 1
        while low < high:  # the last line start at or before offset
            middle = (low + high + 1) // 2
            if self.line_starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1, offset - self.line_starts[low] + 1

    def skip(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in " \t\r\n":
            i += 1
        return i

    def value(self, i: int, path: Path_) -> int:
        i = self.skip(i)
        self.source.values[path] = self.position(i)
        opening = self.text[i]
        if opening in "{[":
            closing = "}" if opening == "{" else "]"
            i = self.skip(i + 1)
            index = 0
            while self.text[i] != closing:
                if opening == "{":
                    end = _string_end(self.text, i)
                    key = str(json.loads(self.text[i:end]))
                    self.source.keys[path + (key,)] = self.position(i)
                    i = self.value(self.skip(end) + 1, (*path, key))  # past the colon
                else:
                    i = self.value(i, (*path, index))
                    index += 1
                i = self.skip(i)
                if self.text[i] == ",":
                    i = self.skip(i + 1)
            return i + 1
        if opening == '"':
            return _string_end(self.text, i)
        while i < len(self.text) and self.text[i] not in ",]} \t\r\n":
            i += 1
        return i


def parse_json(text: str, path: Path) -> tuple[Any, SourceMap]:
    """JSON (with comments and trailing commas) → data and where each value sits; errors located."""
    clean = strip_jsonc(text, path)
    try:
        data = json.loads(clean, parse_float=str)  # 3.90 stays "3.90", as written
    except json.JSONDecodeError as exc:
        raise CvError(Problem(f"JSON syntax error: {exc.msg}", path, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise CvError(Problem("the JSON is nested too deeply to be a resume", path, 1, 1)) from None
    source = SourceMap(path)
    try:
        _PositionScanner(clean, source).value(0, ())
    except (IndexError, ValueError, RecursionError):  # cannot happen for text json accepted; keep line 1
        source = SourceMap(path)
    return data, source


# ---- converted paths → the user's paths -------------------------------------------------------


# ---- reading values -------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    """A printable scalar as stripped text; None for empty values and for lists/objects."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return text or None
    return None


def _has_content(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_content(v) for v in value)
    return value is not None and value is not False and str(value).strip() != ""


def _day_to_month(value: str) -> str:
    """``2013-12-01`` → ``2013-12``: a range on a CV is read in months; ``…T00:00:00`` goes too."""
    value = re.sub(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}.*$", r"\1", value)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-\d{1,2}", value)
    return f"{match.group(1)}-{match.group(2)}" if match else value


def _event_date(value: str) -> str:
    """A single date (an award, a talk) keeps its day: it names one event, and a profile exported
    with ``cvbuild export`` comes back with the dates it had. Only ranges are read in months."""
    return re.sub(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}.*$", r"\1", value)


@dataclass
class _Report:
    """What the CV will not print, gathered into one warning line."""

    dropped: list[tuple[Path_, str]] = field(default_factory=list)
    # The person's website: site-relative links (academicpages writes "/portfolio/x/") start there.
    site_url: str = ""

    def add(self, path: Path_, why: str = "") -> None:
        self.dropped.append((path, why))

    def message(self) -> str:
        """``projects[].type (3)`` rather than three names that differ only by the index."""
        groups: dict[tuple[tuple[str, ...], str], list[Path_]] = {}
        for path, why in self.dropped:
            generic = tuple("[]" if isinstance(p, int) else f".{p}" for p in path)
            groups.setdefault((generic, why), []).append(path)
        parts = []
        for (generic, why), paths in groups.items():
            label = format_path(paths[0]) if len(paths) == 1 else "".join(generic).lstrip(".") + f" ({len(paths)})"
            parts.append(label + (f": {why}" if why else ""))
        return "not printed: " + "; ".join(parts)


class _Fields:
    """One JSON object being read: which keys were used, and where each value came from."""

    def __init__(self, data: dict[str, Any], at: Path_, report: _Report):
        self.data = data
        self.at = at
        self.report = report
        self.used: set[str] = set()

    def text(self, *keys: str) -> tuple[str, Path_] | None:
        """The first of ``keys`` holding text (v1 name first, then v0), and its path.

        A second spelling holding something else (``url`` and ``website`` both) is reported,
        not silently lost.
        """
        self.used.update(keys)
        chosen: tuple[str, Path_] | None = None
        for key in keys:
            value = self.data.get(key)
            text = _text(value)
            if text is not None and chosen is None:
                chosen = text, (*self.at, key)
            elif text is not None and chosen is not None and text != chosen[0]:
                self.report.add((*self.at, key), f"{chosen[1][-1]} was used")
            elif text is None and _has_content(value):
                self.report.add((*self.at, key), "not text")
        return chosen

    def texts(self, key: str) -> list[tuple[str, Path_]]:
        """A list of texts (a single text counts as a list of one)."""
        self.used.add(key)
        value = self.data.get(key)
        single = _text(value)
        if single is not None:
            return [(single, (*self.at, key))]
        out: list[tuple[str, Path_]] = []
        for index, item in enumerate(value if isinstance(value, list) else []):
            text = _text(item)
            if text is not None:
                out.append((text, (*self.at, key, index)))
            elif _has_content(item):
                self.report.add((*self.at, key, index), "not text")
        if isinstance(value, dict) and _has_content(value):
            self.report.add((*self.at, key), "not a list")
        return out

    def url(self, *keys: str) -> tuple[str, Path_] | None:
        found = self.text(*keys)
        if found is None:
            return None
        value, where = found
        if value.lower().startswith("www."):
            value = f"https://{value}"
        elif value.startswith("/") and not value.startswith("//") and self.report.site_url:
            value = self.report.site_url.rstrip("/") + value
        if not _SAFE_URL.match(value):
            self.report.add(where, "not an http(s) link")
            return None
        return value, where

    def leftovers(self, ignore: tuple[str, ...] = ()) -> None:
        for key, value in self.data.items():
            if key not in self.used and key not in ignore and _has_content(value):
                self.report.add((*self.at, key))


class _Row:
    """One converted entry/item/publication and the JSON path of each of its fields."""

    def __init__(self, at: Path_):
        self.data: dict[str, Any] = {}
        self.origins: dict[Path_, Path_] = {(): at}

    def put(self, ours: str, found: tuple[str, Path_] | None, transform: Any = None) -> None:
        if found is None:
            return
        value, where = found
        self.data[ours] = transform(value) if transform else value
        self.origins[(ours,)] = where

    def detail(self, text: str, where: Path_) -> None:
        details = self.data.setdefault("details", [])
        self.origins[("details", len(details))] = where
        details.append(text)


# ---- sections -----------------------------------------------------------------------------


class _Converter:
    """JSON Resume data → cvbuild profile data, the origins of its paths, and what is left out."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.report = _Report()
        self.origins: dict[Path_, Path_] = {(): ()}
        self.sections: list[dict[str, Any]] = []

    def convert(self) -> dict[str, Any]:
        basics = self.data.get("basics") if isinstance(self.data.get("basics"), dict) else {}
        person = self.person(basics or {})
        summary = _Fields(basics or {}, ("basics",), self.report).text("summary")
        if summary:
            self.add_section({"title": "Summary", "text": summary[0]}, ("basics", "summary"), "text", [])
        for key, title in SECTIONS:
            rows = self.rows(key)
            if rows:
                getattr(self, f"section_{key}")(key, title, rows)
        given = self.data.get("references")
        references = [r for r in given if _has_content(r)] if isinstance(given, list) else [given]
        if references and _has_content(references):
            count = f"{len(references)} {'entry' if len(references) == 1 else 'entries'}"
            self.report.add(("references",), f"{count} kept off the CV for privacy")
        known = {key for key, _ in SECTIONS} | {"basics", "references"} | _METADATA
        for key, value in self.data.items():
            if key not in known and _has_content(value):
                self.report.add((key,))
        return {"person": person, "sections": self.sections}

    def rows(self, key: str) -> list[_Fields]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            if _has_content(value):
                self.report.add((key,), "not a list")
            return []
        rows = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                if _has_content(item):
                    rows.append(_Fields(item, (key, index), self.report))
            elif _has_content(item):
                self.report.add((key, index), "not an object")
        return rows

    def add_section(self, section: dict[str, Any], at: Path_, kind: str, rows: list[_Row]) -> None:
        index = len(self.sections)
        self.origins[("sections", index)] = at
        if rows:
            section[kind] = [row.data for row in rows]
            for number, row in enumerate(rows):
                for ours, theirs in row.origins.items():
                    self.origins[("sections", index, kind, number) + ours] = theirs
        self.sections.append(section)

    # -- the person

    def person(self, basics: dict[str, Any]) -> dict[str, Any]:
        fields = _Fields(basics, ("basics",), self.report)
        person: dict[str, Any] = {}

        def put(ours: str, found: tuple[str, Path_] | None) -> None:
            if found is not None:
                person[ours] = found[0]
                self.origins[("person", ours)] = found[1]

        self.origins[("person",)] = ("basics",)
        put("name", fields.text("name"))
        put("headline", fields.text("label"))
        put("email", fields.text("email"))
        put("phone", fields.text("phone"))
        put("website", fields.url("url", "website"))
        self.report.site_url = person.get("website", "")
        fields.used.add("summary")  # a section of its own
        location = self.location(basics.get("location"))
        fields.used.add("location")
        if location:
            put("location", (location, ("basics", "location")))
        self.profiles(basics.get("profiles"), person)
        fields.used.add("profiles")
        fields.leftovers()
        return person

    def location(self, value: Any) -> str:
        """Any form of ``basics.location`` as one line, each place once ("Leeds", not "Leeds, Leeds")."""
        if _text(value) is not None:
            return str(_text(value))
        if not isinstance(value, dict):
            if _has_content(value):
                self.report.add(("basics", "location"), "not text or an object")
            return ""
        fields = _Fields(value, ("basics", "location"), self.report)
        parts: list[str] = []
        address = fields.text("address")
        if address:
            parts.extend(line.strip(" ,") for line in re.split(r"[\n;]", address[0]))
        for key in ("city", "region", "postalCode", "countryCode", "country"):
            found = fields.text(key)
            if found:
                parts.append(found[0])
        fields.leftovers()
        seen: set[str] = set()
        unique = []
        for part in parts:
            words = " ".join(part.split())
            if words and words.casefold() not in seen:
                seen.add(words.casefold())
                unique.append(words)
        return ", ".join(unique)

    def profiles(self, value: Any, person: dict[str, Any]) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            if _has_content(value):
                self.report.add(("basics", "profiles"), "not a list")
            return
        links: list[dict[str, str]] = []
        seen = {_same_url(person["website"])} if person.get("website") else set()
        for index, item in enumerate(value):
            at: Path_ = ("basics", "profiles", index)
            if not isinstance(item, dict):
                if _has_content(item):
                    self.report.add(at, "not an object")
                continue
            fields = _Fields(item, at, self.report)
            network_found = fields.text("network")
            network = network_found[0] if network_found else ""
            user_found = fields.text("username")
            username = user_found[0] if user_found else ""
            url_found = fields.text("url")
            url = url_found[0] if url_found else ""
            fields.leftovers()
            if not (network or username or url):
                continue
            if url and not _SAFE_URL.match(url):
                if url.lower().startswith("www."):
                    url = f"https://{url}"
                else:
                    self.report.add((*at, "url"), "not an http(s) link")
                    url = ""
            field_name, value_for_field = _person_field(network, username, url)
            if field_name and field_name not in person:
                if _valid_person_field(field_name, value_for_field):
                    person[field_name] = value_for_field
                    self.origins[("person", field_name)] = at
                    seen.add(_same_url(url or _NETWORK_URLS[_network_key(network)].format(value_for_field)))
                    continue
                if not url:
                    self.report.add(at, f"'{value_for_field}' is not a valid {network} id")
                    continue
            if not url:
                url, why = _profile_url(network, username)
                if not url:
                    self.report.add(at, why)
                    continue
            if _same_url(url) in seen:
                continue
            seen.add(_same_url(url))
            self.origins[("person", "links", len(links))] = at
            label = network or re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
            links.append({"label": label, "url": url})
        if links:
            person["links"] = links

    # -- the sections

    def dated(self, row: _Row, fields: _Fields) -> None:
        """startDate/endDate → start/end (month precision), or a single ``date`` from endDate alone."""
        start = fields.text("startDate")
        end = fields.text("endDate")
        if start:
            row.put("start", start, _day_to_month)
            row.put("end", end or ("present", start[1]), _day_to_month)
        elif end:
            row.put("date", end, _day_to_month)

    def summary(self, row: _Row, fields: _Fields, *keys: str) -> None:
        """One summary from several texts (work: the company's description, then the role's summary)."""
        found = [f for f in (fields.text(k) for k in keys) if f]
        if found:
            text = " ".join(t if t.rstrip()[-1:] in ".!?:" else f"{t}." for t, _ in found[:-1])
            row.put("summary", (f"{text} {found[-1][0]}".strip(), found[0][1]))

    def details(self, row: _Row, fields: _Fields, key: str) -> None:
        for text, where in fields.texts(key):
            row.detail(text, where)

    def position_rows(self, rows: list[_Fields], organisation_keys: tuple[str, ...]) -> list[_Row]:
        out = []
        for fields in rows:
            row = _Row(fields.at)
            title = fields.text("position")
            organisation = fields.text(*organisation_keys)
            row.put("title", title or organisation or ("Untitled", fields.at))
            if title and organisation:
                row.put("organisation", organisation)
            row.put("location", fields.text("location"))
            row.put("url", fields.url("url", "website"))
            self.summary(row, fields, "description", "summary")
            self.details(row, fields, "highlights")
            self.dated(row, fields)
            fields.leftovers()
            out.append(row)
        return out

    def section_work(self, key: str, title: str, rows: list[_Fields]) -> None:
        self.add_section({"title": title}, (key,), "entries", self.position_rows(rows, ("name", "company")))

    def section_volunteer(self, key: str, title: str, rows: list[_Fields]) -> None:
        self.add_section({"title": title}, (key,), "entries", self.position_rows(rows, ("organization", "name")))

    def section_education(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            row = _Row(fields.at)
            study, area = fields.text("studyType"), fields.text("area")
            institution = fields.text("institution")
            degree_parts = [found for found in (study, area) if found]
            if degree_parts:
                row.put("title", (" in ".join(t for t, _ in degree_parts), degree_parts[0][1]))
                row.put("organisation", institution)
            else:
                row.put("title", institution or ("Untitled", fields.at))
            row.put("location", fields.text("location"))
            row.put("url", fields.url("url", "website"))
            row.put("summary", fields.text("summary", "description"))
            score = fields.text("score")
            if score:
                row.detail(f"Score: {score[0]}", score[1])
            gpa = fields.text("gpa")
            if gpa:
                row.detail(f"GPA {gpa[0]}", gpa[1])
            courses = fields.texts("courses")
            if courses:
                row.detail("Courses: " + ", ".join(t for t, _ in courses), courses[0][1][:-1])
            self.details(row, fields, "highlights")
            self.dated(row, fields)
            fields.leftovers()
            out.append(row)
        self.add_section({"title": title}, (key,), "entries", out)

    def section_projects(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            row = _Row(fields.at)
            row.put("title", fields.text("name") or ("Untitled", fields.at))
            entity = fields.text("entity")
            who = fields.texts("roles") + ([entity] if entity else [])
            if who:  # "Team lead, Example Org": the role at the organisation, as a position reads
                row.put("organisation", (", ".join(t for t, _ in who), who[0][1]))
            row.put("url", fields.url("url", "website"))
            self.summary(row, fields, "description", "summary")
            self.details(row, fields, "highlights")
            keywords = fields.texts("keywords")
            if keywords:
                row.detail("Keywords: " + ", ".join(t for t, _ in keywords), keywords[0][1][:-1])
            self.dated(row, fields)
            fields.leftovers()
            out.append(row)
        self.add_section({"title": title}, (key,), "entries", out)

    def section_portfolio(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            row = _Row(fields.at)
            row.put("title", fields.text("name", "title") or ("Untitled", fields.at))
            row.put("url", fields.url("url"))
            row.put("summary", fields.text("description", "summary"))
            date = fields.text("date")
            row.put("date", date, _event_date)
            if str(fields.data.get("category", "")).strip().lower() == "portfolio":
                fields.used.add("category")  # the collection's name, not a fact
            fields.leftovers()
            out.append(row)
        self.add_section({"title": title}, (key,), "entries", out)

    def section_publications(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            row = _Row(fields.at)
            row.put("title", fields.text("name", "title") or ("Untitled", fields.at))
            row.put("venue", fields.text("publisher"))
            row.put("date", fields.text("releaseDate", "date"), _event_date)
            row.put("url", fields.url("url", "website"))
            row.put("note", fields.text("summary"))
            authors = fields.texts("authors")  # not in the schema, but what cvbuild's export writes
            if authors:
                row.data["authors"] = [name for name, _ in authors]
                row.origins[("authors",)] = authors[0][1]
            fields.leftovers()
            out.append(row)
        self.add_section({"title": title}, (key,), "publications", out)

    def section_presentations(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            row = _Row(fields.at)
            row.put("title", fields.text("name", "title") or ("Untitled", fields.at))
            row.put("organisation", fields.text("event", "venue"))
            row.put("location", fields.text("location"))
            row.put("url", fields.url("url"))
            row.put("summary", fields.text("description", "summary"))
            row.put("date", fields.text("date"), _event_date)
            fields.leftovers()
            out.append(row)
        self.add_section({"title": title}, (key,), "entries", out)

    def section_teaching(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            row = _Row(fields.at)
            course, role, institution = fields.text("course", "name"), fields.text("role"), fields.text("institution")
            row.put("title", course or role or institution or ("Untitled", fields.at))
            where = [f for f in (role, institution) if f and f is not (course or role)]
            if where:
                row.put("organisation", (", ".join(t for t, _ in where), where[0][1]))
            row.put("location", fields.text("location"))
            row.put("url", fields.url("url"))
            row.put("summary", fields.text("description", "summary"))
            start = fields.text("startDate")
            if start:
                self.dated(row, fields)
            else:
                row.put("date", fields.text("date"), _event_date)
            fields.leftovers()
            out.append(row)
        self.add_section({"title": title}, (key,), "entries", out)

    def items(self, rows: list[_Fields], text_keys: tuple[str, ...], by_keys: tuple[str, ...]) -> list[_Row]:
        out = []
        for fields in rows:
            row = _Row(fields.at)
            what, by = fields.text(*text_keys), fields.text(*by_keys)
            parts = [found for found in (what, by) if found]
            row.put("text", (", ".join(t for t, _ in parts), parts[0][1]) if parts else ("Untitled", fields.at))
            row.put("date", fields.text("date"), _event_date)
            row.put("url", fields.url("url", "website"))
            summary = fields.text("summary", "description")
            if summary:
                row.detail(*summary)
            fields.leftovers()
            out.append(row)
        return out

    def section_awards(self, key: str, title: str, rows: list[_Fields]) -> None:
        self.add_section({"title": title}, (key,), "items", self.items(rows, ("title", "name"), ("awarder",)))

    def section_certificates(self, key: str, title: str, rows: list[_Fields]) -> None:
        self.add_section({"title": title}, (key,), "items", self.items(rows, ("name", "title"), ("issuer",)))

    def labelled(self, key: str, title: str, rows: list[tuple[str, str, Path_]]) -> None:
        """``label: value`` rows as a skills section; when some have no value, one line of text.

        A skills row without a value would print a label and nothing after it, so a list
        where some rows are bare names ("Hiking") reads better as one sentence.
        """
        if all(value for _, value, _ in rows):
            skills: dict[str, str] = {}
            for label, value, _ in rows:
                skills[label] = f"{skills[label]}; {value}" if label in skills else value
            self.add_section({"title": title, "skills": skills}, (key,), "skills", [])
            return
        text = ", ".join(f"{label} ({value})" if value else label for label, value, _ in rows)
        self.add_section({"title": title, "text": text}, (key,), "text", [])

    def section_skills(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            name, level = fields.text("name"), fields.text("level")
            keywords = ", ".join(t for t, _ in fields.texts("keywords"))
            value = f"{keywords} ({level[0]})" if keywords and level else keywords or (level[0] if level else "")
            if name or value:
                out.append((name[0] if name else "Other", value, fields.at))
            fields.leftovers()
        if out:
            self.labelled(key, title, out)

    def section_languages(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            name, fluency = fields.text("language", "name"), fields.text("fluency", "level")
            if name:
                out.append((name[0], fluency[0] if fluency else "", fields.at))
            elif fluency:
                self.report.add(fields.at, "a fluency without a language")
            fields.leftovers()
        if out:
            self.labelled(key, title, out)

    def section_interests(self, key: str, title: str, rows: list[_Fields]) -> None:
        out = []
        for fields in rows:
            name = fields.text("name")
            keywords = ", ".join(t for t, _ in fields.texts("keywords"))
            if name or keywords:
                out.append((name[0] if name else "Other", keywords, fields.at))
            fields.leftovers()
        if out:
            self.labelled(key, title, out)


# ---- profiles: networks and their addresses -------------------------------------------------

# network (lower case, no spaces) → URL of a username's page
_NETWORK_URLS = {
    "github": "https://github.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "orcid": "https://orcid.org/{}",
    "googlescholar": "https://scholar.google.com/citations?user={}",
    "twitter": "https://twitter.com/{}",
    "x": "https://x.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "bitbucket": "https://bitbucket.org/{}",
    "codeberg": "https://codeberg.org/{}",
    "researchgate": "https://www.researchgate.net/profile/{}",
    "soundcloud": "https://soundcloud.com/{}",
    "facebook": "https://www.facebook.com/{}",
    "instagram": "https://www.instagram.com/{}",
    "youtube": "https://www.youtube.com/@{}",
    "medium": "https://medium.com/@{}",
    "dev.to": "https://dev.to/{}",
    "kaggle": "https://www.kaggle.com/{}",
    "dribbble": "https://dribbble.com/{}",
    "behance": "https://www.behance.net/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "threads": "https://www.threads.net/@{}",
    "reddit": "https://www.reddit.com/user/{}",
    "hackernews": "https://news.ycombinator.com/user?id={}",
    "keybase": "https://keybase.io/{}",
    "telegram": "https://t.me/{}",
    "twitch": "https://www.twitch.tv/{}",
    "tiktok": "https://www.tiktok.com/@{}",
    "huggingface": "https://huggingface.co/{}",
    "semanticscholar": "https://www.semanticscholar.org/author/{}",
    "osf": "https://osf.io/{}",
    "flickr": "https://www.flickr.com/people/{}",
    "vimeo": "https://vimeo.com/{}",
    "pinterest": "https://www.pinterest.com/{}",
    "strava": "https://www.strava.com/athletes/{}",
}
# networks that are person fields (shown by the theme with its own label and link)
_PERSON_NETWORKS = {"github": "github", "linkedin": "linkedin", "orcid": "orcid", "googlescholar": "scholar"}
_PERSON_URLS = {
    "github": re.compile(r"github\.com/([\w-]+)/?$", re.I),
    "linkedin": re.compile(r"linkedin\.com/in/([\w%-]+)/?$", re.I),
    "orcid": re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$", re.I),
    "scholar": re.compile(r"scholar\.google\.[^/]+/citations\?(?:.*&)?user=([\w-]+)", re.I),
}


def _network_key(network: str) -> str:
    key = re.sub(r"[\s_-]+", "", network.lower())
    return {"scholar": "googlescholar", "stackexchange": "stackoverflow", "ycombinator": "hackernews"}.get(key, key)


def _person_field(network: str, username: str, url: str) -> tuple[str | None, str]:
    """GitHub/LinkedIn/ORCID/Scholar become person fields: (field, value), from the url or the username."""
    for field_name, pattern in _PERSON_URLS.items():
        match = pattern.search(url) if url else None
        if match:
            return field_name, match.group(1)
    known = _PERSON_NETWORKS.get(_network_key(network))
    if known and username and not url:
        return known, username.lstrip("@")
    return None, ""


def _valid_person_field(field_name: str, value: str) -> bool:
    try:
        Person.model_validate({"name": "x", field_name: value})
    except ValidationError:
        return False
    return True


def _profile_url(network: str, username: str) -> tuple[str, str]:
    """A profile's address from its network and username, or ("", why it has none)."""
    key = _network_key(network)
    name = username.strip()
    if not name:
        return "", "no url and no username"
    if name.lower().startswith(("http://", "https://")):
        return name, ""
    if key == "mastodon":  # @user@server.social: the server is part of the address
        match = re.fullmatch(r"@?([\w.-]+)@([\w-]+(?:\.[\w-]+)+)", name)
        if match:
            return f"https://{match.group(2)}/@{match.group(1)}", ""
        return "", "Mastodon needs the server: write the username as user@server, or give the url"
    if key == "stackoverflow" and re.fullmatch(r"\d+(/[\w-]+)?", name):
        return f"https://stackoverflow.com/users/{name}", ""
    if key in _NETWORK_URLS:
        return _NETWORK_URLS[key].format(name.lstrip("@")), ""
    return "", f"no url, and cvbuild does not know where {network or 'this network'} profiles live"


def _same_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip()).rstrip("/").lower()


# ---- the reader -----------------------------------------------------------------------------


def convert(data: dict[str, Any]) -> dict[str, Any]:
    """JSON Resume data → a cvbuild profile (as plain data, validated afterwards)."""
    return _Converter(data).convert()


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    data, source = parse_json(read_text(path), path)
    if not isinstance(data, dict) or not isinstance(data.get("basics", {}), dict):
        raise CvError(source.problem("a JSON Resume file is an object with a 'basics' object", ()))
    named_elsewhere = bool((overrides or {}).get("name"))
    if not _text((data.get("basics") or {}).get("name")) and not named_elsewhere:
        raise CvError(
            source.problem("basics.name is missing", ("basics",), hint='add "name": "Your Name" or pass --person-name')
        )
    converter = _Converter(data)
    profile = converter.convert()
    if named_elsewhere and not profile["person"].get("name"):
        profile["person"]["name"] = (overrides or {})["name"]  # the command line names the person
    mapped = converted_source(source, converter.origins)
    warnings = Warnings()
    if converter.report.dropped:
        first = source.locate(converter.report.dropped[0][0])
        warnings.add(
            converter.report.message(),
            file=path,
            line=first[0],
            column=first[1],
            hint="after 'cvbuild import', add what belongs on the CV to the cv.yaml by hand",
        )
    loaded = Loaded(
        profile=validate_profile(profile, mapped), path=path, inputs=[path], warnings=warnings, source=mapped
    )
    return apply_overrides(loaded, overrides)
