"""Who a CV is about, from the files of the site around it (shared by the page and site-data readers).

A page such as ``_pages/about.md`` rarely names its owner; the site does. Each function here
turns one source into an :class:`Identity` (plain field → value, plus where it came from):

* Jekyll ``_config.yml`` found by walking up from the page: academicpages/minimal-mistakes
  ``author:`` block (name, bio, location, employer, email, googlescholar, orcid, github,
  ``links:`` …) and al-folio's ``first_name``/``middle_name``/``last_name``/``email`` (plus
  ``_data/socials.yml``);
* a Hugo Blox author page's front matter (``title``/``name``, ``role``, ``organizations``,
  ``social``/``profiles``, ``email``);
* the page's own front matter (``name``, ``email``, al-folio ``subtitle`` and ``profile``).

The loader merges them in priority order and says which one gave the name.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import CvError, Warnings
from ..model import Person
from ..source import load_yaml
from .hugo_data import author_file, find_site_root, hugo_person, owner_username, social_field

NAME_HINT = (
    "set it with --person-name 'Ada Lovelace', a 'name:' line in the page's front matter, or author.name in _config.yml"
)

FIELDS: tuple[str, ...] = ("name", "headline", "affiliation", "location", "email", "phone", "website")
FIELDS += ("orcid", "scholar", "github", "linkedin")

# Values left over from site templates: never a real person's data.
PLACEHOLDERS = {
    "your name", "your sidebar name", "your name / site title", "first last", "jane doe", "john doe",
    "none@example.org", "you@example.com", "short biography for the left-hand sidebar", "red brick university",
    "earth", "academic", "your first name", "your last name", "name",
}  # fmt: skip


def plain_title(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\\([\\*_`\[\]])", r"\1", re.sub(r"(?<!\\)(\*\*|\*|~~|`)", "", text))
    return " ".join(text.split()).strip(" :：-–—")


@dataclass
class Identity:
    source: str  # e.g. "_config.yml (author.name)"
    fields: dict[str, str] = field(default_factory=dict)
    links: list[dict[str, str]] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)  # template leftovers skipped, to tell the user
    name_variants: list[str] = field(default_factory=list)  # other spellings of the name (Hugo given + family)
    dropped_links: list[str] = field(default_factory=list)  # links that cannot work in a PDF (site paths)
    cv_links: int = 0  # the site's own "Download CV" icons

    def put(self, key: str, value: Any) -> None:
        """Keep a field only if it is a real value (not empty, not a template placeholder)."""
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value is None or isinstance(value, dict | bool):
            return
        text = strip_html(str(value))
        if text.lower() in PLACEHOLDERS:
            self.placeholders.append(f"{key} '{text}'")
        elif text and key not in self.fields:
            self.fields[key] = text


def strip_html(text: str) -> str:
    """``<a href='#'>Dept</a>. City`` → ``Dept. City``: front-matter values sometimes hold HTML."""
    text = re.sub(r"<br\s*/?>|</p>\s*<p[^>]*>", ", ", text, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split()).strip(" ,")


# Social sites by host → the name people know them by (a link's label when the page gives none:
# an icon-only link says "fa-twitter" or "zhihu-square", never a name fit to print).
SOCIAL_SITES: tuple[tuple[str, str], ...] = (
    (r"(^|\.)(twitter|x)\.com$", "Twitter/X"), (r"(^|\.)zhihu\.com$", "Zhihu"), (r"(^|\.)weibo\.(com|cn)$", "Weibo"),
    (r"(^|\.)bilibili\.com$", "Bilibili"), (r"(^|\.)douban\.com$", "Douban"), (r"(^|\.)bsky\.(app|social)$", "Bluesky"),
    (r"(^|\.)researchgate\.net$", "ResearchGate"), (r"(^|\.)dblp\.(org|uni-trier\.de)$", "dblp"),
    (r"(^|\.)semanticscholar\.org$", "Semantic Scholar"), (r"(^|\.)(youtube\.com|youtu\.be)$", "YouTube"),
    (r"(^|\.)kaggle\.com$", "Kaggle"), (r"(^|\.)huggingface\.co$", "Hugging Face"), (r"(^|\.)medium\.com$", "Medium"),
    (r"(^|\.)instagram\.com$", "Instagram"), (r"(^|\.)facebook\.com$", "Facebook"), (r"(^|\.)gitlab\.com$", "GitLab"),
    (r"(^|\.)stackoverflow\.com$", "Stack Overflow"), (r"(^|\.)threads\.net$", "Threads"),
    (r"(^|\.)(mastodon\.social|fosstodon\.org|hachyderm\.io|sigmoid\.social)$", "Mastodon"),
    (r"(^|\.)openreview\.net$", "OpenReview"), (r"(^|\.)webofscience\.com$", "Web of Science"),
    (r"(^|\.)scopus\.com$", "Scopus"), (r"(^|\.)xiaohongshu\.com$", "Xiaohongshu"),
)  # fmt: skip


def social_label(url: str) -> str | None:
    """``https://x.com/ada`` → "Twitter/X": the site's proper name, or None for a site not listed."""
    match = re.match(r"https?://([^/?#:]+)", url.strip(), re.I)
    host = match.group(1).lower().removeprefix("www.") if match else ""
    return next((name for pattern, name in SOCIAL_SITES if re.search(pattern, host)), None)


def add_link(identity: Identity, label: str, url: str) -> None:
    """A social link: a known kind becomes its field, anything else a labelled link."""
    url = str(url or "").strip()
    if not url or url.startswith("#"):
        return
    known = social_field(url)
    if known and known[0] != "phone":
        identity.put(*known)
        return
    if url.startswith(("http://", "https://")):
        label = strip_html(str(label or "")).strip()
        if not label or re.fullmatch(r"(?:fa[a-z]?|ai|bi|icon)[-\s]\S+|[\w-]+-(?:square|alt|circle|brands?)", label):
            label = social_label(url) or re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
        if all(existing["url"] != url for existing in identity.links):
            identity.links.append({"label": label, "url": url})


def read_yaml_file(path: Path, warnings: Warnings) -> dict[str, Any]:
    """A site file as a mapping; a broken one is reported and skipped (the page can still render).

    Read with the bounded YAML reader (:func:`cvbuild.source.load_yaml`): a site's _config.yml
    is input like any other, and an alias bomb in it must not take the machine down.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        warnings.add(f"cannot read {path.name}: {exc}; identity not taken from it", file=path)
        return {}
    try:
        data, _ = load_yaml(text, path)
    except CvError as error:
        problem = error.problems[0]
        warnings.add(
            f"{problem.message}; identity not taken from this file", file=path, line=problem.line, hint=problem.hint
        )
        return {}
    return data if isinstance(data, dict) else {}


def find_site_config(page: Path) -> Path | None:
    """The nearest Jekyll ``_config.yml`` at or above the page's folder (stops at a git root)."""
    folder = page.resolve().parent
    for candidate in (folder, *folder.parents):
        for name in ("_config.yml", "_config.yaml"):
            if (candidate / name).is_file():
                return candidate / name
        if (candidate / ".git").exists():
            return None
    return None


def jekyll_identity(config_path: Path, warnings: Warnings) -> Identity:
    """academicpages / minimal-mistakes ``author:`` block, or al-folio's name keys."""
    config = read_yaml_file(config_path, warnings)
    ident = Identity(config_path.name)
    author = config.get("author")
    if isinstance(author, dict):
        ident.source = f"{config_path.name} (author.name)"
        ident.put("name", author.get("name"))
        ident.put("headline", author.get("bio"))
        ident.put("affiliation", author.get("employer"))
        ident.put("location", author.get("location"))
        ident.put("email", author.get("email"))
        ident.put("website", author.get("uri"))
        ident.put("orcid", _after(author.get("orcid"), "orcid.org/"))
        ident.put("scholar", author.get("googlescholar"))
        ident.put("github", author.get("github"))
        ident.put("linkedin", author.get("linkedin"))
        for link in author.get("links") or []:
            if isinstance(link, dict):
                add_link(ident, link.get("label", ""), link.get("url", ""))
    elif isinstance(author, str):
        ident.put("name", author)
    if "name" not in ident.fields and any(config.get(k) for k in ("first_name", "last_name")):
        ident.source = f"{config_path.name} (first_name/last_name)"
        parts = [config.get(k) for k in ("first_name", "middle_name", "last_name")]
        ident.put("name", " ".join(str(p).strip() for p in parts if p and str(p).strip()))
    socials = config_path.parent / "_data" / "socials.yml"
    extra = read_yaml_file(socials, warnings) if socials.is_file() else {}
    for source in (config, extra):  # al-folio: in _config.yml (old) or _data/socials.yml (new)
        ident.put("email", source.get("email"))
        ident.put("scholar", source.get("scholar_userid"))
        ident.put("orcid", source.get("orcid_id"))
        ident.put("github", source.get("github_username"))
        ident.put("linkedin", source.get("linkedin_username"))
    ident.put("website", config.get("url") if str(config.get("url", "")).startswith("http") else None)
    return ident


def _after(value: Any, marker: str) -> Any:
    return str(value).split(marker)[-1].strip("/") if value else value


def is_hugo_author_page(path: Path, front: dict[str, Any]) -> bool:
    parts = path.resolve().parts
    in_authors = len(parts) >= 3 and parts[-3] == "authors"
    lists = any(isinstance(front.get(k), list) for k in ("organizations", "social", "profiles"))
    return in_authors or lists or isinstance(front.get("role"), str)


def hugo_identity(front: dict[str, Any], source: str) -> Identity:
    """Hugo Blox / Wowchemy author front matter or data file: the mapping shared with the data-file reader."""
    person = hugo_person(front)
    ident = Identity(source)
    for key, value in person.fields.items():
        ident.put(key, value)
    ident.links = person.links
    ident.name_variants = person.name_variants
    ident.dropped_links = person.dropped_links
    ident.cv_links = person.cv_links
    return ident


def front_identity(front: dict[str, Any], source: str) -> Identity:
    """Identity keys a page's own front matter may carry (al-folio ``subtitle``/``profile`` too)."""
    ident = Identity(source)
    author = front.get("author")
    ident.put("name", front.get("name") or (author.get("name") if isinstance(author, dict) else None))
    for key in ("email", "phone", "affiliation", "location", "website", "orcid", "github", "linkedin"):
        ident.put(key, front.get(key))
    ident.put("headline", front.get("headline") or front.get("subtitle"))
    profile = front.get("profile")
    if isinstance(profile, dict):
        ident.put("location", profile.get("more_info") or profile.get("address"))
    return ident


def hugo_author_page_near(page: Path) -> Path | None:
    """The site owner's author file of the Hugo site the page sits in, if any.

    ``data/authors/<owner>.yaml`` (Hugo Blox) or ``content/authors/admin/_index.md`` (older sites,
    found even without a Hugo config file).
    """
    root = find_site_root(page)
    owner = owner_username(root) if root is not None else None
    found = author_file(root, owner) if root is not None and owner else None
    if found is not None and found.resolve() != page.resolve():
        return found
    folder = page.resolve().parent
    for candidate in (folder, *folder.parents):
        author = candidate / "content" / "authors" / "admin" / "_index.md"
        if author.is_file() and author != page.resolve():
            return author
        if (candidate / ".git").exists():
            return None
    return None


# ---- the page text as a last resort, and merging the sources -------------------------------

_INTRO_NAME = re.compile(
    r"\b(?i:I am|I'm|I’m|my name is|this is|ich bin|mein name ist|je suis)\s+"
    r"((?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|da|di|del|le)){1,4})"
)
_NOT_A_NAME = re.compile(
    r"\b(student|researcher|engineer|scientist|professor|developer|lab|group|about|welcome|hello|hi|"
    r"home|homepage|page|cv|resume|university|institute|phd|the|a|an|and|of|in|at)\b",
    re.I,
)


_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}\b", re.I)


def text_identity(texts: list[str], links: list[str] = (), body: str = "") -> Identity:  # type: ignore[assignment]
    """Last resort: "Hi! I am Jane Doe, …" in the intro or title; the page's contact icons and an email in it."""
    ident = Identity("page text")
    for url in links:
        add_link(ident, "", url)
    if "email" not in ident.fields and (found := _EMAIL.search(body)):
        ident.put("email", found.group())
    # The page's icon-only links are contacts only for known social sites (a logo linking to the
    # lab's site is content); they are named by the site, never by the icon's id.
    ident.links = [link for link in ident.links if social_label(link["url"])]
    for text in texts:
        plain = plain_title(text)
        match = _INTRO_NAME.search(plain)
        if match:
            words = match.group(1).split()
            cut = next((i for i, w in enumerate(words) if _NOT_A_NAME.fullmatch(w.strip(".,"))), len(words))
            words = words[:cut]
            end = next((i for i, w in enumerate(words) if w.endswith(".") and len(w) > 4), None)
            words = words if end is None else words[: end + 1]  # "I am Ana Lima. I work …"
            while words and not words[-1][:1].isupper():
                words.pop()
            name = " ".join(words).strip(" .,")
            if len(words) >= 2 and all(w[:1].isupper() or w in {"van", "von", "de", "der"} for w in words):
                ident.put("name", name)
                return ident
    return ident


def site_title_identity(config: dict[str, Any]) -> Identity:
    """Very last resort: a Jekyll site titled with a name ("Jane Doe"); "Jane Doe's Homepage" does not count."""
    ident = Identity("the site title in _config.yml")
    title = config.get("title")
    if isinstance(title, str):
        words = title.split()
        looks_like_name = all(re.fullmatch(r"[^\W\d_][\w'’.-]*", w) and w[:1].isupper() for w in words)
        if 2 <= len(words) <= 4 and looks_like_name and not any(_NOT_A_NAME.fullmatch(w) for w in words):
            ident.put("name", title.strip())
    return ident


def _fix_email(value: str) -> str:
    value = re.sub(r"\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+", "@", value, flags=re.I)
    return re.sub(r"\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+", ".", value, flags=re.I).replace("mailto:", "")


def merge_identity(
    sources: list[Identity], path: Path, warnings: Warnings, notes: list[str], shown: str = ""
) -> dict[str, Any]:
    """First source that has a field wins; each value is checked alone so one bad value drops only itself.

    ``shown`` is how notes name the page (relative to the site's root); its file name by default.
    """
    person: dict[str, Any] = {}
    chosen: dict[str, str] = {}
    for ident in sources:
        if ident.placeholders:
            warnings.add(f"ignored template placeholders in {ident.source}: {', '.join(ident.placeholders)}", file=path)
        for key in FIELDS:
            value = ident.fields.get(key)
            if not value or key in person:
                continue
            if key == "email":
                value = _fix_email(value)
            try:
                Person.model_validate({"name": "x", key: value} if key != "name" else {"name": value})
            except ValidationError as exc:
                reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
                warnings.add(f"ignored {key} from {ident.source}: {reason}", file=path)
                continue
            person[key] = value
            chosen[key] = ident.source
    links = next((i.links for i in sources if i.links), [])
    if links:
        person["links"] = links
    named_by = next((i for i in sources if "name" in chosen and i.source == chosen["name"]), None)
    variants = [v for v in (named_by.name_variants if named_by else []) if v != person.get("name")]
    if variants:
        person["name_variants"] = variants
    dropped = list(dict.fromkeys(u for i in sources for u in i.dropped_links))
    if dropped:
        listed = ", ".join(dropped[:4]) + (" …" if len(dropped) > 4 else "")
        warnings.add(
            f"left out profile links that cannot work in a PDF: {listed}",
            file=path,
            hint="give full https:// addresses",
        )
    if "name" in person:
        notes.append(f"{shown or path.name}: name '{person['name']}' taken from {chosen['name']}")
    else:
        person["name"] = ""
        warnings.add(f"no name found in the page, its front matter or the site config; {NAME_HINT}", file=path)
    return person
