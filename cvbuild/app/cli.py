"""The ``cvbuild`` command. Thin: parse options into a request, call the app, print results.

Heavy modules are imported inside the commands, so ``cvbuild --help`` and
``cvbuild validate`` never load WeasyPrint, and the hook's no-op never loads the model.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from ..errors import CvError, Problem, UsageError
from .console import debug, fail, run, say, show, warn

app = typer.Typer(
    name="cvbuild",
    help="Compile an academic CV (cv.yaml, a homepage page, BibTeX) into a PDF and a web page.",
    add_completion=True,  # cvbuild --install-completion (bash, zsh, fish, PowerShell)
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _examples(*lines: str) -> str:
    """A command's help epilog; click keeps a paragraph after \\b as written (no rewrapping)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


ProfileArg = Annotated[
    Path | None,
    typer.Argument(
        help="The profile: cv.yaml, a RenderCV or JSON Resume file, a homepage page such as _pages/about.md, "
        "or a website folder. Default: cv.yaml here, else this folder's website.",
        show_default=False,
    ),
]
# Identity from the command line: wins over the page, its front matter and the site config.
PersonName = Annotated[str | None, typer.Option("--person-name", help="Your name on the CV (wins over the files).")]
Email = Annotated[str | None, typer.Option("--email", help="Email address on the CV (wins over the files).")]
Headline = Annotated[str | None, typer.Option("--headline", help="Line under the name, e.g. 'PhD student'.")]
Affiliation = Annotated[str | None, typer.Option("--affiliation", help="Department and institution.")]


def _version(value: bool) -> None:
    if value:
        print(f"cvbuild {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug_on: Annotated[bool, typer.Option("--debug", help="Show a full traceback on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    debug["on"] = debug_on


def _identity(**values: str | None) -> dict[str, str]:
    return {key: value for key, value in values.items() if value}


ProfilesArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="The profile: cv.yaml, a RenderCV or JSON Resume file, a homepage page such as _pages/about.md, "
        "or a website folder. Default: cv.yaml here, else this folder's website. Several profiles render "
        "in parallel, each next to itself or into -o DIR/<name>/.",
        show_default=False,
    ),
]


@app.command(
    short_help="Render the CV to cv.pdf and cv.html.",
    epilog=_examples(
        "cvbuild render cv.yaml -o out",
        "cvbuild render                      # cv.yaml here, else this folder's website",
        "cvbuild render cv.yaml --site .     # publish into your site",
        "cvbuild render cv.yaml --variant short --theme modern",
    ),
)
def render(
    profile: ProfilesArg = None,
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
    fit_pages: Annotated[
        int | None,
        typer.Option("--fit-pages", min=1, max=50, help="Fit the PDF on at most N pages (tighter type and spacing)."),
    ] = None,
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
    """Render the profile to cv.pdf and cv.html (several profiles: each, in parallel)."""
    from ..publish.site.kinds import SiteOptions
    from .render import FORMATS, RenderRequest, default_profile, render_batch
    from .render import render as run_render

    profiles = profile or [run(lambda: default_profile(Path(".")))]
    request = RenderRequest(
        profile=profiles[0],
        output=output,
        formats=tuple(fmt or FORMATS),
        theme=theme,
        name=name,
        allow_network=allow_network,
        quiet=quiet,
        variant=variant,
        all_variants=all_variants,
        strict=strict,
        fit_pages=fit_pages,
        check=check,
        watch=watch,
        site=site,
        site_options=SiteOptions(site_kind, pdf_path, link_base, html_page, force),
        overrides=_identity(name=person_name, email=email, headline=headline, affiliation=affiliation),
    )
    if len(profiles) > 1:
        render_batch(profiles, request)
    else:
        run_render(request)


@app.command(
    short_help="Preview the CV live in the browser.",
    epilog=_examples(
        "cvbuild serve cv.yaml               # then open the address it prints",
    ),
)
def serve(
    profile: ProfileArg = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on; another than 127.0.0.1 shows the CV to your network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (default: a free one, printed).")] = 0,
    theme: Annotated[str | None, typer.Option(help="Theme name or folder; overrides design.theme.")] = None,
    fmt: Annotated[list[str] | None, typer.Option("--format", "-f", help="pdf and/or html (default: both).")] = None,
    variant: Annotated[
        str | None, typer.Option(help="Preview this variant from the profile's variants: block.")
    ] = None,
    allow_network: Annotated[
        bool, typer.Option("--allow-network", help="Let the PDF load http(s) resources (off by default).")
    ] = False,
) -> None:
    """Preview the CV in the browser (web page and PDF), re-rendered and reloaded on every change."""
    from ..pipeline import BuildOptions
    from .render import FORMATS, RenderRequest, default_profile
    from .serve import ServeRequest
    from .serve import serve as run_serve

    chosen = profile if profile is not None else run(lambda: default_profile(Path(".")))
    formats = tuple(fmt or FORMATS)
    run(RenderRequest(chosen, formats=formats, variant=variant).check_usage)  # the same option checks
    if not 0 <= port <= 65535:
        fail(UsageError(Problem(f"--port {port} is not a port number", hint="use 1 to 65535, or 0 for a free one")))
    options = BuildOptions(formats=formats, theme=theme, allow_network=allow_network, variant=variant)
    run_serve(ServeRequest(chosen, options, host=host, port=port))


@app.command(
    "import",
    short_help="Turn any source into an editable cv.yaml.",
    epilog=_examples(
        "cvbuild import _pages/about.md -o cv.yaml",
        "cvbuild import rendercv_cv.yaml -o cv.yaml",
        "cvbuild import . -o cv.yaml          # a whole website folder",
    ),
)
def import_page(
    page: Annotated[
        Path,
        typer.Argument(
            help="Any source cvbuild reads: a homepage page (_pages/about.md, README.md), a RenderCV or "
            "JSON Resume file, al-folio's _data/cv.yml, a Hugo author file, or a website folder."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The profile to write; - for stdout.")] = Path(
        "cv.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing, different file.")] = False,
    person_name: PersonName = None,
    email: Email = None,
    headline: Headline = None,
    affiliation: Affiliation = None,
) -> None:
    """Turn any source (a page, a RenderCV or JSON Resume file, a site) into an editable cv.yaml."""
    from .import_page import import_profile

    identity = _identity(name=person_name, email=email, headline=headline, affiliation=affiliation)
    to_stdout = str(output) == "-"
    imported = run(lambda: import_profile(page, None if to_stdout else output, force=force, overrides=identity))
    warn(imported.loaded.warnings)
    for note in imported.loaded.notes:
        say(f"note: {note}")
    if to_stdout:
        sys.stdout.write(imported.text)
        return
    sections = len(imported.loaded.profile.sections)
    state = "written" if imported.changed else "unchanged"
    show(f"{output}: {state} ({sections} sections); next: cvbuild render {output}")


@app.command(
    short_help="For pre-commit: keep the site's CV current.",
    epilog=_examples(
        "cvbuild hook                        # at the root of your site's repository",
        "cvbuild hook --check -v",
    ),
)
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
    from ..publish.site.config import find_hook_config
    from .render import publish

    config = run(lambda: find_hook_config(site))
    if force:
        config.options.force = True
    publish(config.profile, config.site, config.options, check=check, quiet=not verbose, use_stamp=True, hook=True)


@app.command(
    epilog=_examples(
        "cvbuild validate cv.yaml --strict",
    )
)
def validate(
    profile: ProfileArg = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check the profile and report every problem; renders nothing."""
    from ..pipeline import check
    from .render import default_profile

    if profile is None:
        profile = run(lambda: default_profile(Path(".")))
    loaded = run(lambda: check(profile))
    if strict and loaded.warnings:
        fail(CvError(list(loaded.warnings)))
    warn(loaded.warnings)
    show(f"{profile}: valid ({len(loaded.profile.sections)} sections)")


@app.command(
    epilog=_examples(
        "cvbuild themes",
    )
)
def themes() -> None:
    """List the built-in themes: name, then description."""
    from ..render.theme import list_themes

    for theme in list_themes():
        show(
            f"{theme.name}\t{theme.description}" if not sys.stdout.isatty() else f"{theme.name:<10} {theme.description}"
        )


theme_app = typer.Typer(help="Make your own theme from a built-in one.", no_args_is_help=True)
app.add_typer(theme_app, name="theme")


@theme_app.command(
    "new",
    epilog=_examples(
        "cvbuild theme new mytheme --from modern",
    ),
)
def theme_new(
    name: Annotated[str, typer.Argument(help="Name of the new theme; the folder ./NAME is created.")],
    source: Annotated[str, typer.Option("--from", help="The theme to copy: a built-in name or a folder.")] = "classic",
) -> None:
    """Copy a theme into ./NAME to change it (see docs/themes.md); render with --theme ./NAME."""
    from ..render.theme import find_theme
    from .theme_new import new_theme

    dest = run(lambda: new_theme(name, find_theme(source, Path.cwd()), Path.cwd()))
    show(f"created {dest}; use it with: cvbuild render cv.yaml --theme ./{name}  (or design: theme: ./{name})")


@app.command(
    short_help="Print the profile's JSON Schema.",
    epilog=_examples(
        "cvbuild schema > cv.schema.json",
    ),
)
def schema() -> None:
    """Print the profile's JSON Schema (for editor completion and checks)."""
    import json

    from ..model import json_schema

    show(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@app.command(
    epilog=_examples(
        "cvbuild new my-cv && cd my-cv && cvbuild render",
    )
)
def new(
    folder: Annotated[Path, typer.Argument(help="Folder to create, with a starter cv.yaml inside.")],
    force: Annotated[bool, typer.Option(help="Overwrite an existing cv.yaml.")] = False,
) -> None:
    """Create a folder with a starter cv.yaml that renders as is."""
    from .new import write_starter

    path = run(lambda: write_starter(folder, force=force))
    show(f"created {path}; next: cd {folder} && cvbuild render cv.yaml")


@app.command(
    short_help="Write a JSON Resume or RenderCV file.",
    epilog=_examples(
        "cvbuild export cv.yaml --to json-resume -o resume.json",
        "cvbuild export cv.yaml --to rendercv -o rendercv.yaml",
    ),
)
def export(
    profile: ProfileArg = None,
    to: Annotated[str, typer.Option("--to", help="json-resume or rendercv.", show_default=False)] = "",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The file to write (default: stdout).")] = None,
    mapping: Annotated[
        list[str] | None, typer.Option("--map", help="TITLE=KIND: the kind a section becomes (see docs/interop.md).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing, different file.")] = False,
) -> None:
    """Write the profile as a JSON Resume or RenderCV file (publications from .bib included)."""
    from .export import export_profile, is_stdout
    from .render import default_profile

    source = profile if profile is not None else run(lambda: default_profile(Path(".")))
    target = None if is_stdout(output) else output
    result = run(lambda: export_profile(source, to, target, mapping=mapping, force=force))
    warn(result.warnings)
    if target is None:
        sys.stdout.write(result.text)
    else:
        state = "written" if result.changed else "unchanged"
        show(f"{target}: {state} ({result.format_name}, {result.sections} sections)")


def main() -> None:
    app()
