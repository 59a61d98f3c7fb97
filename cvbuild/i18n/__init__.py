"""Words and date formats in the CV's language.

Month names and date patterns come from Babel (CLDR data), so every locale Babel knows
prints dates correctly. The words cvbuild itself prints and CLDR does not have ("present",
"Last updated", the footer, publication group headings, link labels, "page n of N", the
site's download button) are data: ``words/<language>.yaml``, one file per language, every
file with every key of ``en.yaml`` (a test checks). Other locales get Babel's dates and
English words. Each file also lists the words that mean "until now" when a person writes a
date range (``present_words``); the date parser reads those.

This package sits below the model (the model's date parser needs ``present_words``), so it
knows dates only by their shape: :class:`DateLike`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import yaml

WORDS_DIR = Path(__file__).resolve().parent / "words"


class DateLike(Protocol):
    """A partial date (:class:`cvbuild.model.PartialDate`): a year, maybe a month and a day, or "present"."""

    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int | None: ...
    @property
    def day(self) -> int | None: ...
    @property
    def present(self) -> bool: ...


def languages() -> list[str]:
    """The languages with a word file (ISO 639-1 codes), English first."""
    names = sorted(p.stem for p in WORDS_DIR.glob("*.yaml"))
    return ["en", *[n for n in names if n != "en"]]


@lru_cache(maxsize=16)
def _file(lang: str) -> dict[str, object]:
    path = WORDS_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data if isinstance(data, dict) else {}


def table(lang: str) -> dict[str, str]:
    """The printed words of one language, exactly as in its file (no fallback, no derived keys)."""
    return {k: v for k, v in _file(lang).items() if isinstance(v, str)}


def word_keys() -> tuple[str, ...]:
    """Keys every language has: those of ``en.yaml``."""
    return tuple(table("en"))


@lru_cache(maxsize=1)
def present_words() -> frozenset[str]:
    """Every language's words for "until now" in a written date range, lower case."""
    words: set[str] = set()
    for lang in languages():
        listed = _file(lang).get("present_words")
        if isinstance(listed, list):
            words.update(str(w).lower() for w in listed)
    return frozenset(words)


# Babel skeletons per design.date_format; CLDR turns them into the locale's own pattern.
SKELETONS = {"short": ("yMMM", "yMMMd"), "long": ("yMMMM", "yMMMMd"), "numeric": ("yMM", "yMMdd")}


def language(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0].lower()


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(pattern: str) -> str:
    """A CSS ``content`` value for "page n of N": the pattern's words around the page counters.

    Page numbers exist only at layout time, so themes use this in ``@page`` margin boxes
    (``content: {{ words.page_css }}``) instead of formatting a string themselves.
    """
    parts: list[str] = []
    rest = pattern
    while rest:
        cut = min((i for i in (rest.find("{page}"), rest.find("{pages}")) if i >= 0), default=-1)
        if cut < 0:
            parts.append(_css_string(rest))
            break
        if cut:
            parts.append(_css_string(rest[:cut]))
        token = "{pages}" if rest.startswith("{pages}", cut) else "{page}"
        parts.append("counter(pages)" if token == "{pages}" else "counter(page)")
        rest = rest[cut + len(token) :]
    return " ".join(parts)


@lru_cache(maxsize=16)
def _words(lang: str) -> dict[str, str]:
    words = {**table("en"), **table(lang)}  # a key missing in a language falls back to English
    words["page_css"] = page_css(words["page_of"])
    return words


def words(locale: str) -> dict[str, str]:
    """Every built-in word in ``locale``'s language (English for unsupported languages).

    Also ``page_css``: "page n of N" as a CSS ``content`` value for ``@page`` margin boxes.
    """
    return dict(_words(language(locale)))


def cjk_lang(locale: str) -> str:
    """The ``lang`` value that selects the right CJK glyph forms (zh → Simplified unless TW/HK)."""
    parts = locale.replace("_", "-").split("-")
    if parts[0].lower() != "zh":
        return locale.replace("_", "-")
    rest = {p.lower() for p in parts[1:]}
    if rest & {"tw", "hk", "mo", "hant"}:
        return "zh-Hant"
    return "zh-Hans"


@lru_cache(maxsize=32)
def _babel_locale(locale: str):  # type: ignore[no-untyped-def]
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_date(date: DateLike, locale: str = "en", style: str = "short") -> str:
    if date.present:
        return _words(language(locale))["present"]
    if date.month is None or style == "year":
        return str(date.year)
    from babel.dates import format_skeleton

    month_skeleton, day_skeleton = SKELETONS.get(style, SKELETONS["short"])
    value = dt.date(date.year, date.month, date.day or 1)
    return format_skeleton(day_skeleton if date.day else month_skeleton, value, locale=_babel_locale(locale))


def format_range(start: DateLike | None, end: DateLike | None, locale: str = "en", style: str = "short") -> str:
    """'Sep 2019 – Jun 2023', '2019 – present'; a single date when only one is given."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        return format_date(start or end, locale, style)  # type: ignore[arg-type]
    if (start.year, start.month, start.day, start.present) == (end.year, end.month, end.day, end.present):
        return format_date(start, locale, style)
    return f"{format_date(start, locale, style)} – {format_date(end, locale, style)}"
