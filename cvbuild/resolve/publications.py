"""Resolve a publications section: filters, order, groups, numbers, authors, marks, links.

Part of the resolve stage (see :mod:`cvbuild.resolve.sections`); kept apart because publications
have the most rules of any section kind. Inline entries and entries read from publication
files (by :mod:`cvbuild.load.bibtex`) arrive as one list of :class:`~cvbuild.model.Publication`.
Entries from a file are rich text (plain words plus the few formatting tags the file asked
for, see :mod:`cvbuild.model.publications`): the tags become HTML, everything else is
escaped. Inline entries are markdown.

Typesetting: "pp." and "vol." keep their numbers on the same line, a page range and an arXiv
identifier never break, the short venue (al-folio's ``abbr``) is printed once and only when
the venue's name does not already contain it. With ``style:`` each entry is formatted by a
CSL citation style (:mod:`cvbuild.resolve.citation_styles`), keeping the owner in bold, the
marks, the numbers and the links. ``summary:`` adds a line counting the peer-reviewed papers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..i18n import words
from ..model import in_order
from ..model.publications import KINDS, LINK_KINDS, plain_text
from .markdown import inline
from .names import DEFAULT_MARK_TEXT, ET_AL, MARK_CHARS, OwnerMatcher, display_name, split_marks
from .rich_text import ARXIV_HINT, rich
from .view import PubGroup, Row

if TYPE_CHECKING:
    from ..model import Profile, Publication, PublicationsSection

PREFIXES = {
    "journal": "J",
    "conference": "C",
    "workshop": "W",
    "chapter": "Ch",
    "book": "B",
    "preprint": "P",
    "report": "R",
    "thesis": "T",
    "patent": "Pat",
    "other": "O",
}
_ENGLISH_TITLES = {"pub_report": "Technical Reports"}
_LINK_LABELS = {"poster": "Poster", "project": "Project", "blog": "Blog", "url": "Link"}


@dataclass
class PubRowView(Row):
    """A publication's row: a :class:`Row` plus what only publications have (see the template's contract)."""

    abbr: str = ""  # the short venue, "NeurIPS" (al-folio's abbr), for themes that print it as a badge
    kind: str = ""  # journal, conference, … (the group it belongs to when grouped by kind)
    formatted: Markup = Markup("")  # the whole entry in the section's citation style; "" for cvbuild's layout


@dataclass
class PubGroupView(PubGroup):
    """A group of publication rows; the first group of a section carries the section's summary line."""

    summary: str = ""


# ---------------------------------------------------------------------------------------------
# Rich text → safe HTML


def _text(pub: Publication, value: str | None, *, links: bool = True) -> Markup:
    """Entries from files are rich text; inline ones are markdown."""
    if not value:
        return Markup("")
    if not pub.source:
        return inline(value)
    if "<" not in value and "http" not in value and not ARXIV_HINT.search(value):
        return escape(value)  # most titles: nothing to format, link or keep whole
    return rich(value, links=links)


# ---------------------------------------------------------------------------------------------
# Filtering and grouping


def _keep(pub: Publication, section: PublicationsSection) -> bool:
    f = section.filter
    when = pub.when()
    year = when.year if when else None
    if f.since is not None and (year is None or year < f.since):
        return False
    if f.until is not None and (year is None or year > f.until):
        return False
    if f.selected and not pub.selected:
        return False
    if pub.key and pub.key.lower() in {k.lower() for k in f.exclude}:
        return False
    if f.kinds and pub.kind not in f.kinds:
        return False
    wanted = {k.lower() for k in f.keywords}
    return not (wanted and not wanted & {k.lower() for k in pub.keywords})


def _group_key(pub: Publication, by: str) -> str:
    if by == "none":
        return ""
    if by == "kind":
        return pub.kind
    if by == "year":
        when = pub.when()
        return ("" if when.present else str(when.year)) if when else ""
    if by == "keywords":
        return pub.keywords[0] if pub.keywords else ""
    value = getattr(pub, by, None) if by in ("abbr", "venue", "publisher") else None
    return str(value or pub.fields.get(by.lower(), "") or "")


def group_order(keys: list[str], section: PublicationsSection) -> list[str]:
    """User-listed groups first, in their order; then kinds in the usual order, others as met."""
    present = list(dict.fromkeys(keys))
    order = [g.key for g in section.groups if g.key in present]
    if section.group_by == "kind":
        rest = [k for k in KINDS if k in present and k not in order]
    else:
        rest = [k for k in present if k not in order and k != ""] + ([""] if "" in present else [])
    return order + [k for k in rest if k not in order]


def _group_title(key: str, section: PublicationsSection, w: dict[str, str]) -> str:
    for group in section.groups:
        if group.key == key and group.title:
            return group.title
    if section.group_by == "none":
        return ""
    if section.group_by == "kind":
        return w.get(f"pub_{key}") or _ENGLISH_TITLES.get(f"pub_{key}", key.title())
    return key or ("Undated" if section.group_by == "year" else "Other")


def _prefix(key: str, section: PublicationsSection) -> str:
    for group in section.groups:
        if group.key == key and group.prefix is not None:
            return group.prefix
    return PREFIXES.get(key, "") if section.group_by == "kind" else ""


# ---------------------------------------------------------------------------------------------
# Authors and marks


def _shown_authors(authors: list[str], is_me: Callable[[str], bool], limit: int | None) -> list[str]:
    """At most ``limit`` authors then 'others'; the owner is always kept (after an ellipsis)."""
    real = [a for a in authors if a.strip().lower() not in ET_AL]
    truncated = len(real) < len(authors)
    if limit is None or len(real) <= limit:
        return real + (["others"] if truncated else [])
    shown = real[:limit]
    if not any(is_me(split_marks(a)[0]) for a in shown):
        mine = next((a for a in real[limit:] if is_me(split_marks(a)[0])), None)
        if mine is not None:
            shown = real[: max(limit - 1, 1)] + ["…", mine]
    return [*shown, "others"]


def _authors(
    pub: Publication,
    is_me: Callable[[str], bool],
    limit: int | None,
    used: dict[str, None],
    conjunction: str = "and",
    style: str = "full",
) -> Markup:
    parts: list[Markup] = []
    for author in _shown_authors(pub.authors, is_me, limit):
        if author in ("…", "others"):
            parts.append(Markup("…") if author == "…" else Markup('<span class="etal">et al.</span>'))
            continue
        name, marks = split_marks(author)
        text = escape(display_name(name, style))
        if is_me(name):
            text = Markup('<strong class="me">{}</strong>').format(text)
        for mark in marks:
            used[mark] = None
            text += Markup('<sup class="mark">{}</sup>').format(mark)
        parts.append(text)
    editors = Markup(" (ed.)" if len(parts) == 1 else " (eds.)") if pub.edited else Markup("")
    if len(parts) <= 2:
        return Markup(f" {conjunction} ").join(parts) + editors
    if "et al." in str(parts[-1]):
        return Markup(", ").join(parts) + editors
    last = f", {conjunction} " if conjunction == "and" else f" {conjunction} "  # the serial comma is English
    return Markup(", ").join(parts[:-1]) + Markup(last) + parts[-1] + editors


_MARK_WORDS = {
    "*": "mark_equal_contribution",
    "#": "mark_equal_contribution",
    "†": "mark_corresponding_author",
    "‡": "mark_equal_advising",
}


_MARK_ORDER = list(dict.fromkeys(MARK_CHARS.values()))  # * † ‡ § ¶ #: the order readers expect


def _legend(used: dict[str, None], section: PublicationsSection, w: dict[str, str]) -> str:
    """The marks used, in the marks' own order (never the order the entries happen to use them)."""
    texts = []
    for mark in sorted(used, key=lambda m: _MARK_ORDER.index(m) if m in _MARK_ORDER else len(_MARK_ORDER)):
        text = section.marks.get(mark) or w.get(_MARK_WORDS.get(mark, ""), DEFAULT_MARK_TEXT.get(mark))
        if text:
            texts.append(f"{mark} {text}")
    return " · ".join(texts)


# ---------------------------------------------------------------------------------------------
# Venue, details, links


def _contains_word(text: str, word: str) -> bool:
    """Whether ``word`` appears in ``text`` as a whole word, ignoring case: 'ICML' in '… (ICML)'."""
    if not word or word.lower() not in text.lower():
        return False
    return bool(re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text, re.I))


def _venue(pub: Publication) -> Markup:
    """The venue, then the short venue in parentheses unless the name already contains it."""
    venue = _text(pub, pub.venue)
    abbr = (pub.abbr or "").strip()
    if abbr and not _contains_word(plain_text(pub.venue), abbr):
        venue = venue + Markup(" ({})").format(abbr) if venue else escape(abbr)
    return venue


def _details(pub: Publication) -> list[Markup]:
    """Volume, pages, and a book's publisher unless the venue already names it."""
    out = []
    if pub.volume:
        out.append(Markup("vol. {}").format(pub.volume + (f"({pub.number})" if pub.number else "")))
    if pub.pages:
        many = any(c in pub.pages for c in "–-,")
        out.append(Markup("{} {}").format("pp." if many else "p.", pub.pages))
    named = pub.publisher and _contains_word(plain_text(pub.venue), pub.publisher.strip())
    if pub.publisher and pub.kind in ("book", "chapter") and not named:
        out.append(escape(pub.publisher))
    return out


def _links(pub: Publication, wanted: Sequence[str] | bool, w: dict[str, str]) -> list[tuple[str, str]]:
    kinds = LINK_KINDS if wanted is True else (() if wanted is False else tuple(wanted))
    urls = {
        "doi": pub.doi and f"https://doi.org/{pub.doi}",
        "arxiv": pub.arxiv and f"https://arxiv.org/abs/{pub.arxiv}",
        "pdf": pub.pdf,
        "code": pub.code,
        "slides": pub.slides,
        "video": pub.video,
        "poster": pub.poster,
        "project": pub.project,
        "blog": pub.blog,
        "url": pub.url,
    }
    out = []
    for kind in LINK_KINDS:  # fixed order, whatever order the user listed them in
        if kind in kinds and urls[kind]:
            label = w.get(f"link_{kind}") or _LINK_LABELS.get(kind) or kind.upper()
            if kind == "url":
                label = w.get("link_link") or "Link"
            out.append((label, str(urls[kind])))
    return out


def _row(
    pub: Publication,
    section: PublicationsSection,
    is_me: Any,
    used: dict[str, None],
    w: Any,
    formatted: Markup | None = None,
) -> PubRowView:
    when = pub.when()
    return PubRowView(
        title=_text(pub, pub.title, links=False),
        subtitle=_venue(pub),
        authors=_authors(pub, is_me, section.max_authors, used, w["and"], section.author_format),
        date=str(when.year) if when and not when.present else "",
        url=pub.url,
        note=_text(pub, pub.note),
        links=_links(pub, section.links, w),
        details=_details(pub),
        tags=pub.tags,
        abbr=pub.abbr or "",
        kind=pub.kind,
        formatted=formatted or Markup(""),
    )


# ---------------------------------------------------------------------------------------------
# Summary line

PEER_REVIEWED = ("journal", "conference", "workshop")


def summary_line(pubs: Sequence[Publication], summary: bool | str, w: dict[str, str]) -> str:
    """The line "42 peer-reviewed papers: 18 journal, 24 conference" in the CV's language, or the user's own text.

    The user's text may name {total}, {peer_reviewed} and each kind ({journal}, {preprint}, …);
    other braces are left as written. Counts are of the entries the section shows.
    """
    if summary is False or not pubs:
        return ""
    counts = {kind: 0 for kind in KINDS}
    for pub in pubs:
        counts[pub.kind] = counts.get(pub.kind, 0) + 1
    peer = sum(counts[k] for k in PEER_REVIEWED)
    values = {**{k: str(v) for k, v in counts.items()}, "total": str(len(pubs)), "peer_reviewed": str(peer)}
    if isinstance(summary, str):
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group()), summary)
    if not peer:
        return ""
    parts = [w[f"pub_summary_{k}"].replace("{count}", str(counts[k])) for k in PEER_REVIEWED if counts[k]]
    pattern = w["pub_summary_one"] if peer == 1 else w["pub_summary"]
    return pattern.replace("{count}", str(peer)).replace("{parts}", w["pub_summary_separator"].join(parts))


def kept_in_order(section: PublicationsSection) -> tuple[list[Publication], list[str]]:
    """The publications the section's filter keeps, in its sort order, and each one's group key.

    Shared with the exporters (:mod:`cvbuild.publish.export`), which must list what the CV prints.
    """
    pubs = in_order([p for p in section.publications if _keep(p, section)], section.sort)
    return pubs, [_group_key(p, section.group_by) for p in pubs]


def resolve_publications(section: PublicationsSection, profile: Profile) -> tuple[list[PubGroup], str]:
    """The section's groups of numbered rows, in order, and the legend of the author marks used."""
    w = words(profile.locale)
    is_me = OwnerMatcher([profile.person.name, *profile.person.name_variants, *section.highlight])
    pubs, keys = kept_in_order(section)
    used: dict[str, None] = {}
    formatted: dict[int, Markup] = {}
    if section.style and pubs:
        from .citation_styles import format_entries  # citeproc: imported only when a style is set

        formatted = dict(enumerate(format_entries(pubs, section, profile.locale, is_me, used)))
    views: list[PubGroupView] = []
    for key in group_order(keys, section):
        group = PubGroupView(key=key, title=_group_title(key, section, w))
        group.rows = [
            _row(p, section, is_me, used, w, formatted.get(i))
            for i, (p, k) in enumerate(zip(pubs, keys, strict=True))
            if k == key
        ]
        views.append(group)
    if views and section.summary is not False:
        views[0].summary = summary_line(pubs, section.summary, w)
    groups: list[PubGroup] = list(views)
    _number(groups, section)
    return groups, _legend(used, section, w)


def _number(groups: list[PubGroup], section: PublicationsSection) -> None:
    """[J3] per group, or one running number; counting down means the oldest entry is 1."""
    if section.numbering == "none":
        return
    if section.numbering == "running":
        rows = [row for group in groups for row in group.rows]
        for i, row in enumerate(rows):
            row.number = str(len(rows) - i if section.count == "down" else i + 1)
        return
    for group in groups:
        prefix = _prefix(group.key, section)
        for i, row in enumerate(group.rows):
            row.number = f"{prefix}{len(group.rows) - i if section.count == 'down' else i + 1}"
