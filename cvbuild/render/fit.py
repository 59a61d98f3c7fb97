"""Fit to pages: step type, leading and spacing down within a theme's limits until the CV fits.

``design.fit_pages: 2`` (or ``cvbuild render --fit-pages 2``) asks for at most two pages. The
CV is laid out as designed; if it runs longer, a ladder of steps tightens it, each a little more:
vertical spacing first (least visible), then leading, then the type size, never beyond the
limits below (a theme's ``theme.yaml`` may narrow them under ``layout: fit:``). The smallest
step that fits is found by bisection, so a long ladder costs a few layouts, not one per rung.
If even the last step does not fit, a warning says by how much the CV overflows. If the CV fits
as designed but its last page is nearly empty (< 15 %), a note says so: dropping a few lines
would save a page.

Layouts here only measure (pages, and how full the last page is); the PDF itself is then made
by :func:`cvbuild.render.pdf.render_pdf` from the chosen step's HTML, as any other PDF is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Warnings
from . import pdf as pdf_stage
from .layout import FitStep, theme_layout, to_pt
from .theme import ThemeSetup

LIMITS: dict[str, float] = {
    "font_size": 1.0,  # points the type may shrink by, at most
    "min_font_size": 8.0,  # and never below this size
    "leading": 0.9,  # the smallest line-height multiplier
    "space": 0.55,  # the smallest multiplier of vertical spacing
}
RUNGS = 10  # steps between the design and the limits
NEARLY_EMPTY = 0.15  # a last page filled less than this earns a note


@dataclass
class Measured:
    pages: int
    last_fill: float  # share of the last page's text area that holds content, 0–1


@dataclass
class Fitted:
    """What fitting found: the step to render with, and what to tell the user."""

    step: FitStep
    pages: int
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ladder(setup: ThemeSetup) -> list[FitStep]:
    """The design (rung 0) and RUNGS ever tighter steps down to the theme's limits."""
    limits = {**LIMITS, **(theme_layout(setup.theme.path).get("fit") or {})}
    base = to_pt(setup.design.font_size, 10.5)
    smallest = max(float(limits["min_font_size"]), base - float(limits["font_size"]))
    steps = []
    for rung in range(RUNGS + 1):
        share = rung / RUNGS
        space = 1 - (1 - float(limits["space"])) * min(1.0, share * 1.6)  # spacing gives way first
        leading = 1 - (1 - float(limits["leading"])) * max(0.0, min(1.0, (share - 0.2) * 1.6))
        size = base - (base - smallest) * max(0.0, (share - 0.4) / 0.6)  # type last
        size_text = f"{round(size * 20) / 20:g}pt"
        steps.append(FitStep(leading=round(leading, 3), space=round(space, 3), font_size=size_text))
    return steps


def measure(html: str, *, base_url: Path, roots: list[Path], allow_network: bool = False) -> Measured:
    """Lay ``html`` out (no PDF written): its page count and how full its last page is."""
    warnings = Warnings()
    fetcher = pdf_stage.ConfinedFetcher(roots, warnings, allow_network)
    logger = logging.getLogger("weasyprint")
    handler = pdf_stage._Collector(warnings)  # swallow: the final render reports them
    logger.addHandler(handler)
    try:
        document = pdf_stage.weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher).render(
            font_config=pdf_stage._shared_font_config()
        )
    finally:
        logger.removeHandler(handler)
    return Measured(len(document.pages), _fill(document.pages[-1]) if document.pages else 0.0)


def _fill(page: Any) -> float:
    """How far down the last page's text area its content reaches (margin boxes left out)."""
    margin_box = pdf_stage.weasyprint.formatting_structure.boxes.MarginBox  # WeasyPrint through render.pdf
    box = page._page_box
    top, height = box.content_box_y(), box.height
    bottom = top
    for child in box.children:
        if isinstance(child, margin_box):
            continue
        for descendant in child.descendants():
            y, h = getattr(descendant, "position_y", None), getattr(descendant, "height", None)
            if isinstance(y, int | float) and isinstance(h, int | float) and h > 0:
                bottom = max(bottom, y + h)
    return max(0.0, min(1.0, (bottom - top) / height)) if height else 1.0


def fit(
    make_html: Callable[[FitStep], str],
    setup: ThemeSetup,
    pages: int,
    *,
    base_url: Path,
    roots: list[Path],
    allow_network: bool = False,
) -> Fitted:
    """The loosest step at which ``make_html``'s CV fits on ``pages`` pages (see the module's docs)."""
    steps = ladder(setup)

    def laid_out(rung: int) -> Measured:
        return measure(make_html(steps[rung]), base_url=base_url, roots=roots, allow_network=allow_network)

    first = laid_out(0)
    if first.pages <= pages:
        notes = []
        if first.last_fill < NEARLY_EMPTY and first.pages > 1:
            notes.append(
                f"the CV fits on {first.pages} page(s) as designed, but its last page is only "
                f"{first.last_fill:.0%} full: a few lines less would save a page"
            )
        return Fitted(steps[0], first.pages, notes=notes)
    tightest = laid_out(RUNGS)
    if tightest.pages > pages:
        over = tightest.pages - pages - 1 + tightest.last_fill
        return Fitted(
            steps[RUNGS],
            tightest.pages,
            warnings=[
                f"the CV does not fit on {pages} page(s) even at {steps[RUNGS].font_size} type with tighter "
                f"leading and spacing: it runs {over:.1f} page(s) over; shorten it or allow more pages"
            ],
        )
    low, high = 0, RUNGS  # low does not fit, high fits
    fits = tightest
    while high - low > 1:
        middle = (low + high) // 2
        result = laid_out(middle)
        if result.pages <= pages:
            high, fits = middle, result
        else:
            low = middle
    step = steps[high]
    note = (
        f"fitted on {fits.pages} page(s): type {step.font_size} (designed {setup.design.font_size}), "
        f"leading ×{step.leading:g}, spacing ×{step.space:g}"
    )
    return Fitted(step, fits.pages, notes=[note])


def fitted_setup(setup: ThemeSetup, step: FitStep) -> ThemeSetup:
    """``setup`` with the step's font size (the leading and spacing reach the templates as ``fit``)."""
    from dataclasses import replace

    if not step.font_size or step.font_size == setup.design.font_size:
        return setup
    return replace(setup, design=setup.design.model_copy(update={"font_size": step.font_size}))
