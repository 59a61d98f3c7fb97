"""Markup inside publication fields → rich text: LaTeX from BibTeX, HTML from jekyll-scholar and CSL-JSON.

Real files put formatting in fields: ``\\emph{…}``, ``\\textsc{BERT}``, ``$O(n^2)$``,
``{\\({_\\ast}\\)}``, ``\\url{…}`` (BibTeX), and ``<b>105</b>``, ``<i>…</i>``, ``&amp;``
(al-folio files written for jekyll-scholar, CSL-JSON's rich text). Decoding all of it to
plain text loses the emphasis and leaves residue (``_∗``, ``<https://…>``); printing it
verbatim prints tags. Here formatting becomes the few tags of cvbuild's rich text
(:data:`cvbuild.model.publications.RICH_TAG`), which the resolver turns into safe HTML, and
everything else becomes characters.

How: formatting commands, HTML tags and math are found first and replaced by private-use
placeholder characters (so pylatexenc cannot mangle a URL's ``%`` or ``_``); **pylatexenc**
then decodes what is left (accents in every spelling, ``--``, ``\\&``, Greek letters, math
symbols); the placeholders become tags again. Text with none of ``\\ { } ~ $ < &`` or ``--``
skips all of it, which keeps 1,000 entries fast.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from ..util.links import is_safe_link

_HINT = re.compile(r"[\\{}~$<&]|--")
_SPACES = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # anything but single plain spaces
_PLACEHOLDER_BASE = 0xE000
_PLACEHOLDERS = re.compile("[\ue000-\uf8ff]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# \command{…} → a rich-text tag; None keeps the words only.
_COMMANDS: dict[str, str | None] = {
    "emph": "em",
    "textit": "i",
    "textsl": "i",
    "mathit": "i",
    "textbf": "b",
    "mathbf": "b",
    "bm": "b",
    "boldsymbol": "b",
    "textsc": "sc",
    "texttt": "code",
    "mathtt": "code",
    "textsuperscript": "sup",
    "textsubscript": "sub",
    "textrm": None,
    "textup": None,
    "textnormal": None,
    "textsf": None,
    "textmd": None,
    "mbox": None,
    "text": None,
    "mathrm": None,
    "mathsf": None,
    "mathcal": None,
    "mathscr": None,
    "mathfrak": None,
    "mathbb": None,  # ℝ, ℕ … are missing from most fonts: the letter itself reads fine
    "operatorname": None,
    "ensuremath": None,
    "NoCaseChange": None,
    "nocase": None,
}
# {\em …} declarations inside a group.
_DECLARATIONS: dict[str, str | None] = {
    "em": "em",
    "it": "i",
    "itshape": "i",
    "sl": "i",
    "slshape": "i",
    "bf": "b",
    "bfseries": "b",
    "sc": "sc",
    "scshape": "sc",
    "tt": "code",
    "ttfamily": "code",
    "rm": None,
    "rmfamily": None,
    "normalfont": None,
    "upshape": None,
    "sffamily": None,
}
# Math symbols the shipped fonts lack, as the characters a reader expects.
_MATH_SYMBOLS = {"ast": "*", "star": "*", "sim": "~", "mid": "|", "colon": ":", "lbrace": "{", "rbrace": "}"}
_COMMAND = re.compile(r"\\([A-Za-z]+)\*?")

# HTML tags as they appear in fields → rich-text tags (None: keep the text, drop the tag).
_HTML_TAGS: dict[str, str | None] = {
    "em": "em",
    "i": "i",
    "cite": "i",
    "var": "i",
    "b": "b",
    "strong": "strong",
    "sup": "sup",
    "sub": "sub",
    "code": "code",
    "tt": "code",
    "kbd": "code",
    "samp": "code",
}
_HTML_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)((?:\s+[^<>]*?)?)\s*(/?)\s*>")
_HTML_DROP = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.I | re.S)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_SMALL_CAPS = re.compile(r"font-variant\s*:\s*small-caps", re.I)


class _Holder:
    """Tags taken out of the text while pylatexenc runs: each is one private-use character."""

    def __init__(self) -> None:
        self.tags: list[str] = []

    def __call__(self, tag: str) -> str:
        if len(self.tags) >= 0x1800:  # absurd input: stop adding formatting, keep the words
            return ""
        self.tags.append(tag)
        return chr(_PLACEHOLDER_BASE + len(self.tags) - 1)

    def restore(self, text: str) -> str:
        if not self.tags:
            return text
        return _PLACEHOLDERS.sub(lambda m: self._tag(m.group()), text)

    def _tag(self, char: str) -> str:
        index = ord(char) - _PLACEHOLDER_BASE
        return self.tags[index] if index < len(self.tags) else ""


def _link_tag(url: str) -> str | None:
    """``<a href="…">`` for a safe web or email address; None for anything else."""
    url = re.sub(r"\s+", "", html.unescape(url))
    if not url or not is_safe_link(url) or not re.match(r"^(https?://|mailto:)", url, re.I):
        return None
    return '<a href="' + url.replace('"', "%22").replace("<", "%3C").replace(">", "%3E") + '">'


# ---------------------------------------------------------------------------------------------
# HTML


def _html_tags(text: str, hold: Callable[[str], str]) -> str:
    """HTML tags → ``hold(rich tag)``; unknown tags are dropped, their text kept; script/style go whole."""
    if "<" not in text:
        return text
    text = _HTML_DROP.sub("", text)
    open_links: list[bool] = []
    spans: list[bool] = []  # per open <span>: is it small capitals?

    def tag(match: re.Match[str]) -> str:
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3) or ""
        if name == "br":
            return " "
        if name == "a":
            if closing:
                return hold("</a>") if open_links and open_links.pop() else ""
            href = _HREF.search(attributes)
            link = _link_tag(next(g for g in href.groups() if g is not None)) if href else None
            open_links.append(link is not None)
            return hold(link) if link else ""
        if name == "span":
            if not closing:
                spans.append(bool(_SMALL_CAPS.search(attributes)))
                return hold("<sc>") if spans[-1] else ""
            return hold("</sc>") if spans and spans.pop() else ""
        rich = _HTML_TAGS.get(name)
        if rich is None:
            return ""
        return hold(f"</{rich}>" if closing else f"<{rich}>")

    return _HTML_TAG.sub(tag, text)


def _entities(text: str, hold: Callable[[str], str] | None = None) -> str:
    """``&amp;`` → ``&``; with ``hold``, the character is held too (pylatexenc reads ``&`` as a column break)."""
    if "&" not in text:
        return text
    if hold is None:
        return _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return _ENTITY.sub(lambda m: hold(html.unescape(m.group())), text)


def html_to_rich(text: str) -> str:
    """HTML-ish text (CSL-JSON rich text, RIS, jekyll-scholar fields) → rich text; no LaTeX decoding."""
    if "<" not in text and "&" not in text:
        return re.sub(r"\s+", " ", text).strip()
    holder = _Holder()
    out = _entities(_html_tags(text, holder))
    return _tidy(holder.restore(out))


# ---------------------------------------------------------------------------------------------
# LaTeX


def _group(text: str, start: int) -> tuple[str, int] | None:
    """The text inside the braces opening at ``start`` and the index after the closing one."""
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
        i += 1
    return None


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n":
        i += 1
    return i


def _wrap(tag: str | None, inner: str, hold: Callable[[str], str]) -> str:
    if tag is None:
        return "{" + inner + "}"
    return hold(f"<{tag}>") + "{" + inner + "}" + hold(f"</{tag}>")


def _url_text(url: str) -> str:
    """The characters of a LaTeX ``\\url`` argument, with its few escapes undone."""
    return re.sub(r"\s+", "", url).replace("\\_", "_").replace("\\%", "%").replace("\\#", "#").replace("\\&", "&")


def _link(url: str, label: str | None, hold: Callable[[str], str]) -> str:
    """``\\url{u}`` and ``\\href{u}{label}``: a link when the address is safe, else the words only."""
    tag = _link_tag(_url_text(url))
    shown = hold(_url_text(url)) if label is None else "{" + label + "}"  # held: pylatexenc would eat % and _
    return hold(tag) + shown + hold("</a>") if tag else shown


def _math(text: str, hold: Callable[[str], str]) -> str:
    """Math → text: ``^``/``_`` become super- and subscripts; pylatexenc decodes symbols afterwards."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "^_":
            j = _skip_spaces(text, i + 1)
            if j >= len(text):
                break
            if text[j] == "{":
                found = _group(text, j)
                arg, end = found if found else (text[j + 1 :], len(text))
            elif text[j] == "\\":
                command = _COMMAND.match(text, j)
                end = command.end() if command else j + 2
                arg = text[j:end]
            else:
                arg, end = text[j], j + 1
            tag = "sup" if ch == "^" else "sub"
            out.append(hold(f"<{tag}>") + "{" + _math(arg, hold) + "}" + hold(f"</{tag}>"))
            i = end
            continue
        if ch == "\\":
            command = _COMMAND.match(text, i)
            if command:
                name = command.group(1)
                if name in _MATH_SYMBOLS:
                    out.append(_MATH_SYMBOLS[name])
                    i = command.end()
                    continue
                j = _skip_spaces(text, command.end())
                if name in _COMMANDS and j < len(text) and text[j] == "{":
                    found = _group(text, j)
                    if found:
                        out.append(_wrap(_COMMANDS[name], _math(found[0], hold), hold))
                        i = found[1]
                        continue
                out.append(command.group())
                i = command.end()
                if i < len(text) and text[i] in " \t\n" and text[i - 1].isalpha():
                    out.append(" ")  # keep "\log n" two words
                continue
            out.append(text[i : i + 2])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


_MATH_DELIMITERS = (("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$"))


def _find_math_end(text: str, start: int, closing: str) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\" and not text.startswith(closing, i):
            i += 2
            continue
        if text.startswith(closing, i):
            return i
        i += 1
    return -1


def _latex(text: str, hold: Callable[[str], str]) -> str:
    """Formatting commands, declarations, links and math → placeholders around LaTeX pylatexenc still decodes."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        opened = next((d for d in _MATH_DELIMITERS if text.startswith(d[0], i)), None)
        if opened and not (ch == "$" and i and text[i - 1] == "\\"):
            end = _find_math_end(text, i + len(opened[0]), opened[1])
            if end > i + len(opened[0]):
                out.append("$" + _math(text[i + len(opened[0]) : end], hold) + "$")
                i = end + len(opened[1])
                continue
        if ch == "\\":
            command = _COMMAND.match(text, i)
            if not command:
                out.append(text[i : i + 2])
                i += 2
                continue
            name = command.group(1)
            j = _skip_spaces(text, command.end())
            found = _group(text, j) if j < len(text) and text[j] == "{" else None
            if found and name in ("url", "href"):
                if name == "url":
                    out.append(_link(found[0], None, hold))
                    i = found[1]
                    continue
                k = _skip_spaces(text, found[1])
                label = _group(text, k) if k < len(text) and text[k] == "{" else None
                if label:
                    out.append(_link(found[0], _latex(label[0], hold), hold))
                    i = label[1]
                    continue
            if found and name in _COMMANDS:
                out.append(_wrap(_COMMANDS[name], _latex(found[0], hold), hold))
                i = found[1]
                continue
            out.append(command.group())
            i = command.end()
            continue
        if ch == "{":
            found = _group(text, i)
            if found is None:
                out.append(ch)
                i += 1
                continue
            inner, end = found
            declaration = re.match(r"\s*\\([A-Za-z]+)(?![A-Za-z])\s*", inner)
            if declaration and declaration.group(1) in _DECLARATIONS:
                rest = inner[declaration.end() :]
                out.append(_wrap(_DECLARATIONS[declaration.group(1)], _latex(rest, hold), hold))
            else:
                out.append("{" + _latex(inner, hold) + "}")
            i = end
            continue
        if ch in "&%":  # R&D, 50%: LaTeX would break there; the author meant the character
            out.append(hold(ch))
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


_EMPTY_PAIR = re.compile(r"<(em|i|b|strong|sup|sub|code|sc)>(\s*)</\1>")


def _tidy(text: str) -> str:
    """One space between words, no empty tag pairs, no space just inside a tag."""
    text = re.sub(r"\s+", " ", text.replace("\xa0", " "))
    for _ in range(3):
        text = _EMPTY_PAIR.sub(r"\2", text)
    text = re.sub(r"<a href=\"[^\"]*\">(\s*)</a>", r"\1", text)
    return text.strip()


class LatexConverter:
    """pylatexenc, built once: creating its converter costs more than decoding a field."""

    def __init__(self) -> None:
        from pylatexenc.latex2text import LatexNodes2Text

        self.l2t = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not _HINT.search(text):
            return _SPACES.sub(" ", text).strip() if _ODD_SPACE.search(text) else text.strip()
        cached = self.cache.get(text)
        if cached is not None:
            return cached
        holder = _Holder()
        held = _latex(_entities(_html_tags(_PLACEHOLDERS.sub("", text), holder), holder), holder)
        try:
            out = self.l2t.latex_to_text(held)
        except Exception:  # pylatexenc is lenient; never let odd input stop the run
            out = re.sub(r"[{}\\]", "", held)
        out = _tidy(holder.restore(out))
        if len(self.cache) < 50_000:
            self.cache[text] = out
        return out


_converter: LatexConverter | None = None


def latex_to_rich(text: str) -> str:
    """LaTeX (and HTML) of a BibTeX field → rich text; plain text passes through fast."""
    if not _HINT.search(text):  # most fields: no converter, no cache
        return _SPACES.sub(" ", text).strip() if _ODD_SPACE.search(text) else text.strip()
    global _converter
    if _converter is None:
        _converter = LatexConverter()
    return _converter(text)
