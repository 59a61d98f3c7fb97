"""Small helpers shared by the tests: run the real CLI, read PDFs back."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from cvbuild import pipeline
from cvbuild.errors import Warnings
from cvbuild.load.loaded import Loaded
from cvbuild.pipeline import Rendered
from cvbuild.publish.folder import write_outputs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "academic" / "cv.yaml"
FIXTURES = ROOT / "tests" / "fixtures"


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run ``python -m cvbuild`` in a fresh process, as a user's shell would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "cvbuild", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Base font name → whether the font program is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0].get_object() if descendants else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def pdf_links(path: Path) -> list[str]:
    uris = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Built:
    """What ``cvbuild render -o OUT`` leaves behind: the files, and what the render learnt."""

    rendered: Rendered
    outputs: dict[str, Path]  # format → written file
    changed: list[Path]

    @property
    def pages(self) -> int:
        return self.rendered.pages

    @property
    def loaded(self) -> Loaded:
        return self.rendered.loaded

    @property
    def warnings(self) -> Warnings:
        return self.rendered.warnings


def build(profile: Path, out_dir: Path, **options: Any) -> Built:
    """Render ``profile`` with the real pipeline and write it into ``out_dir``, as ``render -o`` does."""
    rendered = pipeline.build(profile, pipeline.BuildOptions(**options))
    [written] = write_outputs([rendered], Path(out_dir))
    return Built(rendered, written.paths, written.changed)
