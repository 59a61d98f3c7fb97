"""The machinery of the hostile-input corpus: a case is data, one function runs it and checks the bar.

Every case runs the real CLI in a fresh process (as a user's shell would) inside a folder that
already holds a previous good render (``out/cv.pdf``, ``out/cv.html``), nested a few levels deep
in pytest's tmp folder so that a path escaping with ``../..`` still lands somewhere we look.
The bar, for every bad input:

- the exit code is 1 (2 for a command-line usage error), never a crash: no ``Traceback``;
- the message names the place in the user's own terms (``file:line`` and the field path as the
  user wrote it: ``work[0].startDate`` for JSON Resume, ``cv.sections.education[0].start_date``
  for RenderCV, ``sections[2].entries[0].start`` for a cvbuild profile);
- nothing at all changed on disk: the previous outputs keep their bytes (sha256 before/after
  over the whole tmp tree), no temp file (``.<target>.cvbuild-*.tmp``) is left behind, and
  nothing was written outside the output folder;
- stderr stays small (a flood of warnings is summarised).

Cases whose right outcome is a render (a ``.bib`` link that is dropped with a warning) say
``code=0`` and name the folder that may change; their outputs are then searched for links a
browser or PDF viewer would run (``javascript:``, ``data:`` …), in the web CV's ``href``/``src``
and in the PDF's link annotations.

Where cvbuild misses the bar today, the case carries ``xfail="<what happens today>"``: the test
still states the right expectation, is marked ``xfail(strict=True)`` so the suite stays green,
and turns red the day the gap is closed (remove the note then).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import pdf_links, run_cli

Files = Mapping[str, "str | bytes"]

# The previous good render every case starts from (a fictional person): its outputs must survive each bad input.
GOOD_PROFILE = """\
person:
  name: Wilhelmina Okonkwo-Sandberg
  headline: Lecturer in Imaginary Hydrology
  email: w.okonkwo@example.org
  website: https://wokonkwo.example.org
  links: [{label: Lab, url: "https://lab.example.org"}]
sections:
  - title: Education
    entries:
      - title: PhD in Imaginary Hydrology
        organisation: University of Nowhere
        start: 2014-09
        end: 2018-06
        url: https://nowhere.example.org
  - title: Awards
    items:
      - {date: 2020, text: "**Best Poster**, Fictional Water Conference", url: "https://award.example.org"}
"""
PREVIOUS = ("cv.pdf", "cv.html")  # the previous render's files, in out/
WORK = Path("home") / "wilhelmina" / "cv"  # the case's folder inside tmp_path: room for ../.. to escape into
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
TEMP_PATTERN = ".*.cvbuild-*.tmp"
MAX_STDERR = 20_000  # characters: 25 messages of at most 600, and a summary line

_MD_LINK = re.compile(r"\]\(([^)\s]*)")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


@dataclass(frozen=True)
class Case:
    """One hostile input: the files to write (relative to the case's folder), the command, the outcome.

    ``expect`` are substrings of stderr: the ``file:line:`` and the field path at least. ``writes``
    is the only folder that may change (cases with ``code=0``). ``git`` are folders to make
    git repositories; ``setup`` does what data cannot (a symlink, a folder standing in the way).
    """

    name: str
    files: Files
    argv: tuple[str, ...]
    expect: tuple[str | re.Pattern[str], ...] = ()
    code: int = 1
    xfail: str = ""
    strict: bool = True  # an xfail that passes is an error (the gap was fixed: drop the marker)
    writes: str = "out"
    git: tuple[str, ...] = ()
    setup: Callable[[Path], None] | None = None
    absent: tuple[str, ...] = ()  # substrings that must not be in stderr (e.g. a raw escape character)
    limited: bool = False  # run under 5 s of CPU and 500 MB of memory (resource cases)
    or_renders: bool = False  # a correct render within the limits is as good as the located error

    def param(self) -> Any:
        marks = [pytest.mark.xfail(strict=self.strict, reason=self.xfail)] if self.xfail else []
        return pytest.param(self, id=self.name, marks=marks)


def render(profile: str, *options: str) -> tuple[str, ...]:
    """``render PROFILE -o out -f html``: the web CV only, where the PDF is not what is tested."""
    return ("render", profile, "-o", "out", "-f", "html", *options)


def render_both(profile: str, *options: str) -> tuple[str, ...]:
    """``render PROFILE -o out``: PDF and web CV, where the PDF's links or layout are tested."""
    return ("render", profile, "-o", "out", *options)


def line_of(text: str, at: str) -> int:
    """The 1-based line of the first occurrence of ``at`` in ``text``: expectations follow the text when edited."""
    return text.count("\n", 0, text.index(at)) + 1


def at_line(file: str, text: str, at: str) -> str:
    """``file:LINE:`` for the line of ``text`` holding ``at``: how every located message starts."""
    return f"{file}:{line_of(text, at)}:"


def params(cases: list[Case]) -> list[Any]:
    names = [case.name for case in cases]
    duplicates = {name for name in names if names.count(name) > 1}
    assert not duplicates, f"case names must be unique: {duplicates}"
    return [case.param() for case in cases]


# --- the folder a case runs in -------------------------------------------------------------


def make_previous_render(folder: Path) -> dict[str, bytes]:
    """Render GOOD_PROFILE once (both formats) through the CLI; its bytes seed every case's out/."""
    (folder / "cv.yaml").write_text(GOOD_PROFILE, encoding="utf-8")
    result = run_cli("render", "cv.yaml", "-o", "out", cwd=folder)
    assert result.returncode == 0, result.stderr
    return {name: (folder / "out" / name).read_bytes() for name in PREVIOUS}


def prepare(root: Path, previous: dict[str, bytes], case: Case) -> Path:
    """The case's folder under ``root``: the previous render in out/, the case's files, its git repos."""
    work = root / WORK
    (work / "out").mkdir(parents=True)
    for name, data in previous.items():
        (work / "out" / name).write_bytes(data)
    write_files(work, case.files)
    for repo in case.git:
        subprocess.run(["git", "init", "-q", str(work / repo)], check=True, capture_output=True)
    if case.setup is not None:
        case.setup(work)
    return work


def write_files(folder: Path, files: Files) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))


def snapshot(root: Path) -> dict[str, str]:
    """Every file, folder and symlink under ``root`` → its sha256 (or what it is): a change anywhere shows."""
    state: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                state[key] = "-> " + os.readlink(path)
            elif path.is_dir():
                state[key] = "<folder>"
            else:
                state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def changed_paths(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def leftover_temps(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(TEMP_PATTERN))


# --- what a browser or a PDF viewer would run ------------------------------------------------


def _scheme(url: str, *, entities: bool = False) -> str | None:
    """The scheme a browser or viewer acts on: character references decoded once (Markdown destinations),
    controls and whitespace dropped as browsers do, lower-cased. None for a relative link."""
    text = html.unescape(url) if entities else url
    match = _SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", text).lower())
    return match.group(1) if match else None


def _runs_code(url: str, *, entities: bool = False) -> bool:
    return _scheme(url, entities=entities) not in (None, *SAFE_SCHEMES)


class _Tags(HTMLParser):
    """The tags of a page as a browser parses them: link-bearing attributes, event handlers, scripts."""

    LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.handlers: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag in ("script", "iframe", "object", "embed")
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}=…>")
            elif name in self.LINK_ATTRIBUTES and value is not None:
                self.urls.append(value)


def unsafe_links(folder: Path) -> list[str]:
    """Links under ``folder`` (web pages, Markdown snippets, PDF annotations) with a scheme that runs code,
    and event-handler attributes or scripts in the pages."""
    found: list[str] = []
    for page in sorted(folder.rglob("*.htm*")):
        tags = _Tags()
        tags.feed(page.read_text(encoding="utf-8", errors="replace"))
        found += [f"{page.name}: {url}" for url in tags.urls if _runs_code(url)]  # the parser decoded entities
        found += [f"{page.name}: {handler}" for handler in tags.handlers]
        found += [f"{page.name}: a script, iframe, object or embed"] * tags.scripts
    for snippet in sorted(folder.rglob("*.md")):
        urls = _MD_LINK.findall(snippet.read_text(encoding="utf-8", errors="replace"))
        found += [f"{snippet.name}: {url}" for url in urls if _runs_code(url, entities=True)]
    for pdf in sorted(folder.rglob("*.pdf")):
        found += [f"{pdf.name}: {url}" for url in pdf_links(pdf) if _runs_code(url)]
    return found


# --- running and judging ----------------------------------------------------------------------


@dataclass
class Outcome:
    """What one run of the CLI did."""

    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0
    max_rss_mb: float = 0.0

    def shown(self) -> str:
        return f"exit {self.returncode}\n--- stderr ---\n{self.stderr[-3000:]}\n--- stdout ---\n{self.stdout[-1000:]}"


def run_plain(argv: tuple[str, ...], cwd: Path) -> Outcome:
    result = run_cli(*argv, cwd=cwd)
    return Outcome(result.returncode, result.stdout, result.stderr)


CPU_SECONDS = 5
MEMORY_BYTES = 500 * 1024 * 1024
WALL_GUARD = 300  # seconds: only a safety net for a process blocked without using CPU; never asserted on


def _limit_child() -> None:  # pragma: no cover - runs in the child between fork and exec
    # Only C calls of an already imported module: safe in a child forked from a threaded parent.
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))


def run_limited(argv: tuple[str, ...], cwd: Path) -> Outcome:
    """The CLI in a child limited to 5 s of CPU and 500 MB of address space; its CPU time and peak memory.

    A child that exceeds its CPU budget is killed by the kernel (SIGXCPU, then SIGKILL): a
    negative exit code, which no expectation accepts.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "cvbuild", *argv], cwd=cwd, stdout=out, stderr=err, preexec_fn=_limit_child
        )
        guard = threading.Timer(WALL_GUARD, process.kill)
        guard.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            guard.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        outcome = Outcome(
            process.returncode,
            out.read().decode("utf-8", errors="replace"),
            err.read().decode("utf-8", errors="replace"),
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            max_rss_mb=usage.ru_maxrss / 1024,
        )
    log = os.environ.get("CVBUILD_ROBUSTNESS_LOG")  # measurements for the hardening report, when asked for
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            cost = f"{outcome.cpu_seconds:.2f}\t{outcome.max_rss_mb:.0f}"
            handle.write(f"{cwd}\t{' '.join(argv)}\t{outcome.returncode}\t{cost}\n")
    return outcome


@dataclass
class Ran:
    """A case after its run: what the CLI did, and the tmp tree before and after."""

    case: Case
    root: Path
    outcome: Outcome
    before: dict[str, str]
    after: dict[str, str]

    @property
    def work(self) -> Path:
        return self.root / WORK


def execute(case: Case, root: Path, previous: dict[str, bytes]) -> Ran:
    """Prepare the case's folder under ``root`` and run its command (limited when the case says so)."""
    work = prepare(root, previous, case)
    before = snapshot(root)
    outcome = (run_limited if case.limited else run_plain)(case.argv, work)
    return Ran(case, root, outcome, before, snapshot(root))


def judge(ran: Ran) -> None:
    """The bar every case must meet (see the module's docstring)."""
    case, outcome, root = ran.case, ran.outcome, ran.root
    shown = outcome.shown()
    assert "Traceback" not in outcome.stderr + outcome.stdout, shown
    rendered_instead = case.or_renders and outcome.returncode == 0
    assert outcome.returncode == case.code or rendered_instead, shown
    for wanted in () if rendered_instead else case.expect:
        found = wanted.search(outcome.stderr) if isinstance(wanted, re.Pattern) else wanted in outcome.stderr
        assert found, f"{wanted!r} not in stderr\n{shown}"
    for text in case.absent:
        assert text not in outcome.stderr, f"{text!r} in stderr\n{shown}"
    assert len(outcome.stderr) <= MAX_STDERR, f"stderr is {len(outcome.stderr)} characters\n{shown[:3000]}"
    assert not leftover_temps(root), leftover_temps(root)
    changed = changed_paths(ran.before, ran.after)
    if outcome.returncode != 0:
        assert not changed, f"a failed run changed files: {changed}\n{shown}"
        return
    allowed = (WORK / case.writes).as_posix()
    outside = [path for path in changed if not (path + "/").startswith(allowed + "/")]
    assert not outside, f"written outside {case.writes}/: {outside}\n{shown}"
    written = root / WORK / case.writes
    assert not unsafe_links(written), unsafe_links(written)


class Corpus:
    """Runs the selected cases ahead of their tests, one CLI process per core at a time.

    Every case is its own CLI process (about 0.4 s of CPU, mostly imports); running one per core
    keeps both cores of the CI machine busy and halves the corpus's time. Each test then waits for
    its own case only and judges it, so failures and xfails are still reported case by case.
    """

    def __init__(self, previous: dict[str, bytes], make_root: Callable[[str], Path]) -> None:
        self.previous = previous
        self.make_root = make_root
        self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="corpus")
        self.runs: dict[int, Future[Ran]] = {}

    def submit(self, cases: list[Case]) -> None:
        for case in cases:
            if id(case) not in self.runs:
                self.runs[id(case)] = self.pool.submit(execute, case, self.make_root(case.name), self.previous)

    def result(self, case: Case) -> Ran:
        self.submit([case])
        return self.runs[id(case)].result()

    def judge(self, case: Case) -> Ran:
        ran = self.result(case)
        judge(ran)
        return ran

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
