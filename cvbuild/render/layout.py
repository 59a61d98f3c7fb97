"""Layout decisions made in Python before the templates run: what a template cannot measure.

Two questions need the width of text, which CSS answers only when it is too late to choose
differently (a contact line already broken after a separator, a sidebar column already cut off
at the bottom of page one). Here text is measured with the shipped fonts' advance widths
(:func:`cvbuild.render.glyphs.text_width`) and the answers reach the templates as ``layout``:

- ``layout.contact_lines``: the header's contact details in lines. All on one line when they fit;
  otherwise the fewest lines, balanced, and each break falls *between* two contacts, so no line
  ends with a separator and no icon is parted from its value.
- ``layout.side`` / ``layout.main``: the sections a column theme (sidebar) puts in its column on page
  one, and the rest. A section goes to the column only if the column's kinds or titles name it and it
  still fits in the column's height; a column with nothing in it is not drawn (``layout.column``).

A theme describes the boxes in its ``theme.yaml`` under ``layout:`` (see docs/themes.md); the
numbers are the ones its CSS uses, so the two stay side by side.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..resolve.view import Contact, ResolvedCV, ResolvedSection
from .glyphs import text_width
from .theme import ThemeSetup

PAGE_PT = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
_PT_PER = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0, "px": 0.75}
SAFETY = 0.96  # measured widths ignore kerning and rounding: leave 4 % of every line spare

# What a theme that says nothing gets: a full-width contact line in 0.9 em, 1.1 em between contacts.
DEFAULT_CONTACTS: dict[str, Any] = {"width": 1.0, "font_size": 0.9, "gap": 1.1, "separator": " · ", "icon": 1.35}


@dataclass(frozen=True)
class FitStep:
    """One step of fit-to-pages (:mod:`.fit`): multipliers of the theme's line height and vertical
    spacing (the font size itself steps through the design). 1.0 means the theme as designed."""

    leading: float = 1.0
    space: float = 1.0
    font_size: str = ""  # the design's font size at this step ("" = the design's own)


@dataclass(frozen=True)
class Layout:
    """What the templates get as ``layout`` (documented in docs/themes.md)."""

    contacts: list[Contact] = field(default_factory=list)  # the location first (as a Contact), then the rest
    contact_lines: list[list[Contact]] = field(default_factory=list)  # the same, broken into the header's lines
    main: list[ResolvedSection] = field(default_factory=list)  # sections in the main text, in order
    side: list[ResolvedSection] = field(default_factory=list)  # sections in a column theme's column
    column: bool = False  # a column theme draws its column (it has contacts or sections to show)


def to_pt(length: str | float, font_pt: float) -> float:
    """A CSS length ("18mm", "0.5in", "9em", "10.5pt") in points; em and rem count as ``font_pt``."""
    if isinstance(length, int | float):
        return float(length)
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*([a-z]*)\s*", str(length))
    if not match:
        return 0.0
    number, unit = float(match.group(1)), match.group(2) or "pt"
    if unit in ("em", "rem"):
        return number * font_pt
    return number * _PT_PER.get(unit, 1.0)


@lru_cache(maxsize=32)
def _theme_layout(path: Path, mtime: float) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    block = meta.get("layout") if isinstance(meta, dict) else None
    return block if isinstance(block, dict) else {}


def theme_layout(theme_dir: Path) -> dict[str, Any]:
    """The ``layout:`` block of a theme's theme.yaml ({} when it has none)."""
    path = theme_dir / "theme.yaml"
    try:
        return _theme_layout(path, path.stat().st_mtime)
    except OSError:
        return {}


def header_contacts(cv: ResolvedCV) -> list[Contact]:
    """The location (as the first contact, with its pin) and the contact details, in the header's order."""
    location = cv.person.location
    first = [Contact("location", location, None, value=location, icon="location")] if location else []
    return first + list(cv.person.contacts)


# ---------------------------------------------------------------------------------------------
# Measuring


def _words(text: str) -> list[str]:
    """Where a line may break: at spaces, and around every CJK character (which break anywhere)."""
    out: list[str] = []
    for chunk in text.split():
        word = ""
        for char in chunk:
            if unicodedata.east_asian_width(char) in ("W", "F"):
                if word:
                    out.append(word)
                    word = ""
                out.append(char)
            else:
                word += char
        if word:
            out.append(word)
    return out


def count_lines(text: str, width: float, kind: str, size: float, weight: int = 400) -> int:
    """Lines ``text`` takes when set in ``width`` (greedy, as browsers and WeasyPrint break).

    A word wider than the line is cut (the themes set ``overflow-wrap: anywhere`` where that can happen).
    """
    if not text.strip():
        return 0
    usable = width * SAFETY
    space = text_width(" ", kind, size, weight)
    lines, used = 1, 0.0
    for word in _words(text):
        advance = text_width(word, kind, size, weight)
        if advance > usable:  # cut across lines
            if used:
                lines += 1
            lines += math.ceil(advance / usable) - 1
            used = advance % usable
            continue
        needed = advance if not used else used + space + advance
        if needed <= usable:
            used = needed
        else:
            lines += 1
            used = advance
    return lines


def contact_width(contact: Contact, *, icons: bool, kind: str, size: float, icon_em: float) -> float:
    if icons:
        return icon_em * size + text_width(contact.value or contact.text, kind, size)
    return text_width(contact.text, kind, size)


def break_lines(widths: list[float], line: float, gap: float) -> list[int]:
    """Where to start each line (indices into ``widths``): the fewest lines, then the most even ones.

    ``gap`` separates two items on a line. An item wider than the line gets a line to itself.
    """
    n = len(widths)
    if n == 0:
        return []
    usable = line * SAFETY

    def span(first: int, last: int) -> float:  # items first..last-1 on one line
        return sum(widths[first:last]) + gap * (last - first - 1)

    def fits(first: int, last: int) -> bool:
        return last - first == 1 or span(first, last) <= usable

    # Fewest lines: greedy filling is optimal for that.
    count, start = 0, 0
    while start < n:
        end = start + 1
        while end < n and fits(start, end + 1):
            end += 1
        count, start = count + 1, end
    # Among breaks into ``count`` lines, the one with the least squared slack (a balanced header).
    inf = float("inf")
    best: dict[tuple[int, int], tuple[float, list[int]]] = {}

    def solve(first: int, lines_left: int) -> tuple[float, list[int]]:
        if (first, lines_left) in best:
            return best[(first, lines_left)]
        if lines_left == 1:
            result = ((usable - span(first, n)) ** 2, [first]) if fits(first, n) else (inf, [])
        else:
            result = (inf, [])
            for end in range(first + 1, n - lines_left + 2):
                if not fits(first, end):
                    break
                rest_cost, rest = solve(end, lines_left - 1)
                cost = (usable - span(first, end)) ** 2 + rest_cost
                if cost < result[0]:
                    result = (cost, [first, *rest])
        best[(first, lines_left)] = result
        return result

    cost, starts = solve(0, count)
    return starts if cost < inf else list(range(n))


def contact_lines(contacts: list[Contact], setup: ThemeSetup, *, icons: bool, kind: str) -> list[list[Contact]]:
    """The header's contacts broken into lines that fit the theme's contact box (see the module's docs)."""
    if not contacts:
        return []
    design = setup.design
    spec = {**DEFAULT_CONTACTS, **(theme_layout(setup.theme.path).get("contacts") or {})}
    base = to_pt(design.font_size, 10.5)
    size = base * float(spec["font_size"])
    page_width = PAGE_PT.get(design.page_size, PAGE_PT["A4"])[0]
    margins = design.margin_box()
    text_box = page_width - to_pt(margins.left, base) - to_pt(margins.right, base)
    line = text_box * float(spec["width"]) - to_pt(spec.get("inset", 0), base)
    icon_em = float(spec["icon"])
    widths = [contact_width(c, icons=icons, kind=kind, size=size, icon_em=icon_em) for c in contacts]
    gap = float(spec["gap"]) * size if icons else text_width(str(spec["separator"]), kind, size)
    starts = break_lines(widths, line, gap) + [len(contacts)]
    return [contacts[a:b] for a, b in zip(starts, starts[1:], strict=False)]


# ---------------------------------------------------------------------------------------------
# A column on page one (the sidebar theme)


@dataclass
class _Column:
    """The column's text box, in points, as the theme's CSS draws it."""

    width: float
    height: float
    size: float  # the column's font size
    leading: float  # line height as a multiple of the font size
    kind: str

    def lines_height(self, lines: int, scale: float = 1.0) -> float:
        return lines * self.size * scale * self.leading

    def text(self, text: str, *, scale: float = 1.0, indent: float = 0.0, weight: int = 400) -> float:
        """Height of a paragraph of ``text`` in the column, ``indent`` (em) narrower."""
        width = self.width - indent * self.size * scale
        lines = count_lines(text, width, self.kind, self.size * scale, weight)
        return self.lines_height(lines, scale)


def _column_box(setup: ThemeSetup, spec: dict[str, Any], kind: str, leading: float) -> _Column:
    design, options = setup.design, setup.options
    base = to_pt(design.font_size, 10.5)
    size = base * float(spec.get("font_size", 0.9))
    margins = design.margin_box()
    outer = to_pt(str(options.get(spec.get("width_option", "sidebar_width")) or "60mm"), base)
    padding = to_pt(spec.get("padding_left", "7.5mm"), size) + to_pt(spec.get("padding_right", "6mm"), size)
    top = to_pt(margins.top, base) + to_pt(spec.get("padding_top", "2.6em"), size)
    page_height = PAGE_PT.get(design.page_size, PAGE_PT["A4"])[1]
    height = page_height - top - to_pt(margins.bottom, base)
    return _Column(outer - padding, height * SAFETY, size, float(spec.get("line_height", 1.4)) * leading, kind)


def _block_height(section: ResolvedSection, column: _Column) -> float:
    """Height of a section set in the column: heading, rows and the space after the block."""
    from markupsafe import Markup

    def plain(markup: str) -> str:
        return Markup(markup).striptags()

    size = column.size
    height = column.lines_height(1, 0.86) + (0.7 + 0.35) * 0.86 * size + 1.6 * size  # heading, space after block
    for number, (label, values) in enumerate(section.skills):
        height += column.text(plain(label), weight=700) + column.text(plain(values)) + 0.1 * size
        height += 0.55 * size if number else 0.0
    if section.kind == "items":
        for row in section.rows:
            height += column.text(plain(row.title)) + (column.lines_height(1, 0.9) if row.date else 0.0)
            height += sum(column.text(plain(d), indent=1.1) for d in row.details) + 0.4 * size
    elif section.kind in ("bullets", "entries", "publications"):
        for row in section.rows:
            height += column.text(plain(row.title), indent=1.0) + 0.35 * size
            if section.kind != "bullets":  # not meant for a column, but measured rather than guessed
                parts = [row.subtitle, row.date, row.authors, row.summary, *row.details]
                height += sum(column.text(plain(p)) for p in parts if p)
    if section.kind == "text":
        paragraphs = [p for p in re.split(r"</p>\s*<p>|\n\s*\n", str(section.body)) if p.strip()]
        height += sum(column.text(plain(p)) + 0.5 * size for p in paragraphs)
    return height


def _contacts_height(contacts: list[Contact], column: _Column, *, icons: bool, icon_em: float) -> float:
    if not contacts:
        return 0.0
    size = column.size
    height = column.lines_height(1, 0.86) + (0.7 + 0.35) * 0.86 * size + 1.6 * size
    for contact in contacts:
        text = contact.value if icons else contact.text
        height += column.text(text, scale=0.95, indent=icon_em if icons else 0.0) + 0.45 * 0.95 * size
    return height


def split_column(
    cv: ResolvedCV, setup: ThemeSetup, spec: dict[str, Any], *, icons: bool, kind: str, leading: float = 1.0
) -> tuple[list[ResolvedSection], list[ResolvedSection], bool]:
    """(side, main, column drawn): the wanted sections, in order, while they fit under the contacts."""
    column = _column_box(setup, spec, kind, leading)
    wanted_text = str(setup.options.get(spec.get("sections_option", "sidebar_sections")) or "")
    wanted = {w.strip().lower() for w in wanted_text.split(",") if w.strip()}
    contacts = header_contacts(cv)
    used = _contacts_height(contacts, column, icons=icons, icon_em=float(spec.get("icon", 1.5)))
    side: list[ResolvedSection] = []
    main: list[ResolvedSection] = []
    for section in cv.sections:
        if section.kind in wanted or section.title.lower() in wanted:
            height = _block_height(section, column)
            if used + height <= column.height:
                side.append(section)
                used += height
                continue
        main.append(section)
    return side, main, bool(side or contacts)


def plan(cv: ResolvedCV, setup: ThemeSetup, *, icons: bool, kind: str, leading: float = 1.0) -> Layout:
    """Everything ``layout`` holds for one render (``kind``: the body's font family, serif or sans)."""
    spec = theme_layout(setup.theme.path)
    contacts = header_contacts(cv)
    if isinstance(spec.get("column"), dict):
        side, main, column = split_column(cv, setup, spec["column"], icons=icons, kind=kind, leading=leading)
    else:
        side, main, column = [], list(cv.sections), False
    lines = contact_lines(contacts, setup, icons=icons, kind=kind)
    return Layout(contacts=contacts, contact_lines=lines, main=main, side=side, column=column)
