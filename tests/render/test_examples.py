"""Every shipped example renders in every built-in theme, and every variant it declares."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, build, pdf_text

from cvbuild.load.registry import load_profile
from cvbuild.render.theme import list_themes

EXAMPLES = sorted((ROOT / "examples").glob("*/cv.yaml"))
THEMES = [t.name for t in list_themes()]


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_renders_cleanly_in_every_theme(example: Path, theme: str, tmp_path: Path) -> None:
    result = build(example, tmp_path, formats=("pdf",), theme=theme, strict=True)  # strict: no warnings at all
    assert 1 <= result.pages <= 4
    name = load_profile(example).profile.person.name
    assert name in pdf_text(result.outputs["pdf"])


@pytest.mark.parametrize(
    ("example", "variant"),
    [(p, v) for p in EXAMPLES for v in load_profile(p).profile.variants],
    ids=lambda x: x if isinstance(x, str) else x.parent.name,
)
def test_example_variants_render(example: Path, variant: str, tmp_path: Path) -> None:
    result = build(example, tmp_path, formats=("pdf",), variant=variant, strict=True)
    assert result.outputs["pdf"].name == f"cv-{variant}.pdf" and result.pages >= 1
