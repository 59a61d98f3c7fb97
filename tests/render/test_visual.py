"""Visual regression: every built-in theme renders a fixed profile to the same page images.

Each case renders ``tests/fixtures/visual/cv.yaml`` (fictional, with inline publications, so
it does not move when the shipped example or the BibTeX reader changes), rasterises each page
with pdfium at 50 dpi in grey and compares it with ``tests/references/<case>-p<N>.png``: same
page count and size, and per page a mean absolute difference and a share of clearly changed
pixels under small tolerances. Moving a line of text by 0.3 mm gives a mean difference of ~5
on its page; a re-render on the same machine gives exactly 0. After an intended change of
look run ``pytest tests/render/test_visual.py --update-references`` and review the new PNGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from helpers import FIXTURES
from PIL import Image, ImageChops, ImageStat

from cvbuild.assets import FONT_DIR
from cvbuild.load.registry import load_profile
from cvbuild.render.html import render_html
from cvbuild.render.pdf import render_pdf
from cvbuild.render.theme import setup_theme
from cvbuild.resolve.sections import resolve

HERE = Path(__file__).resolve().parent
FIXTURE = FIXTURES / "visual" / "cv.yaml"
REFERENCES = HERE.parent / "references"
DPI = 50
MAX_MEAN_DIFF = 0.25  # mean absolute grey difference per page, 0–255
MAX_CHANGED_SHARE = 0.001  # share of pixels differing by more than CHANGED_LEVEL
CHANGED_LEVEL = 40

# case → (theme, design.options)
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "classic": ("classic", {}),
    "modern": ("modern", {}),
    "modern-right-bar": ("modern", {"date_column": "right", "heading_style": "bar"}),
    "compact": ("compact", {}),
    "compact-band": ("compact", {"heading_style": "band"}),
    "sidebar": ("sidebar", {}),
    "sidebar-tint": ("sidebar", {"sidebar_style": "tint"}),
}


def render_pages(theme_name: str, options: dict[str, Any], **design_fields: Any) -> list[Image.Image]:
    """The fixture rendered with ``theme_name`` and ``options``, one grey image per page."""
    loaded = load_profile(FIXTURE)
    update = {"theme": theme_name, "options": options, **design_fields}
    design = loaded.profile.design.model_copy(update=update)
    profile = loaded.profile.model_copy(update={"design": design})
    setup = setup_theme(profile.design, loaded.base_dir)
    html = render_html(resolve(profile), setup, for_print=True)
    pdf, _pages, warnings = render_pdf(
        html, base_url=loaded.base_dir, roots=[loaded.base_dir, setup.theme.path, FONT_DIR]
    )
    assert not list(warnings), list(warnings)
    document = pdfium.PdfDocument(pdf)
    return [document[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))]


def _reference(case: str, page: int) -> Path:
    return REFERENCES / f"{case}-p{page}.png"


def _update(case: str, pages: list[Image.Image]) -> None:
    REFERENCES.mkdir(exist_ok=True)
    for stale in REFERENCES.glob(f"{case}-p*.png"):
        stale.unlink()
    for number, image in enumerate(pages, start=1):
        image.save(_reference(case, number), optimize=True)


def _difference(actual: Image.Image, expected: Image.Image) -> tuple[float, float]:
    diff = ImageChops.difference(actual, expected)
    histogram = diff.histogram()
    changed = sum(histogram[CHANGED_LEVEL:]) / (diff.width * diff.height)
    return ImageStat.Stat(diff).mean[0], changed


@pytest.mark.parametrize("case", list(CASES))
def test_theme_looks_as_before(case: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    theme_name, options = CASES[case]
    pages = render_pages(theme_name, options)
    if request.config.getoption("--update-references"):
        _update(case, pages)
        return
    expected = sorted(REFERENCES.glob(f"{case}-p*.png"))
    assert expected, f"no references for {case}: run pytest tests/render/test_visual.py --update-references"
    assert len(pages) == len(expected), f"{case}: {len(pages)} pages, references have {len(expected)}"
    for number, actual in enumerate(pages, start=1):
        reference = Image.open(_reference(case, number)).convert("L")
        assert actual.size == reference.size, f"{case} page {number}: size {actual.size} != {reference.size}"
        mean, changed = _difference(actual, reference)
        if mean > MAX_MEAN_DIFF or changed > MAX_CHANGED_SHARE:
            actual.save(tmp_path / f"{case}-p{number}-actual.png")
            ImageChops.difference(actual, reference).save(tmp_path / f"{case}-p{number}-diff.png")
            pytest.fail(
                f"{case} page {number} differs from {_reference(case, number).name}: mean {mean:.2f} "
                f"(max {MAX_MEAN_DIFF}), changed pixels {changed:.2%} (max {MAX_CHANGED_SHARE:.1%}); "
                f"images in {tmp_path}; if intended, run pytest --update-references"
            )


def test_a_moved_line_is_caught() -> None:
    """The tolerance is small enough that shifting the page content by 0.3 mm fails."""
    from cvbuild.model.profile import Margins

    before = render_pages("classic", {})[0]
    shifted = Margins(top="18.3mm", right="18mm", bottom="20mm", left="18mm")
    after = render_pages("classic", {}, margins=shifted)[0]
    mean, changed = _difference(after, before)
    assert mean > MAX_MEAN_DIFF and changed > MAX_CHANGED_SHARE
