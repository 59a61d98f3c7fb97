"""How long from saving the profile to the new PDF (and the new web page) under ``render --watch``?

A watch session is started once and kept running; each round rewrites the profile with one word
changed and times, from the moment the write returned, until each output file was replaced (its
inode, size or mtime differs from before the edit; outputs are written by renaming a finished
temp file, so a replaced file is a complete one). The files are polled with ``os.stat`` every
millisecond or two, which is the resolution of these figures.

With ``--baseline-src DIR`` a second session runs another cvbuild source tree (a checkout of an
older commit, say) on a copy of the same profile, and the two are edited in turn (A B A B …) so
drift on a shared machine hits both alike; the ratio is taken pair by pair. With ``--serve`` a
``cvbuild serve`` session is timed as well, in the same turns: from the write to the moment its
event stream (``/events``, what the browser listens to) announces the new web page and the new
PDF. Only the standard library is used; each session is a separate process.

Run:  python benchmarks/bench_watch.py [--rounds 15] [--profile examples/academic/cv.yaml]
      python benchmarks/bench_watch.py --baseline-src ../cvbuild-old   # before/after
      python benchmarks/bench_watch.py --serve                         # and the live preview
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"  # 2026-01-01: every render of the same text gives the same bytes
MARK = "Benchmarked"  # a word of the profile that each edit replaces
POLL_S = 0.001
TIMEOUT_S = 60.0


def signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass
class WatchSession:
    """One long-running watch process, a profile it re-renders, and the outputs to time."""

    label: str
    argv: list[str]
    cwd: Path
    profile: Path
    outputs: dict[str, Path]  # what → file ("pdf" → cv.pdf)
    env: dict[str, str]
    template: str = ""
    times: dict[str, list[float]] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    edits: int = 0

    def start(self) -> None:
        """Start the watcher and wait for its first outputs."""
        self.template = self.profile.read_text(encoding="utf-8")
        if MARK not in self.template:
            sys.exit(f"{self.profile} must contain the word {MARK!r}: each edit replaces it")
        self.log = self.cwd / f".bench-watch-{os.getpid()}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdout=log, stderr=log)
        self._wait(lambda: all(signature(p) for p in self.outputs.values()), "the first render")

    def _wait(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.perf_counter() + TIMEOUT_S
        while not done():
            if self.process is not None and self.process.poll() is not None:
                sys.exit(f"{self.label}: the watch process exited during {what}:\n{self.output()}")
            if time.perf_counter() > deadline:
                sys.exit(f"{self.label}: no new output {TIMEOUT_S:.0f} s after {what}:\n{self.output()}")
            time.sleep(POLL_S)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:] if self.log else ""

    def edit(self, *, record: bool) -> None:
        """Change one word of the profile; time until every output was replaced."""
        self.edits += 1
        before = {what: signature(path) for what, path in self.outputs.items()}
        text = self.template.replace(MARK, f"{MARK}{self.edits:04d}")
        start = time.perf_counter()
        self.profile.write_text(text, encoding="utf-8")  # one open/write/close, as most editors do
        pending = dict(self.outputs)
        seen: dict[str, float] = {}
        deadline = start + TIMEOUT_S
        while pending:
            now = time.perf_counter()
            for what, path in list(pending.items()):
                if signature(path) != before[what]:
                    seen[what] = now - start
                    del pending[what]
            if self.process is not None and self.process.poll() is not None:
                sys.exit(f"{self.label}: the watch process exited:\n{self.output()}")
            if now > deadline:
                sys.exit(
                    f"{self.label}: {sorted(pending)} not replaced {TIMEOUT_S:.0f} s after an edit:\n{self.output()}"
                )
            time.sleep(POLL_S)
        if record:
            for what, seconds in seen.items():
                self.times.setdefault(what, []).append(seconds)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log is not None:
            self.log.unlink(missing_ok=True)


def cvbuild_session(label: str, src: Path, folder: Path, profile: Path, formats: list[str]) -> WatchSession:
    """``cvbuild render PROFILE --watch`` from the source tree ``src``, on a copy of the profile's folder."""
    shutil.copytree(profile.parent, folder)
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")])),
    }
    args = [arg for fmt in formats for arg in ("-f", fmt)]
    argv = [sys.executable, "-m", "cvbuild", "render", profile.name, "--watch", "-q", *args]
    outputs = {fmt: folder / f"cv.{fmt}" for fmt in formats}
    return WatchSession(label, argv, folder, folder / profile.name, outputs, env)


class ServeSession(WatchSession):
    """``cvbuild serve``: times until its event stream announces each format's new version."""

    def start(self) -> None:
        self.template = self.profile.read_text(encoding="utf-8")
        if MARK not in self.template:
            sys.exit(f"{self.profile} must contain the word {MARK!r}: each edit replaces it")
        self.log = self.cwd / f".bench-serve-{os.getpid()}.log"
        self.versions: dict[str, int] = {}
        self.arrived: dict[str, float] = {}
        self.changed = threading.Condition()
        self.process = subprocess.Popen(
            self.argv, cwd=self.cwd, env=self.env, stdout=subprocess.PIPE, stderr=self.log.open("wb"), text=True
        )
        assert self.process.stdout is not None
        url = next((w for w in self.process.stdout.readline().split() if w.startswith("http")), "")
        if not url:
            sys.exit(f"{self.label}: cvbuild serve printed no URL:\n{self.output()}")
        threading.Thread(target=self._listen, args=(url + "events",), daemon=True).start()
        self._wait(lambda: all(self.versions.get(k, 0) >= 1 for k in self.outputs), "the first render")

    def _listen(self, url: str) -> None:
        with urllib.request.urlopen(url) as stream:
            for raw in stream:
                line = raw.decode("utf-8").strip()
                if not line.startswith("data:"):
                    continue
                now, state = time.perf_counter(), json.loads(line[5:])
                with self.changed:
                    for kind in self.outputs:
                        if state[f"{kind}_version"] != self.versions.get(kind):
                            self.versions[kind], self.arrived[kind] = state[f"{kind}_version"], now
                    self.changed.notify_all()

    def edit(self, *, record: bool) -> None:
        self.edits += 1
        with self.changed:
            before = {kind: self.versions.get(kind, 0) for kind in self.outputs}
        text = self.template.replace(MARK, f"{MARK}{self.edits:04d}")
        start = time.perf_counter()
        self.profile.write_text(text, encoding="utf-8")
        with self.changed:
            done = self.changed.wait_for(
                lambda: all(self.versions.get(k, 0) > before[k] for k in self.outputs), timeout=TIMEOUT_S
            )
            if not done:
                sys.exit(f"{self.label}: no new render {TIMEOUT_S:.0f} s after an edit:\n{self.output()}")
            if record:
                for kind in self.outputs:
                    self.times.setdefault(kind, []).append(self.arrived[kind] - start)


def serve_session(label: str, src: Path, folder: Path, profile: Path) -> ServeSession:
    """``cvbuild serve PROFILE`` from the source tree ``src``, on a copy of the profile's folder."""
    shutil.copytree(profile.parent, folder)
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")])),
    }
    argv = [sys.executable, "-m", "cvbuild", "serve", profile.name, "--port", "0"]
    return ServeSession(label, argv, folder, folder / profile.name, {"html": Path(), "pdf": Path()}, env)


def run_paired(sessions: list[WatchSession], rounds: int, warmup: int) -> None:
    """Start every session, then edit them in turn: warm-up rounds first, not recorded."""
    try:
        for session in sessions:
            session.start()
        for number in range(warmup + rounds):
            for session in sessions:
                session.edit(record=number >= warmup)
    finally:
        for session in sessions:
            session.stop()


def spread(values: list[float], scale: float = 1000.0, digits: int = 0) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid * scale:>9.{digits}f} {low * scale:>9.{digits}f} {high * scale:>9.{digits}f}"


def print_table(sessions: list[WatchSession]) -> None:
    print(f"{'session':<28} {'edit → new':<12} {'median ms':>9} {'min ms':>9} {'max ms':>9}")
    for session in sessions:
        for what, values in session.times.items():
            print(f"{session.label:<28} {what:<12} {spread(values)}")
    if len(sessions) >= 2 and not isinstance(sessions[1], ServeSession):
        a, b = sessions[:2]
        for what in a.times:
            if what in b.times:
                ratios = [x / y for x, y in zip(a.times[what], b.times[what], strict=True)]
                print(f"{a.label + ' / ' + b.label:<28} {what:<12} {spread(ratios, 1.0, 2)}  (ratio, paired)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="recorded edits of each session (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="edits of each session not recorded, first (default 2)")
    parser.add_argument(
        "--profile",
        type=Path,
        default=ROOT / "examples" / "academic" / "cv.yaml",
        help="the profile to edit; its folder is copied (default: the shipped example)",
    )
    parser.add_argument("--format", action="append", choices=["pdf", "html"], help="pdf and/or html (default both)")
    parser.add_argument("--baseline-src", type=Path, help="another cvbuild source tree to time against (paired)")
    parser.add_argument("--serve", action="store_true", help="also time cvbuild serve (edit → event stream)")
    options = parser.parse_args()
    formats = options.format or ["pdf", "html"]
    profile = options.profile.resolve()
    with tempfile.TemporaryDirectory(prefix="cvbuild-bench-watch-") as tmp:
        text = profile.read_text(encoding="utf-8")
        if MARK not in text:  # the shipped example does not say it: add it to the headline-free end
            staged = Path(tmp) / "profile"
            shutil.copytree(profile.parent, staged)
            (staged / profile.name).write_text(
                text.replace("sections:\n", f"sections:\n  - title: Note\n    text: {MARK}\n", 1), encoding="utf-8"
            )
            profile = staged / profile.name
        sessions = [cvbuild_session("this checkout", ROOT, Path(tmp) / "a", profile, formats)]
        if options.baseline_src is not None:
            sessions.append(
                cvbuild_session("baseline", options.baseline_src.resolve(), Path(tmp) / "b", profile, formats)
            )
        if options.serve:
            sessions.append(serve_session("serve (this checkout)", ROOT, Path(tmp) / "s", profile))
        run_paired(sessions, options.rounds, options.warmup)
    print(f"{options.rounds} recorded edits per session after {options.warmup} warm-up; whole files on disk\n")
    print_table(sessions)


if __name__ == "__main__":
    main()
