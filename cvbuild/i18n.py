"""Words and date formats in the CV's language.

Month names and date patterns come from Babel (CLDR data), so every locale Babel knows
prints dates correctly; the few words CLDR does not have ("present", "Last updated") are
in the small table below.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .model import PartialDate

WORDS: dict[str, dict[str, str]] = {
    "en": {"present": "present", "last_updated": "Last updated", "page": "Page", "cv": "Curriculum Vitae"},
    "de": {"present": "heute", "last_updated": "Stand", "page": "Seite", "cv": "Lebenslauf"},
    "fr": {"present": "présent", "last_updated": "Mis à jour", "page": "Page", "cv": "Curriculum vitæ"},
    "es": {"present": "actualidad", "last_updated": "Actualizado", "page": "Página", "cv": "Currículum vítae"},
    "pt": {"present": "presente", "last_updated": "Atualizado", "page": "Página", "cv": "Currículo"},
    "it": {"present": "oggi", "last_updated": "Aggiornato", "page": "Pagina", "cv": "Curriculum vitae"},
    "nl": {"present": "heden", "last_updated": "Bijgewerkt", "page": "Pagina", "cv": "Curriculum vitae"},
    "zh": {"present": "至今", "last_updated": "更新于", "page": "页", "cv": "个人简历"},
    "ja": {"present": "現在", "last_updated": "更新日", "page": "ページ", "cv": "履歴書"},
    "ko": {"present": "현재", "last_updated": "업데이트", "page": "페이지", "cv": "이력서"},
}

# Babel skeletons per design.date_format; CLDR turns them into the locale's own pattern.
SKELETONS = {"short": ("yMMM", "yMMMd"), "long": ("yMMMM", "yMMMMd"), "numeric": ("yMM", "yMMdd")}


def language(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0].lower()


def words(locale: str) -> dict[str, str]:
    return WORDS.get(language(locale), WORDS["en"])


@lru_cache(maxsize=32)
def _babel_locale(locale: str):  # type: ignore[no-untyped-def]
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_date(date: PartialDate, locale: str = "en", style: str = "short") -> str:
    if date.present:
        return words(locale)["present"]
    if date.month is None or style == "year":
        return str(date.year)
    from babel.dates import format_skeleton

    month_skeleton, day_skeleton = SKELETONS.get(style, SKELETONS["short"])
    value = dt.date(date.year, date.month, date.day or 1)
    return format_skeleton(day_skeleton if date.day else month_skeleton, value, locale=_babel_locale(locale))


def format_range(start: PartialDate | None, end: PartialDate | None, locale: str = "en", style: str = "short") -> str:
    """'Sep 2019 – Jun 2023', '2019 – present'; a single date when only one is given."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        return format_date(start or end, locale, style)  # type: ignore[arg-type]
    if start == end:
        return format_date(start, locale, style)
    return f"{format_date(start, locale, style)} – {format_date(end, locale, style)}"
