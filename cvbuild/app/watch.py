"""``cvbuild render --watch`` (and ``cvbuild serve``): re-render whenever an input or the theme changes.

Three things keep the time from an edit to the new files short:
- one process for the session: WeasyPrint is imported once and its font configuration
  reused, so a re-render costs the layout, not the start-up;
- one file watcher for the session (:class:`InputWatcher`), started before the first build
  and replaced only when the set of folders to watch changes (a new .bib elsewhere): no
  watcher is torn down and set up again per edit, and no edit falls into a gap between two;
- no fixed wait after an event: the render starts as soon as the watcher has grouped what
  arrived together (:data:`STEP_MS`); what changes during a render is queued and renders
  once more right after, so a save in two writes ends with the right files.

``cvbuild serve`` asks for the web page first (``html_first``): it takes a tenth of the PDF's
time, and the browser reloads it before the PDF is laid out, at the cost of loading the profile
twice per edit (the PDF comes ~10% later). ``render --watch`` renders both in one build: the PDF
as early as it can be. Only the files that went into the CV trigger a render (the profile, its .bib
files, the theme's files): writing the outputs into the profile's own folder does not loop.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CvError
from ..pipeline import BuildOptions, Rendered, build
from ..publish.folder import FolderOutput, write_outputs

STEP_MS = 10  # the watcher returns this long after the last event of a burst (a save is often several writes)
MAX_GROUP_MS = 200  # …but never waits longer than this during a stream of events


@dataclass(frozen=True)
class Watched:
    """What a build read: the files that trigger a render and the folders whose every file does."""

    files: frozenset[Path]
    trees: tuple[Path, ...]

    @classmethod
    def of(cls, result: Rendered | None, profile: Path) -> Watched:
        """The inputs of the last successful build; just the profile before there was one."""
        files = {profile.resolve()}
        if result is None:
            return cls(frozenset(files), ())
        files |= {p.resolve() for p in result.inputs}
        return cls(frozenset(files), tuple(sorted({d.resolve() for d in result.theme_dirs})))

    def folders(self) -> frozenset[Path]:
        """Every folder to watch, each without its subfolders: the inputs' folders and the theme trees."""
        found = {f.parent for f in self.files}
        for tree in self.trees:
            for root, dirs, _files in os.walk(tree):
                dirs[:] = [d for d in dirs if d not in ("__pycache__", ".git")]
                found.add(Path(root))
        return frozenset(f for f in found if f.is_dir())

    def touched_since(self, time_ns: int) -> bool:
        """Whether an input file was modified between ``time_ns`` and now (wall clock, nanoseconds).

        A modification time in the future (a file unpacked from another machine's archive) is no
        news: counting it would render in a loop.
        """
        now = time.time_ns()
        for path in self.files:
            try:
                if time_ns <= path.stat().st_mtime_ns <= now:
                    return True
            except OSError:
                continue
        return False

    def matters(self, path: Path) -> bool:
        resolved = path.resolve()
        return resolved in self.files or any(resolved.is_relative_to(tree) for tree in self.trees)


class _Either:
    """Stops a watcher thread when the session stops or the watcher is replaced."""

    def __init__(self, *events: threading.Event) -> None:
        self.events = events

    def is_set(self) -> bool:
        return any(event.is_set() for event in self.events)


def _notifier(folders: Iterable[Path]) -> Any:
    """A started native watcher on ``folders`` (not their subfolders): watchfiles' Rust core.

    Made here, in the caller's thread, so it is watching when this returns: a replacement is
    in place before the watcher it replaces stops, and no event falls between them.
    """
    from watchfiles.main import RustNotify

    polling = os.environ.get("WATCHFILES_FORCE_POLLING", "").strip().lower() not in ("", "0", "false", "no")
    return RustNotify([str(f) for f in sorted(folders)], False, polling, 300, False, False)


class InputWatcher:
    """One file watcher for a session; its thread hands each group of changed paths to :meth:`wait`."""

    def __init__(self, stop: threading.Event | None = None) -> None:
        self.stop = stop or threading.Event()
        self._changes: queue.Queue[set[Path] | None] = queue.Queue()
        self._folders: frozenset[Path] = frozenset()
        self._retire: threading.Event | None = None

    def follow(self, folders: frozenset[Path]) -> None:
        """Watch ``folders``: keep the running watcher if it already does, else start one, then stop the old."""
        if folders == self._folders and self._retire is not None:
            return
        try:
            notifier = _notifier(folders)
        except Exception:  # a folder vanished meanwhile, or the system's watch limit: keep the running one
            if self._retire is None:
                raise
            return
        retire = threading.Event()
        threading.Thread(target=self._run, args=(notifier, _Either(self.stop, retire)), daemon=True).start()
        if self._retire is not None:
            self._retire.set()
        self._folders, self._retire = folders, retire

    def _run(self, notifier: Any, stop: _Either) -> None:
        try:
            while True:
                changes = notifier.watch(MAX_GROUP_MS, STEP_MS, 0, stop)
                if isinstance(changes, str):  # "stop" (or "signal"/"timeout", which a thread never gets)
                    break
                self._changes.put({Path(path) for _kind, path in changes})
        except Exception:  # a watched folder vanished: the session goes on without events from it
            pass
        finally:
            notifier.close()
            if self.stop.is_set():
                self._changes.put(None)  # wake wait()

    def wait(self, relevant: Callable[[Path], bool]) -> bool:
        """Block until a relevant path changed (True), or the session stops (False)."""
        while not self.stop.is_set():
            batch = self._changes.get()
            if batch is None:
                continue
            while True:  # everything that arrived meanwhile belongs to the same render
                try:
                    more = self._changes.get_nowait()
                except queue.Empty:
                    break
                batch |= more or set()
            if any(relevant(path) for path in batch):
                return True
        return False

    def close(self) -> None:
        self.stop.set()
        self._changes.put(None)
        if self._retire is not None:
            self._retire.set()


def _stages(formats: tuple[str, ...], html_first: bool) -> list[tuple[str, ...]]:
    """One build for all formats; or, with ``html_first``, the web page alone first: it is ready long before the PDF."""
    if html_first and "html" in formats and "pdf" in formats:
        return [("html",), tuple(f for f in formats if f != "html")]
    return [formats]


def watch_builds(
    profile: Path,
    options: BuildOptions,
    *,
    built: Callable[[Rendered, bool], None],
    failed: Callable[[CvError], None],
    stop: threading.Event | None = None,
    starting: Callable[[], None] | None = None,
    html_first: bool = False,
) -> None:
    """Build now and after every relevant change until ``stop`` is set (or Ctrl-C).

    ``built(result, last)`` gets each stage's result (``last`` on the final stage of a round);
    ``failed`` gets a round's error, after which the previous outputs stay as they were;
    ``starting()`` is called as each round begins.
    """
    watcher = InputWatcher(stop)
    watched = Watched.of(None, profile)
    try:
        watcher.follow(watched.folders())  # before the first build: an edit during it is not lost
        while not watcher.stop.is_set():
            if starting is not None:
                starting()
            stages = _stages(options.formats, html_first)
            round_started = time.time_ns()
            try:
                for number, formats in enumerate(stages, 1):
                    result = build(profile, options.but(formats=formats))
                    watched = Watched.of(result, profile)
                    # Watch a newly read file's folder before anyone sees the outputs: an edit made
                    # on seeing them must not fall before the watcher on that folder starts.
                    watcher.follow(watched.folders())
                    built(result, number == len(stages))
            except CvError as error:  # keep watching: the user is mid-edit
                failed(error)
            if watched.touched_since(round_started):
                continue  # changed while it was read, before its folder was watched: render again now
            if not watcher.wait(watched.matters):
                return
    finally:
        watcher.close()


def watch(
    profile: Path,
    out_dir: Path,
    *,
    report: Callable[[FolderOutput, bool], None],
    fail: Callable[[CvError], None],
    options: BuildOptions,
    stop: threading.Event | None = None,
) -> None:
    """Build into ``out_dir`` now and after every relevant change, until ``stop`` is set or Ctrl-C.

    ``report(written, last)``: ``last`` is False for a web page written ahead of the PDF (``html_first``),
    whose warnings and notes the PDF's report repeats.
    """

    def write(result: Rendered, last: bool) -> None:
        try:
            [written] = write_outputs([result], out_dir)
        except CvError as error:
            fail(error)
            return
        report(written, last)

    watch_builds(profile, options, built=write, failed=fail, stop=stop)
