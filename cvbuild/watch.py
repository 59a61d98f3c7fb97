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
from typing import Any

from .build import BuildResult, build
from .errors import CvError


def _watched(result: BuildResult | None, profile: Path) -> tuple[set[Path], list[Path]]:
    """(input files, theme folders) of the last successful build; just the profile before one."""
    if result is None:
        return {profile.resolve()}, []
    files = {p.resolve() for p in result.loaded.inputs}
    return files, [d.resolve() for d in getattr(result, "theme_dirs", [])]


def watch(
    profile: Path,
    out_dir: Path,
    *,
    report: Callable[[BuildResult], None],
    fail: Callable[[CvError], None],
    stop: Event | None = None,
    **options: Any,
) -> None:
    """Build now and after every relevant change, until ``stop`` is set or Ctrl-C."""
    from watchfiles import watch as watch_changes

    last: BuildResult | None = None

    def once() -> None:
        nonlocal last
        try:
            last = build(profile, out_dir, **options)
            report(last)
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
