"""Find characters no font can print, before WeasyPrint silently draws boxes for them.

WeasyPrint renders a character no font covers as a ".notdef" box ("tofu") and only logs it.
Here the CV's text is checked first against the shipped fonts' character maps (fontTools,
read once per process) and, for what they lack (CJK, Arabic, Devanagari, emoji …), against
every system font fontconfig knows (one ``fc-list`` call, ~10 ms, also cached). Characters
nobody covers become one warning that names them and the font package to install.
Text of common Latin characters opens no font at all; Greek or Cyrillic reads the shipped
fonts' maps (~30 ms once per process); only other scripts reach the fontconfig step.
"""

from __future__ import annotations

import bisect
import html as html_lib
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache

from ..errors import Problem
from .fonts import FAMILIES, FONT_DIR

_IGNORED = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufe00-\ufe0f\ufeff]")
_TAGS = re.compile(r"<(style|script)\b.*?</\1>|<[^>]*>", re.S | re.I)

# (words in the Unicode character name, package hint)
_PACKAGES = (
    (("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC", "FULLWIDTH"), "fonts-noto-cjk"),
    (("EMOJI", "FACE", "EMOTICON"), "fonts-noto-color-emoji"),
)
_DEFAULT_PACKAGE = "fonts-noto-core"
_PACKAGE_NAMES = {
    "fonts-noto-cjk": "Debian/Ubuntu: apt-get install fonts-noto-cjk; Fedora: google-noto-sans-cjk-fonts; "
    "macOS/Windows: install Noto Sans CJK from fonts.google.com",
    "fonts-noto-color-emoji": "Debian/Ubuntu: apt-get install fonts-noto-color-emoji",
    "fonts-noto-core": "Debian/Ubuntu: apt-get install fonts-noto-core; elsewhere a Noto font for the script "
    "from fonts.google.com",
}
_SHOWN = 8  # characters listed in the warning; the rest are counted
# Characters the shipped fonts have (checked by tests/render/test_themes.py): text made only of these,
# which is most Western CVs, needs no font file opened at all.
COMMON = frozenset(
    [
        *range(0x20, 0x7F),
        *range(0xA0, 0x180),
        *range(0x2010, 0x201F),
        0x2020,
        0x2021,
        0x2022,
        0x2026,
        0x2030,
        0x2032,
        0x2033,
        0x2039,
        0x203A,
    ]
    + [0x20AC, 0x2122, 0x2190, 0x2192, 0x2212]
)


def text_of(html: str) -> str:
    """The visible text of an HTML document (style and script contents left out)."""
    return html_lib.unescape(_TAGS.sub(" ", html))


@lru_cache(maxsize=1)
def shipped_coverage() -> frozenset[int]:
    """Code points the shipped serif and sans families cover (their regular faces)."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for kind in ("serif", "sans"):
        _family, faces = FAMILIES[kind]
        regular = next(file for file, weight, style in faces if weight == 400 and style == "normal")
        with TTFont(FONT_DIR / regular, lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)


@lru_cache(maxsize=1)
def system_ranges() -> tuple[list[int], list[int]] | None:
    """Sorted, merged (starts, ends) of every code point some system font covers; None without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{charset}\n"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    spans = []
    for token in out.split():
        first, _, last = token.partition("-")
        try:
            spans.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for low, high in spans:
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


def _system_has(point: int, ranges: tuple[list[int], list[int]]) -> bool:
    starts, ends = ranges
    i = bisect.bisect_right(starts, point) - 1
    return i >= 0 and point <= ends[i]


def missing(text: str) -> list[str]:
    """Characters of ``text`` that neither a shipped nor (when known) a system font can print."""
    rare = {c for c in set(text) if ord(c) not in COMMON and ord(c) >= 0x20 and not _IGNORED.match(c)}
    if not rare:
        return []
    shipped = shipped_coverage()
    needed = {c for c in rare if ord(c) not in shipped}
    if not needed:
        return []
    ranges = system_ranges()
    if ranges is None:  # no fontconfig to ask: WeasyPrint's own .notdef warnings remain
        return []
    return sorted(c for c in needed if not _system_has(ord(c), ranges))


def _package(char: str) -> str:
    name = unicodedata.name(char, "")
    for words, package in _PACKAGES:
        if any(word in name for word in words):
            return package
    return _DEFAULT_PACKAGE


def missing_glyph_warnings(html: str) -> list[Problem]:
    """One warning per font package for the characters of ``html`` that would print as boxes."""
    chars = missing(text_of(html))
    warnings = []
    by_package: dict[str, list[str]] = {}
    for char in chars:
        by_package.setdefault(_package(char), []).append(char)
    for package, group in by_package.items():
        shown = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed').title()})" for c in group[:_SHOWN])
        more = f" and {len(group) - _SHOWN} more" if len(group) > _SHOWN else ""
        warnings.append(
            Problem(
                f"no installed font has {len(group)} character(s) of this CV, "
                f"which would print as boxes: {shown}{more}",
                hint=f"install {package} ({_PACKAGE_NAMES[package]}) and render again",
            )
        )
    return warnings


# ---------------------------------------------------------------------------------------------
# Text widths, for layout decisions made before WeasyPrint runs (cvbuild/render/layout.py)

_WIDE = frozenset("WF")  # East Asian Wide and Fullwidth characters take a whole em
FALLBACK_ADVANCE = 0.55  # em: a character no shipped font has (CJK aside), roughly an average letter


@lru_cache(maxsize=16)
def advances(kind: str, weight: int = 400, style: str = "normal") -> dict[int, float]:
    """Code point → advance width in em of the shipped face of ``kind`` (serif, sans, mono) nearest to
    ``weight`` and ``style``. Read once per face and process (~20 ms)."""
    from fontTools.ttLib import TTFont

    _family, faces = FAMILIES[kind]
    file = min(faces, key=lambda f: (f[2] != style, abs(f[1] - weight)))[0]
    with TTFont(FONT_DIR / file, lazy=True) as font:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {point: metrics[name][0] / units for point, name in (font.getBestCmap() or {}).items()}


def text_width(text: str, kind: str, size: float, weight: int = 400, style: str = "normal") -> float:
    """Width of ``text`` set in ``size`` (any unit; the result is in the same unit), without kerning:
    a few per cent wide for Latin text, which the callers' safety margins absorb."""
    table = advances(kind, weight, style)
    total = 0.0
    for char in text:
        advance = table.get(ord(char))
        if advance is None:
            advance = 1.0 if unicodedata.east_asian_width(char) in _WIDE else FALLBACK_ADVANCE
        total += advance
    return total * size
