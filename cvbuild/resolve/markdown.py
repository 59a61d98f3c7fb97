"""Markdown in profile fields, rendered safely.

markdown-it-py with raw HTML disabled: ``<script>`` in a field becomes visible text, never
markup, and its link validator refuses ``javascript:``/``data:`` URLs. The typographer turns
``--`` into an en dash and straight quotes into curly ones, as a typesetter would.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True, "linkify": False})
    md.enable(["replacements", "smartquotes", "strikethrough", "table"])
    return md


def inline(text: str | None) -> Markup:
    """One line of inline markdown (bold, italics, links, code) as safe HTML."""
    if not text:
        return Markup("")
    return Markup(_parser().renderInline(str(text)).strip())


def block(text: str | None) -> Markup:
    """Paragraphs and lists of markdown as safe HTML."""
    if not text:
        return Markup("")
    return Markup(_parser().render(str(text)).strip())
