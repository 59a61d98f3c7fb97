"""``cvbuild render``: one typed request in, the CV written (or published, or checked) out.

Where the CV goes, in order: ``--site DIR`` publishes into a website; without ``-o`` (and
without variants or watch) the profile's own ``site:`` block does the same; otherwise the
files go into ``-o`` or the profile's folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import CvError, Problem, UsageError
from ..publish.site.kinds import SiteOptions
from .console import run, say, show, warn

if TYPE_CHECKING:  # the pipeline imports the model and Jinja2: only a render that renders pays for it
    from ..pipeline import BuildOptions
    from ..publish.folder import FolderOutput

FORMATS = ("pdf", "html")  # the pipeline's formats, in the order --help lists them


@dataclass(frozen=True)
class RenderRequest:
    """Everything ``cvbuild render`` was asked, checked for contradictions by :meth:`check`."""

    profile: Path
    output: Path | None = None
    formats: tuple[str, ...] = FORMATS
    theme: str | None = None
    name: str | None = None
    allow_network: bool = False
    quiet: bool = False
    variant: str | None = None
    all_variants: bool = False
    strict: bool = False
    fit_pages: int | None = None  # --fit-pages N (design.fit_pages otherwise)
    check: bool = False
    watch: bool = False
    site: Path | None = None
    site_options: SiteOptions = field(default_factory=SiteOptions)
    overrides: dict[str, str] = field(default_factory=dict)

    def check_usage(self) -> None:
        """Options that exclude each other are usage errors (exit 2), reported before any work."""
        opts = self.site_options
        if self.site is None and (opts.kind or opts.pdf_path or opts.link_base or opts.html_page or opts.force):
            raise UsageError(Problem("--site-kind, --pdf-path, --link-base, --html-page and --force need --site DIR"))
        if self.site is not None and self.output is not None:
            raise UsageError(
                Problem("give either --output or --site, not both", hint="--site puts the PDF in the site")
            )
        if self.watch and (self.all_variants or self.check):
            raise UsageError(Problem("--watch renders one CV; leave out --all-variants and --check"))
        if self.variant and self.all_variants:
            raise UsageError(Problem("give either --variant NAME or --all-variants, not both"))
        if self.name is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", self.name):
            raise UsageError(
                Problem(f"--name '{self.name}' is not a file name", hint="use letters, digits, '-', '_' and '.'")
            )
        bad = [f for f in self.formats if f not in FORMATS]
        if bad:
            raise UsageError(Problem(f"unknown format '{bad[0]}'", hint="use --format pdf or --format html"))

    def build_options(self) -> BuildOptions:
        from ..pipeline import BuildOptions

        return BuildOptions(
            formats=self.formats,
            theme=self.theme,
            name=self.name,
            allow_network=self.allow_network,
            variant=self.variant,
            strict=self.strict,
            fit_pages=self.fit_pages,
            overrides=self.overrides or None,
        )


def default_profile(folder: Path) -> Path:
    """What ``cvbuild render`` with no profile reads: ``cv.yaml`` here, else the site this folder is."""
    for name in ("cv.yaml", "cv.yml"):
        if (folder / name).is_file():
            return folder / name
    from ..load.site import looks_like_a_site

    if looks_like_a_site(folder):
        return folder
    raise UsageError(
        Problem(
            f"no cv.yaml in {folder.resolve()} and no CV source of a website",
            hint="name the profile (cvbuild render my-cv.yaml), or start one with 'cvbuild new .'",
        )
    )


def render(request: RenderRequest) -> None:
    run(request.check_usage)
    if request.profile.is_dir() and request.site is None and request.output is None and not request.watch:
        # A website folder: publish into it, as the hook does (the PDF where the site expects it).
        request = replace(request, site=request.profile)
    if request.site is not None:
        options = replace(request.site_options, theme=request.theme, allow_network=request.allow_network)
        publish(
            request.profile, request.site, options, check=request.check, quiet=request.quiet, use_stamp=request.check
        )
        return
    if request.output is None and not (request.variant or request.all_variants or request.watch):
        from ..publish.site.config import site_block_of

        block = run(lambda: site_block_of(request.profile))  # the profile's own site: block means "publish there"
        if block is not None:
            block.options.theme, block.options.allow_network = request.theme, request.allow_network
            publish(
                block.profile,
                block.site,
                block.options,
                check=request.check,
                quiet=request.quiet,
                use_stamp=request.check,
            )
            return
    out_dir = request.output if request.output is not None else request.profile.parent
    if request.watch:
        from .watch import watch_and_render

        watch_and_render(request, out_dir)
        return
    from ..pipeline import build, build_all
    from ..publish.folder import stale_outputs, write_outputs

    build_options = request.build_options()
    if request.all_variants:
        results = run(lambda: build_all(request.profile, build_options))
    else:
        results = [run(lambda: build(request.profile, build_options))]
    if request.check:
        for result in results:
            warn(result.warnings)
        report_stale(run(lambda: stale_outputs(results, out_dir)))
    for written in run(lambda: write_outputs(results, out_dir)):
        report_written(written, quiet=request.quiet)


def report_written(written: FolderOutput, *, quiet: bool) -> None:
    """Warnings, notes and each file's state: written or unchanged."""
    result = written.rendered
    warn(result.warnings)
    if quiet:
        return
    for note in result.loaded.notes:
        say(f"note: {note}")
    for kind, path in written.paths.items():
        state = "written" if path in written.changed else "unchanged"
        extra = f" ({result.pages} pages, {len(result.files['pdf']) / 1024:.0f} KB)" if kind == "pdf" else ""
        show(f"{path}: {state}{extra}")


def report_stale(stale: list[Path]) -> None:
    """``--check``: name each out-of-date output and exit 1, or say all is current."""
    for path in stale:
        show(f"{path}: out of date")
    if stale:
        raise typer.Exit(1)
    show("all outputs are up to date")
    raise typer.Exit(0)


def publish(
    profile: Path, site: Path, opts: SiteOptions, *, check: bool, quiet: bool, use_stamp: bool, hook: bool = False
) -> None:
    """Publish into a site (``render --site`` and ``hook``); exit 1 on stale (check) or changed (hook)."""
    from ..publish.site.publish import publish_site

    result = run(lambda: publish_site(profile, site, opts, check=check, use_stamp=use_stamp))
    warn(result.warnings)
    if result.fresh_by_stamp:
        if not quiet:
            show(f"cvbuild: {profile} → {site} ({result.detection.kind}): up to date")
        return
    root = site.resolve()
    shown = {path: site / path.relative_to(root) for path in result.targets}  # as the user named the site
    if check:
        report_stale([shown[path] for path in result.changed])
    if not quiet or (hook and result.changed):
        say(f"site: {result.detection.describe()}")
        for path in result.targets:
            show(f"{shown[path]}: {'written' if path in result.changed else 'unchanged'}")
        for note in result.notes if result.changed else []:
            say(f"note: {note}")
    if hook and result.changed:
        say("cvbuild: files were created or changed; stage them (git add) and commit again")
        raise typer.Exit(1)


def fail_on(error: CvError) -> None:
    """For --watch: print a failed render's problems and keep going."""
    for problem in error.problems:
        say(f"error: {problem}")
    say("waiting for the next change…")
