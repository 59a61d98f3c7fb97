"""``cvbuild render``: one typed request in, the CV written (or published, or checked) out.

Where the CV goes, in order: ``--site DIR`` publishes into a website; without ``-o`` (and
without variants or watch) the profile's own ``site:`` block does the same; otherwise the
files go into ``-o`` or the profile's folder. When nothing changed since the last render the
stamp says so before anything heavy is imported, and nothing is rendered.

Several profiles (``cvbuild render a.yaml b.yaml``) are a batch (:func:`render_batch`): one
worker process per core, each keeping WeasyPrint warm across the CVs it renders.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import CvError, Problem, UsageError
from ..publish.site.kinds import SiteOptions
from .console import run, say, show, warn

if TYPE_CHECKING:  # the pipeline imports the model and Jinja2: only a render that renders pays for it
    from ..pipeline import BuildOptions
    from ..publish.folder import FolderJob, FolderOutput, FreshOutputs

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

    def folder_job(self, out_dir: Path) -> FolderJob:
        """The stamp's identity of this render into ``out_dir``: every option that may shape the bytes.

        Every field but those that only say where or how to report; an option added later is part
        of the identity by default, so it can never let a stale output pass for current.
        """
        from ..publish.folder import FolderJob

        where_or_how = {"profile", "output", "quiet", "check", "watch", "site", "site_options"}
        options = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in where_or_how}
        options["formats"] = list(self.formats)
        options["overrides"] = dict(sorted(self.overrides.items()))
        return FolderJob(self.profile, out_dir, options)

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
        publish(request.profile, request.site, options, check=request.check, quiet=request.quiet, use_stamp=True)
        return
    if request.output is None and not (request.variant or request.all_variants or request.watch):
        from ..publish.site.config import site_block_of

        block = run(lambda: site_block_of(request.profile))  # the profile's own site: block means "publish there"
        if block is not None:
            block.options.theme, block.options.allow_network = request.theme, request.allow_network
            publish(block.profile, block.site, block.options, check=request.check, quiet=request.quiet, use_stamp=True)
            return
    out_dir = request.output if request.output is not None else request.profile.parent
    if request.watch:
        watch_and_render(request, out_dir)
        return
    from ..publish.folder import fresh_outputs

    job = request.folder_job(out_dir)
    fresh = fresh_outputs(job)  # before the pipeline is imported: nothing changed costs no render
    if fresh is not None:
        report_fresh(fresh, out_dir, check=request.check, quiet=request.quiet)
        return
    from ..pipeline import build, build_all
    from ..publish.folder import save_folder_stamp, stale_outputs, write_outputs

    build_options = request.build_options()
    if request.all_variants:
        results = run(lambda: build_all(request.profile, build_options))
    else:
        results = [run(lambda: build(request.profile, build_options))]
    if request.check and not request.quiet:  # -q: errors only
        for result in results:
            warn(result.warnings)
        report_stale(run(lambda: stale_outputs(results, out_dir)))
    written_all = run(lambda: write_outputs(results, out_dir))
    save_folder_stamp(job, written_all)
    for written in written_all:
        report_written(written, quiet=request.quiet)


def written_lines(written: FolderOutput) -> list[str]:
    """Each file's state, as ``render`` prints it: written or unchanged, a PDF's pages and size."""
    result = written.rendered
    lines = []
    for kind, path in written.paths.items():
        state = "written" if path in written.changed else "unchanged"
        extra = f" ({result.pages} pages, {len(result.files['pdf']) / 1024:.0f} KB)" if kind == "pdf" else ""
        lines.append(f"{path}: {state}{extra}")
    return lines


def fresh_lines(fresh: FreshOutputs, out_dir: Path) -> list[str]:
    """The files the stamp vouches for, shown as the user named the folder."""
    root = out_dir.resolve()
    lines = []
    for path in fresh.paths:
        shown = out_dir / path.relative_to(root) if path.is_relative_to(root) else path
        pages = fresh.pages.get(path)
        try:
            extra = f" ({pages} pages, {path.stat().st_size / 1024:.0f} KB)" if pages is not None else ""
        except OSError:
            extra = ""
        lines.append(f"{shown}: unchanged{extra}")
    return lines


def report_fresh(fresh: FreshOutputs, out_dir: Path, *, check: bool, quiet: bool) -> None:
    """Outputs the stamp vouches for: the last build's warnings and notes again, each file unchanged."""
    if not quiet:
        warn(Problem(text) for text in fresh.warnings)
    if check:
        show("all outputs are up to date")
        raise typer.Exit(0)
    if quiet:
        return
    for note in fresh.notes:
        say(f"note: {note}")
    for line in fresh_lines(fresh, out_dir):
        show(line)


def report_written(written: FolderOutput, *, quiet: bool, details: bool = True) -> None:
    """Warnings, notes (unless ``details`` is off) and each file's state: written or unchanged."""
    result = written.rendered
    if quiet:  # -q: errors only
        return
    if details:
        warn(result.warnings)
    for note in result.loaded.notes if details else []:
        say(f"note: {note}")
    for line in written_lines(written):
        show(line)


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
    if not quiet or hook:  # the hook is quiet by default but its warnings are the user's only news
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


# ---------------------------------------------------------------- several profiles: a batch


@dataclass
class BatchOutcome:
    """What rendering one profile of a batch said, carried back from its worker as plain text."""

    profile: Path
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # "path: written (2 pages, 30 KB)"
    stale: list[Path] = field(default_factory=list)  # --check: files a render would change
    problems: list[str] = field(default_factory=list)  # why it failed; empty when it went well

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def batch_requests(profiles: list[Path], request: RenderRequest) -> list[tuple[RenderRequest, Path]]:
    """Each profile's request and output folder: next to it, or ``-o DIR/<stem>/``; clashes are usage errors.

    Profiles named alike (``alice/cv.yaml``, ``bob/cv.yaml``) go to ``DIR/<their folder's name>/``.
    """
    if request.watch or request.site is not None:
        raise UsageError(Problem("--watch and --site take one profile", hint="run cvbuild once per profile"))
    stems = [p.stem for p in profiles]
    jobs = []
    for profile in profiles:
        if request.output is None:
            out_dir = profile.parent
        else:
            label = profile.stem if stems.count(profile.stem) == 1 else profile.resolve().parent.name
            out_dir = request.output / label
        if profile.is_dir() or (request.output is None and _has_site_block(profile)):
            raise UsageError(
                Problem(f"{profile} publishes into a website", hint=f"render it on its own (cvbuild render {profile})")
            )
        jobs.append((replace(request, profile=profile, output=out_dir), out_dir))
    seen: dict[tuple[Path, str], Path] = {}
    for job, out_dir in jobs:
        key = (out_dir.resolve(), job.name or "cv")
        if key in seen:
            raise UsageError(
                Problem(
                    f"{seen[key]} and {job.profile} would both write {out_dir / (job.name or 'cv')}.*",
                    hint="give -o DIR: each profile's files then go to DIR/<name>/",
                )
            )
        seen[key] = job.profile
    return jobs


def _has_site_block(profile: Path) -> bool:
    from ..publish.site.config import site_block_of

    try:
        return site_block_of(profile) is not None
    except CvError:
        return False  # the render reports a bad block, located


def _warm(formats: tuple[str, ...]) -> None:
    """A worker's first act: import the pipeline (and WeasyPrint) once, for every CV it renders."""
    import cvbuild.pipeline  # noqa: F401

    if "pdf" in formats:
        import cvbuild.render.pdf  # noqa: F401


def render_one(request: RenderRequest, out_dir: Path) -> BatchOutcome:
    """Render (or ``--check``) one profile of a batch into ``out_dir``; runs in a worker process."""
    from ..load.registry import load_profile
    from ..pipeline import build
    from ..publish.folder import save_folder_stamp, stale_outputs, write_outputs

    outcome = BatchOutcome(request.profile)
    try:
        options = request.build_options()
        if request.all_variants:  # one after the other: this worker is already one of a pool
            names = [None, *load_profile(request.profile, options.overrides).profile.variants]
            results = [build(request.profile, options.but(variant=name)) for name in names]
        else:
            results = [build(request.profile, options)]
        outcome.warnings = [str(w) for result in results for w in result.warnings]
        outcome.notes = [note for result in results for note in result.loaded.notes]
        if request.check:
            outcome.stale = stale_outputs(results, out_dir)
            return outcome
        written_all = write_outputs(results, out_dir)
        save_folder_stamp(request.folder_job(out_dir), written_all)
        outcome.files = [line for written in written_all for line in written_lines(written)]
    except CvError as error:
        outcome.problems = [str(p) for p in error.problems]
    except Exception as error:  # one profile's crash must not stop the others
        outcome.problems = [f"{request.profile}: internal error: {type(error).__name__}: {error}"]
    return outcome


def report_outcome(outcome: BatchOutcome, *, quiet: bool) -> None:
    """One profile's report, printed as soon as it is done."""
    if not quiet:
        warn(Problem(text) for text in outcome.warnings)
    for problem in outcome.problems:
        say(f"error: {problem}")
    if outcome.failed:
        say(f"{outcome.profile}: failed; its previous outputs are as they were")
    for path in outcome.stale:
        show(f"{path}: out of date")
    if quiet:
        return
    for note in outcome.notes:
        say(f"note: {note}")
    for line in outcome.files:
        show(line)


def render_batch(profiles: list[Path], request: RenderRequest) -> None:
    """Render several profiles, one worker per core; report each as it finishes; exit 1 if any failed.

    Profiles whose stamp says nothing changed are reported first and never reach a worker.
    """
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    from ..publish.folder import fresh_outputs

    run(request.check_usage)
    jobs = run(lambda: batch_requests(profiles, request))
    outcomes: list[BatchOutcome] = []
    pending: list[tuple[RenderRequest, Path]] = []
    for job, out_dir in jobs:
        fresh = fresh_outputs(job.folder_job(out_dir))
        if fresh is None:
            pending.append((job, out_dir))
            continue
        outcome = BatchOutcome(job.profile, warnings=fresh.warnings, notes=fresh.notes)
        outcome.files = fresh_lines(fresh, out_dir)
        outcomes.append(outcome)
        report_outcome(outcome, quiet=request.quiet or request.check)
    workers = min(len(pending), os.cpu_count() or 1)
    if workers == 1:  # one CV to render: no pool to start
        job, out_dir = pending[0]
        outcomes.append(run(lambda: render_one(job, out_dir)))
        report_outcome(outcomes[-1], quiet=request.quiet)
    elif workers > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm, initargs=(request.formats,)) as pool:
            running: dict[Future[BatchOutcome], Path] = {
                pool.submit(render_one, job, out_dir): job.profile for job, out_dir in pending
            }
            try:
                while running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        profile = running.pop(future)
                        try:
                            outcome = future.result()
                        except Exception as error:  # a worker died: that profile failed
                            outcome = BatchOutcome(profile, problems=[f"{profile}: the worker stopped: {error}"])
                        outcomes.append(outcome)
                        report_outcome(outcome, quiet=request.quiet)
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                say("interrupted; outputs of unfinished profiles left as they were")
                raise typer.Exit(130) from None
    failed = [o for o in outcomes if o.failed]
    if failed:
        say(f"{len(failed)} of {len(outcomes)} profiles failed: " + ", ".join(str(o.profile) for o in failed))
        raise typer.Exit(1)
    if request.check:
        if any(o.stale for o in outcomes):
            raise typer.Exit(1)
        show("all outputs are up to date")


def watch_and_render(request: RenderRequest, out_dir: Path) -> None:
    """The CLI's side of ``--watch``: say what is watched, report each render, stop on Ctrl-C."""
    from .watch import watch

    say(f"watching {request.profile} and its theme; Ctrl-C to stop")
    try:
        watch(
            request.profile,
            out_dir,
            report=lambda written, last: report_written(written, quiet=request.quiet, details=last),
            fail=fail_on,
            options=request.build_options(),
        )
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
