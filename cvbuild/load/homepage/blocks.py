"""A homepage page's body as a flat list of blocks: headings, paragraphs, lists.

The page is markdown mixed with raw HTML (``<details>``, ``<ul><li>``, ``<strong>``, tables
with ``</br>`` in cells). Rather than handle two syntaxes, markdown-it renders the markdown to
HTML (raw HTML passes through), and one HTML5 parser (tinyhtml5, already used by WeasyPrint)
builds a single tree. Walking that tree gives :class:`Heading`, :class:`Para` and
:class:`ListBlock` blocks whose text is inline markdown again (``**bold**``, ``[link](url)``),
the format profile fields use. Site chrome — images, badges, icons, buttons, forms, the page's
own "Download CV" link — is dropped here and counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from .clean import drop_unprintable_emoji, emojize
from .papers import PaperParts, link_kind


@dataclass
class Heading:
    level: float  # 1–6; a <summary> gets its parent's level + 0.5
    text: str


@dataclass
class GroupEnd:
    """End of a ``<details>`` block: later content belongs to the enclosing heading again."""


@dataclass
class Para:
    text: str


@dataclass
class ListItem:
    text: str
    details: list[str] = field(default_factory=list)
    paper: PaperParts | None = None  # a paper card: what its HTML already tells apart


@dataclass
class ListBlock:
    items: list[ListItem]
    ordered: bool = False  # an <ol>: its numbers are part of what the page shows
    start: int = 1
    reversed: bool = False


Block = Heading | GroupEnd | Para | ListBlock

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINERS = {
    "div", "section", "article", "main", "header", "footer", "blockquote", "center", "aside", "figure",
    "figcaption", "body", "html", "span", "font", "p",
}  # fmt: skip
DROPPED = {
    "img": "image", "svg": "image", "picture": "image", "video": "video", "audio": "audio", "iframe": "embedded frame",
    "object": "embedded object", "embed": "embedded object", "canvas": "image", "button": "button", "form": "form",
    "input": "form", "select": "form", "textarea": "form", "nav": "navigation", "script": "script", "style": "style",
    "noscript": "script", "link": "link tag", "meta": "meta tag", "map": "image map", "head": "",
}  # fmt: skip
_ICON_CLASS = re.compile(r"\b(fa[srlbd]?|fa-[\w-]+|ai|ai-[\w-]+|icon[\w-]*|bi|bi-[\w-]+|material-icons)\b")
_CV_LINK_TEXT = re.compile(
    r"^\W*(download|view|see|get|my|the|full|here|pdf|cv|resume|résumé|curriculum vitae|a|copy|latest|current|"
    r"updated|version|click|also|can|you|find|please|is|available|\s|\(|\))*\W*$",
    re.I,
)
# The page's own CV link, until the line it sits in is known: "\x02text\x03url\x04" (see Walker.line).
_CV_MARK = re.compile("\x02([^\x02-\x04]*)\x03([^\x02-\x04]*)\x04")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\s[|·•]\s")
_BADGE = re.compile(r"shields\.io|badgen\.net|badge|/stars/|forks|visitor|hits\.|img\.shields", re.I)
_CODE_HOST = re.compile(
    r"^https?://(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/[^/?#]+/[^/?#]+", re.I
)
_MORE_TOGGLE = re.compile(r"^\W*(?:\.\.\.|…)?\s*(?:show\s+)?(?:more|less|all)(?:\s+authors)?\W*$", re.I)
# cv.pdf, CV_2024.pdf, jane-doe-cv.pdf, resume.pdf, /cv/: the site's own CV
_CV_HREF = re.compile(r"(^|/|[-_])(cv|resume|résumé|curriculum[-_ ]?vitae)([-_.][^/]*)?\.pdf$|/cv/?$", re.I)
_LINK_OK = re.compile(r"^(https?:|mailto:)", re.I)
# Logos of languages and tools in profile READMEs (devicon, skillicons, simple-icons); social icons are not tools.
_TOOL_ICON = re.compile(r"devicon|skillicons|simpleicons|simple-icons|/icons/(?!social)", re.I)


def _tag(el: Element) -> str:
    return el.tag if isinstance(el.tag, str) else ""  # comments and processing instructions have callables


def escape(text: str) -> str:
    """Text from HTML as inline markdown that prints literally."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*`\[\]])", r"\\\1", text)
    return re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)


class Walker:
    """Turns the HTML tree into blocks; ``counts`` collects what was dropped, for the warning."""

    def __init__(
        self, counts: Counter[str], emoji_dropped: Counter[str], links: list[str] | None = None, site_url: str = ""
    ):
        self.counts = counts
        self.emoji_dropped = emoji_dropped
        self.links = links if links is not None else []  # contact links (icon-only or mailto), for identity
        self.tool_icons: list[str] = []  # alt texts of "Languages and Tools" icons since the last block
        self.site_url = site_url.rstrip("/")  # the published site (https://…/baseurl): site paths become links

    def absolute(self, href: str) -> str:
        """A site path (``/files/paper.pdf``, once ``{{ site.baseurl }}`` is gone) as a link on the published site."""
        href = href.strip()
        if (
            not href
            or _LINK_OK.match(href)
            or href.startswith(("#", "tel:"))
            or re.match(r"^[a-z][\w+.-]*:", href, re.I)
        ):
            return href
        if not self.site_url:
            return href
        return f"{self.site_url}/{href.lstrip('./')}" if not href.startswith("/") else f"{self.site_url}{href}"

    def line(self, text: str) -> str:
        """One finished line: the page's CV link resolved (see :meth:`link`), then tidied."""
        while (mark := _CV_MARK.search(text)) is not None:
            before, after = text[: mark.start()], text[mark.end() :]
            starts = [m.end() for m in _SENTENCE_END.finditer(before)]
            start = starts[-1] if starts else 0
            end_match = _SENTENCE_END.search(after)
            end = end_match.end() if end_match else len(after)
            sentence = before[start:] + after[:end]
            if _CV_LINK_TEXT.match(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", sentence)):
                # "Download my [CV](cv.pdf)." alone: a download button, pointless inside the CV
                self.counts["'Download CV' link"] += 1
                text = before[:start] + after[end:]
            else:  # "(graduating in May 2027, [CV](cv.pdf)) at …": prose keeps the word
                label, url = mark.group(1), mark.group(2)
                text = before + (f"[{label}]({url})" if url else label) + after
        return _line(text)

    # ---- inline ------------------------------------------------------------------------

    def text(self, raw: str | None) -> str:
        if not raw:
            return ""
        raw = re.sub(r"\s+", " ", raw)
        return escape(drop_unprintable_emoji(emojize(raw), self.emoji_dropped))

    def inline(self, el: Element, skip: Callable[[Element], bool] | None = None, flat: bool = False) -> str:
        """The element's content as inline markdown; ``\\n`` marks a line break (none when ``flat``).

        ``flat`` is for a part that is one line whatever its markup: an author list whose owner
        sits in a ``<div class="my-name">`` (a block element inside a span) is still one line.
        """
        parts = [self.text(el.text)]
        for child in el:
            if not (skip and skip(child)):
                parts.append(self.inline_child(child, flat))
            parts.append(self.text(child.tail))
        joined = "".join(parts)
        return re.sub(r"\s*\n\s*", " ", joined) if flat else joined

    def inline_child(self, el: Element, flat: bool = False) -> str:
        tag = _tag(el)
        if not tag:
            return ""
        if tag == "img" and _TOOL_ICON.search(el.get("src", "")) and 0 < len(el.get("alt", "").strip()) <= 30:
            self.tool_icons.append(el.get("alt", "").strip())
        if tag in DROPPED:
            if DROPPED[tag]:
                self.counts[DROPPED[tag]] += 1
            return ""
        if tag == "br":
            return "\n"
        if tag == "i" and _ICON_CLASS.search(el.get("class", "")) and not "".join(el.itertext()).strip():
            self.counts["icon"] += 1
            return ""
        inner = self.inline(el, flat=flat)
        if "my-name" in el.get("class", "").split() and inner.strip():
            return _wrap("**", inner)  # AcadHomepage marks the owner in the author list this way
        if tag in ("ul", "ol", "table", "dl", "p", "div", "li", "tr", "pre", *HEADINGS):
            return inner if flat else "\n" + inner + "\n"
        if tag == "a":
            return self.link(el, inner)
        if not inner.strip():
            return inner
        if tag in ("strong", "b"):
            return _wrap("**", inner)
        if tag in ("em", "i", "cite", "var"):
            return _wrap("*", inner)
        if tag in ("del", "s", "strike"):
            return _wrap("~~", inner)
        if tag == "code":
            return "`" + inner.replace("`", "") + "`"
        return inner

    def link(self, el: Element, inner: str) -> str:
        href = self.absolute(el.get("href") or "")
        badge = not inner.strip() and any(
            _BADGE.search(img.get("src", "") + " " + img.get("alt", "")) for img in el.iter("img")
        )
        if badge:
            # a badge (stars, a shields.io label) linking to a repository is the paper's or project's code
            if _CODE_HOST.match(href):
                return f"[Code]({_safe_href(href)})"
            if not re.search(r"orcid\.org|scholar\.google|linkedin\.com|twitter\.com|x\.com", href, re.I):
                self.counts["badge"] += 1
                return ""
        if _LINK_OK.match(href) and (not inner.strip() or href.lower().startswith("mailto:")):
            self.links.append(href)  # icon-only links are the page's contact buttons
        button = "btn" in el.get("class", "") and re.search(r"(?i)\b(cv|resume|résumé|curriculum vitae)\b", inner)
        if (_CV_HREF.search(href) or button) and _CV_LINK_TEXT.match(inner):
            if not inner.strip():
                self.counts["'Download CV' link"] += 1  # an icon-only CV button
                return ""
            url = _safe_href(href) if _LINK_OK.match(href) else ""
            label = " ".join(inner.split())
            return f"\x02{label}\x03{url}\x04"  # kept in prose, dropped alone: decided per line
        kind = link_kind(inner, href) if inner.strip() and href and not _LINK_OK.match(href) else None
        if kind in ("pdf", "slides", "poster", "video", "code", "arxiv", "doi", ""):
            # "[Paper](/files/p.pdf)" on a site whose address is unknown: a label without its link says nothing
            self.counts["link that works only on the site"] += 1
            return ""
        if not inner.strip() or "\n" in inner or not _LINK_OK.match(href) or href.lower() in inner.lower():
            return inner
        return f"[{inner.strip()}]({_safe_href(href)})"

    # ---- blocks ------------------------------------------------------------------------

    def blocks(self, el: Element, out: list[Block]) -> None:
        """Append the blocks inside ``el``; loose inline content becomes paragraphs."""
        run: list[str] = [self.text(el.text)]

        def flush() -> None:
            self.paragraph("".join(run), out)
            run.clear()

        for child in el:
            tag = _tag(child)
            if tag in HEADINGS:
                flush()
                text = self.line(self.inline(child))
                self.tool_icons.clear()
                if text:
                    out.append(Heading(int(tag[1]), text))
            elif tag in ("ul", "ol"):
                flush()
                items = self.list_items(child)
                if items:
                    start = child.get("start", "1").strip()
                    ordered = tag == "ol"
                    out.append(
                        ListBlock(items, ordered, int(start) if start.isdigit() else 1, "reversed" in child.attrib)
                    )
            elif tag == "table":
                flush()
                out.extend(self.table(child))
            elif tag == "details":
                flush()
                self.details(child, out)
            elif tag == "dl":
                flush()
                out.append(self.definitions(child))
            elif tag == "pre":
                flush()
                self.paragraph(escape("".join(child.itertext())).strip(), out)
            elif tag == "hr":
                flush()
            elif tag == "div" and "paper-box" in child.get("class", "").split():
                flush()
                paper = self.paper_box(child)
                if paper is not None:
                    out.append(ListBlock([paper]))
            elif tag in CONTAINERS and _has_block(child):
                flush()
                self.blocks(child, out)
            elif tag in ("p", "div", "center", "blockquote", "section", "figure"):
                flush()
                run.append(self.inline(child))
                flush()
            else:
                run.append(self.inline_child(child))
            run.append(self.text(child.tail))
        flush()

    def paragraph(self, text: str, out: list[Block]) -> None:
        lines = [self.line(x) for x in text.split("\n")]
        lines = [x for x in lines if x]
        icons, self.tool_icons = self.tool_icons, []
        if not lines and len(icons) >= 2:  # a row of tool logos: their names are the facts
            lines = [", ".join(dict.fromkeys(escape(i) for i in icons))]
        if lines:
            out.append(Para("\n".join(lines)))

    def paper_box(self, el: Element) -> ListItem | None:
        """AcadHomepage's paper card as one list item carrying its parts (see :class:`.papers.PaperParts`).

        Walked as ordinary blocks it would scatter into unrelated lines. The card's HTML names its
        parts: a ``badge`` (the venue), a ``*title*`` element, an ``author*`` element (the owner in
        ``my-name``; hidden authors are authors too; a "...more" toggle is not), and buttons
        ("Paper", "Code", "Slides"). Whatever has no class becomes lines in order, as before.
        """
        parts = PaperParts()
        for node in list(el.iter()):
            if node is el:
                continue
            classes = node.get("class", "").lower().split()
            text = "".join(node.itertext()).strip()
            if "badge" in classes:
                parts.badges.append(self.line(self.inline(node)))
                _blank(node)
            elif _tag(node) in ("a", "button", "span") and _MORE_TOGGLE.match(text) and text:
                self.counts["'more' toggle"] += 1
                _blank(node)
        for node in list(el.iter()):
            if node is el or not _tag(node):
                continue
            class_text = " ".join(node.get("class", "").lower().split())
            if not parts.title and re.search(r"(^|[\s_-])title\b", class_text):
                title_link = next((a for a in node.iter("a") if a.get("href")), None)
                parts.title = self.line(self.inline(node, flat=True))
                parts.title = re.sub(r"^\[(.*)\]\([^)]*\)$", r"\1", parts.title)
                if title_link is not None:
                    parts.title_url = self.absolute(title_link.get("href", ""))
                _blank(node)
            elif not parts.authors and re.search(r"\bauthors?\b|author[-_]list|\bauthors?[-_]", class_text):
                parts.authors = self.line(self.inline(node, flat=True))
                _blank(node)
            elif _tag(node) == "a" and (node.get("href") or "").strip():
                label = self.line("".join(node.itertext()))
                if label and link_kind(label, node.get("href", "")) is not None:
                    parts.links.append((label, self.absolute(node.get("href", ""))))
                    _blank(node)
        inner: list[Block] = []
        self.blocks(el, inner)
        for block in inner:
            if isinstance(block, Para):
                parts.lines.extend(block.text.split("\n"))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    parts.lines.extend([item.text, *item.details])
            elif isinstance(block, Heading):
                parts.lines.append(block.text)
        parts.lines = [x for x in parts.lines if x]
        if not parts.title and parts.lines:
            parts.title = parts.lines.pop(0)
            linked = re.fullmatch(r"\[(.*)\]\(([^)]*)\)", parts.title)
            if linked:
                parts.title, parts.title_url = linked.group(1), linked.group(2)
        if not parts.title:
            return ListItem(parts.badges[0], parts.badges[1:]) if parts.badges else None
        shown = [parts.title, parts.authors, *parts.badges, *parts.lines]
        return ListItem(shown[0], [x for x in shown[1:] if x], paper=parts)

    def details(self, el: Element, out: list[Block]) -> None:
        summary = next((c for c in el if _tag(c) == "summary"), None)
        if summary is not None:
            text = self.line(self.inline(summary))
            if text:
                out.append(Heading(0.5, text))  # level relative to the enclosing heading
            tail = summary.tail
            summary.clear()
            summary.tag, summary.tail = "span", tail
        self.blocks(el, out)
        out.append(GroupEnd())

    def list_items(self, el: Element) -> list[ListItem]:
        items: list[ListItem] = []
        for li in el:
            if _tag(li) != "li":
                continue
            text = self.inline(li, skip=lambda c: _tag(c) in ("ul", "ol"))
            self.tool_icons.clear()
            lines = [x for x in (self.line(t) for t in text.split("\n")) if x]
            details: list[str] = []
            for nested in li.iter():
                if nested is not li and _tag(nested) in ("ul", "ol") and _parent_li(li, nested) is li:
                    for sub in self.list_items(nested):
                        details.append(sub.text)
                        details.extend(sub.details)
            if not lines and not details:
                continue
            head = lines[0] if lines else details.pop(0)
            rest = lines[1:]
            items.append(ListItem(" \\\n".join([head, *rest]) if _is_continuation(rest) else head, details))
            if not _is_continuation(rest):
                items[-1].details[:0] = rest
        return items

    def definitions(self, el: Element) -> ListBlock:
        items: list[ListItem] = []
        for child in el:
            text = self.line(self.inline(child).replace("\n", " "))
            if not text:
                continue
            if _tag(child) == "dd" and items:
                items[-1].details.append(text)
            else:
                items.append(ListItem(text))
        return ListBlock(items)

    def table(self, el: Element) -> list[Block]:
        """A table as lists: list-in-cell tables by column, ordinary tables one item per row."""
        rows: list[list[str]] = []
        header: list[str] = []
        for tr in el.iter("tr"):
            cells = [self.inline(c) for c in tr if _tag(c) in ("td", "th")]
            if all(_tag(c) == "th" for c in tr if _tag(c)) and not rows and not header:
                header = cells
            else:
                rows.append(cells)
        if any("\n" in cell or cell.strip().startswith(("- ", "• ", "* ")) for row in rows for cell in row):
            return [self.table_by_column(header, rows)]
        items = []
        for row in rows:
            cells = [self.line(c.replace("\n", " ")) for c in row]
            cells = [c for c in cells if c]
            if cells:
                items.append(ListItem(" — ".join(cells)))
        if not items and header:
            items = [ListItem(self.line(c)) for c in header if self.line(c)]
        return [ListBlock(items)] if items else []

    def table_by_column(self, header: list[str], rows: list[list[str]]) -> ListBlock:
        width = max([len(header), *(len(r) for r in rows)])
        items: list[ListItem] = []
        for column in range(width):
            title = self.line(header[column]) if column < len(header) else ""
            lines: list[str] = []
            for row in rows:
                cell = row[column] if column < len(row) else ""
                lines.extend(x for x in (self.line(re.sub(r"^\s*[-•*]\s+", "", t)) for t in cell.split("\n")) if x)
            if not title and lines:
                title = lines.pop(0)
            if title:
                items.append(ListItem(title, lines))
        return ListBlock(items)


def _safe_href(href: str) -> str:
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _wrap(mark: str, inner: str) -> str:
    """``**x**`` with the spaces outside the marks, as markdown needs."""
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{inner.strip()}{mark}{trail}"


def _line(text: str) -> str:
    text = re.sub(r"[\x02-\x04]", "", text)  # never a placeholder's marks in the CV (see Walker.line)
    text = re.sub(r"[ \t\u00a0]+", " ", text).strip()
    text = re.sub(r"^(\\\[\s*\\\]|\(\s*\)|[|·•,;:\-–—]\s*)+$", "", text)  # punctuation left by removed widgets
    # separators a removed badge or button left at an edge ("[Paper](…) |") or doubled ("a | | b")
    text = re.sub(r"(?:\s*(?:\\\[\s*\\\]|\(\s*\)|[|·•]))+\s*$|^\s*(?:(?:\\\[\s*\\\]|\(\s*\)|[|·•])\s*)+", "", text)
    text = re.sub(r"\s*[|·•](?:\s*[|·•])+\s*", " | ", text)
    text = re.sub(r"([.!?])\s+\.(?=\s|$)", r"\1", text)  # "recover. ." once a widget's text is gone
    return re.sub(r"\s+([,;:.!?])(?=\s|$)", r"\1", text).strip()


def _blank(node: Element) -> None:
    """Empty ``node`` in place, keeping its tail (ElementTree has no parent links to remove it)."""
    tail = node.tail
    node.clear()
    node.tag, node.tail = "span", tail


def _has_block(el: Element) -> bool:
    return any(_tag(c) in HEADINGS or _tag(c) in {"ul", "ol", "table", "details", "dl", "p", "div", "pre"} for c in el)


def _parent_li(top: Element, target: Element) -> Element | None:
    """The nearest <li> above ``target`` inside ``top`` (ElementTree has no parent links)."""

    def search(node: Element, current: Element | None) -> Element | None:
        for child in node:
            if child is target:
                return current
            found = search(child, child if _tag(child) == "li" else current)
            if found is not None:
                return found
        return None

    return search(top, top)


def _is_continuation(rest: list[str]) -> bool:
    """Lines after a <br> in a list item: keep them in the text when they are few and short."""
    return 0 < len(rest) <= 3


def parse_blocks(
    html: str, counts: Counter[str], emoji_dropped: Counter[str], links: list[str] | None = None, site_url: str = ""
) -> list[Block]:
    import tinyhtml5

    root = tinyhtml5.parse(html, namespace_html_elements=False)
    body = root.find("body")
    out: list[Block] = []
    if body is not None:
        Walker(counts, emoji_dropped, links, site_url).blocks(body, out)
    return out


def render_markdown(body: str) -> str:
    """Markdown (with raw HTML passing through) to HTML, as GitHub and Jekyll pages are written."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    return md.render(body)
