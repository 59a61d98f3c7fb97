"""Regenerate cvbuild/assets/fonts/CvbuildIcons-Regular.ttf: the contact icons, cut from Font Awesome Free.

A maintainer's tool, not run at render time. Font Awesome Free's font files are under the SIL OFL 1.1
(its icons under CC BY 4.0, its code under MIT); the whole licence is copied next to the subset.
The glyphs kept are exactly those named in ``cvbuild.render.fonts.ICONS`` (solid and brands styles,
merged into one small font named "cvbuild Icons", as the OFL asks of a modified font).

Run:  pip install fontawesomefree==6.6.0 fonttools     (or: pip download --no-deps fontawesomefree==6.6.0)
      python scripts/build_icons.py [--wheel fontawesomefree-6.6.0-py3-none-any.whl]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvbuild.render.fonts import ICON_FAMILY, ICON_FONT, ICONS  # noqa: E402

OUT = ROOT / "cvbuild" / "assets" / "fonts"
STYLE_FILES = {"solid": "fa-solid-900.ttf", "brands": "fa-brands-400.ttf"}
PACKAGE_DIR = "fontawesomefree/static/fontawesomefree"


def read_package_file(name: str, wheel: Path | None) -> bytes:
    """A file of the fontawesomefree package: from the given wheel, else from the installed package."""
    if wheel is not None:
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(f"{PACKAGE_DIR}/{name}")
    spec = importlib.util.find_spec("fontawesomefree")
    if spec is None or spec.origin is None:
        sys.exit("fontawesomefree is not installed: pip install fontawesomefree==6.6.0, or pass --wheel")
    return (Path(spec.origin).parent / "static" / "fontawesomefree" / name).read_bytes()


def cut(data: bytes, points: list[int]) -> TTFont:
    """The font in ``data`` with only the glyphs of ``points`` (no hinting, no layout tables)."""
    font = TTFont(io.BytesIO(data))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    return font


def rename(font: TTFont) -> None:
    """A subset is a modified font: give it a name of its own (and keep the copyright notice)."""
    for record in list(font["name"].names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            font["name"].removeNames(nameID=record.nameID)
    postscript = ICON_FAMILY.replace(" ", "") + "-Regular"
    for name_id, text in ((1, ICON_FAMILY), (2, "Regular"), (4, ICON_FAMILY), (6, postscript), (3, postscript)):
        font["name"].setName(text, name_id, 3, 1, 0x409)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="Read Font Awesome from this fontawesomefree wheel file.")
    args = parser.parse_args()
    parts = []
    workdir = OUT / ".icons-tmp"
    workdir.mkdir(exist_ok=True)
    try:
        for style, file in STYLE_FILES.items():
            points = [point for style_of, point, _name in ICONS.values() if style_of == style]
            font = cut(read_package_file(f"webfonts/{file}", args.wheel), points)
            missing = [hex(p) for p in points if p not in (font.getBestCmap() or {})]
            if missing:
                sys.exit(f"{file} has no glyph for {', '.join(missing)}: check ICONS in cvbuild/render/fonts.py")
            path = workdir / f"{style}.ttf"
            font.save(path)
            parts.append(str(path))
        merged = Merger().merge(parts)
        found = re.search(r"Font Awesome version: ([\d.]+)", merged["name"].getDebugName(5) or "")
        version = found.group(1) if found else "6"
        merged.recalcTimestamp = False  # the same glyphs give the same bytes
        merged["head"].created = merged["head"].modified = 0
        rename(merged)
        merged.save(OUT / ICON_FONT)
    finally:
        for path in workdir.glob("*.ttf"):
            path.unlink()
        workdir.rmdir()
    # Named like the other families' licences (<vendor>-<file prefix>-OFL.txt): Font Awesome Free's own licence
    # (fonts OFL 1.1, icons CC BY 4.0, code MIT), then the OFL's full text, which must travel with the font.
    licence = read_package_file("LICENSE.txt", args.wheel).decode("utf-8").rstrip()
    ofl = (OUT / "LICENSES" / "IBMPlexMono-OFL.txt").read_text(encoding="utf-8")
    ofl = ofl[ofl.index("-----------------------------------------------------------\nSIL OPEN FONT LICENSE") :]
    copyright_line = merged["name"].getDebugName(0) or "Copyright (c) Fonticons, Inc."
    text = (
        f"{copyright_line} ({ICON_FONT}: a subset of the Font Awesome Free {version} fonts)\n\n"
        f"{licence}\n\n\nThe fonts of Font Awesome Free, cut down to {ICON_FONT}, are under this licence:\n\n{ofl}"
    )
    (OUT / "LICENSES" / "FontAwesomeFree-CvbuildIcons-OFL.txt").write_text(text, encoding="utf-8")
    size = (OUT / ICON_FONT).stat().st_size
    print(f"{ICON_FONT}: {len(ICONS)} icons, {size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
