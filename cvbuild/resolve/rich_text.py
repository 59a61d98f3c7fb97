"""Rich text from publication files → safe HTML: the few tags an exporter writes, nothing else.

Kept apart from :mod:`.publications` so citation styles (:mod:`.citation_styles`) can use the
same rules without the two importing each other.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..model.publications import RICH_TAG
from ..util.links import is_safe_link

_RICH_HTML = {"em": "em", "i": "i", "b": "b", "strong": "strong", "sup": "sup", "sub": "sub", "code": "code"}
# Small capitals and code as the shipped fonts draw them, in every theme (no theme styles these yet).
_SMALL_CAPS = Markup('<span class="smallcaps" style="font-variant: small-caps">')
_CODE = Markup("<code style=\"font-family: 'cvbuild Mono', monospace\">")
# "pp. 12–24", "vol. 7" and year ranges are kept whole for every theme by cvbuild.render.typeset;
# an arXiv identifier is not among its rules: "arXiv:" must not end a line apart from its number.
_ARXIV = re.compile(r"\barXiv:\s*(?:\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)", re.I)
ARXIV_HINT = re.compile("arxiv:", re.I)
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def typeset(text: str, *, links: bool = False) -> Markup:
    """Plain text → safe HTML: an arXiv identifier kept whole, bare web addresses made links if ``links``."""
    if "http" not in text and not ARXIV_HINT.search(text):
        return escape(text)
    out: list[Markup] = []
    position = 0
    patterns = [_ARXIV, _BARE_URL] if links else [_ARXIV]
    while position < len(text):
        found = [m for m in (p.search(text, position) for p in patterns) if m]
        if not found:
            break
        match = min(found, key=lambda m: m.start())
        out.append(escape(text[position : match.start()]))
        value = match.group()
        if match.re is _BARE_URL:
            out.append(Markup('<a href="{}">{}</a>').format(value, value) if is_safe_link(value) else escape(value))
        else:
            out.append(Markup('<span class="nw">arXiv:{}</span>').format(value[6:].strip()))
        position = match.end()
    out.append(escape(text[position:]))
    return Markup("").join(out)


def rich(text: str | None, *, links: bool = True) -> Markup:
    """Rich text → safe HTML: the known tags become HTML (balanced), everything else is escaped.

    ``links=False`` (a title, which the theme may link as a whole) keeps a link's words only
    and leaves bare addresses as text.
    """
    if not text:
        return Markup("")
    if "<" not in text:
        return typeset(text, links=links)
    out: list[Markup] = []
    stack: list[str] = []
    position = 0
    for match in RICH_TAG.finditer(text):
        out.append(typeset(text[position : match.start()], links=links and "a" not in stack))
        position = match.end()
        tag = match.group()
        if tag.startswith("<a "):
            href = tag[len('<a href="') : -2]
            unsafe = not is_safe_link(href) or not re.match(r"(https?://|mailto:)", href, re.I)
            if not links or "a" in stack or unsafe:
                stack.append("a-dropped")
                continue
            stack.append("a")
            out.append(Markup('<a href="{}">').format(href))
            continue
        closing = tag.startswith("</")
        name = tag.strip("</>")
        if not closing:
            stack.append(name)
            opening = {"sc": _SMALL_CAPS, "code": _CODE}.get(name)
            out.append(opening or Markup(f"<{_RICH_HTML[name]}>"))
            continue
        wanted = ("a", "a-dropped") if name == "a" else (name,)
        if any(open_tag in wanted for open_tag in stack):  # close what was left open inside it too
            while stack:
                open_tag = stack.pop()
                _close(open_tag, out)
                if open_tag in wanted:
                    break
    out.append(typeset(text[position:], links=links and "a" not in stack))
    while stack:
        _close(stack.pop(), out)
    return Markup("").join(out)


def _close(name: str, out: list[Markup]) -> None:
    if name == "a-dropped":
        return
    if name == "a":
        out.append(Markup("</a>"))
    elif name == "sc":
        out.append(Markup("</span>"))
    else:
        out.append(Markup(f"</{_RICH_HTML[name]}>"))
