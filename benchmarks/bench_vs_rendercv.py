"""cvbuild against RenderCV 2.8 on the same CV: the paths a user waits for, as whole processes.

The same fictional CV is written twice, as a cvbuild profile and as a RenderCV YAML file, from
one set of facts (:data:`FACTS`); before timing, both PDFs are read back with ``pdftotext`` and
must print every fact (names, titles, institutions, years). Then each path is timed:

    cold 2-page CV → PDF; → PDF + HTML; 200 publications → PDF; the same PDF from the RenderCV
    file itself (cvbuild reads it as it is); nothing changed (the second render); watch: edit →
    new PDF; 20 CVs (cvbuild: one command; RenderCV: 20 processes, one after the other, as it
    has no batch mode); --help; validate (RenderCV has no validate: ``render -notyp -nomd``
    checks the file and writes nothing); the pre-commit hook's no-op (cvbuild only).

Each row runs the two tools in turn, A B A B … (warm-up runs first, not counted), so drift on a
shared machine hits both alike; the ratio cvbuild/RenderCV is taken pair by pair and its median
printed (below 1: cvbuild is faster). Wall time from time.perf_counter, CPU time and peak memory
from the kernel's accounting of each finished process (os.wait4, children included). Outputs are
removed before every "cold" run, untimed. Only the standard library is used.

Without ``--vs-rendercv`` only cvbuild is timed. RenderCV needs Python >= 3.12 and its own venv:

    python benchmarks/bench_vs_rendercv.py --vs-rendercv --rendercv-venv .venv-rendercv --install \\
        --python python3.12 --typst-packages PATH/TO/typst-packages

``--install`` creates the venv and installs ``rendercv[full]==2.8`` if it is missing;
``--typst-packages DIR`` copies ``DIR/preview`` into Typst's package cache (RenderCV's Typst
template imports ``@preview/fontawesome``, which Typst otherwise downloads on the first render).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_watch import MARK, WatchSession  # noqa: E402 (this folder's sibling script)

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"  # 2026-01-01: every render of the same text gives the same bytes
RENDERCV_VERSION = "2.8"
GIT_IDENTITY = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]

# ---------------------------------------------------------------- one fictional CV, two formats

FACTS = {
    "name": "Marisol Quenby-Hart",
    "headline": "Associate Professor of Imaginary Hydrology",
    "location": "Leiden, Netherlands",
    "email": "marisol.quenby@example.org",
    "website": "https://marisol.example.org",
    "education": [
        (
            "PhD",
            "Hydrology",
            "University of Nowhere",
            "Utrecht, Netherlands",
            "2012-09",
            "2016-06",
            ["Thesis on groundwater memory in invented deltas", "Advisor: Prof. Albrecht Vennemeer"],
        ),
        (
            "MSc",
            "Earth Sciences",
            "Tessellate Institute of Technology",
            "Delft, Netherlands",
            "2010-09",
            "2012-07",
            ["Graduated with distinction"],
        ),
    ],
    "experience": [
        (
            "Associate Professor",
            "Leiden Institute of Water Studies",
            "Leiden, Netherlands",
            "2021-02",
            "present",
            [
                "Leads the Delta Memory group of seven researchers",
                "Teaches the graduate course on stochastic river models",
                "Coordinates a consortium of four invented universities",
            ],
        ),
        (
            "Assistant Professor",
            "Leiden Institute of Water Studies",
            "Leiden, Netherlands",
            "2018-09",
            "2021-01",
            ["Built the lab's open-source flood simulator", "Supervised five master's theses on sediment transport"],
        ),
        (
            "Postdoctoral Researcher",
            "Nordic Centre for Fictional Rivers",
            "Bergen, Norway",
            "2016-08",
            "2018-08",
            [
                "Calibrated glacier melt models against twenty years of gauge data",
                "Organised the first workshop on delta memory",
            ],
        ),
        (
            "Visiting Researcher",
            "Pacific Lab of Estuaries",
            "Wellington, New Zealand",
            "2015-01",
            "2015-06",
            ["Measured tidal mixing in three estuaries"],
        ),
    ],
    "skills": [
        ("Modelling", "stochastic hydrology, data assimilation, finite volumes"),
        ("Software", "Python, Julia, Fortran, Git"),
        ("Languages", "Dutch, English, Norwegian"),
    ],
    "awards": [
        ("2024", "Golden Delta Medal of the Invented Hydrology Society"),
        ("2022", "Early Career Prize in River Science"),
        ("2019", "Best Paper Award at the Estuary Modelling Conference"),
        ("2016", "Outstanding Thesis Award of the University of Nowhere"),
    ],
}


def publications(count: int) -> list[tuple[str, list[str], str, int, str]]:
    """(title, authors, journal, year, doi): ``count`` invented papers, newest first."""
    venues = ["Journal of Invented Hydrology", "Fictional Water Resources Research", "Annals of Imaginary Deltas"]
    coauthors = ["Pieter Aldewereld", "Ingrid Solvang", "Tane Whitcombe", "Rosa Ilmarinen"]
    return [
        (
            f"Delta Memory Study {i:03d} on Invented Sediments",
            ["Marisol Quenby-Hart", coauthors[i % 4], coauthors[(i + 1) % 4]],
            venues[i % 3],
            2024 - i % 12,
            f"10.5555/bench.{i:04d}",
        )
        for i in range(1, count + 1)
    ]


def facts_to_find(pubs: int) -> list[str]:
    """What both PDFs must print (words pdftotext keeps on one line whatever the layout)."""
    found = [FACTS["name"], FACTS["email"], "Imaginary Hydrology"]
    found += [e[2] for e in FACTS["education"]] + [e[0] for e in FACTS["experience"]]
    found += ["Leiden Institute of Water Studies", "Nordic Centre for Fictional Rivers", "Golden Delta Medal"]
    found += ["Fortran", "2016", "2012"] + [f"Study {i:03d}" for i in (1, pubs)]
    return found


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cvbuild_profile(pubs: int, name: str = FACTS["name"], mark: str = "") -> str:
    """The CV as a cvbuild profile (cv.yaml)."""
    f = FACTS
    out = [
        "person:",
        f"  name: {_q(name)}",
        f"  headline: {_q(f['headline'] + mark)}",
        f"  location: {_q(f['location'])}",
        f"  email: {f['email']}",
        f"  website: {f['website']}",
        "design:",
        "  theme: classic",
        "  page_size: A4",
        "sections:",
        "  - title: Education",
        "    entries:",
    ]
    for degree, area, institution, location, start, end, notes in f["education"]:
        out += [f"      - title: {_q(degree + ' in ' + area)}", f"        organisation: {_q(institution)}"]
        out += [
            f"        location: {_q(location)}",
            f"        start: {start}",
            f"        end: {end}",
            "        details:",
        ]
        out += [f"          - {_q(n)}" for n in notes]
    out += ["  - title: Experience", "    entries:"]
    for position, company, location, start, end, notes in f["experience"]:
        out += [f"      - title: {_q(position)}", f"        organisation: {_q(company)}"]
        out += [
            f"        location: {_q(location)}",
            f"        start: {start}",
            f"        end: {end}",
            "        details:",
        ]
        out += [f"          - {_q(n)}" for n in notes]
    out += ["  - title: Publications", "    publications:"]
    for title, authors, journal, year, doi in publications(pubs):
        out += [f"      - title: {_q(title)}", f"        authors: [{', '.join(_q(a) for a in authors)}]"]
        out += [
            f"        venue: {_q(journal)}",
            f"        year: {year}",
            "        kind: journal",
            f"        doi: {doi}",
        ]
    out += ["  - title: Skills", "    skills:"]
    out += [f"      {_q(label)}: {_q(text)}" for label, text in f["skills"]]
    out += ["  - title: Awards", "    items:"]
    out += [f"      - {{date: {year}, text: {_q(text)}}}" for year, text in f["awards"]]
    return "\n".join(out) + "\n"


def rendercv_yaml(pubs: int, name: str = FACTS["name"], mark: str = "") -> str:
    """The same CV as a RenderCV 2.8 input file."""
    f = FACTS
    out = [
        "cv:",
        f"  name: {_q(name)}",
        f"  headline: {_q(f['headline'] + mark)}",
        f"  location: {_q(f['location'])}",
        f"  email: {f['email']}",
        f"  website: {f['website']}",
        "  sections:",
        "    education:",
    ]
    for degree, area, institution, location, start, end, notes in f["education"]:
        out += [f"      - institution: {_q(institution)}", f"        area: {_q(area)}", f"        degree: {degree}"]
        out += [f"        location: {_q(location)}", f"        start_date: {start}", f"        end_date: {end}"]
        out += ["        highlights:"] + [f"          - {_q(n)}" for n in notes]
    out += ["    experience:"]
    for position, company, location, start, end, notes in f["experience"]:
        out += [f"      - company: {_q(company)}", f"        position: {_q(position)}"]
        out += [f"        location: {_q(location)}", f"        start_date: {start}", f"        end_date: {end}"]
        out += ["        highlights:"] + [f"          - {_q(n)}" for n in notes]
    out += ["    publications:"]
    for title, authors, journal, year, doi in publications(pubs):
        out += [f"      - title: {_q(title)}", "        authors:"] + [f"          - {_q(a)}" for a in authors]
        out += [f"        journal: {_q(journal)}", f"        date: {year}", f"        doi: {doi}"]
    out += ["    skills:"]
    out += [f"      - label: {_q(label)}\n        details: {_q(text)}" for label, text in f["skills"]]
    out += ["    awards:"]
    out += [f"      - name: {_q(text)}\n        date: {year}" for year, text in f["awards"]]
    out += ["design:", "  theme: classic", "locale:", "  language: english"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- timing whole processes


@dataclass
class Runs:
    wall: list[float] = field(default_factory=list)  # seconds
    cpu: list[float] = field(default_factory=list)  # user + sys seconds, children included
    rss: list[float] = field(default_factory=list)  # peak resident memory of the largest process, MiB


@dataclass
class Command:
    """One or more processes run one after the other and timed as one (RenderCV's "20 CVs")."""

    argvs: list[list[str]]
    cwd: Path
    env: dict[str, str]
    prepare: Callable[[], None] = lambda: None  # untimed, before every run: remove outputs for "cold"
    expect: int = 0  # exit status every process must have

    def run(self, runs: Runs) -> None:
        self.prepare()
        wall = cpu = rss = 0.0
        for argv in self.argvs:
            start = time.perf_counter()
            child = subprocess.Popen(
                argv, cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            assert child.stderr is not None
            errors = child.stderr.read()
            _, status, usage = os.wait4(child.pid, 0)
            wall += time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
            child.stderr.close()
            if child.returncode != self.expect:
                sys.exit(
                    f"{' '.join(argv)} exited {child.returncode} in {self.cwd}:\n{errors.decode(errors='replace')}"
                )
            cpu += usage.ru_utime + usage.ru_stime
            rss = max(rss, usage.ru_maxrss / 1024)
        runs.wall.append(wall)
        runs.cpu.append(cpu)
        runs.rss.append(rss)


@dataclass
class Row:
    path: str
    ours: Runs
    theirs: Runs | None
    unit: str = "s"

    def ratios(self) -> list[float]:
        if self.theirs is None:
            return []
        return [a / b for a, b in zip(self.ours.wall, self.theirs.wall, strict=True)]


def paired(ours: Command, theirs: Command | None, runs: int, warmup: int) -> tuple[Runs, Runs | None]:
    """A B A B …: warm-up pairs first, not counted."""
    a, b = Runs(), (Runs() if theirs else None)
    for number in range(warmup + runs):
        counted = number >= warmup
        ours.run(a if counted else Runs())
        if theirs is not None:
            theirs.run(b if counted and b is not None else Runs())
    return a, b


# ---------------------------------------------------------------- the two tools


@dataclass
class Tools:
    work: Path
    rendercv: Path | None  # the rendercv executable, or None: cvbuild alone
    env: dict[str, str]  # cvbuild's: its stamps in a cache folder of its own, not the user's
    rcv_env: dict[str, str]  # RenderCV's: Typst finds its packages in the user's cache

    def cvbuild(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "cvbuild", *args]

    def rendercv_cmd(self, *args: str) -> list[str]:
        assert self.rendercv is not None
        return [str(self.rendercv), *args]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def remove(*paths: Path) -> Callable[[], None]:
    def clean() -> None:
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)

    return clean


def pdf_facts(pdf: Path, facts: list[str]) -> list[str]:
    """The facts ``pdftotext`` does not find in ``pdf`` (whitespace-insensitive)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    return [fact for fact in facts if " ".join(fact.split()) not in flat]


def check_same_facts(tools: Tools) -> None:
    """Render both once and insist that each PDF prints every fact; say how many pages each has."""
    if shutil.which("pdftotext") is None:
        print("note: pdftotext not found (poppler-utils): the facts check is skipped\n")
        return
    facts = facts_to_find(8)
    pdfs = {"cvbuild": tools.work / "two" / "out" / "cv.pdf"}
    subprocess.run(
        tools.cvbuild("render", "cv.yaml", "-o", "out", "-f", "pdf"),
        cwd=tools.work / "two",
        env=tools.env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        tools.cvbuild("render", "rendercv.yaml", "-o", "out-rcv", "-f", "pdf"),
        cwd=tools.work / "two",
        env=tools.env,
        check=True,
        capture_output=True,
    )
    pdfs["cvbuild (RenderCV file)"] = tools.work / "two" / "out-rcv" / "cv.pdf"
    if tools.rendercv is not None:
        subprocess.run(
            tools.rendercv_cmd("render", "rendercv.yaml", "-nomd", "-nohtml", "-nopng"),
            cwd=tools.work / "two",
            env=tools.rcv_env,
            check=True,
            capture_output=True,
        )
        pdfs["RenderCV"] = rendercv_pdf(tools.work / "two")
    for label, pdf in pdfs.items():
        missing = pdf_facts(pdf, facts)
        if missing:
            sys.exit(f"{label}'s PDF does not print: {missing} ({pdf})")
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
        print(f"facts check: {label}: all {len(facts)} facts printed, {count} pages")
    print()


def rendercv_pdf(folder: Path) -> Path:
    found = sorted((folder / "rendercv_output").glob("*.pdf"))
    if not found:
        sys.exit(f"RenderCV wrote no PDF under {folder / 'rendercv_output'}")
    return found[0]


def make_site(root: Path, env: dict[str, str]) -> None:
    """An academicpages-shaped git repository with the CV at its root, published once and committed."""
    write(root / "_config.yml", "# academicpages\ntitle: Bench\nauthor:\n  name: Bench\ninclude: [_pages, files]\n")
    write(root / "_pages" / "cv.md", "---\npermalink: /cv/\ntitle: CV\n---\n")
    (root / "files").mkdir(parents=True)
    write(root / "cv.yaml", cvbuild_profile(8))

    def git(*args: str) -> None:
        subprocess.run(["git", *GIT_IDENTITY, *args], cwd=root, check=True, capture_output=True)

    git("-c", "init.defaultBranch=main", "init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "site")
    subprocess.run([sys.executable, "-m", "cvbuild", "hook"], cwd=root, env=env, capture_output=True)
    git("add", "-A")
    git("commit", "-q", "-m", "publish")


def rows(tools: Tools, runs: int, warmup: int, watch_rounds: int, only: set[str]) -> list[Row]:
    work, env, vs = tools.work, tools.env, tools.rendercv is not None
    two, many, batch = work / "two", work / "many", work / "batch"
    result: list[Row] = []

    def row(path: str, ours: Command, theirs: Command | None) -> None:
        if only and not any(word in path for word in only):
            return
        print(f"timing: {path} …", file=sys.stderr, flush=True)
        # "nothing changed" needs one render before it: at least one warm-up pair
        a, b = paired(ours, theirs if vs else None, runs, max(warmup, 1) if "nothing" in path else warmup)
        result.append(Row(path, a, b))

    rcv_pdf = ["-nomd", "-nohtml", "-nopng"]
    row(
        "cold 2-page CV → PDF",
        Command([tools.cvbuild("render", "cv.yaml", "-o", "out", "-f", "pdf")], two, env, remove(two / "out")),
        Command(
            [tools.rendercv_cmd("render", "rendercv.yaml", *rcv_pdf)],
            two,
            tools.rcv_env,
            remove(two / "rendercv_output"),
        )
        if vs
        else None,
    )
    row(
        "cold 2-page CV → PDF + HTML",
        Command([tools.cvbuild("render", "cv.yaml", "-o", "out")], two, env, remove(two / "out")),
        Command(
            [tools.rendercv_cmd("render", "rendercv.yaml", "-nopng")],
            two,
            tools.rcv_env,
            remove(two / "rendercv_output"),
        )
        if vs
        else None,
    )
    row(
        "cold, cvbuild reading the RenderCV file → PDF",
        Command(
            [tools.cvbuild("render", "rendercv.yaml", "-o", "out-rcv", "-f", "pdf")], two, env, remove(two / "out-rcv")
        ),
        Command(
            [tools.rendercv_cmd("render", "rendercv.yaml", *rcv_pdf)],
            two,
            tools.rcv_env,
            remove(two / "rendercv_output"),
        )
        if vs
        else None,
    )
    row(
        "200 publications → PDF",
        Command([tools.cvbuild("render", "cv.yaml", "-o", "out", "-f", "pdf")], many, env, remove(many / "out")),
        Command(
            [tools.rendercv_cmd("render", "rendercv.yaml", *rcv_pdf)],
            many,
            tools.rcv_env,
            remove(many / "rendercv_output"),
        )
        if vs
        else None,
    )
    row(
        "nothing changed (second render)",
        Command([tools.cvbuild("render", "cv.yaml", "-o", "out", "-f", "pdf")], two, env),
        Command([tools.rendercv_cmd("render", "rendercv.yaml", *rcv_pdf)], two, tools.rcv_env) if vs else None,
    )
    profiles = [f"cv{i:02d}.yaml" for i in range(1, 21)]
    row(
        "20 CVs → PDF (cvbuild: one command)",
        Command([tools.cvbuild("render", *profiles, "-o", "out", "-f", "pdf")], batch, env, remove(batch / "out")),
        Command(
            [tools.rendercv_cmd("render", f"rcv{i:02d}.yaml", *rcv_pdf) for i in range(1, 21)],
            batch,
            tools.rcv_env,
            remove(batch / "rendercv_output"),
        )
        if vs
        else None,
    )
    row(
        "--help",
        Command([tools.cvbuild("--help")], two, env),
        Command([tools.rendercv_cmd("--help")], two, tools.rcv_env) if vs else None,
    )
    row(
        "validate",
        Command([tools.cvbuild("validate", "cv.yaml")], two, env),
        Command([tools.rendercv_cmd("render", "rendercv.yaml", "-notyp", "-nomd")], two, tools.rcv_env) if vs else None,
    )
    row("hook no-op (pre-commit, nothing changed)", Command([tools.cvbuild("hook")], work / "site", env), None)
    if not only or any(word in "watch: edit → new PDF" for word in only):
        result.append(watch_row(tools, watch_rounds, warmup))
    return result


def watch_row(tools: Tools, rounds: int, warmup: int) -> Row:
    """``--watch``, both tools running, edited in turn; milliseconds from the write to the new PDF."""
    print("timing: watch: edit → new PDF …", file=sys.stderr, flush=True)
    folder = tools.work / "watch"
    write(folder / "cvbuild" / "cv.yaml", cvbuild_profile(8, mark=f" {MARK}"))
    sessions = [
        WatchSession(
            "cvbuild",
            tools.cvbuild("render", "cv.yaml", "--watch", "-q", "-f", "pdf"),
            folder / "cvbuild",
            folder / "cvbuild" / "cv.yaml",
            {"pdf": folder / "cvbuild" / "cv.pdf"},
            tools.env,
        )
    ]
    if tools.rendercv is not None:
        rcv = write(folder / "rendercv" / "cv.yaml", rendercv_yaml(8, mark=f" {MARK}"))
        pdf_name = FACTS["name"].replace(" ", "_") + "_CV.pdf"
        sessions.append(
            WatchSession(
                "RenderCV",
                tools.rendercv_cmd("render", "cv.yaml", "--watch", "-nomd", "-nohtml", "-nopng"),
                rcv.parent,
                rcv,
                {"pdf": rcv.parent / "rendercv_output" / pdf_name},
                tools.rcv_env,
            )
        )
    from bench_watch import run_paired

    run_paired(sessions, rounds, warmup)
    ours = Runs(wall=sessions[0].times["pdf"])
    theirs = Runs(wall=sessions[1].times["pdf"]) if len(sessions) > 1 else None
    return Row("watch: edit → new PDF", ours, theirs, unit="ms")


# ---------------------------------------------------------------- setup and report


def setup(work: Path, env: dict[str, str]) -> None:
    write(work / "two" / "cv.yaml", cvbuild_profile(8))
    write(work / "two" / "rendercv.yaml", rendercv_yaml(8))
    write(work / "many" / "cv.yaml", cvbuild_profile(200))
    write(work / "many" / "rendercv.yaml", rendercv_yaml(200))
    for i in range(1, 21):
        name = f"{FACTS['name']} {i:02d}"
        write(work / "batch" / f"cv{i:02d}.yaml", cvbuild_profile(8, name=name))
        write(work / "batch" / f"rcv{i:02d}.yaml", rendercv_yaml(8, name=name))
    make_site(work / "site", env)


def install_rendercv(venv: Path, python: str) -> Path:
    """RenderCV's executable in ``venv``, made with ``python -m venv`` and pip when missing."""
    exe = venv / "bin" / "rendercv"
    if not exe.exists():
        print(f"installing rendercv[full]=={RENDERCV_VERSION} into {venv} …", file=sys.stderr)
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"rendercv[full]=={RENDERCV_VERSION}"], check=True)
    return exe


def install_typst_packages(source: Path) -> None:
    """Copy ``source/preview`` into Typst's package cache (``$XDG_CACHE_HOME/typst/packages``), for offline use."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "typst" / "packages"
    for package in (source / "preview").iterdir():
        target = cache / "preview" / package.name
        if not target.exists():
            shutil.copytree(package, target)


def spread(values: list[float], scale: float) -> str:
    return f"{statistics.median(values) * scale:>9.3f}" if scale == 1 else f"{statistics.median(values) * scale:>9.0f}"


def print_table(table: list[Row], runs: int, warmup: int, vs: bool) -> None:
    print(f"{runs} counted runs of each after {warmup} warm-up, alternating; medians; whole processes\n")
    them = "RenderCV" if vs else ""
    print(
        f"{'path':<46} {'unit':<4} {'cvbuild':>9} {them:>9} {'ratio':>7} {'ratio min–max':>14} "
        f"{'cvbuild cpu':>11} {'peak MiB':>8}"
    )
    for row in table:
        scale = 1000.0 if row.unit == "ms" else 1.0
        ours = spread(row.ours.wall, scale)
        theirs = spread(row.theirs.wall, scale) if row.theirs else f"{'n/a' if vs else '':>9}"
        ratios = row.ratios()
        ratio = f"{statistics.median(ratios):>7.2f}" if ratios else f"{'':>7}"
        span = f"{min(ratios):>6.2f}–{max(ratios):<6.2f}" if ratios else f"{'':>13}"
        cpu = f"{statistics.median(row.ours.cpu):>11.3f}" if row.ours.cpu else f"{'':>11}"
        rss = f"{max(row.ours.rss):>8.0f}" if row.ours.rss else f"{'':>8}"
        print(f"{row.path:<46} {row.unit:<4} {ours} {theirs} {ratio} {span:>14} {cpu} {rss}")
    if vs:
        print("\nratio = cvbuild / RenderCV, pair by pair (below 1: cvbuild is faster); cpu in seconds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vs-rendercv", action="store_true", help="also time RenderCV on the same CV")
    parser.add_argument("--rendercv-venv", type=Path, default=Path(".venv-rendercv"), help="RenderCV's venv")
    parser.add_argument("--install", action="store_true", help="create the venv and install RenderCV if missing")
    parser.add_argument("--python", default="python3.12", help="the Python (>= 3.12) for RenderCV's venv")
    parser.add_argument("--typst-packages", type=Path, help="a copy of Typst packages (with preview/) to install")
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each command (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="runs not counted, first (default 1)")
    parser.add_argument("--watch-rounds", type=int, default=10, help="recorded edits per watch session (default 10)")
    parser.add_argument("--only", action="append", default=[], help="time only paths containing this text")
    options = parser.parse_args()

    rendercv: Path | None = None
    if options.vs_rendercv:
        venv = options.rendercv_venv.resolve()
        rendercv = install_rendercv(venv, options.python) if options.install else venv / "bin" / "rendercv"
        if not rendercv.exists():
            sys.exit(f"no RenderCV at {rendercv}: give --rendercv-venv DIR, or --install to create it")
        if options.typst_packages is not None:
            install_typst_packages(options.typst_packages)
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    with tempfile.TemporaryDirectory(prefix="cvbuild-bench-vs-") as tmp:
        work = Path(tmp)
        rcv_env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
        env["XDG_CACHE_HOME"] = str(work / "cache")
        setup(work, env)
        tools = Tools(work, rendercv, env, rcv_env)
        check_same_facts(tools)
        table = rows(tools, options.runs, options.warmup, options.watch_rounds, set(options.only))
    print_table(table, options.runs, options.warmup, rendercv is not None)


if __name__ == "__main__":
    main()
