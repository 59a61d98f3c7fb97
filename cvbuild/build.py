"""The pipeline in one place: load → resolve → html → pdf → publish.

The CLI, the pre-commit hook and CI all call :func:`build`. Nothing is written until every
stage has succeeded, so a failure anywhere leaves earlier outputs as they were.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CvError, Problem, Warnings
from .fonts import FONT_DIR
from .glyphs import warn_missing as warn_missing_glyphs
from .html import builtin_themes_dir, find_theme, render_html
from .load import Loaded, load_profile
from .publish import write_if_changed
from .resolve import resolve
from .stamp import last_commit_time
from .theme_new import check_options
from .variants import apply_variant


@dataclass
class BuildResult:
    loaded: Loaded
    outputs: dict[str, Path] = field(default_factory=dict)  # kind ("pdf", "html") → path
    changed: list[Path] = field(default_factory=list)
    warnings: Warnings = field(default_factory=Warnings)
    pages: int = 0
    pdf_bytes: int = 0
    data: dict[str, bytes] = field(default_factory=dict)  # kind → rendered bytes (site publishing, --check)
    theme_dirs: list[Path] = field(default_factory=list)  # theme folders read (for the up-to-date stamp)


def source_date(inputs: list[Path]) -> dt.date | None:
    """The date the CV describes: SOURCE_DATE_EPOCH, else the last git commit of an input.

    Never the wall clock: rendering the same inputs must give the same bytes. Outside git
    and without SOURCE_DATE_EPOCH there is no date (set ``updated:`` in the profile).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise CvError(Problem(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp")) from None
    times = [last_commit_time(path) for path in inputs]
    newest = max((int(t) for t in times if t.isdigit()), default=0)
    return dt.datetime.fromtimestamp(newest, tz=dt.timezone.utc).date() if newest else None


def build(
    profile_path: str | Path,
    out_dir: str | Path,
    *,
    formats: tuple[str, ...] = ("pdf", "html"),
    theme: str | None = None,
    name: str | None = None,
    allow_network: bool = False,
    variant: str | None = None,
    write: bool = True,
    strict: bool = False,
    overrides: dict[str, str] | None = None,
) -> BuildResult:
    """Render one profile into ``out_dir`` (``cv.pdf``, ``cv.html`` by default).

    With ``variant``, the named variant of the profile is rendered, as ``cv-<variant>.*``.
    ``write=False`` renders in memory only (``result.data``): for ``--check`` and for site
    publishing, which decides itself where the bytes go.
    """
    loaded = load_profile(profile_path, overrides)  # overrides: identity options from the command line
    profile = loaded.profile
    if variant:
        profile = apply_variant(profile, variant, loaded.source)
        name = name or f"cv-{variant}"
    if theme:
        profile = profile.model_copy(update={"design": profile.design.model_copy(update={"theme": theme})})
    result = BuildResult(loaded=loaded, warnings=loaded.warnings)
    chosen = find_theme(profile.design.theme, loaded.base_dir)
    # Options are checked here, where the profile's lines are known; a theme chosen on the command
    # line or by a variant only warns about options written for the profile's own theme.
    other_theme = profile.design.theme != loaded.profile.design.theme
    check_options(chosen, profile.design.options, loaded.source, warnings=result.warnings if other_theme else None)
    cv = resolve(profile, source_date(loaded.inputs))
    stem = name or "cv"
    out = Path(out_dir)
    rendered: dict[Path, bytes] = {}
    if "html" in formats:
        rendered[out / f"{stem}.html"] = render_html(cv, profile.design, chosen, for_print=False).encode("utf-8")
        result.outputs["html"] = out / f"{stem}.html"
    if "pdf" in formats:
        from .pdf import render_pdf  # imports WeasyPrint: only when a PDF is made

        html = render_html(cv, profile.design, chosen, for_print=True)
        warn_missing_glyphs(html, result.warnings)  # before WeasyPrint draws boxes for them
        pdf, result.pages = render_pdf(
            html,
            base_url=loaded.base_dir,
            roots=[loaded.base_dir, chosen.path, FONT_DIR],
            warnings=result.warnings,
            allow_network=allow_network,
            standard=profile.design.pdf_standard,
        )
        rendered[out / f"{stem}.pdf"] = pdf
        result.outputs["pdf"] = out / f"{stem}.pdf"
        result.pdf_bytes = len(pdf)
    result.data = {kind: rendered[path] for kind, path in result.outputs.items()}
    result.theme_dirs = [chosen.path, builtin_themes_dir() / "classic"]  # templates fall back to classic
    if strict and result.warnings:  # --strict: every warning (bad .bib entry, missing glyph) is an error
        raise CvError(list(result.warnings))
    if not write:
        return result
    for path, data in rendered.items():  # everything rendered: only now touch the disk
        if write_if_changed(path, data):
            result.changed.append(path)
    return result


def build_all(profile_path: str | Path, out_dir: str | Path, **options: object) -> list[BuildResult]:
    """The main CV and every variant, rendered in parallel across the machine's cores.

    One worker per core, not per variant: each worker pays WeasyPrint's import once and
    reuses its font configuration for the CVs it renders.
    """
    from concurrent.futures import ProcessPoolExecutor

    names: list[str | None] = [None, *load_profile(profile_path).profile.variants]
    if len(names) == 1:
        return [build(profile_path, out_dir, **options)]  # type: ignore[arg-type]
    workers = min(len(names), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build, profile_path, out_dir, variant=n, **options) for n in names]  # type: ignore[arg-type]
        return [f.result() for f in futures]
