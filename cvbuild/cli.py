"""The ``cvbuild`` command. Thin: parse options, call the library, print results.

Heavy modules are imported inside the commands, so ``cvbuild --help`` and
``cvbuild validate`` never load WeasyPrint.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .errors import CvError, Problem

if TYPE_CHECKING:
    from .build import BuildResult
    from .site import SiteOptions

app = typer.Typer(
    name="cvbuild",
    help="Compile an academic CV (cv.yaml, a homepage page, BibTeX) into a PDF and a web page.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
state = {"debug": False}

ProfileArg = Annotated[Path, typer.Argument(help="The profile: cv.yaml, or a homepage page such as _pages/about.md.")]


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _fail(error: CvError) -> NoReturn:
    count = len(error.problems)
    for problem in error.problems:
        _say(f"error: {problem}")
    if count > 1:
        _say(f"{count} problems; nothing was written.")
    raise typer.Exit(1)


def _warn(problems: object) -> None:
    for problem in problems:  # type: ignore[attr-defined]
        _say(f"warning: {problem}")


def run(action):  # type: ignore[no-untyped-def]
    """Call ``action``; show user errors without a traceback unless --debug."""
    try:
        return action()
    except CvError as error:
        if state["debug"]:
            raise
        _fail(error)
    except KeyboardInterrupt:
        _say("interrupted; outputs left as they were")
        raise typer.Exit(130) from None


def _version(value: bool) -> None:
    if value:
        print(f"cvbuild {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show a full traceback on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    state["debug"] = debug


# Identity from the command line: wins over the page, its front matter and the site config.
PersonName = Annotated[str | None, typer.Option("--person-name", help="Your name on the CV (wins over the files).")]
Email = Annotated[str | None, typer.Option("--email", help="Email address on the CV (wins over the files).")]
Headline = Annotated[str | None, typer.Option("--headline", help="Line under the name, e.g. 'PhD student'.")]
Affiliation = Annotated[str | None, typer.Option("--affiliation", help="Department and institution.")]


def _overrides(**values: str | None) -> dict[str, str]:
    return {key: value for key, value in values.items() if value}


@app.command()
def render(
    profile: ProfileArg = Path("cv.yaml"),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output folder (default: the profile's folder).")
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Theme name or folder; overrides design.theme.")] = None,
    fmt: Annotated[list[str] | None, typer.Option("--format", "-f", help="pdf and/or html (default: both).")] = None,
    name: Annotated[
        str | None, typer.Option(help="Base name of the output files (default: cv, or cv-VARIANT).")
    ] = None,
    allow_network: Annotated[
        bool, typer.Option("--allow-network", help="Let the PDF load http(s) resources (off by default).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    variant: Annotated[
        str | None, typer.Option(help="Render this variant from the profile's variants: block (cv-NAME.*).")
    ] = None,
    all_variants: Annotated[
        bool, typer.Option("--all-variants", help="Render the main CV and every variant, in parallel.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors; write nothing.")] = False,
    site: Annotated[
        Path | None,
        typer.Option("--site", help="Publish into this website's folder (PDF, link snippet) instead of -o."),
    ] = None,
    site_kind: Annotated[
        str | None, typer.Option("--site-kind", help="academicpages, al-folio, hugo or generic (default: detected).")
    ] = None,
    pdf_path: Annotated[
        str | None, typer.Option("--pdf-path", help="With --site: where the PDF goes, relative to the site.")
    ] = None,
    link_base: Annotated[
        str | None, typer.Option("--link-base", help="With --site (generic sites): URL prefix for links, e.g. /.")
    ] = None,
    html_page: Annotated[
        bool, typer.Option("--html-page", help="With --site: also publish the web CV as a page of the site.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --site: replace files cvbuild did not generate.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Only report outputs that are out of date (exit 1); write nothing.")
    ] = False,
    person_name: PersonName = None,
    email: Email = None,
    headline: Headline = None,
    affiliation: Affiliation = None,
    watch: Annotated[
        bool,
        typer.Option("--watch", "-w", help="Keep running; re-render when an input or the theme changes."),
    ] = False,
) -> None:
    """Render the profile to cv.pdf and cv.html."""
    from .build import build, build_all

    if site is None and (site_kind or pdf_path or link_base or html_page or force):
        _fail(CvError(Problem("--site-kind, --pdf-path, --link-base, --html-page and --force need --site DIR")))
    if site is not None:
        from .site import SiteOptions

        if output is not None:
            _fail(CvError(Problem("give either --output or --site, not both", hint="--site puts the PDF in the site")))
        opts = SiteOptions(site_kind, pdf_path, link_base, html_page, force, theme, allow_network)
        _publish(profile, site, opts, check=check, quiet=quiet, use_stamp=check)
        return
    if output is None and not (variant or all_variants or watch):
        from .site import site_block_of

        block = site_block_of(profile)  # the profile's own site: block means "publish there"
        if block is not None:
            block.options.theme, block.options.allow_network = theme, allow_network
            _publish(profile, block.site, block.options, check=check, quiet=quiet, use_stamp=check)
            return
    formats = tuple(fmt or ("pdf", "html"))
    bad = [f for f in formats if f not in ("pdf", "html")]
    if bad:
        _fail(CvError(Problem(f"unknown format '{bad[0]}'", hint="use --format pdf or --format html")))
    out_dir = output if output is not None else profile.parent
    options = {"formats": formats, "theme": theme, "allow_network": allow_network, "strict": strict}
    identity = _overrides(name=person_name, email=email, headline=headline, affiliation=affiliation)
    if identity:
        options["overrides"] = identity
    if check:
        options["write"] = False
    if watch:
        if all_variants or check:
            _fail(CvError(Problem("--watch renders one CV; leave out --all-variants and --check")))
        _watch(profile, out_dir, quiet=quiet, name=name, variant=variant, **options)
        return
    if all_variants:
        results = run(lambda: build_all(profile, out_dir, **options))
    else:
        results = [run(lambda: build(profile, out_dir, name=name, variant=variant, **options))]
    if check:
        _report_stale([p for r in results for k, p in r.outputs.items() if not _same_bytes(p, r.data[k])])
    for result in results:
        _report(result, quiet=quiet)


def _report(result: BuildResult, *, quiet: bool) -> None:
    _warn(result.warnings)
    if not quiet:
        for note in result.loaded.notes:
            _say(f"note: {note}")
        for kind, path in result.outputs.items():
            state_word = "written" if path in result.changed else "unchanged"
            extra = f" ({result.pages} pages, {result.pdf_bytes / 1024:.0f} KB)" if kind == "pdf" else ""
            print(f"{path}: {state_word}{extra}", flush=True)


def _watch(profile: Path, out_dir: Path, *, quiet: bool, **options: object) -> None:
    """``render --watch``: render now and on every change of an input, until Ctrl-C."""
    from .watch import watch

    def failed(error: CvError) -> None:
        for problem in error.problems:
            _say(f"error: {problem}")
        _say("waiting for the next change…")

    _say(f"watching {profile} and its theme; Ctrl-C to stop")
    try:
        watch(profile, out_dir, report=lambda r: _report(r, quiet=quiet), fail=failed, **options)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _report_stale(stale: list[Path]) -> None:
    """``--check``: name each out-of-date output and exit 1, or say all is current."""
    for path in stale:
        print(f"{path}: out of date")
    if stale:
        raise typer.Exit(1)
    print("all outputs are up to date")
    raise typer.Exit(0)


def _publish(
    profile: Path, site: Path, opts: SiteOptions, *, check: bool, quiet: bool, use_stamp: bool, hook: bool = False
) -> None:
    """Publish into a site (``render --site`` and ``hook``); exit 1 on stale (check) or changed (hook)."""
    from .site import publish_site

    result = run(lambda: publish_site(profile, site, opts, check=check, use_stamp=use_stamp))
    _warn(result.warnings)
    if result.fresh_by_stamp:
        if not quiet:
            print(f"cvbuild: {profile} → {site} ({result.detection.kind}): up to date")
        return
    root = site.resolve()
    shown = {path: site / path.relative_to(root) for path in result.targets}  # as the user named the site
    if check:
        _report_stale([shown[path] for path in result.changed])
    if not quiet or (hook and result.changed):
        _say(f"site: {result.detection.describe()}")
        for path in result.targets:
            print(f"{shown[path]}: {'written' if path in result.changed else 'unchanged'}")
        for note in result.notes if result.changed else []:
            _say(f"note: {note}")
    if hook and result.changed:
        _say("cvbuild: files were created or changed; stage them (git add) and commit again")
        raise typer.Exit(1)


@app.command("import")
def import_page(
    page: Annotated[Path, typer.Argument(help="A homepage page: _pages/about.md, README.md, an author _index.md.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The profile to write; - for stdout.")] = Path(
        "cv.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing, different file.")] = False,
    person_name: PersonName = None,
    email: Email = None,
    headline: Headline = None,
    affiliation: Affiliation = None,
) -> None:
    """Turn a homepage page into an editable cv.yaml that renders the same CV."""
    from .export import profile_yaml
    from .load import load_profile
    from .publish import write_if_changed

    identity = _overrides(name=person_name, email=email, headline=headline, affiliation=affiliation)

    def work() -> tuple[object, str, bool]:
        loaded = load_profile(page, identity)
        text = profile_yaml(loaded.profile, source=page.as_posix())
        if str(output) == "-":
            return loaded, text, False
        if output.is_file() and not force and output.read_text(encoding="utf-8", errors="replace") != text:
            raise CvError(
                Problem(f"{output} already exists", hint="use --force to replace it, or -o to write another file")
            )
        return loaded, text, write_if_changed(output, text.encode("utf-8"))

    loaded, text, changed = run(work)
    _warn(loaded.warnings)  # type: ignore[attr-defined]
    for note in loaded.notes:  # type: ignore[attr-defined]
        _say(f"note: {note}")
    if str(output) == "-":
        sys.stdout.write(text)
        return
    sections = len(loaded.profile.sections)  # type: ignore[attr-defined]
    print(f"{output}: {'written' if changed else 'unchanged'} ({sections} sections); next: cvbuild render {output}")


@app.command()
def hook(
    site: Annotated[Path, typer.Argument(help="The site's root (default: the current folder).")] = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Only report stale outputs (exit 1); write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace site files cvbuild did not generate.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also report when everything is current.")] = False,
) -> None:
    """For pre-commit: publish the CV into the site; exit 1 when a file was created or changed.

    Finds the profile by itself: cvbuild.yaml, [tool.cvbuild] in pyproject.toml, a cvbuild:
    section in _config.yml, or cv.yaml at the site root.
    """
    from .site import find_hook_config

    config = run(lambda: find_hook_config(site))
    if force:
        config.options.force = True
    _publish(config.profile, config.site, config.options, check=check, quiet=not verbose, use_stamp=True, hook=True)


@app.command()
def validate(
    profile: ProfileArg = Path("cv.yaml"),
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check the profile and report every problem; renders nothing."""
    from .load import load_profile

    loaded = run(lambda: load_profile(profile))
    if strict and loaded.warnings:
        _fail(CvError(list(loaded.warnings)))
    _warn(loaded.warnings)
    sections = len(loaded.profile.sections)
    print(f"{profile}: valid ({sections} sections)")


@app.command()
def themes() -> None:
    """List the built-in themes: name, then description."""
    from .html import list_themes

    for theme in list_themes():
        print(
            f"{theme.name}\t{theme.description}" if not sys.stdout.isatty() else f"{theme.name:<10} {theme.description}"
        )


theme_app = typer.Typer(help="Make your own theme from a built-in one.", no_args_is_help=True)
app.add_typer(theme_app, name="theme")


@theme_app.command("new")
def theme_new(
    name: Annotated[str, typer.Argument(help="Name of the new theme; the folder ./NAME is created.")],
    source: Annotated[str, typer.Option("--from", help="The theme to copy: a built-in name or a folder.")] = "classic",
) -> None:
    """Copy a theme into ./NAME to change it (see docs/themes.md); render with --theme ./NAME."""
    from .html import find_theme
    from .theme_new import new_theme

    dest = run(lambda: new_theme(name, find_theme(source, Path.cwd()), Path.cwd()))
    print(f"created {dest}; use it with: cvbuild render cv.yaml --theme ./{name}  (or design: theme: ./{name})")


@app.command()
def schema() -> None:
    """Print the profile's JSON Schema (for editor completion and checks)."""
    import json

    from .model import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@app.command()
def new(
    folder: Annotated[Path, typer.Argument(help="Folder to create, with a starter cv.yaml inside.")],
    force: Annotated[bool, typer.Option(help="Overwrite an existing cv.yaml.")] = False,
) -> None:
    """Create a folder with a starter cv.yaml that renders as is."""
    from .starter import write_starter

    path = run(lambda: write_starter(folder, force=force))
    print(f"created {path}; next: cd {folder} && cvbuild render cv.yaml")


def main() -> None:
    app()
