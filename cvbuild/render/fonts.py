"""The fonts cvbuild ships (OFL, in ``cvbuild/fonts/``) and the CSS that loads them.

Output must not depend on the machine's fonts, so the PDF always uses these files. CJK text
falls back to a system CJK font (Debian's fonts-noto-cjk) through fontconfig; the PDF stage
warns by name when some characters have no font at all.
"""

from __future__ import annotations

from ..assets import FONT_DIR

# family → (css family name, [(file, weight, style)])
FAMILIES: dict[str, tuple[str, list[tuple[str, int, str]]]] = {
    "serif": (
        "cvbuild Serif",
        [
            ("CvbuildSerif-Regular.ttf", 400, "normal"),
            ("CvbuildSerif-Italic.ttf", 400, "italic"),
            ("CvbuildSerif-Semibold.ttf", 600, "normal"),
            ("CvbuildSerif-Bold.ttf", 700, "normal"),
            ("CvbuildSerif-BoldItalic.ttf", 700, "italic"),
        ],
    ),
    "sans": (
        "cvbuild Sans",
        [
            ("CvbuildSans-Regular.ttf", 400, "normal"),
            ("CvbuildSans-Italic.ttf", 400, "italic"),
            ("CvbuildSans-Semibold.ttf", 600, "normal"),
            ("CvbuildSans-Bold.ttf", 700, "normal"),
            ("CvbuildSans-BoldItalic.ttf", 700, "italic"),
        ],
    ),
    "mono": ("cvbuild Mono", [("PlexMono-Regular.ttf", 400, "normal"), ("PlexMono-Bold.ttf", 700, "normal")]),
}

# After the shipped face: CJK fonts by name (used only if installed), then generic.
CJK_FALLBACK = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR"'
WEB_FALLBACK = {
    "serif": '"Source Serif 4", "Source Serif Pro", Georgia, "Times New Roman", serif',
    "sans": '"Source Sans 3", "Source Sans Pro", "Helvetica Neue", Arial, sans-serif',
    "mono": '"IBM Plex Mono", Menlo, Consolas, monospace',
}


# Noto CJK region suffix per language: the same code point has different glyph forms in
# Chinese (simplified/traditional), Japanese and Korean, so the CV's language picks the font.
_CJK_REGION = {"ja": "JP", "ko": "KR", "zh-hant": "TC", "zh-tw": "TC", "zh-hk": "HK", "zh-mo": "HK"}


def cjk_fallback(kind: str, lang: str = "") -> str:
    """Installed CJK families to fall back to, the CV language's regional forms first."""
    lang = lang.lower().replace("_", "-")
    first = _CJK_REGION.get(lang) or _CJK_REGION.get(lang.split("-")[0]) or "SC"
    style = "Serif" if kind == "serif" else "Sans"
    regions = [first] + [r for r in ("SC", "JP", "KR", "TC") if r != first]
    return ", ".join(f'"Noto {style} CJK {r}"' for r in regions[:2]) + f', "Noto Sans CJK {first}"'


def stack(kind: str, *, for_print: bool, lang: str = "") -> str:
    """CSS font-family value for ``kind`` (serif, sans or mono); ``lang`` orders the CJK fallbacks."""
    family = FAMILIES[kind][0]
    cjk = cjk_fallback(kind, lang) if lang else CJK_FALLBACK
    if for_print:
        return f'"{family}", {cjk}, {"monospace" if kind == "mono" else kind}'
    return f"{WEB_FALLBACK[kind]}, {cjk}"


def font_face_css() -> str:
    """@font-face rules pointing at the shipped files (for the PDF only)."""
    rules = []
    for family, faces in FAMILIES.values():
        for file, weight, style in faces:
            url = (FONT_DIR / file).as_uri()
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("{url}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)
