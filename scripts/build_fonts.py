"""Regenerate the static fonts shipped in cvbuild/assets/fonts/ (a maintainer's tool, not run at render time).

Why static instances: WeasyPrint embeds every weight of a variable font as a separate
instance (~0.25 s extra per CV) and rejects ``font-weight`` ranges, so cvbuild ships plain
static TTFs cut from the OFL variable fonts that the ``fontpkg-*`` PyPI packages carry.
Run:  pip install fontpkg-source-serif-4 fontpkg-source-sans-3 fontpkg-ibm-plex-mono fonttools
      python scripts/build_fonts.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont

OUT = Path(__file__).resolve().parent.parent / "cvbuild" / "assets" / "fonts"

# (package, variable file, family written into the static font, style suffix, axes)
CUTS = [
    ("fontpkg_source_serif_4", "SourceSerif4[opsz,wght].ttf", "cvbuild Serif", "Regular", {"wght": 400, "opsz": 11}),
    ("fontpkg_source_serif_4", "SourceSerif4[opsz,wght].ttf", "cvbuild Serif", "Semibold", {"wght": 600, "opsz": 11}),
    ("fontpkg_source_serif_4", "SourceSerif4[opsz,wght].ttf", "cvbuild Serif", "Bold", {"wght": 700, "opsz": 11}),
    (
        "fontpkg_source_serif_4",
        "SourceSerif4-Italic[opsz,wght].ttf",
        "cvbuild Serif",
        "Italic",
        {"wght": 400, "opsz": 11},
    ),
    (
        "fontpkg_source_serif_4",
        "SourceSerif4-Italic[opsz,wght].ttf",
        "cvbuild Serif",
        "BoldItalic",
        {"wght": 700, "opsz": 11},
    ),
    ("fontpkg_source_sans_3", "SourceSans3[wght].ttf", "cvbuild Sans", "Regular", {"wght": 400}),
    ("fontpkg_source_sans_3", "SourceSans3[wght].ttf", "cvbuild Sans", "Semibold", {"wght": 600}),
    ("fontpkg_source_sans_3", "SourceSans3[wght].ttf", "cvbuild Sans", "Bold", {"wght": 700}),
    ("fontpkg_source_sans_3", "SourceSans3-Italic[wght].ttf", "cvbuild Sans", "Italic", {"wght": 400}),
    ("fontpkg_source_sans_3", "SourceSans3-Italic[wght].ttf", "cvbuild Sans", "BoldItalic", {"wght": 700}),
]
COPIES = [
    ("fontpkg_ibm_plex_mono", "IBMPlexMono-Regular.ttf", "PlexMono-Regular.ttf"),
    ("fontpkg_ibm_plex_mono", "IBMPlexMono-Bold.ttf", "PlexMono-Bold.ttf"),
]


def package_dir(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).resolve().parent


def rename(font: TTFont, family: str, style: str) -> None:
    """Give the modified font its own name: Source Serif/Sans reserve the name "Source" (OFL RFN)."""
    postscript = family.replace(" ", "") + "-" + style
    for record in list(font["name"].names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22, 25):
            font["name"].removeNames(nameID=record.nameID)
    full = f"{family} {style}"
    font["name"].setName(family, 16, 3, 1, 0x409)
    font["name"].setName(style, 17, 3, 1, 0x409)
    font["name"].setName(family, 1, 3, 1, 0x409)
    font["name"].setName(full, 4, 3, 1, 0x409)
    font["name"].setName(postscript, 6, 3, 1, 0x409)
    font["name"].setName(f"cvbuild;{postscript}", 3, 3, 1, 0x409)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "LICENSES").mkdir(exist_ok=True)
    for package, source, family, style, axes in CUTS:
        font = TTFont(package_dir(package) / "files" / source)
        static = instantiateVariableFont(font, axes, updateFontNames=True)
        rename(static, family, style)
        stem = family.title().replace(" ", "")
        static.save(OUT / f"{stem}-{style}.ttf")
        shutil.copy(package_dir(package) / "LICENSE", OUT / "LICENSES" / f"{stem}-OFL.txt")
    for package, source, target in COPIES:
        shutil.copy(package_dir(package) / "files" / source, OUT / target)
        shutil.copy(package_dir(package) / "LICENSE", OUT / "LICENSES" / "IBMPlexMono-OFL.txt")


if __name__ == "__main__":
    main()
