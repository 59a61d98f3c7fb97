"""A page's headings, lists and paragraphs become the profile's sections.

Sub-headings: the model has no nested sections, so a heading whose parent heading has no
content of its own is titled ``"Parent — Child"`` (``"Experiences — Interns"``); a heading
under a parent with content keeps its own title. A ``<details>`` summary is a sub-heading.
A Hugo Blox author page keeps its CV in front matter lists (education, work, awards, skills):
those are mapped in :mod:`cvbuild.load.hugo_data`, shared with the author data-file reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...i18n import words
from ..identity import plain_title
from .blocks import Block, GroupEnd, Heading, ListBlock, ListItem, Para
from .dates import split_leading_date, split_trailing_date


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


def _text_markdown(paras: list[Para]) -> str:
    """Paragraphs as block markdown; a line that would start a list or heading is escaped."""
    out = []
    for para in paras:
        lines = [("\\" + x if _MARKDOWN_LINE_START.match(x) else x) for x in para.text.split("\n")]
        out.append(" \\\n".join(lines))
    return "\n\n".join(out)


def _para_items(para: Para) -> list[ListItem]:
    """A paragraph of ``<br>``-separated dated lines is a list in disguise (news, awards)."""
    lines = para.text.split("\n")
    dated = [line for line in lines if split_leading_date(line)[0]]
    if len(lines) >= 2 and len(dated) >= max(2, len(lines) // 2):
        return [ListItem(line) for line in lines]
    return [ListItem(" \\\n".join(lines))]


def _section(title: str, blocks: list[Block]) -> dict[str, Any] | None:
    """One section from a heading's blocks: text for prose, items for lists, bullets if undated."""
    if not blocks:
        return None
    if all(isinstance(b, Para) and len(_para_items(b)) == 1 for b in blocks):
        return {"title": title, "text": _text_markdown(blocks)}  # type: ignore[arg-type]
    raw: list[ListItem] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            raw.extend(block.items)
        elif isinstance(block, Para):
            raw.extend(_para_items(block))
    items = []
    for item in raw:
        fields, rest = split_leading_date(item.text)
        if not fields and "\n" not in item.text:
            fields, rest = split_trailing_date(item.text)
        if not rest.strip():
            continue
        items.append({**fields, "text": rest, **({"details": item.details} if item.details else {})})
    if not items:
        return None
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


def body_sections(blocks: list[Block], unplaced: list[str], intro: str = "About") -> list[dict[str, Any]]:
    nodes = _tree(blocks)
    nodes[0].title = intro
    parents = {id(n.parent) for n in nodes if n.parent is not None}
    sections = []
    for node in nodes:
        section = _section(_title(node) or "About", node.blocks)
        if section:
            sections.append(section)
        elif node.parent is not None and id(node) not in parents:
            unplaced.append(f"heading '{plain_title(node.title)}' with nothing left under it")
    return sections
