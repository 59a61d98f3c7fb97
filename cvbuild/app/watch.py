"""``cvbuild render --watch``: re-render whenever an input or the theme changes.

WeasyPrint is imported once and its font configuration reused, so a re-render after an
edit takes a fraction of the first one. Only the files that went into the CV trigger a
render (the profile, its .bib files, the theme's files): writing the outputs into the
profile's own folder does not loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from threading import Event
from typing import TYPE_CHECKING, Any

import typer

from ..errors import CvError
from ..pipeline import BuildOptions, Rendered, build
from ..publish.folder import FolderOutput, write_outputs

if TYPE_CHECKING:
    from .render import RenderRequest


def _watched(result: Rendered | None, profile: Path) -> tuple[set[Path], list[Path]]:
    """(input files, theme folders) of the last successful build; just the profile before one."""
    if result is None:
        return {profile.resolve()}, []
    return {p.resolve() for p in result.inputs}, [d.resolve() for d in result.theme_dirs]


def watch(
    profile: Path,
    out_dir: Path,
    *,
    report: Callable[[FolderOutput], None],
    fail: Callable[[CvError], None],
    options: BuildOptions,
    stop: Event | None = None,
) -> None:
    """Build now and after every relevant change, until ``stop`` is set or Ctrl-C."""
    from watchfiles import watch as watch_changes

    last: Rendered | None = None

    def once() -> None:
        nonlocal last
        try:
            result = build(profile, options)
            [written] = write_outputs([result], out_dir)
            last = result
            report(written)
        except CvError as error:  # keep watching: the user is mid-edit
            fail(error)

    once()
    while not (stop and stop.is_set()):
        files, theme_dirs = _watched(last, profile)
        roots = sorted({f.parent for f in files} | set(theme_dirs))

        def relevant(_change: Any, path: str, files: set[Path] = files, dirs: list[Path] = theme_dirs) -> bool:
            resolved = Path(path).resolve()
            return resolved in files or any(resolved.is_relative_to(d) for d in dirs)

        for _changes in watch_changes(*roots, watch_filter=relevant, stop_event=stop, debounce=200, rust_timeout=500):
            once()
            break  # the set of inputs may have changed (a new .bib): recompute what to watch
        else:
            return  # stop_event set


def watch_and_render(request: RenderRequest, out_dir: Path) -> None:
    """The CLI's side of ``--watch``: say what is watched, report each render, stop on Ctrl-C."""
    from .console import say
    from .render import fail_on, report_written

    say(f"watching {request.profile} and its theme; Ctrl-C to stop")
    try:
        watch(
            request.profile,
            out_dir,
            report=lambda written: report_written(written, quiet=request.quiet),
            fail=fail_on,
            options=request.build_options(),
        )
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
