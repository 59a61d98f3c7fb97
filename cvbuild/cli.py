"""The ``cvbuild`` command. Thin: parse options, call the library, print results.

Heavy modules are imported inside the commands, so ``cvbuild --help`` and
``cvbuild validate`` never load WeasyPrint.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .errors import CvError, Problem

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
) -> None:
    """Render the profile to cv.pdf and cv.html."""
    from .build import build, build_all

    formats = tuple(fmt or ("pdf", "html"))
    bad = [f for f in formats if f not in ("pdf", "html")]
    if bad:
        _fail(CvError(Problem(f"unknown format '{bad[0]}'", hint="use --format pdf or --format html")))
    out_dir = output if output is not None else profile.parent
    options = {"formats": formats, "theme": theme, "allow_network": allow_network}
    if all_variants:
        results = run(lambda: build_all(profile, out_dir, **options))
    else:
        results = [run(lambda: build(profile, out_dir, name=name, variant=variant, **options))]
    for result in results:
        _warn(result.warnings)
        if not quiet:
            for kind, path in result.outputs.items():
                state_word = "written" if path in result.changed else "unchanged"
                extra = f" ({result.pages} pages, {result.pdf_bytes / 1024:.0f} KB)" if kind == "pdf" else ""
                print(f"{path}: {state_word}{extra}")


@app.command()
def validate(profile: ProfileArg = Path("cv.yaml")) -> None:
    """Check the profile and report every problem; renders nothing."""
    from .load import load_profile

    loaded = run(lambda: load_profile(profile))
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
