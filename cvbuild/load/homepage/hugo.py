"""Hugo Blox pages whose CV is not in their body: landing pages built from blocks, and publications.

A Hugo Blox home page (``content/_index.md``, ``type: landing``) often has an empty body: its
front matter ``sections:`` is a list of blocks, and most blocks draw an author's data
(``content.username`` → ``data/authors/<username>.yaml`` or ``content/authors/<username>/_index.md``):

* ``resume-biography`` (``-2``, ``-3``): the author's identity, biography, interests and education;
* ``resume-experience``: the author's experience and education (or the block's own ``items``);
* ``resume-awards``, ``resume-skills``, ``resume-languages``: those lists of the author;
* ``markdown`` (and a ``collection``'s ``content.text``): CV text, a section titled by ``content.title``;
* ``collection`` of ``publication(s)``: the site's publication pages, as one "Publications" section
  (a featured-only and an all-papers block show the same papers: each paper is listed once);
  ``collection`` of ``event(s)``: talks;
* ``tech-stack`` (skills by category) and ``contact-info`` (email, phone) blocks.

Site chrome blocks (hero, call-to-action cards, demo blocks) are counted in the "dropped" warning;
lists the CV has no place for (blog posts, projects) are named in the "could not place" warning.
The mapping of an author's data is shared with the data-file reader (:mod:`cvbuild.load.hugo_data`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import CvError, Warnings
from ...source import SourceMap
from ...util.files import is_within, read_text
from ..hugo_data import (
    Author,
    Built,
    Owner,
    author_file,
    awards_section,
    citation_name,
    education_section,
    experience_section,
    interests_section,
    languages_section,
    owner_username,
    publication_pages,
    read_author,
    read_front_matter,
    read_publications,
    skills_section,
    when_fields,
)
from ..identity import Identity, hugo_identity, plain_title
from .blocks import parse_blocks, render_markdown
from .clean import clean_source, drop_unprintable_emoji, emojize
from .sections import body_sections

BIOGRAPHY = {"resume-biography", "resume-biography-2", "resume-biography-3", "about.biography", "biography"}
EXPERIENCE = {"resume-experience", "experience"}
# Blocks that show one list of an author: block name → (builder, default title, the author's key).
AUTHOR_LISTS: dict[str, tuple[Callable[[dict[str, Any], str], Built | None], str, str]] = {
    **dict.fromkeys(("resume-awards", "awards"), (awards_section, "Awards", "awards")),
    **dict.fromkeys(("resume-skills", "skills"), (skills_section, "Skills", "skills")),
    **dict.fromkeys(("resume-languages", "languages"), (languages_section, "Languages", "languages")),
}
MARKDOWN = {"markdown", "text", "about.text"}
CONTACT = {"contact", "contact-info"}
TECH_STACK = {"tech-stack"}
COLLECTION = {"collection"}
PUBLICATION_FOLDERS = {"publication", "publications"}
EVENT_FOLDERS = {"event", "events", "talk", "talks"}
LIST_NAMES = {"post": "blog posts", "blog": "blog posts", "project": "projects", "projects": "projects"}


def is_landing_page(front: dict[str, Any]) -> bool:
    """A Hugo Blox page built from blocks: ``sections:`` is a list of ``block:`` mappings."""
    blocks = front.get("sections")
    return isinstance(blocks, list) and any(isinstance(b, dict) and b.get("block") for b in blocks)


@dataclass
class HugoPage:
    """What a Hugo page contributes beyond its body, for the homepage reader to merge."""

    sections: list[dict[str, Any]] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def shown_path(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.name


def markdown_sections(
    text: Any, title: str, counts: Counter[str], emoji: Counter[str], unplaced: list[str]
) -> list[dict[str, Any]]:
    """Markdown from front matter (a block's text, a biography) through the same steps as a page body."""
    if not text or not str(text).strip():
        return []
    blocks = parse_blocks(render_markdown(clean_source(str(text), counts)), counts, emoji)
    return body_sections(blocks, unplaced, title, counts)


class _Site:
    """The site's authors (read once each) and what the landing page took from them."""

    def __init__(self, page: Path, root: Path, warnings: Warnings, out: HugoPage):
        self.page, self.root, self.warnings, self.out = page, root, warnings, out
        self.authors: dict[str, Author | None] = {}
        self.placed: set[tuple[str, str]] = set()  # (username, key) already in a section

    def author(self, username: str | None, line: int | None, quiet: bool = False) -> Author | None:
        name = username or owner_username(self.root) or "admin"
        if name in self.authors:
            return self.authors[name]
        file = author_file(self.root, name)
        found: Author | None = None
        if file is None and quiet:
            return None
        if file is None:
            self.warnings.add(
                f"a block shows author '{name}', but the site has no data/authors/{name}.yaml "
                f"or content/authors/{name}/_index.md",
                file=self.page,
                line=line,
            )
        else:
            try:
                found = read_author(file, name)
                self.out.inputs.append(file)
            except CvError as error:
                self.warnings.extend(error.problems)
        self.authors[name] = found
        return found

    def take(self, author: Author, built: Built | None) -> list[dict[str, Any]]:
        """The section, unless an earlier block already showed this list of this author."""
        if built is None or (author.username, built.key) in self.placed:
            return []
        self.placed.add((author.username, built.key))
        return [built.section]


def _title(value: Any, default: str, emoji: Counter[str]) -> str:
    text = drop_unprintable_emoji(emojize(plain_title(str(value or ""))), emoji).strip()
    return text or default


def _folders(content: dict[str, Any]) -> list[str]:
    filters = content.get("filters") if isinstance(content.get("filters"), dict) else {}
    folders = filters.get("folders") if isinstance(filters, dict) else None
    if isinstance(folders, str):
        folders = [folders]
    if not isinstance(folders, list):
        folders = [content.get("page_type")] if content.get("page_type") else []
    return [str(f).strip().strip("/").lower() for f in folders if f]


def read_landing(
    page: Path,
    front: dict[str, Any],
    source: SourceMap | None,
    root: Path,
    about: str,
    counts: Counter[str],
    emoji: Counter[str],
    warnings: Warnings,
) -> HugoPage:
    """The sections and identity of a Hugo Blox landing page, block by block, in the page's order."""
    out = HugoPage()
    site = _Site(page, root, warnings, out)
    owner: Author | None = None
    first_named: str | None = None  # the author a chrome block (a hero) shows
    introduced = False  # a biography block gave the person
    publications_at: int | None = None
    for index, block in enumerate(front.get("sections") or []):
        if not isinstance(block, dict) or not block.get("block"):
            continue
        name = str(block["block"]).strip().lower()
        content: dict[str, Any] = block["content"] if isinstance(block.get("content"), dict) else {}
        design: dict[str, Any] = block["design"] if isinstance(block.get("design"), dict) else {}
        username = content.get("username") or content.get("author")
        where = ("sections", index, "content", "username" if content.get("username") else "author")
        line = source.locate(where if username else ("sections", index))[0] if source else None
        title = content.get("title")
        if block.get("demo") is True:
            counts["demo block"] += 1
            continue
        if name in BIOGRAPHY:
            author = site.author(str(username) if username else None, line)
            if author is None:
                continue
            owner = owner or author
            introduced = True
            out.identities.append(hugo_identity(author.data, shown_path(author.path, root)))
            headings: dict[str, Any] = content["headings"] if isinstance(content.get("headings"), dict) else {}
            about_title = _title(headings.get("about"), about, emoji)
            if (author.username, "bio") not in site.placed:
                site.placed.add((author.username, "bio"))
                bio = author.body if author.body.strip() else str(author.data.get("bio") or "")
                out.sections += markdown_sections(bio, about_title, counts, emoji, out.unplaced)
            out.sections += markdown_sections(content.get("text"), about_title, counts, emoji, out.unplaced)
            interests = interests_section(author.data, _title(headings.get("interests"), "Interests", emoji))
            out.sections += site.take(author, interests)
            education = education_section(author.data, _title(headings.get("education"), "Education", emoji))
            out.sections += site.take(author, education)
        elif name in EXPERIENCE:
            items = content.get("items")
            if isinstance(items, list) and items:
                built = experience_section({"experience": items}, _title(title, "Experience", emoji))
                out.sections += [built.section] if built else []
                continue
            author = site.author(str(username) if username else None, line)
            if author is None:
                continue
            owner = owner or author
            parts = [
                site.take(author, experience_section(author.data, _title(title, "Experience", emoji))),
                site.take(author, education_section(author.data)),
            ]
            if design.get("is_education_first") is True:
                parts.reverse()
            out.sections += parts[0] + parts[1]
        elif name in AUTHOR_LISTS:
            builder, default, key = AUTHOR_LISTS[name]
            inline = content.get("items")
            if isinstance(inline, list) and inline:  # the block lists them itself
                built = builder({key: inline}, _title(title, default, emoji))
                out.sections += [built.section] if built else []
                continue
            author = site.author(str(username) if username else None, line)
            if author is not None:
                owner = owner or author
                out.sections += site.take(author, builder(author.data, _title(title, default, emoji)))
            if content.get("text"):
                out.unplaced.append(f"the text of the '{plain_title(str(title or name))}' block")
        elif name in TECH_STACK:
            categories = content.get("categories")
            built = skills_section({"skills": categories}, _title(title, "Skills", emoji))
            out.sections += [built.section] if built else []
        elif name in CONTACT:
            ident = Identity(f"the '{name}' block")
            for key in ("email", "phone"):
                ident.put(key, content.get(key))
            address = content.get("address")
            if isinstance(address, dict):
                ident.put("location", ", ".join(str(address[k]) for k in ("city", "country") if address.get(k)))
            out.identities.append(ident)
            counts[f"'{name}' block text"] += bool(content.get("text"))
        elif name in MARKDOWN:
            out.sections += markdown_sections(
                content.get("text"), _title(title, about, emoji), counts, emoji, out.unplaced
            )
        elif name in COLLECTION:
            folders = _folders(content)
            shown = _title(title, "", emoji)
            out.sections += markdown_sections(content.get("text"), shown or about, counts, emoji, out.unplaced)
            if PUBLICATION_FOLDERS & set(folders):
                if publications_at is None:
                    publications_at = len(out.sections)
            elif EVENT_FOLDERS & set(folders):
                talks = _talks(root, [f for f in folders if f in EVENT_FOLDERS], shown or "Talks", out, warnings)
                out.sections += [talks] if talks else []
            else:
                what = ", ".join(LIST_NAMES.get(f, f) for f in folders) or "pages"
                out.unplaced.append(f"the '{shown or name}' block (a list of {what})")
        else:
            counts[f"'{name}' block"] += 1
            first_named = first_named or (str(username) if username else None)
    if not introduced:  # no biography block: the author the other blocks show (or a hero's), else the site owner
        owner = owner or site.author(first_named, None, quiet=not publication_pages(root))
        if owner is not None:
            out.identities.append(hugo_identity(owner.data, shown_path(owner.path, root)))
    if owner is not None:
        pubs = publications_section(root, owner, warnings, out)
        if pubs is not None:
            out.sections.insert(len(out.sections) if publications_at is None else publications_at, pubs)
    return out


def publications_section(root: Path, author: Author, warnings: Warnings, out: HugoPage) -> dict[str, Any] | None:
    """The site's publication pages as one "Publications" section, the author's name in place of the username."""
    name = citation_name(author.data)
    shown = hugo_identity(author.data, "").fields.get("name", name)
    owner = Owner(author.username, name or shown, [v for v in (shown,) if v and v != name])
    found = read_publications(root, owner, warnings)
    out.inputs += found.files
    out.notes += found.notes
    if not found.publications:
        return None
    out.notes.append(f"{len(found.publications)} publications read from the site's content/ folder")
    return {"title": "Publications", "publications": found.publications}


def _talks(root: Path, folders: list[str], title: str, out: HugoPage, warnings: Warnings) -> dict[str, Any] | None:
    """``content/event(s)/*/index.md`` as dated items: title, event, place."""
    items: list[dict[str, Any]] = []
    for folder in folders:
        base = root / "content" / folder
        if not base.is_dir():
            continue
        pages = sorted([*base.glob("*/index.md"), *(p for p in base.glob("*.md") if p.name != "_index.md")])
        for page in pages:
            if not is_within(page, root):
                continue
            try:
                front, _, _ = read_front_matter(read_text(page), page)
            except CvError as error:
                warnings.add(f"skipped a talk: {error.problems[0].message}", file=page)
                continue
            if front.get("draft") is True or not front.get("title"):
                continue
            text = ", ".join(" ".join(str(front[k]).split()) for k in ("title", "event", "location") if front.get(k))
            item: dict[str, Any] = {"text": text, **when_fields(front.get("date"))}
            url = str(front.get("event_url") or "")
            if url.startswith(("http://", "https://")):
                item["url"] = url
            items.append(item)
            out.inputs.append(page)
    return {"title": title, "items": items} if items else None
