"""The pipeline in one place: load → resolve → render. Returns bytes; writes nothing.

The CLI, the pre-commit hook, ``--watch`` and CI all call :func:`build`; where the bytes go
(an output folder, a website) is the publish stage's business. Nothing is written until
every stage has succeeded, so a failure anywhere leaves earlier outputs as they were.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import CvError, Problem, UsageError, Warnings
from .load.loaded import Loaded, Overrides
from .load.registry import load_profile
from .model import PartialDate, Profile
from .render.glyphs import missing_glyph_warnings
from .render.html import render_html
from .render.theme import ThemeSetup, builtin_themes_dir, setup_theme
from .resolve.sections import resolve
from .resolve.variants import apply_variant
from .resolve.view import ResolvedCV
from .util.dates import source_date

FORMATS = ("pdf", "html")


@dataclass
class Rendered:
    """One CV rendered in memory: the bytes of each format and what was learnt on the way."""

    loaded: Loaded
    stem: str  # base name of the files: "cv", or "cv-<variant>"
    files: dict[str, bytes] = field(default_factory=dict)  # format ("pdf", "html") → bytes
    warnings: Warnings = field(default_factory=Warnings)
    pages: int = 0
    updated: PartialDate | None = None  # the "last updated" month shown on the CV and the site's button
    theme_dirs: list[Path] = field(default_factory=list)  # theme folders read (for the stamp and --watch)

    @property
    def inputs(self) -> list[Path]:
        return self.loaded.inputs


def last_updated(profile: Profile, inputs: list[Path]) -> PartialDate | None:
    """The profile's ``updated:``, else the month of the source date (SOURCE_DATE_EPOCH or git)."""
    if profile.updated is not None:
        return PartialDate(profile.updated.year, profile.updated.month)
    day = source_date(inputs)
    return PartialDate(day.year, day.month) if day else None


@dataclass(frozen=True)
class BuildOptions:
    """How to render: the command line's render options, typed."""

    formats: tuple[str, ...] = FORMATS
    theme: str | None = None  # a built-in name or a folder; wins over design.theme
    name: str | None = None  # base name of the files (default: cv, or cv-<variant>)
    allow_network: bool = False
    variant: str | None = None
    strict: bool = False  # warnings are errors
    overrides: Overrides | None = None  # identity from the command line
    fit_pages: int | None = None  # --fit-pages N: wins over design.fit_pages

    def but(self, **changes: Any) -> BuildOptions:
        return replace(self, **changes)


def prepare(loaded: Loaded, options: BuildOptions, warnings: Warnings) -> tuple[Profile, ThemeSetup]:
    """The profile as ``options`` ask for it (variant, theme) and its theme, checked: all a render checks
    before it lays anything out, so ``validate`` can check the same."""
    profile = loaded.profile
    theme_path: tuple[str | int, ...] = ("design", "theme")
    if options.variant:
        profile = apply_variant(profile, options.variant, loaded.source)
        if loaded.profile.variants[options.variant].theme:
            theme_path = ("variants", options.variant, "theme")
    if options.theme:
        profile = profile.model_copy(update={"design": profile.design.model_copy(update={"theme": options.theme})})
    # Options are checked here, where the profile's lines are known; a theme chosen on the command
    # line or by a variant only warns about options written for the profile's own theme.
    other_theme = profile.design.theme != loaded.profile.design.theme
    try:
        setup = setup_theme(
            profile.design,
            loaded.base_dir,
            None if options.theme else loaded.source,
            warnings=warnings if other_theme else None,
            theme_path=theme_path,
        )
    except CvError as error:
        if options.theme and profile.design.theme == options.theme:
            raise UsageError([replace(p, message=f"--theme: {p.message}", path="") for p in error.problems]) from None
        raise
    return profile, setup


def _refuse_a_blank_cv(loaded: Loaded, profile: Profile) -> None:
    """A CV with no name or nothing under it is never written over a good one."""
    read = ", ".join(p.name for p in loaded.inputs[:6]) or loaded.path.name
    if not profile.person.name.strip():
        raise CvError(
            Problem(
                f"no name for the CV (read {read})",
                loaded.path,
                hint="set it with --person-name 'Ada Lovelace' or a name in the file; nothing was written",
            )
        )
    if not profile.sections:
        raise CvError(
            Problem(
                f"nothing to put in the CV: no sections (read {read})",
                loaded.path,
                hint="add sections (entries, items, publications, …); nothing was written",
            )
        )


def check(profile_path: str | Path, overrides: Overrides | None = None) -> Loaded:
    """Everything ``render`` checks short of layout, for the profile and each of its variants."""
    loaded = load_profile(profile_path, overrides)
    for variant in [None, *loaded.profile.variants]:
        prepare(loaded, BuildOptions(variant=variant), loaded.warnings)
    return loaded


def build(profile_path: str | Path, options: BuildOptions | None = None) -> Rendered:
    """Render one profile (or one of its variants) to the bytes of each of ``options.formats``."""
    options = options or BuildOptions()
    loaded = load_profile(profile_path, options.overrides)
    result = Rendered(loaded=loaded, stem=options.name or "cv", warnings=loaded.warnings)
    if options.variant:
        result.stem = options.name or f"cv-{options.variant}"
    profile, setup = prepare(loaded, options, result.warnings)
    _refuse_a_blank_cv(loaded, profile)
    formats = options.formats
    result.updated = last_updated(profile, loaded.inputs)
    cv = resolve(profile, result.updated)
    if "html" in formats:
        pdf_href = f"{result.stem}.pdf" if "pdf" in formats else None  # written beside the page
        result.files["html"] = render_html(cv, setup, for_print=False, pdf_href=pdf_href).encode("utf-8")
    if "pdf" in formats:
        from .render.fonts import FONT_DIR
        from .render.pdf import render_pdf  # imports WeasyPrint: only when a PDF is made

        html = _print_html(cv, setup, options.fit_pages or profile.design.fit_pages, loaded, options, result)
        result.warnings.extend(missing_glyph_warnings(html))  # before WeasyPrint draws boxes for them
        try:
            pdf, result.pages, pdf_warnings = render_pdf(
                html,
                base_url=loaded.base_dir,
                roots=[loaded.base_dir, setup.theme.path, FONT_DIR],
                allow_network=options.allow_network,
                standard=profile.design.pdf_standard,
            )
        except RecursionError:  # 600 nested *emphasis* in one field: WeasyPrint's layout recurses per level
            raise CvError(
                Problem(
                    "the CV nests markup too deeply to lay out", loaded.path, hint="simplify nested emphasis or lists"
                )
            ) from None
        result.warnings.extend(pdf_warnings)
        result.files["pdf"] = pdf
    # Templates fall back to classic and extend _base: a change in any of them changes the CV.
    result.theme_dirs = [setup.theme.path, builtin_themes_dir() / "classic", builtin_themes_dir() / "_base"]
    if options.strict and result.warnings:  # --strict: every warning (bad .bib entry, missing glyph) is an error
        raise CvError(list(result.warnings))
    return result


def _print_html(
    cv: ResolvedCV, setup: ThemeSetup, fit_pages: int | None, loaded: Loaded, options: BuildOptions, result: Rendered
) -> str:
    """The PDF's HTML: as designed, or at the fit-to-pages step that fits ``fit_pages`` (render/fit.py)."""
    if not fit_pages:
        return render_html(cv, setup, for_print=True)
    from .render.fit import fit, fitted_setup
    from .render.fonts import FONT_DIR

    fitted = fit(
        lambda step: render_html(cv, fitted_setup(setup, step), for_print=True, fit=step),
        setup,
        fit_pages,
        base_url=loaded.base_dir,
        roots=[loaded.base_dir, setup.theme.path, FONT_DIR],
        allow_network=options.allow_network,
    )
    loaded.notes.extend(fitted.notes)
    for warning in fitted.warnings:
        result.warnings.add(warning, hint="design.fit_pages / --fit-pages")
    return render_html(cv, fitted_setup(setup, fitted.step), for_print=True, fit=fitted.step)


def build_all(profile_path: str | Path, options: BuildOptions | None = None) -> list[Rendered]:
    """The main CV and every variant, rendered in parallel across the machine's cores.

    One worker per core, not per variant: each worker pays WeasyPrint's import once and
    reuses its font configuration for the CVs it renders.
    """
    from concurrent.futures import ProcessPoolExecutor

    options = options or BuildOptions()
    names: list[str | None] = [None, *load_profile(profile_path).profile.variants]
    if len(names) == 1:
        return [build(profile_path, options)]
    workers = min(len(names), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build, profile_path, options.but(variant=n)) for n in names]
        return [f.result() for f in futures]
