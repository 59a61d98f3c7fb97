"""A page's headings, lists and paragraphs become the profile's sections.

Sub-headings: the model has no nested sections, so a heading whose parent heading has no
content of its own is titled ``"Parent — Child"`` (``"Experiences — Interns"``); a heading
under a parent with content keeps its own title. A ``<details>`` summary is a sub-heading.
A Hugo Blox author page keeps its CV in front matter lists (education, work, awards, skills):
those are mapped in :mod:`cvbuild.load.hugo_data`, shared with the author data-file reader.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ...i18n import words
from ..identity import plain_title
from .blocks import Block, GroupEnd, Heading, ListBlock, ListItem, Para
from .dates import split_leading_date, split_trailing_date
from .entries import split_entry
from .papers import parse_publication


@dataclass
class _Node:
    title: str
    level: float
    parent: _Node | None = None
    blocks: list[Block] = field(default_factory=list)
    summary: bool = False


def _tree(blocks: list[Block]) -> list[_Node]:
    """Nodes in document order; each holds the blocks directly under its heading."""
    root = _Node("About", 0)
    nodes, stack = [root], [root]
    for block in blocks:
        if isinstance(block, Heading):
            summary = block.level == 0.5
            level = stack[-1].level + 0.5 if summary else block.level
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            node = _Node(block.text, level, stack[-1], summary=summary)
            nodes.append(node)
            stack.append(node)
        elif isinstance(block, GroupEnd):
            for index in range(len(stack) - 1, 0, -1):
                if stack[index].summary:
                    del stack[index:]
                    break
        else:
            stack[-1].blocks.append(block)
    return nodes


def _title(node: _Node) -> str:
    own = plain_title(node.title)
    parent = node.parent
    if parent is not None and parent.parent is not None and (node.summary or not parent.blocks):
        return f"{plain_title(parent.title)} — {own}"
    return own


_MARKDOWN_LINE_START = re.compile(r"^(#{1,6}\s|[-+*]\s|>|\d+[.)]\s|[-=]{3,}\s*$)")

# Section titles that say what the section holds (any part of "Parent — Child" counts).
PUBLICATION_TITLE = re.compile(
    r"(?i)\b(publications?|papers?|preprints?|manuscripts?|journal articles|conference (?:papers|proceedings)|"
    r"selected works|research works|patents?|publikationen|veröffentlichungen|publicaciones|"
    r"articles (?:de revue|scientifiques))\b|论文|發表|发表|論文|出版物"
)
ENTRY_TITLE = re.compile(
    r"(?i)\b(education|educations|experiences?|employment|positions?|appointments?|work(?: history)?|career|"
    r"internships?|interns|teaching|academic|professional|visits?|visiting|ausbildung|berufserfahrung|"
    r"werdegang|lebenslauf|studium|formation|expériences?|educación|experiencia|formación)\b|教育|经历|經歷|工作"
)
_OTHER_SECTION_TITLE = re.compile(
    r"(?i)^(?:recent |latest |selected |academic |research |professional )?(news|updates|awards?|honou?rs?|"
    r"honou?rs and awards|awards and honou?rs|projects?|talks?|presentations?|invited talks|service|services|"
    r"skills|research|research interests|interests|contact|students|mentoring|grants?|funding|activities|misc|"
    r"miscellaneous|hobbies|outreach|media|press|software|teaching|courses|achievements|certificates?|"
    r"certifications?|languages|references|volunteering|leadership)$"
)


def is_section_title(text: str) -> bool:
    """A heading that names a kind of CV section ("Publications", "📝 Education"), not a person's headline."""
    plain = re.sub(r"^[^\w]+|[^\w)]+$", "", plain_title(text)).strip()
    return bool(plain) and bool(
        _OTHER_SECTION_TITLE.match(plain)
        or (len(plain.split()) <= 4 and (PUBLICATION_TITLE.search(plain) or ENTRY_TITLE.search(plain)))
    )


# "(* equal contribution)" alone: the resolver prints the legend of the marks it finds.
_LEGEND_ONLY = re.compile(
    r"(?i)^\W*(?:[*†‡#✉§^]+\s*[:：=]?\s*(?:denotes|indicates)?\s*"
    r"(?:equal(?:ly)?\s+contribut\w*|co-?first\s+authors?|corresponding\s*(?:authors?)?|equal\s+advising)\W*)+$"
)


def _escape_line(line: str) -> str:
    return "\\" + line if _MARKDOWN_LINE_START.match(line) else line


def _text_markdown(blocks: list[Block]) -> str:
    """Paragraphs and lists as block markdown, as the page shows them (numbers kept, nesting kept).

    A list numbered from 1 stays a markdown list; one that starts elsewhere (``3.``) or counts down
    keeps its numbers as written text, since neither markdown nor the PDF engine honours ``start``.
    """
    out = []
    for block in blocks:
        if isinstance(block, Para):
            out.append(" \\\n".join(_escape_line(x) for x in block.text.split("\n")))
        elif isinstance(block, ListBlock):
            literal = block.ordered and (block.reversed or block.start != 1)
            rows = []
            for index, item in enumerate(block.items):
                number = block.start - index if block.reversed else block.start + index
                if literal:
                    rows.append(f"{number}\\. " + " \\\n".join([*item.text.split(" \\\n"), *item.details]))
                    continue
                marker = f"{number}. " if block.ordered else "- "
                indent = " " * len(marker)
                rows.append(marker + f" \\\n{indent}".join(item.text.split(" \\\n")))
                rows += [f"{indent}- {detail}" for detail in item.details]
            out.append((" \\\n" if literal else "\n").join(rows))
    return "\n\n".join(out)


def _para_items(para: Para) -> list[ListItem]:
    """A paragraph of ``<br>``-separated dated lines is a list in disguise (news, awards)."""
    lines = para.text.split("\n")
    dated = [line for line in lines if split_leading_date(line)[0]]
    if len(lines) >= 2 and len(dated) >= max(2, len(lines) // 2):
        return [ListItem(line) for line in lines]
    return [ListItem(" \\\n".join(lines))]


def _publications(title: str, blocks: list[Block], counts: Counter[str]) -> dict[str, Any] | None:
    """Publications written on the page, structured like BibTeX ones; None when the section is something else.

    A section is publications when its title says so or it holds paper cards. Prose in it other
    than the marks' legend keeps the section as written (a publications section has no room for it).
    """
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    cards = any(item.paper is not None for block in lists for item in block.items)
    if not lists or not (PUBLICATION_TITLE.search(title) or cards):
        return None
    for block in blocks:
        if isinstance(block, Para) and not all(_LEGEND_ONLY.match(x) for x in block.text.split("\n")):
            return None
    publications: list[dict[str, Any]] = []
    with_authors = 0
    for block in lists:
        for item in block.items:
            fields, rest = split_leading_date(item.text)
            paper = item.paper
            details = item.details if paper is None else []
            pub, authors, dropped = parse_publication(rest if paper is None else "", details, paper)
            for what, n in dropped.items():
                counts[what] += n
            if not pub:
                return None
            with_authors += authors
            when = fields.get("date") or fields.get("start")
            if when:
                pub["date"] = when
                pub.pop("year", None)
            publications.append(pub)
    if not publications or (not cards and not PUBLICATION_TITLE.search(title) and with_authors < len(publications)):
        return None
    section: dict[str, Any] = {"title": title, "sort": "none", "publications": publications}
    if all(block.ordered for block in lists):  # the page numbers its papers: so does the CV
        section["numbering"] = "running"
        section["count"] = "down" if all(block.reversed for block in lists) else "up"
    return section


def _entry(fields: dict[str, str], text: str, details: list[str]) -> dict[str, Any]:
    """One dated line as an entry: title / organisation / location when :func:`split_entry` sees them."""
    lines = text.split(" \\\n")
    split = split_entry(lines[0])
    rest = lines[1:]
    if split is None and rest and split_entry(f"{lines[0]}, {rest[0]}") is not None:
        split = split_entry(f"{lines[0]}, {rest[0]}")  # "**PhD in Physics** <br> University of X"
        rest = rest[1:]
    entry: dict[str, Any] = {**fields, **(split or {"title": lines[0]})}
    if rest or details:
        entry["details"] = [*rest, *details]
    return entry


def _section(title: str, blocks: list[Block], counts: Counter[str]) -> dict[str, Any] | None:
    """One section from a heading's blocks: text for prose, publications, entries, items or bullets."""
    if not blocks:
        return None
    if all(isinstance(b, Para) and len(_para_items(b)) == 1 for b in blocks):
        return {"title": title, "text": _text_markdown(blocks)}
    publications = _publications(title, blocks, counts)
    if publications is not None:
        return publications
    raw: list[ListItem] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            raw.extend(block.items)
        elif isinstance(block, Para):
            raw.extend(_para_items(block))
    items: list[dict[str, Any]] = []
    split_items: list[tuple[dict[str, str], str, list[str]]] = []  # (date fields, text, details)
    for item in raw:
        fields, rest = split_leading_date(item.text)
        if not fields and "\n" not in item.text:
            fields, rest = split_trailing_date(item.text)
        if not rest.strip():
            continue
        split_items.append((fields, rest, item.details))
        items.append({**fields, "text": rest, **({"details": item.details} if item.details else {})})
    if not items:
        return None
    dated = any(fields for fields, _, _ in split_items)
    if ENTRY_TITLE.search(title):
        entries = [_entry(fields, text, details) for fields, text, details in split_items]
        if sum("organisation" in e for e in entries) * 2 >= len(entries):
            return {"title": title, "sort": "none", "entries": entries}
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    prose = any(isinstance(b, Para) and len(_para_items(b)) == 1 for b in blocks)
    if not dated and (prose or any(b.ordered for b in lists)):
        return {"title": title, "text": _text_markdown(blocks)}  # paragraphs and lists, as the page has them
    if not any(len(i) > 1 for i in items):  # no dates, no details: a plain list reads better
        return {"title": title, "bullets": [i["text"] for i in items]}
    return {"title": title, "sort": "none", "items": items}


_ABOUT_TITLE = re.compile(r"(?i)^(about( me)?|über mich|à propos|sobre mí|bio(graphy)?|profil[e]?|关于我)$")


def about_title(front: dict[str, Any], locale: str) -> str:
    """Title of the intro section: the page's own "About me"-like title, else "About" in the CV's language."""
    title = front.get("title")
    if isinstance(title, str) and _ABOUT_TITLE.match(title.strip()):
        return title.strip()[:1].upper() + title.strip()[1:]
    return words(locale)["about"]


def body_sections(
    blocks: list[Block], unplaced: list[str], intro: str = "About", counts: Counter[str] | None = None
) -> list[dict[str, Any]]:
    counts = counts if counts is not None else Counter()
    nodes = _tree(blocks)
    nodes[0].title = intro
    first = nodes[1] if len(nodes) > 1 else None
    if first is not None and first.parent is nodes[0] and _ABOUT_TITLE.match(plain_title(first.title)):
        # a motto or greeting above "## About Me" belongs to it: one About section, not two
        first.blocks[:0] = nodes[0].blocks
        nodes[0].blocks = []
    parents = {id(n.parent) for n in nodes if n.parent is not None}
    sections = []
    for node in nodes:
        section = _section(_title(node) or "About", node.blocks, counts)
        if section:
            sections.append(section)
        elif node.parent is not None and id(node) not in parents:
            unplaced.append(f"heading '{plain_title(node.title)}' with nothing left under it")
    return sections
