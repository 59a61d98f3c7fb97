"""Text-level hygiene for homepage pages, before the markdown is parsed.

Site pages carry things a CV must never show: HTML comments (often wrapping an old copy of
a list, sometimes nested), Liquid and Hugo template code, ``<style>``/``<script>`` blocks,
kramdown attribute lists, and mojibake from a wrong encoding round trip. These are removed
here, on the raw text, because the markdown parser would otherwise turn some of them into
visible text (an unclosed comment, ``{% include %}`` inside a paragraph). Each removal is
counted so the loader can tell the user what it dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = re.compile(r"--!?>")  # "-->", or "--!>" (a parse error that still ends the comment)
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S | re.I)
_LIQUID_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S | re.I)
_LIQUID_TAG = re.compile(r"\{%.*?%\}", re.S)
# Hugo widgets are site chrome: the sentence holding one goes, with its label and lead-in text
# ("{{< icon >}} Download my {{< staticref "uploads/resume.pdf" >}}resumé{{< /staticref >}}."),
# while the other sentences of its line stay ("… after marine heatwaves.").
_HUGO_WIDGET_LINE = re.compile(r"^[^\n]*\{\{[<%]\s*(?:staticref|button|cta)\b[^\n]*$\n?", re.M | re.I)
_HUGO_WIDGET = re.compile(r"\{\{[<%]\s*(?:staticref|button|cta)\b", re.I)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")
# Any other Hugo shortcode tag ({{< icon … >}}, {{% callout note %}} … {{% /callout %}}): the tag
# goes, what it wraps stays.
_HUGO_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
_LIQUID_OUTPUT = re.compile(r"\{\{.*?\}\}", re.S)  # also Hugo shortcodes {{< … >}} and {{% … %}}
_STYLE_SCRIPT = re.compile(r"<(style|script|noscript)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_KRAMDOWN_TOC = re.compile(r"^[ \t]*[*-][ \t]+(?:TOC|toc|Table of contents)[ \t]*\n[ \t]*\{:toc\}", re.M)
# {: .class}, {:target="_blank"}, and header ids {#education} / {.unnumbered}
_ATTRIBUTE = r"(?:[.#][A-Za-z_][\w-]*|[A-Za-z_][\w:-]*=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\"'}]+))"
# kramdown {: .lead} / {:target="_blank"}, and goldmark/Pandoc/kramdown attribute lists such as
# {#education}, {.unnumbered} or {style="text-align: justify;"}: markup the site applies, never text.
# A date in braces ({2023.06-Now}) is not one: it has neither a leading . or # nor key=value.
_KRAMDOWN_IAL = re.compile(rf"\{{:[^}}\n]*\}}|\{{[ \t]*{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*[ \t]*\}}")
# ";# Talks": a heading with a stray character typed before its hashes (the site prints it as text).
_STRAY_BEFORE_HEADING = re.compile(r"^[;:,.'`][ \t]*(?=#{1,6}[ \t]+\S)", re.M)
_LINK_TO_NOTHING = re.compile(r"\]\(\s*/?\s*\)")  # [x]({{ base_path }}) once the Liquid is gone

# Emoji shortcodes like :microscope: (GitHub); resolved against the emoji package's aliases.
SHORTCODE = re.compile(r":[a-z0-9_+\-]{2,40}:", re.I)


def comment_end(text: str, start: int) -> int:
    """Where the comment opened by the ``<!--`` at ``start`` ends, as the HTML5 tokenizer decides.

    A comment ends at the first ``-->`` (or ``--!>``) after its opener; ``<!-->`` and ``<!--->``
    are empty comments. A ``<!--`` inside a comment does NOT nest: browsers and GitHub Pages show
    everything after the first ``-->``, so the CV must too (counting openers once hid whole live
    sections). An unclosed comment runs to the end of the text. Returns the index just past it.
    """
    after = start + len(_COMMENT_OPEN)
    if text.startswith(">", after):
        return after + 1
    if text.startswith("->", after):
        return after + 2
    close = _COMMENT_CLOSE.search(text, after)
    return close.end() if close else len(text)


def strip_comments(text: str, counts: Counter[str]) -> str:
    """Remove HTML comments exactly where a browser ends them (see :func:`comment_end`).

    A comment whose author believed it nested (``<!-- a <!-- b --> c -->``) ends at the first
    ``-->``: ``c`` is shown, as on the site. The closers the author meant for the inner openers
    (the `` -->`` after ``c``) are markup, not text, and go; an arrow elsewhere (``A --> B``) stays.
    """
    out: list[str] = []
    position = 0
    while (start := text.find(_COMMENT_OPEN, position)) >= 0:
        out.append(text[position:start])
        end = comment_end(text, start)
        after = start + len(_COMMENT_OPEN)
        closed = text.startswith((">", "->"), after) or _COMMENT_CLOSE.search(text, after) is not None
        counts["HTML comment" if closed else "unclosed HTML comment (hid the rest of the page)"] += 1
        position = end
        inner_openers = text.count(_COMMENT_OPEN, after, end)
        while inner_openers and (stray := _COMMENT_CLOSE.search(text, position)) is not None:
            next_open = text.find(_COMMENT_OPEN, position)
            if 0 <= next_open < stray.start():
                break
            out.append(text[position : stray.start()].rstrip(" \t"))
            counts["stray comment end '-->'"] += 1
            position, inner_openers = stray.end(), inner_openers - 1
    out.append(text[position:])
    return "".join(out)


def _without_widget_sentences(match: re.Match[str]) -> str:
    """A line holding a Hugo widget, without the sentence(s) around each widget."""
    line = match.group(0)
    ending = "\n" if line.endswith("\n") else ""
    # the sentence breaks inside a shortcode's quoted arguments are not breaks: mask the shortcodes first
    masked = re.sub(r"\{\{[<%].*?[>%]\}\}", lambda m: "\x00" * len(m.group()), line.rstrip("\n"))
    kept: list[str] = []
    position = 0
    for cut in [*(m.start() for m in _SENTENCE_BREAK.finditer(masked)), len(masked)]:
        sentence = line[position:cut]
        if not _HUGO_WIDGET.search(sentence):
            kept.append(sentence.strip())
        position = cut
    text = " ".join(k for k in kept if k)
    return text + ending if text else ""


def strip_templates(text: str, counts: Counter[str]) -> str:
    """Remove Liquid/Hugo template code; ``{% raw %}`` keeps its content.

    Hugo's ``{{% … %}}`` goes first: the Liquid tag pattern would otherwise eat its middle.
    """
    text, n = _HUGO_WIDGET_LINE.subn(_without_widget_sentences, text)
    counts["Hugo widget shortcode"] += n
    text, n = _HUGO_SHORTCODE.subn("", text)
    counts["template variable or shortcode"] += n
    text, n = _LIQUID_COMMENT.subn("", text)
    counts["Liquid comment block"] += n
    text = _LIQUID_RAW.sub(lambda m: m.group(1), text)
    text, n = _LIQUID_TAG.subn("", text)
    counts["Liquid tag"] += n
    text, n = _LIQUID_OUTPUT.subn("", text)
    counts["template variable or shortcode"] += n
    text = _LINK_TO_NOTHING.sub("]()", text)
    return text


def clean_source(text: str, counts: Counter[str]) -> str:
    """All text-level cleaning, in an order where each step sees the previous one's result."""
    text = repair_mojibake(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_comments(text, counts)
    text = strip_templates(text, counts)
    text, n = _STYLE_SCRIPT.subn("", text)
    counts["style/script block"] += n
    text, n = _KRAMDOWN_TOC.subn("", text)
    counts["table of contents marker"] += n
    text, n = _KRAMDOWN_IAL.subn("", text)
    counts["kramdown attribute list"] += n
    text, n = _STRAY_BEFORE_HEADING.subn("", text)
    counts["stray character before a heading"] += n
    return text


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-Latin-1 damage (``Ã©`` → ``é``, ``ðŸ“„`` → 📄) with ftfy.

    Only the encoding repair is used: ftfy's other fixes (quotes, HTML entities, line
    breaks) would change text the author wrote on purpose.
    """
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text(text, config)


# ---- emoji -----------------------------------------------------------------------------

_JOINERS = {0x200D, 0xFE0F, 0xFE0E, 0x20E3}


def _is_emoji_char(char: str) -> bool:
    code = ord(char)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF or code in _JOINERS


@lru_cache(maxsize=512)
def has_glyph(char: str) -> bool:
    """Whether some installed font draws ``char`` (asked of fontconfig, which WeasyPrint uses)."""
    import shutil
    import subprocess

    if ord(char) in _JOINERS:
        return True
    if shutil.which("fc-list") is None:
        return False
    try:
        out = subprocess.run(
            ["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(out.stdout.strip())


def emojize(text: str) -> str:
    """``:microscope:`` → 🔬; unknown shortcodes stay (they may be text like ``:param:``)."""
    if ":" not in text:
        return text
    import emoji

    return SHORTCODE.sub(lambda m: emoji.emojize(m.group(), language="alias"), text)


def drop_unprintable_emoji(text: str, dropped: Counter[str]) -> str:
    """Remove emoji that no installed font can draw, so the PDF shows no empty boxes."""
    if not any(_is_emoji_char(c) for c in text):
        return text
    import emoji

    def keep(match: Mapping[str, Any]) -> bool:
        return all(has_glyph(c) for c in match["emoji"] if ord(c) not in _JOINERS)

    out: list[str] = []
    position = 0
    for found in emoji.emoji_list(text):
        out.append(text[position : found["match_start"]])
        if keep(found):
            out.append(found["emoji"])
        else:
            dropped[found["emoji"]] += 1
        position = found["match_end"]
    out.append(text[position:])
    return "".join(out)
