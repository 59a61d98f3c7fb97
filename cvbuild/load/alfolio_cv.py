"""Reader for al-folio's older ``_data/cv.yml``: a YAML list of ``{title, type, contents}`` sections.

What each section type becomes:

* ``map`` (``{name, value}`` rows, e.g. "General Information"): rows that name the person
  (Name, Email, Website, Location, Phone, Affiliation …) fill the CV's header; every other row
  (Date of Birth, Languages …) is a ``label: value`` line of a skills-style section.
* ``time_table`` (``title``, ``institution``, ``year``, ``description``): dated entries. ``year`` is
  read as a date or a range (``2021``, ``2021-``, ``2021 - present``, ``2022.7 - 2023.9``,
  ``Sep 2019 - Jun 2023``); a year no date can be read from ("Fall 2019") is printed as written.
* ``list``: bullets. ``nested_list`` (``{title, items}``): items with sub-bullets, or one
  ``label: a, b`` line per group when every sub-item is a keyword (see :meth:`_Converter.nested_list`).

al-folio prints values as raw HTML, so values often hold ``<a href>``, ``<i>``, ``<b>``, ``<br>``:
they become markdown links, italics and bold (:class:`_Markdown`); only http(s), mailto and tel
links survive, and site-relative links (``/assets/pdf/x.pdf``) are completed with the site's url.

The person's name lives in the site's ``_config.yml`` (``first_name``/``middle_name``/``last_name``),
read with the homepage reader's identity helpers when the file sits in a site's ``_data/``
folder; otherwise a ``map`` row named Name. Errors and the one "not printed" warning point at
the line of ``cv.yml`` a value came from, with its path there (``[1].contents[0].year``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from ..errors import CvError, Warnings
from ..model import validate_profile
from ..model.dates import parse_date
from ..source import Path_, SourceMap, converted_source, format_path, load_yaml
from ..util.files import read_text
from .identity import Identity, find_site_config, jekyll_identity, merge_identity, read_yaml_file
from .loaded import Loaded, Overrides, apply_overrides
from .registry import shapes

_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:)", re.I)

# A map row's name (lower case, letters only) → the person field it fills.
_PERSON_ROWS = {
    **dict.fromkeys(("name", "fullname", "yourname"), "name"),
    **dict.fromkeys(("email", "emailaddress", "mail", "contact"), "email"),
    **dict.fromkeys(("website", "homepage", "web", "webpage", "site", "url", "personalwebsite"), "website"),
    **dict.fromkeys(("location", "address", "city", "residence", "basedin", "currentlocation"), "location"),
    **dict.fromkeys(("phone", "telephone", "tel", "mobile", "cell", "phonenumber"), "phone"),
    **dict.fromkeys(
        ("affiliation", "institution", "organization", "organisation", "employer", "university", "department"),
        "affiliation",
    ),
    **dict.fromkeys(("position", "currentposition", "headline", "role", "occupation", "jobtitle"), "headline"),
    **dict.fromkeys(("orcid", "orcidid"), "orcid"),
    **dict.fromkeys(("github",), "github"),
    **dict.fromkeys(("linkedin",), "linkedin"),
    **dict.fromkeys(("googlescholar", "scholar"), "scholar"),
}


# ---- converted paths → the user's paths -------------------------------------------------------


@dataclass
class _Report:
    """What the CV will not print, gathered into one warning line."""

    dropped: list[tuple[Path_, str]] = field(default_factory=list)

    def add(self, path: Path_, why: str = "") -> None:
        self.dropped.append((path, why))

    def message(self) -> str:
        return "not printed: " + "; ".join(format_path(p) + (f": {why}" if why else "") for p, why in self.dropped)


# ---- HTML in values → inline markdown --------------------------------------------------------


class _Markdown:
    """Raw HTML in a value → inline markdown; plain values pass through with their spaces tidied.

    The HTML5 parser (tinyhtml5, also WeasyPrint's) reads what browsers read: nested and
    unclosed tags, entities, ``<br>`` without a slash. ``<br>``, ``<p>`` and list items become
    separators, because a CV field is one line.
    """

    def __init__(self, report: _Report, site_url: str):
        self.report = report
        self.site_url = site_url

    def __call__(self, value: Any, where: Path_, *, plain: bool = False) -> str:
        text = _scalar(value)
        if text is None:
            return ""
        text = re.sub(r"\s+", " ", text)  # as in a browser: only <br> and blocks break a line
        if "<" not in text and "&" not in text:
            return _tidy(text)
        import tinyhtml5

        body = tinyhtml5.parse(f"<body>{text}</body>", namespace_html_elements=False).find("body")
        if body is None:
            return _tidy(text)
        return _tidy(self.children(body, where, plain, set()))

    def first_link(self, value: Any) -> str | None:
        """The first http(s)/mailto link's address in a value (a map row's website or email)."""
        text = _scalar(value) or ""
        if "<" not in text:
            return None
        import tinyhtml5

        root = tinyhtml5.parse(f"<body>{text}</body>", namespace_html_elements=False)
        for anchor in root.iter("a"):
            url = self.url(anchor.get("href", ""))
            if url:
                return url
        return None

    def children(self, element: Element, where: Path_, plain: bool, open_marks: set[str]) -> str:
        parts = [element.text or ""]
        for child in element:
            parts.append(self.element(child, where, plain, open_marks))
            parts.append(child.tail or "")
        return "".join(parts)

    def element(self, element: Element, where: Path_, plain: bool, open_marks: set[str]) -> str:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""  # comments have a function as tag
        if tag in ("", "script", "style", "template", "head", "title"):
            return ""
        if tag == "br":
            return "\n"
        if tag == "img":
            self.report.add(where, "an image")
            return element.get("alt", "")
        mark = "" if plain else {"i": "*", "em": "*", "cite": "*", "b": "**", "strong": "**"}.get(tag, "")
        inner = self.children(element, where, plain, open_marks | ({mark} if mark else set()))
        if tag in ("p", "div", "li", "tr", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"):
            return f"\n{inner}\n"
        if mark and mark not in open_marks and inner.strip():
            lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
            return f"{lead}{mark}{' '.join(inner.split())}{mark}{trail}"
        if tag == "code" and not plain and inner.strip() and "`" not in inner:
            return f"`{inner.strip()}`"
        if tag == "a":
            href = element.get("href", "").strip()
            url = self.url(href)
            label = " ".join(inner.split()) or re.sub(r"^(https?://(www\.)?|mailto:|tel:)", "", url or "")
            if url is None:
                if href.startswith("/") and not href.startswith("//"):
                    self.report.add(
                        where, f"the link to '{href}' (inside the site, whose url _config.yml does not give)"
                    )
                elif href and not href.startswith("#"):
                    self.report.add(where, f"the link to '{href}' (not a web address)")
                return inner
            if plain:
                return label
            label = label.replace("[", "\\[").replace("]", "\\]")
            return f"[{label}]({url.replace(' ', '%20').replace('(', '%28').replace(')', '%29')})"
        return inner

    def url(self, href: str) -> str | None:
        href = href.strip()
        if href.lower().startswith("www."):
            href = f"https://{href}"
        elif href.startswith("/") and not href.startswith("//") and self.site_url:
            href = self.site_url.rstrip("/") + href
        return href if _SAFE_URL.match(href) else None


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return None
    return str(value)


def _tidy(text: str) -> str:
    """Lines (from ``<br>`` and blocks) → one line: "a.\\nb" → "a. b", "a\\nb" → "a, b"."""
    out = ""
    for raw in text.split("\n"):
        line = " ".join(raw.split()).strip(" ,")
        if line:
            out = f"{out}{' ' if out[-1:] in '.;:!?' else ', '}{line}" if out else line
    return out


# ---- years → dates --------------------------------------------------------------------------

# "2019 - 2021", "2019–2021", "2019 to 2021", "2019-2021", "2022.7-2023.9", "2018-" (still running)
_RANGE = re.compile(
    r"\s*(?:–|—|\bto\b|\buntil\b|\btill\b)\s*|\s+-\s*|\s*-\s+|(?<=\d)-(?=\D|$)|(?<=\d)-(?=\d{4}\b)", re.I
)


def _date(text: str, *, month_precision: bool) -> str:
    date = parse_date(text)
    if month_precision and date.day is not None and not date.present:
        return f"{date.year:04d}-{date.month:02d}"
    return str(date)


def years(value: Any) -> dict[str, str]:
    """al-folio's ``year`` → ``date``, ``start``/``end``, or ``date_text`` when no date can be read.

    ``2021-`` is a range still running. Day precision is cut to months in a range (a CV reads
    ranges in months); a year that is no date ("Fall 2019") is printed as written, not an error.
    """
    text = (_scalar(value) or "").strip()
    if not text:
        return {}
    try:
        return {"date": _date(text, month_precision=False)}
    except ValueError:
        pass
    parts = _RANGE.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0].strip():
        start, end = parts[0].strip(), parts[1].strip()
        try:
            return {
                "start": _date(start, month_precision=True),
                "end": _date(end, month_precision=True) if end else "present",
            }
        except ValueError:
            pass
    return {"date_text": text}


# ---- the sections -----------------------------------------------------------------------------


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


@dataclass
class _PersonRow:
    """A map row that may name the person: it stays in its section unless the header shows it."""

    field_name: str
    value: str  # the plain value the header would show
    label: str
    markdown: str
    where: Path_
    links: list[str] = field(default_factory=list)  # addresses in the value: lost if the header shows it as text


@dataclass
class _MapSection:
    title: str
    at: Path_
    rows: list[tuple[str, str, Path_] | _PersonRow] = field(default_factory=list)


class _Converter:
    """The cv.yml sections → profile sections (as data), where each came from, and the person rows."""

    def __init__(self, data: list[Any], markdown: _Markdown, report: _Report):
        self.data = data
        self.md = markdown
        self.report = report
        self.sections: list[dict[str, Any] | _MapSection] = []
        self.section_origins: list[dict[Path_, Path_]] = []

    def convert(self) -> None:
        for index, section in enumerate(self.data):
            at: Path_ = (index,)
            if not isinstance(section, dict):
                if section is not None:
                    self.report.add(at, "not a section (a title/type/contents mapping)")
                continue
            title = self.md(section.get("title"), (*at, "title"), plain=True) or "Other"
            kind = str(section.get("type") or "").strip().lower() or _guess_type(section.get("contents"))
            contents = section.get("contents")
            for key in section:
                if key not in ("title", "type", "contents") and section[key] not in (None, "", []):
                    self.report.add((*at, key))
            if contents in (None, [], ""):
                continue
            if not isinstance(contents, list):
                contents = [contents]
            builder = {
                "map": self.map,
                "time_table": self.time_table,
                "list": self.bullets,
                "nested_list": self.nested_list,
            }.get(kind)
            if builder is None:
                what = f"type '{kind}' is not read" if kind else "no type, and its contents are no known shape"
                self.report.add(at, f"section '{title}' ({what})")
                continue
            builder(title, contents, (*at, "contents"))

    def add(self, section: dict[str, Any], at: Path_, origins: dict[Path_, Path_] | None = None) -> None:
        self.sections.append(section)
        self.section_origins.append({(): at, **(origins or {})})

    # -- map

    def map(self, title: str, contents: list[Any], at: Path_) -> None:
        section = _MapSection(title, at[:-1])
        for index, row in enumerate(contents):
            where: Path_ = (*at, index)
            if not isinstance(row, dict):
                text = self.md(row, where)
                if text:
                    self.report.add(where, "a map row without name/value")
                continue
            name = self.md(row.get("name"), (*where, "name"), plain=True)
            value_raw = row.get("value")
            if isinstance(value_raw, list):
                value = ", ".join(t for t in (self.md(v, (*where, "value", i)) for i, v in enumerate(value_raw)) if t)
            else:
                value = self.md(value_raw, (*where, "value"))
            links = [self.link(link, (*where, "links", i)) for i, link in enumerate(row.get("links") or [])]
            value = " · ".join(x for x in [value, *links] if x)
            for key in row:
                if key not in ("name", "value", "links") and row[key] not in (None, "", []):
                    self.report.add((*where, key))
            if not name and not value:
                continue
            if not name:
                self.report.add(where, "a value without a name")
                continue
            field_name = _PERSON_ROWS.get(_letters(name))
            value_at: Path_ = (*where, "value")
            if field_name and isinstance(value_raw, str | int | float) and not isinstance(value_raw, bool):
                plain = self.md(value_raw, value_at, plain=True)
                if field_name in ("website", "email"):
                    link = self.md.first_link(value_raw)
                    if link and (field_name == "website") == link.startswith("http"):
                        plain = link.removeprefix("mailto:") if field_name == "email" else link
                links = re.findall(r"\]\(([^)\s]+)\)", value)
                section.rows.append(_PersonRow(field_name, plain, name, value, value_at, links))
            else:
                section.rows.append((name, value, value_at))
        self.sections.append(section)
        self.section_origins.append({(): at[:-1]})

    def link(self, link: Any, where: Path_) -> str:
        """A map row's ``links: [{name, link}]`` button as a markdown link."""
        if not isinstance(link, dict):
            return ""
        url = self.md.url(str(link.get("link") or ""))
        label = self.md(link.get("name"), (*where, "name"), plain=True) or "link"
        if url is None:
            if link.get("link"):
                self.report.add((*where, "link"), "not a web address")
            return label if link.get("name") else ""
        return f"[{label}]({url})"

    # -- time_table

    def time_table(self, title: str, contents: list[Any], at: Path_) -> None:
        entries: list[dict[str, Any]] = []
        origins: dict[Path_, Path_] = {}
        for index, item in enumerate(contents):
            where: Path_ = (*at, index)
            if not isinstance(item, dict):
                text = self.md(item, where)
                if text:
                    origins[("entries", len(entries))] = where
                    entries.append({"title": text})
                continue
            number = len(entries)
            here: dict[Path_, Path_] = {(): where}
            entry: dict[str, Any] = {}
            details: list[str] = []
            for key in ("description", "items"):
                for text, origin in self.descriptions(item.get(key), (*where, key)):
                    here[("details", len(details))] = origin
                    details.append(text)
            links = [self.link_item(x, (*where, "linkitems", i)) for i, x in enumerate(item.get("linkitems") or [])]
            if any(links):
                here[("details", len(details))] = (*where, "linkitems")
                details.append(" · ".join(x for x in links if x))
            heading = self.md(item.get("title"), (*where, "title"))
            place = [self.md(item.get(k), (*where, k)) for k in ("institution", "department")]
            organisation = ", ".join(p for p in place if p)
            if heading:
                entry["title"], here[("title",)] = heading, (*where, "title")
                if organisation:
                    entry["organisation"] = organisation
                    here[("organisation",)] = (*where, "institution" if place[0] else "department")
            elif organisation:
                entry["title"], here[("title",)] = organisation, (*where, "institution" if place[0] else "department")
            elif details:
                entry["title"] = details.pop(0)
                here = {k: v for k, v in here.items() if k[:1] != ("details",)} | {("title",): here[("details", 0)]}
            else:
                if item.get("year"):
                    self.report.add(where, "an entry with only a year")
                continue
            location = self.md(item.get("location"), (*where, "location"))
            if location:
                entry["location"], here[("location",)] = location, (*where, "location")
            summary = self.md(item.get("maindescription"), (*where, "maindescription"))
            if summary:
                entry["summary"], here[("summary",)] = summary, (*where, "maindescription")
            for key, value in years(item.get("year")).items():
                entry[key], here[(key,)] = value, (*where, "year")
            if isinstance(item.get("year"), list | dict):
                self.report.add((*where, "year"), "not a year")
            if details:
                entry["details"] = details
            known = ("title", "institution", "department", "year", "location", "description", "items")
            for key in item:
                extra = key not in (*known, "maindescription", "linkitems")
                if extra and item[key] not in (None, "", []):
                    self.report.add((*where, key))
            for ours, theirs in here.items():
                origins[("entries", number) + ours] = theirs
            entries.append(entry)
        if entries:  # in the order written, as the site shows them
            self.add({"title": title, "sort": "none", "entries": entries}, at[:-1], origins)

    def descriptions(self, value: Any, at: Path_) -> list[tuple[str, Path_]]:
        """Description lines → details; a nested ``{title, contents}`` → one detail "Title: a; b".

        The profile's details are one level of bullets. Flattening the sub-list into bullets of
        their own would lose the heading they sit under ("Research topics"), and a bullet per
        heading keeps the entry as short as al-folio's page shows it; "; " separates the
        sub-items because they are often phrases with commas inside.
        """
        if value is None or value == "":
            return []
        items = value if isinstance(value, list) else [value]
        out: list[tuple[str, Path_]] = []
        for index, item in enumerate(items):
            where: Path_ = (*at, index) if isinstance(value, list) else at
            if isinstance(item, dict):
                heading = self.md(item.get("title"), (*where, "title"))
                sub = [t for t, _ in self.descriptions(item.get("contents") or item.get("items"), (*where, "contents"))]
                for key in item:
                    if key not in ("title", "contents", "items") and item[key] not in (None, "", []):
                        self.report.add((*where, key))
                if heading and sub:
                    out.append((f"{heading.rstrip(':')}: {'; '.join(s.rstrip('.;') for s in sub)}", where))
                elif heading or sub:
                    out.extend((text, where) for text in ([heading] if heading else sub))
            elif isinstance(item, list):
                out.extend(self.descriptions(item, where))
            else:
                text = self.md(item, where)
                if text:
                    out.append((text, where))
        return out

    def link_item(self, item: Any, where: Path_) -> str:
        if not isinstance(item, dict):
            return ""
        return self.link({"name": item.get("linkname"), "link": item.get("link")}, where)

    # -- list and nested_list

    def bullets(self, title: str, contents: list[Any], at: Path_) -> None:
        bullets: list[str] = []
        origins: dict[Path_, Path_] = {}
        for text, where in self.descriptions(contents, at):
            origins[("bullets", len(bullets))] = where
            bullets.append(text)
        if bullets:
            self.add({"title": title, "bullets": bullets}, at[:-1], origins)

    def nested_list(self, title: str, contents: list[Any], at: Path_) -> None:
        """Groups with sub-items: items with sub-bullets, or ``label: a, b`` lines for keyword groups.

        A "Technical Skills" nested list (Languages → Python, R) reads best as one line per
        group; groups of sentences ("Topic → what I studied") need their bullets. Every sub-item
        being a short phrase (four words at most, no full stop) tells the first kind apart.
        """
        groups: list[tuple[str, list[tuple[str, Path_]], Path_]] = []
        for index, group in enumerate(contents):
            where: Path_ = (*at, index)
            if isinstance(group, dict):
                heading = self.md(group.get("title"), (*where, "title"))
                sub = self.descriptions(group.get("items") or group.get("contents"), (*where, "items"))
                for key in group:
                    if key not in ("title", "items", "contents") and group[key] not in (None, "", []):
                        self.report.add((*where, key))
                if heading or sub:
                    groups.append((heading or sub.pop(0)[0], sub, where))
            else:
                text = self.md(group, where)
                if text:
                    groups.append((text, [], where))
        if not groups:
            return
        keywords = all(sub for _, sub, _ in groups) and all(
            len(text.split()) <= 4 and not text.endswith(".") for _, sub, _ in groups for text, _ in sub
        )
        origins: dict[Path_, Path_] = {}
        if keywords:
            skills: dict[str, str] = {}
            for heading, sub, where in groups:
                origins[("skills", heading)] = where
                joined = ", ".join(text for text, _ in sub)
                skills[heading] = f"{skills[heading]}, {joined}" if heading in skills else joined
            self.add({"title": title, "skills": skills}, at[:-1], origins)
            return
        items: list[dict[str, Any]] = []
        for number, (heading, sub, where) in enumerate(groups):
            origins[("items", number)] = where
            origins[("items", number, "text")] = where
            item: dict[str, Any] = {"text": heading}
            if sub:
                item["details"] = [text for text, _ in sub]
                for detail, (_, origin) in enumerate(sub):
                    origins[("items", number, "details", detail)] = origin
            items.append(item)
        self.add({"title": title, "items": items, "sort": "none"}, at[:-1], origins)


def _guess_type(contents: Any) -> str:
    """A section without ``type:``: its contents' shape says which it is."""
    if not isinstance(contents, list) or not contents:
        return ""
    first = contents[0]
    if isinstance(first, str):
        return "list"
    if isinstance(first, dict):
        if "value" in first and "name" in first:
            return "map"
        if "items" in first:
            return "nested_list"
        if any(k in first for k in ("year", "institution", "description")):
            return "time_table"
    return ""


# ---- identity -------------------------------------------------------------------------------


def _same(field_name: str, a: str, b: str) -> bool:
    def norm(value: str) -> str:
        value = value.strip().casefold().removeprefix("mailto:")
        if field_name == "website":
            value = re.sub(r"^https?://(www\.)?", "", value).rstrip("/")
        return " ".join(value.split())

    return norm(a) == norm(b)


def _site_config(path: Path) -> Path | None:
    """The site's ``_config.yml`` when ``path`` sits in its ``_data`` folder (``_data/cv.yml``, ``_data/en/cv.yml``)."""
    folders = path.resolve().parent.parts[-2:]
    return find_site_config(path) if "_data" in folders else None


def _site_url(config_path: Path | None) -> str:
    """``url`` + ``baseurl`` of the site: site-relative links in values start there."""
    if config_path is None:
        return ""
    config = read_yaml_file(config_path, Warnings())  # its problems are reported by the identity reader
    url = str(config.get("url") or "").strip()
    if not url.startswith(("http://", "https://")):
        return ""
    return url.rstrip("/") + "/" + str(config.get("baseurl") or "").strip("/")


def _no_name(config_path: Path | None, source: SourceMap, first_map: Path_ | None) -> CvError:
    """Where the name was looked for, and how to give it."""
    if config_path is not None:
        looked = f"{config_path} has no first_name/last_name (or author.name)"
    else:
        looked = "the file is not in a site's _data folder, so no _config.yml was read"
    return CvError(
        source.problem(
            f"no name for the CV: {looked}, and no map section of this file has a 'Name' row",
            first_map or (),
            hint="pass --person-name 'Ada Lovelace' (render, import), or add a 'Name' row to a map section",
        )
    )


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    """Read al-folio's ``_data/cv.yml`` (and the site's ``_config.yml`` for the person)."""
    data, source = load_yaml(read_text(path), path)
    if not isinstance(data, list):
        raise CvError(
            source.problem(
                "al-folio's cv.yml is a list of sections (- title: …, type: …, contents: …)",
                (),
                hint=f"cvbuild reads {shapes(path.suffix)}",
            )
        )
    warnings = Warnings()
    notes: list[str] = []
    report = _Report()
    config_path = _site_config(path)
    converter = _Converter(data, _Markdown(report, _site_url(config_path)), report)
    converter.convert()

    map_identity = Identity(f"{path.name} (map rows)")
    person_rows = [row for s in converter.sections if isinstance(s, _MapSection) for row in s.rows]
    for row in person_rows:
        if isinstance(row, _PersonRow):
            map_identity.put(row.field_name, row.value)
    sources = [Identity("the command line", {k: v for k, v in (overrides or {}).items() if v})]
    inputs = [path]
    if config_path is not None:
        sources.append(jekyll_identity(config_path, warnings))
        inputs.append(config_path)
        socials = config_path.parent / "_data" / "socials.yml"
        if socials.is_file():
            inputs.append(socials)
    sources.append(map_identity)
    person = merge_identity(sources, path, warnings, notes)
    first_map = next((s.at for s in converter.sections if isinstance(s, _MapSection)), None)
    if not person.get("name"):
        raise _no_name(config_path, source, first_map)

    origins: dict[Path_, Path_] = {(): ()}
    sections: list[dict[str, Any]] = []
    for section, section_origins in zip(converter.sections, converter.section_origins, strict=True):
        if isinstance(section, _MapSection):
            built, section_origins = _map_section(section, person, origins, report)
            if built is None:
                continue
            section = built
        index = len(sections)
        for ours, theirs in section_origins.items():
            origins[("sections", index) + ours] = theirs
        sections.append(section)
    if report.dropped:
        line, column = source.locate(report.dropped[0][0])
        warnings.add(
            report.message(),
            file=path,
            line=line,
            column=column,
            hint="after 'cvbuild import', add what belongs on the CV to the cv.yaml by hand",
        )
    if not sections:
        warnings.add("the file has no sections to put in the CV (only the header is rendered)", file=path)
    mapped = converted_source(source, origins)
    profile = validate_profile({"person": person, "sections": sections}, mapped)
    loaded = Loaded(
        profile=profile,
        path=path,
        inputs=inputs,
        warnings=warnings,
        source=mapped,
        notes=notes,
        root=config_path.parent if config_path is not None else None,
    )
    return apply_overrides(loaded, overrides)


def _map_section(
    section: _MapSection, person: dict[str, Any], origins: dict[Path_, Path_], report: _Report
) -> tuple[dict[str, Any] | None, dict[Path_, Path_]]:
    """A map's rows minus those the header shows: ``label: value`` lines of a skills section."""
    skills: dict[str, str] = {}
    here: dict[Path_, Path_] = {(): section.at}
    for row in section.rows:
        if isinstance(row, _PersonRow):
            shown = person.get(row.field_name)
            if isinstance(shown, str) and _same(row.field_name, shown, row.value):
                origins.setdefault(("person", row.field_name), row.where)
                for url in row.links:
                    if not _same(row.field_name, url, shown) and not _same("email", url, shown):
                        report.add(row.where, f"the link to '{url}' (the header shows {row.label} as text)")
                continue  # in the header: not twice
            label, value, where = row.label, row.markdown, row.where
        else:
            label, value, where = row
        if not value:
            continue
        skills[label] = f"{skills[label]}; {value}" if label in skills else value
        here[("skills", label)] = where
    if not skills:
        return None, here
    return {"title": section.title, "skills": skills}, here
