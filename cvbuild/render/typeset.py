"""Typographic rules for the text of a rendered page, which CSS alone cannot express.

Applied to the finished HTML of every theme (built-in or a user's), only to the text between
tags of the ``<body>``, never to markup, attributes or the style sheet:

- keep-together: "pp. 94–103", "vol. 7", "Sep 2022", "2019–2023", an ORCID iD, "To appear",
  "2025年11月" are wrapped in ``<span class="nw">`` (``white-space: nowrap``), so a line never
  breaks inside them. Plain spaces stay spaces: copying from the PDF gives the text as written.
- no hyphenation inside a word that already has a hyphen ("tensor-compiler" may break only at
  its own hyphen): ``<span class="nohy">``.
- Han, Kana and Hangul runs are ``<span class="cjk">``: the themes set them upright, since these
  scripts have no italic and a synthetic oblique is a distortion (WeasyPrint cannot be told
  ``font-synthesis: none``).

The class names are styled by every built-in theme (``_base/common.css.j2``).
"""

from __future__ import annotations

import re

_PIECES = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_RAW = re.compile(r"<(style|script|title|textarea)\b", re.I)

# One alternation, tried left to right at each position; the first that matches wins.
_KEEP = [
    r"(?:pp?|vol|Vol|no|No|nr|Nr|Bd|Heft|S|ch|sec|art)\.\s\(?[\w()]+(?:\s?[–—-]\s?[\w()]+)?",  # pp. 12–19, vol. 7(2)
    r"(?:ORCID\s)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]",  # an ORCID iD, with its label
    r"\d{4}\s?年(?:\s?\d{1,2}\s?月)?(?:\s?\d{1,2}\s?日)?",  # 2025年11月
    r"(?<![\w.])[A-Za-z\u00c0-\u024f]{3,}\.?\s\d{4}(?![\d-])",  # Sep 2022, März 2023, Okt. 2019
    r"(?<![\w-])\d+[–—]\d+(?![\w-])",  # 94–103, 2019–2023
    r"(?i:to appear|in press|im druck|à paraître)",
]
_KEEP_RE = re.compile("|".join(f"(?:{p})" for p in _KEEP))
_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W_]+)+(?![\w-])")
_CJK = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    r"\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]+"
)


def _wrap(text: str, pattern: re.Pattern[str], css_class: str) -> str:
    return pattern.sub(lambda m: f'<span class="{css_class}">{m.group(0)}</span>', text)


def _text(text: str, *, hyphen_rule: bool) -> str:
    """One text node (already HTML-escaped): spans added around what must not break or slant."""
    if not text.strip():
        return text
    out = []
    last = 0
    for match in _KEEP_RE.finditer(text):
        out.append(_rest(text[last : match.start()], hyphen_rule=hyphen_rule))
        out.append(f'<span class="nw">{_wrap(match.group(0), _CJK, "cjk")}</span>')
        last = match.end()
    out.append(_rest(text[last:], hyphen_rule=hyphen_rule))
    return "".join(out)


def _rest(text: str, *, hyphen_rule: bool) -> str:
    if hyphen_rule and "-" in text:
        text = _wrap(text, _HYPHENATED, "nohy")
    return _wrap(text, _CJK, "cjk")


def typeset(html: str) -> str:
    """``html`` with the spans of the module's rules added to the text of its body."""
    head_end = html.find("<body")
    if head_end < 0:
        return html
    pieces = _PIECES.split(html[head_end:])
    out = [html[:head_end]]
    raw = False
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag or a comment
            if raw and re.match(r"</(style|script|title|textarea)\s*>", piece, re.I):
                raw = False
            elif _RAW.match(piece):
                raw = True
            out.append(piece)
        else:
            out.append(piece if raw else _text(piece, hyphen_rule=True))
    return "".join(out)
