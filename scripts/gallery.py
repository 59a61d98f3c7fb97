"""Regenerate docs/gallery/<theme>.png: the first page of the shipped example in every built-in theme.

Run from the repository root:  python scripts/gallery.py [THEME ...] [--dpi 80] [--example examples/academic/cv.yaml]
Name themes to regenerate only their images, so a change to one theme leaves the others' files alone.
It prints each theme's render time and page count (the numbers quoted in docs/themes.md).
SOURCE_DATE_EPOCH pins the "Last updated" date so unchanged themes give unchanged images.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("themes", nargs="*", metavar="THEME", help="Built-in themes to render (default: all).")
    parser.add_argument("--dpi", type=int, default=80, help="Image resolution (default 80).")
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "academic" / "cv.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01

    import pypdfium2 as pdfium
    from PIL import Image

    from cvbuild.pipeline import BuildOptions, build
    from cvbuild.render.theme import list_themes

    themes = [theme.name for theme in list_themes()]
    unknown = sorted(set(args.themes) - set(themes))
    if unknown:
        parser.error(f"unknown theme(s) {', '.join(unknown)}; built-in themes: {', '.join(themes)}")
    chosen = [name for name in themes if not args.themes or name in args.themes]
    args.out.mkdir(parents=True, exist_ok=True)
    build(args.example, BuildOptions(formats=("pdf",)))  # WeasyPrint import and font setup
    for name in chosen:
        started = time.perf_counter()
        result = build(args.example, BuildOptions(formats=("pdf",), theme=name))
        seconds = time.perf_counter() - started
        for warning in result.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
        page = pdfium.PdfDocument(result.files["pdf"])[0]
        image = page.render(scale=args.dpi / 72).to_pil().convert("RGB")
        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=128)  # a third of the bytes
        target = args.out / f"{name}.png"
        image.save(target, optimize=True)
        print(f"{name:<10} {result.pages} pages  {seconds:.2f} s  → {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
