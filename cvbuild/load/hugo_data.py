"""What a Hugo Blox site says about a person, shared by every reader of Hugo sites.

Two readers see the same Hugo Blox data: the author data file reader (:mod:`.hugo_author`,
``data/authors/me.yaml``) and the homepage reader (:mod:`.homepage`, an author page
``content/authors/admin/_index.md`` or a landing page whose blocks name an author). The readers
must not import each other (``lint-imports`` keeps them independent), so the mapping they share
lives here, in a module that is not a reader and imports no reader:

* front matter (YAML between ``---``, TOML between ``+++``) with errors at the page's lines;
* the site around a file: its root (``hugo.yaml``, ``config/_default/``), its author files;
* an author's identity (:func:`hugo_person`): name, role, affiliations, and social links whose
  icons (``brands/github``, ``academicons/orcid``, ``at-symbol``) say what they are;
* an author's CV lists (:func:`hugo_sections`): interests, education, experience/work, awards,
  skills, languages — in both the old author-page shape (``date_start``, ``company_name``,
  ``courses``) and the new data-file shape (``start``, ``org``, ``degree``);
* the site's publication pages ``content/publication(s)/*/index.md`` (:func:`read_publications`).

Dates are read whole: ``2021/9 - present`` is a range, ``In Progress`` is printed as written
(``date_text``); nothing is cut to fit a pattern. Hugo Blox prints dates as "January 2006", so
full ISO dates (``2015-09-01``) keep their month, not the day.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CvError, Problem, Warnings
from ..model.dates import PartialDate, parse_date
from ..source import SourceMap, load_yaml
from ..util.files import is_within, read_text

# ---- front matter ------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)(?:\n|\A)(---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S)


def read_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, SourceMap | None]:
    """(front matter mapping, body, where each YAML value sits); TOML front matter has no source map.

    Invalid YAML or TOML is a located error at the page's own line numbers.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        if re.match(r"\A---[ \t]*\n\s*[\w-]+:(\s|$)", text):
            raise CvError(
                Problem(
                    "the front matter starting here has no closing '---' line", path, 1, 1, hint="add '---' after it"
                )
            )
        return {}, text, None
    body = text[match.end() :]
    if match.group(1) == "+++":
        try:
            import tomllib
        except ImportError:  # pragma: no cover - Python 3.10
            return {}, body, None
        try:
            return tomllib.loads(match.group(2)), body, None
        except tomllib.TOMLDecodeError as exc:
            raise CvError(Problem(f"TOML front matter error: {exc}", path, hint="fix the +++ block")) from None
    data, source = load_yaml(match.group(2), path, line_offset=1)
    if data is None:
        return {}, body, source
    if not isinstance(data, dict):
        raise CvError(
            Problem("the front matter between the --- lines is not a mapping of 'key: value' lines", path, 2, 1)
        )
    return data, body, source


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """(front matter mapping, body); see :func:`read_front_matter`."""
    data, body, _ = read_front_matter(text, path)
    return data, body


# ---- the site around a file -------------------------------------------------------------------

SITE_CONFIGS = ("hugo.yaml", "hugo.yml", "hugo.toml", "hugo.json")
_GENERIC_CONFIGS = ("config.yaml", "config.yml", "config.toml")  # Hugo's older names: need content/ too


def find_site_root(path: Path) -> Path | None:
    """The Hugo site holding ``path``: the nearest folder with hugo.yaml/hugo.toml or config/_default/.

    The walk stops at a git repository's root, so a file is never tied to an unrelated site above it.
    """
    start = path.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if any((candidate / name).is_file() for name in SITE_CONFIGS) or (candidate / "config" / "_default").is_dir():
            return candidate
        if (candidate / "content").is_dir() and any((candidate / n).is_file() for n in _GENERIC_CONFIGS):
            return candidate
        if (candidate / ".git").exists():
            return None
    return None


def config_files(root: Path) -> list[Path]:
    """The site's main configuration files, in the order Hugo reads them."""
    names = [*SITE_CONFIGS, *_GENERIC_CONFIGS]
    candidates = [root / n for n in names] + [root / "config" / "_default" / n for n in names]
    return [file for file in candidates if file.is_file()]


def site_config(root: Path, warnings: Warnings) -> dict[str, Any]:
    """The site's main configuration (title, baseURL, languageCode), merged from the files Hugo reads."""
    merged: dict[str, Any] = {}
    for file in config_files(root):
        data = _read_config(file, warnings)
        for key, value in data.items():
            merged.setdefault(key, value)
    return merged


def _read_config(file: Path, warnings: Warnings) -> dict[str, Any]:
    try:
        text = file.read_text(encoding="utf-8-sig")
        if file.suffix == ".toml":
            if sys.version_info >= (3, 11):
                import tomllib
            else:  # Python 3.10
                import tomli as tomllib

            data: Any = tomllib.loads(text)
        elif file.suffix == ".json":
            import json

            data = json.loads(text)
        else:
            data, _ = load_yaml(text, file)  # bounded: aliases, depth, tags
    except CvError as error:
        warnings.add(f"cannot read the site configuration: {error.problems[0].message}", file=file)
        return {}
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        warnings.add(f"cannot read the site configuration: {str(exc).splitlines()[0]}", file=file)
        return {}
    return data if isinstance(data, dict) else {}


def base_url(config: dict[str, Any]) -> str | None:
    """The site's public address (``baseURL``), for links to its own files; None for a local or empty one."""
    value = config.get("baseURL") or config.get("baseurl")
    if isinstance(value, str) and re.match(r"https?://[^/\s]+\.[^/\s]+", value.strip()):
        host = re.sub(r"^https?://", "", value.strip()).split("/")[0]
        if host.split(":")[0] not in ("localhost", "127.0.0.1", "example.com", "example.org"):
            return value.strip().rstrip("/") + "/"
    return None


_USERNAME = re.compile(r"[\w][\w.-]*")


def author_file(root: Path, username: str) -> Path | None:
    """``data/authors/<username>.yaml`` (Hugo Blox) or ``content/authors/<username>/_index.md`` (older)."""
    if not _USERNAME.fullmatch(username) or ".." in username:
        return None
    candidates = [root / "data" / "authors" / f"{username}.{ext}" for ext in ("yaml", "yml")]
    candidates += [root / "content" / "authors" / username / name for name in ("_index.md", "index.md")]
    return next((c for c in candidates if c.is_file() and is_within(c, root)), None)


def author_usernames(root: Path) -> list[str]:
    """Every author the site defines, data files first."""
    names: list[str] = []
    data = root / "data" / "authors"
    if data.is_dir():
        names += sorted(p.stem for p in data.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    content = root / "content" / "authors"
    if content.is_dir():
        names += sorted(p.name for p in content.iterdir() if p.is_dir() and author_file(root, p.name))
    return [n for n in dict.fromkeys(names) if _USERNAME.fullmatch(n)]


@dataclass
class Author:
    """One author of a Hugo site: a data file, or an author page (whose body is the biography)."""

    username: str
    path: Path
    data: dict[str, Any]
    body: str = ""
    source: SourceMap | None = None


def read_author(path: Path, username: str | None = None) -> Author:
    """An author file as data; a broken file is a located :class:`CvError`."""
    text = read_text(path)
    if path.suffix in (".yaml", ".yml"):
        data, source = load_yaml(text, path)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise CvError(Problem("an author file is a mapping of 'key: value' lines", path, 1, 1))
        return Author(username or path.stem, path, data, "", source)
    front, body, page_source = read_front_matter(text, path)
    return Author(username or path.parent.name, path, front, body, page_source)


def owner_username(root: Path) -> str | None:
    """The site owner's author: the data file marked ``is_owner: true``, else ``admin``/``me``, else the only one."""
    names = author_usernames(root)
    for name in names:
        file = author_file(root, name)
        if file is not None and file.suffix in (".yaml", ".yml"):
            try:
                if read_author(file, name).data.get("is_owner") is True:
                    return name
            except CvError:
                continue
    for name in ("admin", "me"):
        if name in names:
            return name
    return names[0] if len(names) == 1 else None


# ---- identity -------------------------------------------------------------------------------

SOCIAL_FIELDS = [
    (re.compile(r"^mailto:([^?]+)", re.I), "email"),
    (re.compile(r"^tel:(.+)$", re.I), "phone"),
    (re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I), "orcid"),
    (re.compile(r"scholar\.google\.[^/]+/citations\?.*\buser=([\w-]+)", re.I), "scholar"),
    (re.compile(r"github\.com/([\w-]+)/?$", re.I), "github"),
    (re.compile(r"linkedin\.com/in/([\w%-]+)/?$", re.I), "linkedin"),
]


def social_field(url: str) -> tuple[str, str] | None:
    """(person field, value) for a link that is an identity field: mailto, tel, ORCID, Scholar, GitHub, LinkedIn."""
    for pattern, key in SOCIAL_FIELDS:
        match = pattern.search(url.strip())
        if match:
            return key, match.group(1).strip()
    return None


# Icon names (the part after "brands/", "academicons/", "fab fa-") → the network's proper name.
NETWORKS = {
    "x": "X", "x-twitter": "X", "twitter": "Twitter", "bluesky": "Bluesky", "mastodon": "Mastodon",
    "threads": "Threads", "facebook": "Facebook", "facebook-f": "Facebook", "instagram": "Instagram",
    "youtube": "YouTube", "tiktok": "TikTok", "twitch": "Twitch", "github": "GitHub", "gitlab": "GitLab",
    "bitbucket": "Bitbucket", "codeberg": "Codeberg", "stack-overflow": "Stack Overflow",
    "stackoverflow": "Stack Overflow", "linkedin": "LinkedIn", "linkedin-in": "LinkedIn",
    "google-scholar": "Google Scholar", "orcid": "ORCID", "researchgate": "ResearchGate",
    "researchgate-square": "ResearchGate", "arxiv": "arXiv", "dblp": "dblp", "semantic-scholar": "Semantic Scholar",
    "scopus": "Scopus", "publons": "Publons", "clarivate": "Web of Science", "ssrn": "SSRN", "pubmed": "PubMed",
    "inspire": "INSPIRE", "ads": "NASA ADS", "osf": "OSF", "figshare": "figshare", "zenodo": "Zenodo",
    "mendeley": "Mendeley", "zotero": "Zotero", "philpapers": "PhilPapers", "acm": "ACM", "ieee": "IEEE",
    "academia": "Academia.edu", "impactstory": "Impactstory", "hal": "HAL", "kaggle": "Kaggle",
    "hugging-face": "Hugging Face", "huggingface": "Hugging Face", "medium": "Medium", "substack": "Substack",
    "dev": "DEV", "hashnode": "Hashnode", "discord": "Discord", "slack": "Slack", "telegram": "Telegram",
    "whatsapp": "WhatsApp", "weixin": "WeChat", "wechat": "WeChat", "weibo": "Weibo", "zhihu": "Zhihu",
    "bilibili": "Bilibili", "douban": "Douban", "reddit": "Reddit", "pinterest": "Pinterest",
    "flickr": "Flickr", "behance": "Behance", "dribbble": "Dribbble", "spotify": "Spotify",
    "soundcloud": "SoundCloud", "goodreads": "Goodreads", "strava": "Strava", "keybase": "Keybase",
    "codepen": "CodePen", "npm": "npm", "python": "PyPI", "docker": "Docker Hub", "kofi": "Ko-fi",
    "patreon": "Patreon", "rss": "RSS", "google": "Google", "apple": "Apple", "skype": "Skype",
    "steam": "Steam", "vimeo": "Vimeo", "quora": "Quora", "xing": "XING", "vk": "VK", "line": "LINE",
}  # fmt: skip
_WEBSITE_ICONS = {"globe", "globe-alt", "house", "home", "link", "globe-americas", "globe-europe", "website"}
_CV_ICONS = {"cv", "cv-square", "resume", "document-text", "file-pdf", "file-alt", "download", "arrow-down-tray"}
_EMAIL_ICONS = {"at-symbol", "envelope", "envelope-open", "email", "mail", "at"}


def _icon_name(icon: Any) -> str:
    """``brands/github`` / ``fab fa-github`` / ``github`` → ``github``."""
    name = str(icon or "").strip().lower().split("/")[-1].split()[-1] if str(icon or "").strip() else ""
    return name.removeprefix("fa-").removeprefix("ai-")


def _plain(value: Any) -> str:
    """A front-matter value as one line of plain text (HTML tags and markdown marks removed)."""
    text = re.sub(r"<br\s*/?>", ", ", str(value or ""), flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\\)(\*\*|\*|__|`)", "", text)
    return " ".join(text.split()).strip(" ,")


_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)


def without_shortcodes(text: str) -> str:
    """Markdown from front matter without Hugo shortcodes (``{{< icon >}}``): template code, never CV text."""
    return re.sub(r"[ \t]{2,}", " ", _SHORTCODE.sub("", text)).strip()


def _web(url: Any) -> str | None:
    """An http(s) address, or None: only those can become links in the PDF."""
    text = str(url or "").strip()
    return text if re.match(r"https?://[^\s/]+\.[^\s]", text, re.I) else None


@dataclass
class HugoPerson:
    """An author's identity as profile ``person`` fields, with what could not be placed."""

    fields: dict[str, str] = field(default_factory=dict)
    links: list[dict[str, str]] = field(default_factory=list)
    name_variants: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # facts with no place in the profile, for a warning
    dropped_links: list[str] = field(default_factory=list)  # site-relative or non-web links
    cv_links: int = 0  # the site's own "Download CV" icons: pointless inside the CV

    def put(self, key: str, value: Any) -> None:
        text = _plain(value) if not isinstance(value, dict | list | bool) and value is not None else ""
        if text and key not in self.fields:
            self.fields[key] = text

    def link(self, icon: Any, label: Any, url: Any) -> None:
        """A social link: an identity field (email, GitHub …), a labelled link, or dropped with a reason."""
        address = str(url or "").strip()
        name = _icon_name(icon)
        if not address or address.startswith("#"):
            return  # an empty template slot, or a link to the page's own contact block
        if name in _CV_ICONS or re.search(r"(^|/)(cv|resume|résumé)[^/]*\.pdf$", address, re.I):
            self.cv_links += 1
            return
        known = social_field(address)
        if known:
            self.put(*known)
            return
        if name in _EMAIL_ICONS and "@" in address and ":" not in address:
            self.put("email", address)
            return
        web = _web(address)
        if web is None:
            self.dropped_links.append(address)
            return
        if name in _WEBSITE_ICONS and "website" not in self.fields:
            self.fields["website"] = web
            return
        shown = NETWORKS.get(name) or _plain(label) or re.sub(r"^https?://(www\.)?", "", web).split("/")[0]
        if all(existing["url"] != web for existing in self.links):
            self.links.append({"label": shown, "url": web})


def display_name(data: dict[str, Any]) -> str:
    """The name an author shows: ``name.display`` (or given + family), ``name``, ``title``, first/last name."""
    name = data.get("name")
    if isinstance(name, dict):
        shown = _plain(name.get("display")) or " ".join(_plain(name.get(k)) for k in ("given", "family")).strip()
        if shown:
            return shown
    elif isinstance(name, str) and name.strip():
        return _plain(name)
    title = data.get("title")
    if isinstance(title, str) and title.strip():
        return _plain(title)
    return " ".join(_plain(data.get(k)) for k in ("first_name", "last_name") if data.get(k)).strip()


def citation_name(data: dict[str, Any]) -> str:
    """The name as it appears in author lists: given + family without a "Dr." display prefix."""
    name = data.get("name")
    if isinstance(name, dict):
        parts = " ".join(_plain(name.get(k)) for k in ("given", "family") if name.get(k)).strip()
        if parts:
            return parts
    parts = " ".join(_plain(data.get(k)) for k in ("first_name", "last_name") if data.get(k)).strip()
    return parts or display_name(data)


# Keys of an author that are site chrome (avatar, badges, ordering): never CV facts.
AUTHOR_CHROME = {
    "schema", "slug", "is_owner", "status", "avatar", "avatar_filename", "superuser", "highlight_name",
    "user_groups", "weight", "draft", "type", "layout", "url", "aliases", "image", "cms_exclude", "_build",
    "date", "lastmod", "name_pronunciation", "sharing", "show_date", "reading_time", "share", "profile",
    "authors",
}  # fmt: skip
# Keys mapped by hugo_person / hugo_sections (a name may be given by name, title or first/last).
AUTHOR_MAPPED = {
    "name", "title", "first_name", "last_name", "role", "bio", "affiliations", "organizations", "email",
    "phone", "links", "profiles", "social", "interests", "education", "experience", "work", "awards",
    "skills", "languages", "pronouns", "postnominals",  # the last two: named by hugo_person as not placed
}  # fmt: skip


def hugo_person(data: dict[str, Any]) -> HugoPerson:
    """Identity from an author file or author page front matter."""
    person = HugoPerson()
    person.put("name", display_name(data))
    for variant in (
        citation_name(data),
        _plain(data.get("name", {}).get("alternate")) if isinstance(data.get("name"), dict) else "",
    ):
        if variant and variant != person.fields.get("name") and variant not in person.name_variants:
            person.name_variants.append(variant)
    person.put("headline", data.get("role"))
    orgs = data.get("affiliations") or data.get("organizations") or []
    names = [_plain(o.get("name")) for o in orgs if isinstance(o, dict)] if isinstance(orgs, list) else []
    names += [_plain(o) for o in orgs if isinstance(o, str)] if isinstance(orgs, list) else []
    person.put("affiliation", ", ".join(n for n in names if n))
    person.put("email", data.get("email"))
    person.put("phone", data.get("phone"))
    for key in ("links", "profiles", "social"):
        value = data.get(key)
        for link in value if isinstance(value, list) else []:
            if isinstance(link, dict):
                person.link(link.get("icon"), link.get("label"), link.get("url") or link.get("link"))
    name = data.get("name")
    extras = {k: name.get(k) for k in ("pronouns",) if isinstance(name, dict) and name.get(k)}
    extras.update({k: data.get(k) for k in ("pronouns", "postnominals") if data.get(k)})
    for key, value in extras.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        person.unmapped.append(f"{key} ({shown})")
    return person


# ---- dates ------------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_RANGE = re.compile(r"^(.+?)\s*(?:\s[-–—~]{1,2}\s|[–—~]|\bto\b|\buntil\b)\s*(.+)$", re.I)
_YEAR_RANGE = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")


def _written(value: Any) -> str:
    """A date value as the author wrote it (YAML and TOML may give date objects)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split()) if value is not None and value is not False else ""


def _one(text: str) -> PartialDate | None:
    """One date, month precision for full ISO dates (Hugo Blox shows "January 2006"); None if unreadable."""
    match = _ISO_DAY.match(text)
    if match:
        text = f"{match.group(1)}-{match.group(2)}"
    try:
        return parse_date(text)
    except ValueError:
        return None


def when_fields(value: Any) -> dict[str, str]:
    """Model date fields for one written value: a date, a range written in one string, or text as written."""
    text = _written(value)
    if not text:
        return {}
    single = _one(text)
    if single is not None:
        return {"date": str(single)} if not single.present else {"date_text": text}
    parts = _YEAR_RANGE.match(text) or _RANGE.match(text)
    if parts:
        start, end = _one(parts.group(1).strip()), _one(parts.group(2).strip())
        if start and end and not start.present and (end.present or end.end_key() >= start.sort_key()):
            return {"start": str(start), "end": str(end)}
    return {"date_text": text}


def span_fields(start: Any, end: Any) -> dict[str, str]:
    """A start and an end (an empty end is ongoing); unreadable or reversed ones are kept as written."""
    first, last = _written(start), _written(end)
    if not first:
        return when_fields(last)
    begin = _one(first)
    finish = _one(last) if last else PartialDate.today_marker()
    if begin and finish and not begin.present and (finish.present or finish.end_key() >= begin.sort_key()):
        return {"start": str(begin), "end": str(finish)}
    if begin is None and not last and (whole := when_fields(first)) and "date_text" not in whole:
        return whole  # "2021/9 - present" written in the start field alone
    return {"date_text": f"{first} – {last}" if last else first}


def _pick(entry: dict[str, Any], *keys: str) -> Any:
    return next((entry[k] for k in keys if entry.get(k) not in (None, "")), None)


def _dates(entry: dict[str, Any]) -> dict[str, str]:
    start = _pick(entry, "date_start", "start", "start_date", "from")
    end = _pick(entry, "date_end", "end", "end_date", "to")
    if start is not None:
        return span_fields(start, end)
    return when_fields(_pick(entry, "date", "year", "date_end", "end", "end_date"))


# ---- sections ---------------------------------------------------------------------------------


@dataclass
class Built:
    """A section made from one key of the author data; ``rows`` are the indexes the rows came from."""

    key: str
    section: dict[str, Any]
    rows: list[int] = field(default_factory=list)


_BULLET = re.compile(r"^\s*[-*+•]\s+")


def summary_and_details(value: Any) -> tuple[str, list[str]]:
    """A multi-line summary: the first paragraph stays a summary, bullet lines and later paragraphs become details."""
    if value is None or isinstance(value, dict | bool):
        return "", []
    if isinstance(value, list):
        return "", [" ".join(str(v).split()) for v in value if str(v).strip()]
    paragraphs: list[str] = []
    bullets: list[str] = []
    for chunk in re.split(r"\n\s*\n", str(value).strip()):
        prose: list[str] = []
        for line in (x for x in chunk.splitlines() if x.strip()):
            if _BULLET.match(line):
                bullets.append(" ".join(_BULLET.sub("", line).split()))
            elif bullets and line[:1].isspace() and not prose:
                bullets[-1] += " " + " ".join(line.split())  # a bullet's wrapped line
            else:
                prose.append(line)
        if prose:
            paragraphs.append(" ".join(" ".join(prose).split()))
    if not paragraphs:
        return "", bullets
    return paragraphs[0], paragraphs[1:] + bullets


def _rows(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, dict):  # Academic v4: education: {courses: [...]}
        value = value.get("courses") or value.get("items")
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)] if isinstance(value, list) else []


def interests_section(data: dict[str, Any], title: str = "Interests") -> Built | None:
    value = data.get("interests")
    if isinstance(value, str):
        value = [value]
    bullets = [_plain(i) for i in value if _plain(i)] if isinstance(value, list) else []
    return Built("interests", {"title": title, "bullets": bullets}) if bullets else None


def education_section(data: dict[str, Any], title: str = "Education") -> Built | None:
    built = Built("education", {"title": title, "sort": "none", "entries": []})
    for index, e in _rows(data, "education"):
        degree = _plain(_pick(e, "degree", "area", "course", "studyType", "title"))
        if degree and e.get("area") and e.get("degree") and _plain(e["area"]) not in degree:
            degree = f"{degree} in {_plain(e['area'])}"
        school = _plain(_pick(e, "institution", "school", "university", "organization"))
        if not (degree or school):
            continue
        summary, details = summary_and_details(_pick(e, "summary", "description"))
        entry: dict[str, Any] = {"title": degree or school, **_dates(e)}
        if degree and school:
            entry["organisation"] = school
        for key, value in (("location", _plain(e.get("location"))), ("url", _web(_pick(e, "url", "institution_url")))):
            if value:
                entry[key] = value
        if summary:
            entry["summary"] = summary
        if details:
            entry["details"] = details
        built.section["entries"].append(entry)
        built.rows.append(index)
    return built if built.rows else None


def experience_section(data: dict[str, Any], title: str = "Experience") -> Built | None:
    key = "experience" if _rows(data, "experience") else "work"
    built = Built(key, {"title": title, "sort": "none", "entries": []})
    for index, e in _rows(data, key):
        role = _plain(_pick(e, "role", "position", "title"))
        org = _plain(_pick(e, "org", "company", "company_name", "organization", "organisation", "employer"))
        if not (role or org):
            continue
        summary, details = summary_and_details(_pick(e, "summary", "description"))
        entry: dict[str, Any] = {"title": role or org, **_dates(e)}
        if role and org:
            entry["organisation"] = org
        url = _web(_pick(e, "company_url", "org_url", "url"))
        for field_name, value in (("location", _plain(e.get("location"))), ("url", url)):
            if value:
                entry[field_name] = value
        if summary:
            entry["summary"] = summary
        if details:
            entry["details"] = details
        built.section["entries"].append(entry)
        built.rows.append(index)
    return built if built.rows else None


def awards_section(data: dict[str, Any], title: str = "Awards") -> Built | None:
    built = Built("awards", {"title": title, "sort": "none", "items": []})
    for index, e in _rows(data, "awards"):
        what = _pick(e, "title", "name")
        text = ", ".join(x for x in (str(what or "").strip(), _plain(_pick(e, "awarder", "issuer"))) if x)
        if not text:
            continue
        summary, details = summary_and_details(e.get("summary"))
        item: dict[str, Any] = {"text": " ".join(text.split()), **_dates(e)}
        url = _web(_pick(e, "url", "certificate_url"))
        if url:
            item["url"] = url
        if summary or details:
            item["details"] = [x for x in (summary, *details) if x]
        built.section["items"].append(item)
        built.rows.append(index)
    return built if built.rows else None


def _item_name(item: Any) -> str:
    if isinstance(item, dict):
        return _plain(_pick(item, "name", "label", "title"))
    return _plain(item)


def skills_section(data: dict[str, Any], title: str = "Skills") -> Built | None:
    """Groups of named skills; the levels and percentages are bar widths on the site, not words."""
    table: dict[str, str] = {}
    rows: list[int] = []
    for index, group in _rows(data, "skills"):
        items = group.get("items")
        names = [n for n in (_item_name(i) for i in items) if n] if isinstance(items, list) else []
        label = _plain(_pick(group, "name", "title", "label")) or title
        if names and label not in table:
            table[label] = ", ".join(names)
            rows.append(index)
        elif names:
            table[label] += ", " + ", ".join(names)
    return Built("skills", {"title": title, "skills": table}, rows) if table else None


def languages_section(data: dict[str, Any], title: str = "Languages") -> Built | None:
    """Languages with their level words (``label: Native``); a percentage alone is a bar width, not a level."""
    rows = _rows(data, "languages")
    named = [(i, _item_name(e), _plain(e.get("label") or e.get("fluency"))) for i, e in rows]
    named = [(i, n, level) for i, n, level in named if n]
    plain = data.get("languages")
    if isinstance(plain, list) and all(isinstance(x, str) for x in plain) and plain:
        return Built("languages", {"title": title, "bullets": [_plain(x) for x in plain if _plain(x)]})
    if not named:
        return None
    if all(level for _, _, level in named):
        return Built("languages", {"title": title, "skills": {n: level for _, n, level in named}}, [])
    bullets = [f"{n} ({level})" if level else n for _, n, level in named]
    return Built("languages", {"title": title, "bullets": bullets})


def hugo_sections(data: dict[str, Any]) -> list[Built]:
    """Interests, education, experience, awards, skills and languages, in that order."""
    builders = (
        interests_section,
        education_section,
        experience_section,
        awards_section,
        skills_section,
        languages_section,
    )
    return [b for b in (builder(data) for builder in builders) if b is not None]


def unmapped_keys(data: dict[str, Any]) -> list[str]:
    """Keys of an author that are neither mapped nor known site chrome, for the "not placed" warning."""
    return [str(k) for k in data if k not in AUTHOR_MAPPED and k not in AUTHOR_CHROME and data[k] not in (None, "", [])]


# ---- publications -----------------------------------------------------------------------------

PUBLICATION_FOLDERS = ("publication", "publications")

# Hugo Blox publication_types: CSL names, and Academic's older numeric codes.
PUBLICATION_KINDS = {
    "0": "other", "1": "conference", "2": "journal", "3": "preprint", "4": "report", "5": "book",
    "6": "chapter", "7": "thesis", "8": "patent",
    "article-journal": "journal", "article-magazine": "journal", "article-newspaper": "journal",
    "paper-conference": "conference", "article": "preprint", "manuscript": "preprint", "preprint": "preprint",
    "report": "report", "book": "book", "chapter": "chapter", "thesis": "thesis", "patent": "patent",
    "speech": "other", "dataset": "other", "software": "other", "webpage": "other",
}  # fmt: skip
_NOTE_MARKS = {"equal contribution": "*", "corresponding author": "†", "equal advising": "‡"}
_LINK_KINDS = {
    "pdf": "pdf", "code": "code", "slides": "slides", "video": "video", "poster": "poster", "project": "project",
    "source": "url", "preprint": "url", "custom": "url", "blog": "blog", "doi": "doi", "arxiv": "arxiv",
}  # fmt: skip
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/([\w.\-/]+?)(?:\.pdf)?/?$", re.I)


@dataclass
class Owner:
    """Whose CV it is: publications name the owner by username (``admin``, ``me``) or by name."""

    username: str | None
    name: str
    variants: list[str] = field(default_factory=list)


@dataclass
class SitePublications:
    publications: list[dict[str, Any]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def publication_pages(root: Path) -> list[Path]:
    """``content/publication(s)/<slug>/index.md`` and ``<slug>.md`` pages inside the site."""
    pages: list[Path] = []
    for folder in PUBLICATION_FOLDERS:
        base = root / "content" / folder
        if not base.is_dir():
            continue
        found = [p for p in base.glob("*/index.md")] + [p for p in base.glob("*.md") if p.name != "_index.md"]
        pages += sorted(p for p in found if p.is_file() and is_within(p, root))
    return pages


def _key_name(name: str) -> str:
    return re.sub(r"[^\w]", "", name.casefold())


def _family_initial(name: str) -> tuple[str, str]:
    words = re.sub(r"[.,]", " ", name).split()
    return (_key_name(words[-1]), _key_name(words[0])[:1]) if len(words) >= 2 else (_key_name(name), "")


def _is_owner(author: str, owner: Owner) -> bool:
    """The owner's username, or a spelling of the owner's name (same family name and first initial)."""
    if owner.username and author.strip() == owner.username:
        return True
    wanted = {_family_initial(n) for n in (owner.name, *owner.variants) if n}
    return _family_initial(re.sub(r"[*†‡§¶#^]+$", "", author.strip())) in wanted


def read_publications(root: Path, owner: Owner, warnings: Warnings) -> SitePublications:
    """The site's publication pages as inline publications, the owner's name in place of their username.

    A page listing another author of the site but not the owner is someone else's paper (a
    group site) and is left out; a page naming no author of the site is kept, with a note.
    The ``cite.bib`` beside a page holds the same paper: it is not read again.
    """
    out = SitePublications()
    pages = publication_pages(root)
    if not pages:
        return out
    users = {u: (author_file(root, u)) for u in author_usernames(root)}
    names: dict[str, str] = {}
    for username, file in users.items():
        try:
            names[username] = citation_name(read_author(file, username).data) if file else ""
        except CvError:
            names[username] = ""
    if owner.username:
        names[owner.username] = owner.name
    link_base = base_url(site_config(root, Warnings()))
    seen: dict[str, Path] = {}
    foreign = 0
    unnamed: list[str] = []
    for page in pages:
        try:
            front, _, _ = read_front_matter(read_text(page), page)
        except CvError as error:
            warnings.add(f"skipped a publication: {error.problems[0].message}", file=page, line=error.problems[0].line)
            continue
        if front.get("draft") is True:
            out.notes.append(f"{page.relative_to(root).as_posix()}: a draft, left out")
            continue
        title = _plain(front.get("title"))
        if not title:
            warnings.add("skipped a publication page without a title", file=page)
            continue
        authors = front.get("authors") or []
        authors = (
            [authors]
            if isinstance(authors, str)
            else [str(a) for a in authors if a]
            if isinstance(authors, list)
            else []
        )
        mine = any(_is_owner(a, owner) for a in authors)
        if not mine and any(a.strip() in users and a.strip() != owner.username for a in authors):
            foreign += 1
            continue
        pub = _publication(front, page, root, authors, names, link_base, warnings)
        key = _key_name(title) + str(pub.get("date", ""))[:4]
        if key in seen:
            first = seen[key].relative_to(root).as_posix()
            out.notes.append(f"{page.relative_to(root).as_posix()}: the same paper as {first}, listed once")
            continue
        seen[key] = page
        if not mine and authors:
            unnamed.append(title)
        out.publications.append(pub)
        out.files.append(page)
    if foreign:
        out.notes.append(f"{foreign} publication(s) of other authors of the site left out")
    if unnamed:
        shown = "; ".join(f"'{t}'" for t in unnamed[:3]) + (" …" if len(unnamed) > 3 else "")
        out.notes.append(f"kept {len(unnamed)} publication(s) whose author lists do not name {owner.name}: {shown}")
    return out


def _author_marks(authors: list[str], notes: Any) -> list[str]:
    """Hugo's ``author_notes`` (one note per author, in order) as the marks cvbuild prints after names."""
    if not isinstance(notes, list):
        return authors
    out = []
    for index, author in enumerate(authors):
        note = str(notes[index]).strip().lower() if index < len(notes) and notes[index] else ""
        out.append(author + _NOTE_MARKS.get(note, ""))
    return out


def _link_value(value: str, page: Path, link_base: str | None) -> str | None:
    """An http(s) link as is; a site path through the site's baseURL (a bundle file by its page's URL)."""
    if _web(value):
        return value
    if not value or re.match(r"^[a-z][\w+.-]*:", value, re.I) or value.startswith("#") or link_base is None:
        return None
    if (page.parent / value).is_file() and page.name == "index.md":
        section = page.parent.parent.name
        return f"{link_base}{section}/{page.parent.name}/{value.lstrip('./')}"
    return link_base + value.lstrip("/")


def _publication(
    front: dict[str, Any],
    page: Path,
    root: Path,
    authors: list[str],
    names: dict[str, str],
    link_base: str | None,
    warnings: Warnings,
) -> dict[str, Any]:
    shown = [names.get(a.strip()) or a.strip() for a in authors]
    pub: dict[str, Any] = {"title": " ".join(str(front["title"]).split())}
    if shown:
        pub["authors"] = _author_marks(shown, front.get("author_notes"))
    types = front.get("publication_types") or front.get("publication_type")
    first = types[0] if isinstance(types, list) and types else types
    pub["kind"] = PUBLICATION_KINDS.get(str(first).strip().lower(), "other") if first is not None else "other"
    venue = re.sub(r"^\s*(?:in|in:)\s+", "", " ".join(str(front.get("publication") or "").split()), flags=re.I)
    if venue:
        pub["venue"] = venue
    abbr = re.sub(r"^(?:in|in:)\s+", "", _plain(front.get("publication_short")), flags=re.I)
    if abbr and abbr.lower() not in venue.lower():
        pub["abbr"] = abbr
    date = when_fields(front.get("date"))
    if "date" in date:
        pub["date"] = date["date"]
    elif "date_text" in date and re.search(r"\b(1|2)\d{3}\b", date["date_text"]):
        pub["year"] = int(re.search(r"\b((?:1|2)\d{3})\b", date["date_text"]).group(1))  # type: ignore[union-attr]
    if front.get("featured") is True:
        pub["selected"] = True
    tags = front.get("tags")
    if isinstance(tags, list) and tags:
        pub["keywords"] = [str(t) for t in tags if t]
    pub["key"] = page.parent.name if page.name == "index.md" else page.stem
    ids = (front.get("hugoblox") or {}).get("ids") if isinstance(front.get("hugoblox"), dict) else None
    ids = ids if isinstance(ids, dict) else {}
    candidates: list[tuple[str, str]] = []
    for key in ("doi", "arxiv"):
        value = front.get(key) or ids.get(key)
        if value:
            candidates.append((key, str(value).strip()))
    for key, value in front.items():
        if key.startswith("url_") and isinstance(value, str) and value.strip():
            candidates.append((key.removeprefix("url_"), value.strip()))
    links = front.get("links")
    for link in links if isinstance(links, list) else []:
        if not isinstance(link, dict):
            continue
        kind = str(link.get("type") or link.get("name") or link.get("label") or "custom").strip().lower()
        if str(link.get("provider", "")).lower() == "arxiv" and link.get("id"):
            candidates.append(("arxiv", str(link["id"]).strip()))
        elif link.get("url") and str(link["url"]).strip():
            candidates.append((kind, str(link["url"]).strip()))
    for kind, value in candidates:
        _put_link(pub, kind, value, page, link_base, warnings)
    return pub


def _put_link(
    pub: dict[str, Any], kind: str, value: str, page: Path, link_base: str | None, warnings: Warnings
) -> None:
    """One link of a publication page into its field; a link with no field or no web address is a warning."""
    if kind == "doi":
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value, flags=re.I)
        if doi.startswith("10."):
            pub.setdefault("doi", doi)
        else:
            warnings.add(f"left out doi '{value}': DOIs start with '10.'", file=page)
        return
    arxiv = _ARXIV.search(value)
    if kind == "arxiv" or arxiv:
        pub.setdefault("arxiv", arxiv.group(1) if arxiv else re.sub(r"^arxiv:", "", value, flags=re.I))
        return
    if re.search(r"doi\.org/10\.", value, re.I):
        pub.setdefault("doi", re.sub(r"^https?://(dx\.)?doi\.org/", "", value, flags=re.I))
        return
    target = _LINK_KINDS.get(kind)
    url = _link_value(value, page, link_base)
    if url is None:
        warnings.add(
            f"left out the {kind} link '{value}': not a web address",
            file=page,
            hint="give a full https:// address, or set baseURL in the site's hugo.yaml",
        )
    elif target is None or (target in pub and pub[target] != url):
        warnings.add(
            f"left out the {kind} link {url}: the CV has no place for it",
            file=page,
            hint="a publication shows doi, arxiv, pdf, code, slides, video, poster, project, blog and one url link",
        )
    else:
        pub[target] = url
