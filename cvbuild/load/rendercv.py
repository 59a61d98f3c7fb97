"""Reader for RenderCV files (https://docs.rendercv.com), also al-folio's current ``_data/cv.yml``.

A RenderCV file has a top-level ``cv:`` block (name, headline, contacts, ``social_networks``,
``custom_connections``) whose ``sections:`` maps a section title to a list of entries, plus
optional ``design:``, ``locale:`` and ``settings:`` blocks. RenderCV gives entries no type
tag: the first entry of a list whose keys identify a type (``company`` → ExperienceEntry,
``bullet`` → BulletEntry, a plain string → TextEntry, …) sets the type of the whole section,
and every entry must then be of that type. We detect types the same way, so a file RenderCV
accepts reads here too, and a section RenderCV would refuse gets one located error.

Entry types become cvbuild section kinds:

* EducationEntry, ExperienceEntry, NormalEntry → ``entries`` (title = "degree in area",
  position or name; organisation = institution or company; highlights → details);
* PublicationEntry → ``publications`` (journal → venue, summary → note; the owner's
  ``**Name**`` / ``*Name*`` markup is taken off the author, and a marked spelling that is not
  the profile's name goes to the section's ``highlight`` so the same person stays bold);
* OneLineEntry → ``skills`` (label → details); BulletEntry → ``bullets``;
* NumberedEntry and ReversedNumberedEntry → ``bullets`` in the file's order: cvbuild numbers
  only publications, so the numbers themselves are not printed (a note says so);
* TextEntry (plain strings) → a ``text`` section, one paragraph per string.

Sections keep the file's order (``sort: none``), as RenderCV prints them. Dates are written as
RenderCV writes them (``2020-09``, ``2020-09-15``, ``2020``, ``present``); start and end dates
keep month precision like the rest of the CV, a single ``date`` keeps its day, and a ``date``
cvbuild cannot read ("Fall 2023") is printed as written. Of ``design``/``locale``/``settings``
the parts with a cvbuild equivalent are used (page size, margins, accent colour, body font
size, "last updated" on/off, language, today's date); one warning names the rest.

Errors point into the RenderCV file: the converted profile is validated with a source map
whose paths are the profile's and whose positions are those of the RenderCV keys they came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import CvError, Problem, Warnings
from ..model import parse_date, validate_profile
from ..source import Path_, SourceMap, format_path, load_yaml
from ..util.files import read_text
from .loaded import Loaded, Overrides, apply_overrides


@dataclass(frozen=True)
class EntryType:
    """One RenderCV entry type: the keys that identify it, those it needs, and its other keys."""

    name: str
    identifying: frozenset[str]  # any one of these in an entry makes it this type
    required: tuple[str, ...]
    fields: frozenset[str]  # optional keys RenderCV defines besides the identifying ones


AddLink = Callable[[str, str, Path_], None]  # (label, url, where it came from) → a person.links entry

_DATED = frozenset({"date", "start_date", "end_date", "location", "summary", "highlights", "tags"})

# In RenderCV's detection order: the first type with an identifying key in the entry wins.
ENTRY_TYPES: tuple[EntryType, ...] = (
    EntryType("OneLineEntry", frozenset({"label", "details"}), ("label", "details"), frozenset({"label", "details"})),
    EntryType("NormalEntry", frozenset({"name"}), ("name",), frozenset({"name"}) | _DATED),
    EntryType("ExperienceEntry", frozenset({"company", "position"}), ("company", "position"), _DATED),
    EntryType("EducationEntry", frozenset({"institution", "area", "degree"}), ("institution", "area"), _DATED),
    EntryType(
        "PublicationEntry",
        frozenset({"title", "authors", "doi", "url", "journal"}),
        ("title", "authors"),
        frozenset({"summary", "date"}),
    ),
    EntryType("BulletEntry", frozenset({"bullet"}), ("bullet",), frozenset()),
    EntryType("NumberedEntry", frozenset({"number"}), ("number",), frozenset()),
    EntryType("ReversedNumberedEntry", frozenset({"reversed_number"}), ("reversed_number",), frozenset()),
)
TEXT_ENTRY = EntryType("TextEntry", frozenset({"content"}), ("content",), frozenset())
_BY_NAME = {t.name: t for t in (*ENTRY_TYPES, TEXT_ENTRY)}
KNOWN_TYPES = (
    "EducationEntry (institution, area, degree), ExperienceEntry (company, position), NormalEntry (name), "
    "PublicationEntry (title, authors), OneLineEntry (label, details), BulletEntry (bullet), "
    "NumberedEntry (number), ReversedNumberedEntry (reversed_number), TextEntry (a plain string)"
)

# RenderCV network → (cvbuild person field or None, label, profile URL prefix).
SOCIAL_NETWORKS: dict[str, tuple[str | None, str, str]] = {
    "linkedin": ("linkedin", "LinkedIn", "https://linkedin.com/in/"),
    "github": ("github", "GitHub", "https://github.com/"),
    "orcid": ("orcid", "ORCID", "https://orcid.org/"),
    "google scholar": ("scholar", "Google Scholar", "https://scholar.google.com/citations?user="),
    "gitlab": (None, "GitLab", "https://gitlab.com/"),
    "imdb": (None, "IMDb", "https://imdb.com/name/"),
    "instagram": (None, "Instagram", "https://instagram.com/"),
    "mastodon": (None, "Mastodon", ""),  # @user@domain → https://domain/@user
    "stackoverflow": (None, "Stack Overflow", "https://stackoverflow.com/users/"),
    "researchgate": (None, "ResearchGate", "https://researchgate.net/profile/"),
    "youtube": (None, "YouTube", "https://youtube.com/@"),
    "telegram": (None, "Telegram", "https://t.me/"),
    "whatsapp": (None, "WhatsApp", "https://wa.me/"),
    "leetcode": (None, "LeetCode", "https://leetcode.com/u/"),
    "x": (None, "X", "https://x.com/"),
    "twitter": (None, "X", "https://x.com/"),
    "bluesky": (None, "Bluesky", "https://bsky.app/profile/"),
    "threads": (None, "Threads", "https://threads.net/@"),
    "reddit": (None, "Reddit", "https://reddit.com/user/"),
}

# RenderCV locale names → language codes (a code such as "de" or "pt_BR" is taken as is).
LANGUAGES = {
    "english": "en", "arabic": "ar", "danish": "da", "dutch": "nl", "french": "fr", "german": "de",
    "hebrew": "he", "hindi": "hi", "hungarian": "hu", "indonesian": "id", "indonesia": "id", "italian": "it",
    "japanese": "ja", "korean": "ko", "mandarin_chinese": "zh", "mandarin_chineese": "zh", "chinese": "zh",
    "norwegian_bokmål": "nb", "norwegian_nynorsk": "nn", "persian": "fa", "polish": "pl", "portuguese": "pt",
    "russian": "ru", "spanish": "es", "swedish": "sv", "turkish": "tr", "vietnamese": "vi",
}  # fmt: skip

_CV_KEYS = {
    "name", "headline", "label", "location", "email", "phone", "website", "social_networks",
    "custom_connections", "sections",
}  # fmt: skip
_SMALL_WORDS = {
    "a", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "like", "near", "nor", "of", "off",
    "on", "onto", "or", "over", "so", "than", "that", "to", "upon", "when", "with", "yet",
}  # fmt: skip
_LENGTH = re.compile(r"\d+(\.\d+)?\s*(mm|cm|in|pt|px)")
# http(s), mailto, tel, an anchor or a relative path; never javascript:, data:, file: …, nor control characters
_SAFE_URL = re.compile(r"(?i)(https?://|mailto:|tel:|#|/|\.{1,2}/)|[^:]*$")
_MARKED = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_EMPHASISED = re.compile(r"^([*_])(.+?)\1(.*)$")
_SHOWN = 8  # names per block in the "not used" warning, then "and N more"


def section_title(key: str) -> str:
    """RenderCV's title for a ``sections:`` key: ``education_and_training`` → "Education and Training".

    A key with a space or a capital letter is the title as written.
    """
    if " " in key or any(c.isupper() for c in key):
        return key
    return " ".join(w if w in _SMALL_WORDS else w.capitalize() for w in key.replace("_", " ").split(" "))


def entry_type(entry: Any) -> EntryType | None:
    """The RenderCV type of one entry, found the way RenderCV finds it; None when nothing fits."""
    if isinstance(entry, str | int | float) and not isinstance(entry, bool):
        return TEXT_ENTRY
    if not isinstance(entry, dict):
        return None
    keys = set(entry)
    found = next((t for t in ENTRY_TYPES if t.identifying & keys), None)
    if found is None and "content" in keys:
        return TEXT_ENTRY
    return found


def owner_marked(author: str) -> tuple[str, bool]:
    """('**Ada Lovelace**') → ('Ada Lovelace', True): RenderCV bolds the owner with markdown; we bold by name."""
    if _MARKED.search(author):
        return _MARKED.sub(lambda m: m.group(1) or m.group(2), author).strip(), True
    match = _EMPHASISED.match(author.strip())
    if match:
        return (match.group(2) + match.group(3)).strip(), True
    return author.strip(), False


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else f"'{value}'"


@dataclass
class _Converter:
    """Turns RenderCV data into a cvbuild profile, remembering where each converted value came from."""

    source: SourceMap
    problems: list[Problem] = field(default_factory=list)
    warnings: Warnings = field(default_factory=Warnings)
    notes: list[str] = field(default_factory=list)
    origins: dict[Path_, Path_] = field(default_factory=dict)  # converted path → RenderCV path
    owner_name: str = ""  # the profile's name: a marked author spelled so needs no extra highlight

    # -- helpers -------------------------------------------------------------------------------

    def problem(self, message: str, where: Path_, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(self.source.problem(message, where, key=key, hint=hint))

    def warn(self, message: str, where: Path_, hint: str = "", *, key: bool = False) -> None:
        line, column = self.source.locate(where, key=key)
        self.warnings.add(message, self.source.file, line, column, format_path(where), hint)

    def text(self, value: Any, where: Path_) -> str | None:
        """A text field's value, or None when empty; a mapping or list where text belongs is a problem."""
        if value is None:
            return None
        if isinstance(value, bool):
            value = str(value).lower()
        if isinstance(value, str | int | float):
            return str(value).strip() or None
        self.problem(f"expected text, got {_describe(value)}", where)
        return None

    def url(self, value: Any, where: Path_) -> str | None:
        """A link target, if it is one a CV may carry (http(s), mailto, tel, relative); others are dropped."""
        url = self.text(value, where)
        if url is None or (_SAFE_URL.match(url) and not re.search(r"[\x00-\x1f\x7f]", url)):
            return url
        self.warn(f"link '{url}' dropped", where, "only http(s), mailto and tel links are kept")
        return None

    def texts(self, value: Any, where: Path_) -> list[tuple[int, str]]:
        """A list of text items (a single string counts as one) with their indexes in the file."""
        if value is None:
            return []
        if not isinstance(value, list):
            one = self.text(value, where)
            return [(-1, one)] if one else []
        out = []
        for index, item in enumerate(value):
            text = self.text(item, (*where, index))
            if text:
                out.append((index, text))
        return out

    def put(self, target: dict[str, Any], key: str, value: Any, ours: Path_, theirs: Path_) -> None:
        if value is None or value == "" or value == []:
            return
        target[key] = value
        self.origins[ours + (key,)] = theirs

    # -- person --------------------------------------------------------------------------------

    def person(self, cv: dict[str, Any], overrides: Overrides | None) -> dict[str, Any]:
        at: Path_ = ("cv",)
        person: dict[str, Any] = {}
        ours: Path_ = ("person",)
        self.origins[ours] = at
        name = self.text(cv.get("name"), (*at, "name"))
        if name is None and overrides and overrides.get("name"):
            name = overrides["name"]
        if name is None:
            self.problem("the CV has no 'name'", at, "add 'name: Your Name' under 'cv:'")
        self.put(person, "name", name, ours, (*at, "name"))
        for alias in ("headline", "label"):
            if "headline" not in person:
                self.put(person, "headline", self.text(cv.get(alias), (*at, alias)), ours, (*at, alias))
        self.put(person, "location", self.text(cv.get("location"), (*at, "location")), ours, (*at, "location"))
        links: list[dict[str, str]] = []
        link_origins: list[Path_] = []

        def link(label: str, url: str, theirs: Path_) -> None:
            links.append({"label": label, "url": url})
            link_origins.append(theirs)

        # email, phone and website may each be one value or a list: the first is the field, the rest links.
        for key, scheme in (("email", "mailto:"), ("phone", "tel:"), ("website", "")):
            values = self.texts(cv.get(key), (*at, key))
            for index, value in values:
                theirs = (*at, key) if index < 0 else (*at, key, index)
                if key == "website" and self.url(value, theirs) is None:
                    continue
                if key not in person:
                    self.put(person, key, value, ours, theirs)
                else:
                    link(value, scheme + re.sub(r"[^\d+]", "", value) if key == "phone" else scheme + value, theirs)
        self.social_networks(cv.get("social_networks"), person, link)
        self.custom_connections(cv.get("custom_connections"), link)
        if links:
            person["links"] = links
            for index, theirs in enumerate(link_origins):
                self.origins[ours + ("links", index)] = theirs
        return person

    def social_networks(self, value: Any, person: dict[str, Any], link: AddLink) -> None:
        at: Path_ = ("cv", "social_networks")
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(f"expected a list of {{network, username}}, got {_describe(value)}", at)
            return
        for index, item in enumerate(value):
            where = (*at, index)
            if not isinstance(item, dict):
                self.problem(f"expected a mapping with 'network' and 'username', got {_describe(item)}", where)
                continue
            network = self.text(item.get("network"), (*where, "network"))
            username = self.text(item.get("username"), (*where, "username"))
            if network is None or username is None:
                missing = "network" if network is None else "username"
                self.problem(f"a social network needs '{missing}'", where)
                continue
            known = SOCIAL_NETWORKS.get(network.lower())
            if known is None:
                names = ", ".join(dict.fromkeys(label for _, label, _ in SOCIAL_NETWORKS.values()))
                self.warn(f"social network '{network}' not used", (*where, "network"), f"cvbuild knows {names}")
                continue
            field_name, label, prefix = known
            if field_name and field_name not in person:
                self.put(person, field_name, username, ("person",), (*where, "username"))
                continue
            if network.lower() == "mastodon":
                parts = username.split("@")
                if len(parts) != 3 or parts[0] or not parts[1] or not parts[2]:
                    self.warn(
                        f"Mastodon username '{username}' not used", (*where, "username"), "write it as @user@domain"
                    )
                    continue
                url = f"https://{parts[2]}/@{parts[1]}"
            elif network.lower() == "whatsapp":
                url = prefix + re.sub(r"\D", "", username)  # wa.me takes the number's digits only
            else:
                url = prefix + username
            link(label, url, (*where, "username"))

    def custom_connections(self, value: Any, link: AddLink) -> None:
        at: Path_ = ("cv", "custom_connections")
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(f"expected a list of {{placeholder, url}}, got {_describe(value)}", at)
            return
        for index, item in enumerate(value):
            where = (*at, index)
            if not isinstance(item, dict):
                self.problem(f"expected a mapping with 'placeholder' and 'url', got {_describe(item)}", where)
                continue
            label = self.text(item.get("placeholder"), (*where, "placeholder"))
            url = self.url(item.get("url"), (*where, "url"))
            if label and url:
                link(label, url, (*where, "url"))
            elif label:
                self.warn(f"'{label}' not used: cvbuild's header shows only links", where, "give it a 'url'")

    # -- sections ------------------------------------------------------------------------------

    def sections(self, value: Any) -> list[dict[str, Any]]:
        at: Path_ = ("cv", "sections")
        if value is None:
            return []
        if not isinstance(value, dict):
            self.problem(
                f"expected a mapping of section title → list of entries, got {_describe(value)}",
                at,
                "write each section as 'Title:' followed by its entries, one '- ' line each",
            )
            return []
        out: list[dict[str, Any]] = []
        for key, entries in value.items():
            where = (*at, key)
            title = section_title(str(key))
            if entries is None or entries == []:
                self.warn(f"section '{title}' is empty; left out", where, key=True)
                continue
            if not isinstance(entries, list):
                self.problem(
                    f"a section is a list of entries, got {_describe(entries)}", where, "start each entry with '- '"
                )
                continue
            section = self.section(title, entries, where, ("sections", len(out)))
            if section is not None:
                self.origins[("sections", len(out))] = where
                out.append(section)
        return out

    def section(self, title: str, entries: list[Any], at: Path_, ours: Path_) -> dict[str, Any] | None:
        kind = next((t for t in map(entry_type, entries) if t is not None), None)
        ok = True
        for index, entry in enumerate(entries):
            found = entry_type(entry)
            if found is None:
                ok = False
                self.unknown_entry(entry, (*at, index))
            elif kind is not None and found is not kind:
                ok = False
                self.problem(
                    f"this entry is a {found.name}, but section '{title}' holds {kind.name} entries "
                    "(RenderCV takes the type from the first entry)",
                    (*at, index),
                    "RenderCV needs one entry type per section: move it to a section of its own",
                )
            elif isinstance(entry, dict):
                # RenderCV accepts an empty author list (a report of a committee); other keys need a value.
                missing = [
                    k for k in found.required if entry.get(k) in (None, "") or (entry.get(k) == [] and k != "authors")
                ]
                if missing:
                    ok = False
                    needed = ", ".join(f"'{k}'" for k in missing)
                    self.problem(f"this {found.name} has no {needed}", (*at, index), f"add {needed}")
        if kind is None or not ok:
            return None
        self.unused_entry_keys(title, entries, kind, at)
        if kind.name in ("EducationEntry", "ExperienceEntry", "NormalEntry"):
            return self.entries_section(title, kind, entries, at, ours)
        if kind.name == "PublicationEntry":
            return self.publications_section(title, entries, at, ours)
        if kind.name == "OneLineEntry":
            skills: dict[str, str] = {}
            for index, entry in enumerate(entries):
                label = self.text(entry.get("label"), (*at, index, "label")) or ""
                details = self.text(entry.get("details"), (*at, index, "details")) or ""
                skills[label] = f"{skills[label]}; {details}" if label in skills else details
                self.origins.setdefault((*ours, "skills", label), (*at, index, "details"))
            return {"title": title, "skills": skills}
        if kind is TEXT_ENTRY:
            paragraphs = [
                text
                for index, entry in enumerate(entries)
                if (text := self.text(entry.get("content") if isinstance(entry, dict) else entry, (*at, index)))
            ]
            if not paragraphs:
                self.warn(f"section '{title}' is empty; left out", at, key=True)
                return None
            self.origins[ours + ("text",)] = (*at, 0)
            return {"title": title, "text": "\n\n".join(paragraphs)}
        field_name = {"BulletEntry": "bullet", "NumberedEntry": "number"}.get(kind.name, "reversed_number")
        bullets: list[str | None] = []
        for index, entry in enumerate(entries):
            self.origins[ours + ("bullets", len(bullets))] = (*at, index, field_name)
            bullets.append(self.text(entry.get(field_name), (*at, index, field_name)))
        if kind.name != "BulletEntry":
            self.notes.append(
                f"section '{title}': RenderCV numbers these entries ({kind.name}); "
                "cvbuild lists them as bullets in the same order"
            )
        return {"title": title, "bullets": bullets}

    def unknown_entry(self, entry: Any, where: Path_) -> None:
        if entry is None:
            self.problem("this entry is empty", where, "remove the '-' line or write the entry")
            return
        if isinstance(entry, dict):
            keys = ", ".join(f"'{k}'" for k in entry) or "no keys"
            self.problem(
                f"this entry matches no RenderCV entry type: it has {keys}", where, f"RenderCV knows {KNOWN_TYPES}"
            )
            return
        self.problem(
            f"this entry matches no RenderCV entry type: it is {_describe(entry)}",
            where,
            f"RenderCV knows {KNOWN_TYPES}",
        )

    def unused_entry_keys(self, title: str, entries: list[Any], kind: EntryType, at: Path_) -> None:
        """RenderCV lets entries carry extra keys (for its templates); say which ones the CV leaves out."""
        used = kind.identifying | set(kind.required) | kind.fields
        if kind.name in ("EducationEntry", "ExperienceEntry", "NormalEntry", "PublicationEntry"):
            used |= {"url", "tags"}
        unused: dict[str, Path_] = {}
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                for key in entry:
                    if key not in used and entry[key] not in (None, "", []):
                        unused.setdefault(str(key), (*at, index, key))
        if unused:
            names = ", ".join(f"'{k}'" for k in unused)
            self.warn(
                f"section '{title}': {names} not used",
                next(iter(unused.values())),
                f"cvbuild has no field for it in a {kind.name}",
                key=True,
            )

    def entries_section(
        self, title: str, kind: EntryType, entries: list[dict[str, Any]], at: Path_, ours: Path_
    ) -> dict[str, Any]:
        rows = []
        for index, entry in enumerate(entries):
            where = (*at, index)
            here: Path_ = (*ours, "entries", index)
            self.origins[here] = where
            row: dict[str, Any] = {}

            def value(key: str, entry: dict[str, Any] = entry, where: Path_ = where) -> str | None:
                return self.text(entry.get(key), (*where, key))

            if kind.name == "EducationEntry":
                heading = " in ".join(x for x in (value("degree"), value("area")) if x)
                self.put(row, "title", heading, here, (*where, "degree" if value("degree") else "area"))
                self.put(row, "organisation", value("institution"), here, (*where, "institution"))
            elif kind.name == "ExperienceEntry":
                self.put(row, "title", value("position"), here, (*where, "position"))
                self.put(row, "organisation", value("company"), here, (*where, "company"))
            else:
                self.put(row, "title", value("name"), here, (*where, "name"))
            self.put(row, "location", value("location"), here, (*where, "location"))
            self.put(row, "url", self.url(entry.get("url"), (*where, "url")), here, (*where, "url"))
            self.dates(entry, where, row, here)
            self.put(row, "summary", value("summary"), here, (*where, "summary"))
            highlights = self.texts(entry.get("highlights"), (*where, "highlights"))
            for position, (item, _) in enumerate(highlights):
                self.origins[here + ("details", position)] = (*where, "highlights", item) if item >= 0 else where
            self.put(row, "details", [t for _, t in highlights], here, (*where, "highlights"))
            self.put(row, "tags", [t for _, t in self.texts(entry.get("tags"), (*where, "tags"))], here, where)
            rows.append(row)
        return {"title": title, "sort": "none", "entries": rows}

    def dates(self, entry: dict[str, Any], where: Path_, row: dict[str, Any], here: Path_) -> None:
        """RenderCV's date rules: ``date`` wins over a range, a lone ``end_date`` is the date, a lone
        ``start_date`` runs to the present. Range ends keep month precision, as everywhere in the CV."""
        date = self.text(entry.get("date"), (*where, "date"))
        start = self.text(entry.get("start_date"), (*where, "start_date"))
        end = self.text(entry.get("end_date"), (*where, "end_date"))
        if date is not None:
            if start or end:
                self.warn(
                    "start_date/end_date not used: RenderCV prints 'date' when both are given",
                    (*where, "date"),
                    "keep either 'date' or 'start_date'/'end_date'",
                )
            try:
                parse_date(date)
            except ValueError:
                self.put(row, "date_text", date, here, (*where, "date"))  # "Fall 2023": printed as written
            else:
                self.put(row, "date", date, here, (*where, "date"))
        elif start is not None:
            self.put(row, "start", _month(start), here, (*where, "start_date"))
            self.put(row, "end", _month(end or "present"), here, (*where, "end_date" if end else "start_date"))
        elif end is not None:
            self.put(row, "date", end, here, (*where, "end_date"))

    def publications_section(self, title: str, entries: list[dict[str, Any]], at: Path_, ours: Path_) -> dict[str, Any]:
        pubs = []
        highlight: dict[str, None] = {}
        owner = self.owner_name.casefold()
        for index, entry in enumerate(entries):
            where = (*at, index)
            here: Path_ = (*ours, "publications", index)
            self.origins[here] = where
            pub: dict[str, Any] = {}
            self.put(pub, "title", self.text(entry.get("title"), (*where, "title")), here, (*where, "title"))
            authors_value = entry.get("authors")
            if isinstance(authors_value, str):
                authors_value = [a for a in re.split(r"\s+and\s+|;", authors_value) if a.strip()]
            authors: list[str] = []
            for item, author in self.texts(authors_value, (*where, "authors")):
                name, marked = owner_marked(author)
                if marked and " ".join(name.split()).casefold() != owner:
                    highlight[name] = None
                self.origins[here + ("authors", len(authors))] = (*where, "authors", item) if item >= 0 else where
                authors.append(name)
            self.put(pub, "authors", authors, here, (*where, "authors"))
            self.put(pub, "venue", self.text(entry.get("journal"), (*where, "journal")), here, (*where, "journal"))
            note = self.text(entry.get("summary"), (*where, "summary"))
            date = self.text(entry.get("date"), (*where, "date"))
            if date is not None:
                try:
                    parse_date(date)
                except ValueError:
                    year = re.search(r"\b[12]\d{3}\b", date)
                    if year:
                        self.put(pub, "year", int(year.group()), here, (*where, "date"))
                    else:  # "forthcoming": not a date, but still a fact about the paper
                        note = f"{note}; {date}" if note else date
                else:
                    self.put(pub, "date", date, here, (*where, "date"))
            self.put(pub, "note", note, here, (*where, "summary" if entry.get("summary") else "date"))
            self.put(pub, "doi", self.text(entry.get("doi"), (*where, "doi")), here, (*where, "doi"))
            self.put(pub, "url", self.url(entry.get("url"), (*where, "url")), here, (*where, "url"))
            self.put(pub, "tags", [t for _, t in self.texts(entry.get("tags"), (*where, "tags"))], here, where)
            pubs.append(pub)
        section: dict[str, Any] = {"title": title, "sort": "none", "publications": pubs}
        if highlight:
            section["highlight"] = list(highlight)
        return section

    # -- design, locale, settings --------------------------------------------------------------

    def design(self, value: Any) -> tuple[dict[str, Any], list[tuple[str, Path_]]]:
        """The design keys with a cvbuild equivalent, and the dotted names (with places) of the rest."""
        if not isinstance(value, dict):
            return {}, ([("", ("design",))] if value is not None else [])  # not a mapping: all of it
        leaves = dict(_leaves(value, ("design",)))
        design: dict[str, Any] = {}
        used: set[Path_] = set()

        def take(*paths: Path_) -> tuple[Path_, Any] | None:
            for path in paths:
                full = ("design", *path)
                if full in leaves and leaves[full] is not None:
                    return full, leaves[full]
            return None

        if found := take(("page", "size"), ("page_size",)):
            size = {"a4": "A4", "us-letter": "Letter", "letter": "Letter"}.get(str(found[1]).strip().lower())
            if size:
                design["page_size"] = size
                used.add(found[0])
                self.origins[("design", "page_size")] = found[0]
        margins: dict[str, str] = {}
        for side in ("top", "right", "bottom", "left"):
            found = take(("page", f"{side}_margin"), ("margins", "page", side))
            if found and _LENGTH.fullmatch(str(found[1]).strip()):
                margins[side] = str(found[1]).strip()
                used.add(found[0])
                self.origins[("design", "margins", side)] = found[0]
        if margins:
            design["margins"] = margins
        for path in (("colors", "section_titles"), ("colors", "links"), ("colors", "name"), ("color",)):
            found = take(path)
            colour = _hex_colour(found[1]) if found else None
            if found and colour:
                design["accent_color"] = colour
                used.add(found[0])
                self.origins[("design", "accent_color")] = found[0]
                break
        if found := take(("typography", "font_size", "body"), ("font_size",)):
            size = str(found[1]).strip()
            match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*pt", size)
            if match and 7 <= float(match.group(1)) <= 14:
                design["font_size"] = f"{match.group(1)}pt"
                used.add(found[0])
                self.origins[("design", "font_size")] = found[0]
        shown = take(("page", "show_top_note"), ("page", "show_last_updated_date"), ("show_last_updated_date",))
        hidden = take(("disable_last_updated_date",))
        for found, show in ((shown, True), (hidden, False)):
            if found and isinstance(found[1], bool) and "show_updated" not in design:
                design["show_updated"] = found[1] is show
                used.add(found[0])
                self.origins[("design", "show_updated")] = found[0]
        rest = [(_dotted(p), p) for p in leaves if p not in used]
        return design, rest

    def locale(self, value: Any, at: str) -> tuple[str | None, list[tuple[str, Path_]]]:
        """The profile's language from ``locale.language`` (a RenderCV name or a code), and the unused rest.

        RenderCV's own words (month names, "present" …) are not used: cvbuild has them per language.
        """
        if not isinstance(value, dict):
            return None, ([("", (at,))] if value is not None else [])  # not a mapping: all of it
        code = None
        language = value.get("language")
        if isinstance(language, str):
            name = language.strip()
            code = LANGUAGES.get(name.lower())
            if code is None and re.fullmatch(r"[a-zA-Z]{2,3}([_-][A-Za-z]{2,4})?", name):
                code = name
        if code:
            self.origins[("locale",)] = (at, "language")
        rest = [(_dotted(p), p) for p, _ in _leaves(value, (at,)) if not (code and p == (at, "language"))]
        return code, rest

    def settings(self, value: Any, at: str) -> tuple[str | None, list[tuple[str, Path_]]]:
        """RenderCV's "today" (``current_date``, older ``date``) as the "last updated" date, and the unused rest."""
        if not isinstance(value, dict):
            return None, ([("", (at,))] if value is not None else [])  # not a mapping: all of it
        updated: str | None = None
        for key in ("current_date", "date"):
            text = value.get(key)
            if updated is None and isinstance(text, str | int) and not isinstance(text, bool):
                try:
                    parse_date(str(text))
                except ValueError:
                    continue
                updated = str(text)
                self.origins[("updated",)] = (at, key)
        rest = [(_dotted(p), p) for p, _ in _leaves(value, (at,)) if p != self.origins.get(("updated",))]
        return updated, rest

    def unused_blocks(self, blocks: list[tuple[str, list[tuple[str, Path_]]]]) -> None:
        """One warning naming every design/locale/settings key cvbuild does not use."""
        parts = []
        first: Path_ | None = None
        for block, names in blocks:
            if not names:
                continue
            first = first or names[0][1]
            shown = ", ".join(n for n, _ in names[:_SHOWN] if n) or "the whole block"
            more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
            parts.append(f"{block}: {shown}{more}")
        if parts and first is not None:
            self.warn(
                "not used from " + "; from ".join(parts),
                first,
                "cvbuild has no equivalent for these; to restyle, run 'cvbuild import' on this file "
                "and edit the design: block of the cv.yaml it writes",
                key=True,
            )

    def in_their_words(self, problem: Problem) -> Problem:
        """A validation problem named by the RenderCV field it came from (``cv.sections.education[0].end_date``)."""
        theirs = {format_path(ours): origin for ours, origin in self.origins.items()}.get(problem.path)
        if theirs is None:
            return problem
        return replace(problem, path=format_path(theirs))

    def mapped_source(self) -> SourceMap:
        """A source map for the converted profile whose positions are those of the RenderCV origins."""
        mapped = SourceMap(self.source.file)
        mapped.values[()] = self.source.values.get((), (1, 1))
        for ours, theirs in self.origins.items():
            position = self.source.values.get(theirs) or self.source.keys.get(theirs)
            if position is None:
                line, column = self.source.locate(theirs)
                position = (line or 1, column or 1)
            mapped.values[ours] = position
            if theirs in self.source.keys:
                mapped.keys[ours] = self.source.keys[theirs]
        return mapped


def _month(value: str) -> str:
    """``2020-09-15`` → ``2020-09``: start and end dates show months, like every range in the CV."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-\d{1,2}", value.strip())
    return f"{match.group(1)}-{match.group(2)}" if match else value


def _hex_colour(value: Any) -> str | None:
    """A RenderCV colour (``#004f90``, ``004f90``, ``rgb(0, 79, 144)``) as cvbuild's hex, or None."""
    text = str(value).strip()
    if re.fullmatch(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", text):
        return "#" + text.lstrip("#").lower()
    match = re.fullmatch(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)", text, re.I)
    if match and all(int(c) <= 255 for c in match.groups()):
        return "#" + "".join(f"{int(c):02x}" for c in match.groups())
    return None


def _dotted(path: Path_) -> str:
    """("design", "page", "size") → "page.size": a key's name inside its block."""
    return ".".join(map(str, path[1:]))


def _leaves(value: Any, at: Path_) -> list[tuple[Path_, Any]]:
    """Every leaf of a nested mapping with its path (lists are leaves; empty values are no leaves)."""
    if isinstance(value, dict) and value:
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*at, key))]
    return [] if value is None else [(at, value)]


def convert(
    data: dict[str, Any], source: SourceMap, overrides: Overrides | None = None
) -> tuple[dict[str, Any], _Converter]:
    """RenderCV data → a cvbuild profile (plain data, validated afterwards) and what converting it found."""
    converter = _Converter(source)
    cv = data.get("cv")
    if not isinstance(cv, dict):
        converter.problem(
            f"'cv:' holds the CV as a mapping (name, sections, …), got {_describe(cv)}", ("cv",), key=True
        )
        raise CvError(converter.problems)
    person = converter.person(cv, overrides)
    converter.owner_name = " ".join(str(person.get("name") or "").split())
    profile: dict[str, Any] = {"person": person}
    design, design_rest = converter.design(data.get("design"))
    locale_key = "locale" if "locale" in data else "locale_catalog"
    code, locale_rest = converter.locale(data.get(locale_key), locale_key)
    settings_key = "settings" if "settings" in data else "rendercv_settings"
    updated, settings_rest = converter.settings(data.get(settings_key), settings_key)
    if code:
        profile["locale"] = code
    if updated:
        profile["updated"] = updated
    if design:
        profile["design"] = design
    profile["sections"] = converter.sections(cv.get("sections"))
    known_top = {"cv", "design", locale_key, settings_key}
    other: list[tuple[str, Path_]] = [(str(k), (k,)) for k in data if k not in known_top]
    converter.unused_blocks(
        [("design", design_rest), ("locale", locale_rest), ("settings", settings_rest), ("the file", other)]
    )
    extra_cv = [str(k) for k, v in cv.items() if k not in _CV_KEYS and v not in (None, "", [])]
    if extra_cv:
        names = ", ".join(f"'{k}'" for k in extra_cv)
        hint = "cvbuild prints no photo" if "photo" in extra_cv else "cvbuild's person has no field for it"
        converter.warn(f"not used from cv: {names}", ("cv", extra_cv[0]), hint, key=True)
    return profile, converter


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    data, source = load_yaml(read_text(path), path)
    if not isinstance(data, dict):
        raise CvError(Problem("a RenderCV file is a mapping with a 'cv:' block", path, 1, 1))
    profile, converter = convert(data, source, overrides)
    if converter.problems:
        raise CvError(sorted(converter.problems, key=lambda p: (p.line or 0, p.column or 0)))
    mapped = converter.mapped_source()
    try:
        validated = validate_profile(profile, mapped)
    except CvError as error:
        raise CvError([converter.in_their_words(p) for p in error.problems]) from None
    loaded = Loaded(
        profile=validated,
        path=path,
        inputs=[path],
        warnings=converter.warnings,
        source=mapped,
        notes=converter.notes,
    )
    return apply_overrides(loaded, overrides)
