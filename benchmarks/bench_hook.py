"""How long does the pre-commit hook take when there is nothing to do?

The hook runs on every commit that touches the profile, and almost always finds the site current,
so its no-op (a stamp check: hash the inputs, import neither WeasyPrint nor the model) must cost
little more than starting Python. This script builds a throwaway git repository shaped like an
academicpages site (``_config.yml`` mentioning academicpages, ``_pages/``, ``files/``) with the
shipped example's ``cv.yaml`` and ``papers.bib`` at its root, runs ``cvbuild hook`` once to publish
(exit 1: files were created, as pre-commit expects), commits, checks that the next run is a no-op,
and then times that no-op against ``python -c pass`` as the baseline (interpreter start).

Each run is a fresh process; the two commands alternate (A B A B …) so drift on a shared machine
hits both alike, and the ratio is taken pair by pair. Wall time from time.perf_counter, CPU time and
peak memory from the kernel's accounting of the finished child (os.wait4). Prints min/median/max.

Run:  python benchmarks/bench_hook.py [--runs 20] [--warmup 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "academic"
EPOCH = "1767225600"  # 2026-01-01: the CV's date, so every run renders the same bytes
GIT_IDENTITY = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]


@dataclass
class Runs:
    wall: list[float] = field(default_factory=list)  # seconds
    cpu: list[float] = field(default_factory=list)  # user + sys seconds
    rss: list[float] = field(default_factory=list)  # peak resident memory, MB


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *GIT_IDENTITY, *args], cwd=repo, check=True, capture_output=True, text=True)


def make_site(root: Path) -> None:
    """An academicpages-shaped site with the example profile at its root, committed."""
    (root / "_config.yml").write_text(
        "# Site settings for the academicpages template (https://github.com/academicpages/academicpages.github.io)\n"
        "title: Bench Researcher\nauthor:\n  name: Bench Researcher\n  googlescholar: abc123\n"
        "include: [_pages, files]\n",
        encoding="utf-8",
    )
    (root / "_includes").mkdir()
    (root / "_includes" / "base_path").write_text(
        "{% assign base_path = site.url | append: site.baseurl %}\n", encoding="utf-8"
    )
    (root / "_pages").mkdir()
    (root / "_pages" / "cv.md").write_text(
        "---\npermalink: /cv/\ntitle: CV\n---\n{% include cv-download.html %}\n", encoding="utf-8"
    )
    (root / "files").mkdir()
    (root / "files" / "paper1.pdf").write_bytes(b"%PDF-1.4 a paper the site already links\n")
    shutil.copyfile(EXAMPLE / "cv.yaml", root / "cv.yaml")
    shutil.copyfile(EXAMPLE / "papers.bib", root / "papers.bib")
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "site")


def hook(site: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cvbuild", "hook", *args], cwd=site, env=env, capture_output=True, text=True
    )


def run_once(argv: list[str], cwd: Path, env: dict[str, str], runs: Runs) -> None:
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    if child.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {child.returncode} during timing; run it by hand in {cwd}")
    runs.wall.append(wall)
    runs.cpu.append(usage.ru_utime + usage.ru_stime)
    runs.rss.append(usage.ru_maxrss / 1024)  # KiB on Linux


def spread(values: list[float], unit: str, digits: int) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low:>8.{digits}f} {mid:>8.{digits}f} {high:>8.{digits}f}  {unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="counted runs of each command (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="runs of each command not counted, first (default 2)")
    options = parser.parse_args()
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    with tempfile.TemporaryDirectory(prefix="cvbuild-bench-hook-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        make_site(site)

        start = time.perf_counter()
        first = hook(site, env)
        publish_s = time.perf_counter() - start
        if first.returncode != 1:  # 1: files were created, as pre-commit expects on the first run
            sys.exit(f"the first hook run should publish and exit 1, got {first.returncode}:\n{first.stderr}")
        git(site, "add", "-A")
        git(site, "commit", "-q", "-m", "publish the CV")
        check = hook(site, env, "--verbose")
        if check.returncode != 0 or "up to date" not in check.stdout + check.stderr:
            sys.exit(f"the second hook run is not a stamp no-op (exit {check.returncode}):\n{check.stderr}")
        published = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file() and ".git" not in p.parts)

        commands = {
            "cvbuild hook (no-op)": [sys.executable, "-m", "cvbuild", "hook"],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        results = {label: Runs() for label in commands}
        for _ in range(options.warmup):
            for argv in commands.values():
                run_once(argv, site, env, Runs())
        for _ in range(options.runs):  # A B A B …: drift hits both commands alike
            for label, argv in commands.items():
                run_once(argv, site, env, results[label])

    hook_runs, base_runs = results["cvbuild hook (no-op)"], results["python -c pass"]
    ratios = [a / b for a, b in zip(hook_runs.wall, base_runs.wall, strict=True)]
    extra = [a - b for a, b in zip(hook_runs.wall, base_runs.wall, strict=True)]
    print(f"site: academicpages shape, {len(published)} files after publishing: {', '.join(published)}")
    print(f"first hook run (publish, exit 1): {publish_s:.2f} s")
    print(f"{options.runs} counted runs each after {options.warmup} warm-up, alternating; whole processes\n")
    print(f"{'command':<24} {'figure':<10} {'min':>8} {'median':>8} {'max':>8}")
    for label, runs in results.items():
        print(f"{label:<24} {'wall':<10} {spread(runs.wall, 's', 3)}")
        print(f"{'':<24} {'cpu':<10} {spread(runs.cpu, 's', 3)}")
        print(f"{'':<24} {'peak RSS':<10} {spread(runs.rss, 'MB', 1)}")
    print(f"{'hook / baseline':<24} {'wall ratio':<10} {spread(ratios, 'x', 2)}")
    print(f"{'hook - baseline':<24} {'wall':<10} {spread(extra, 's', 3)}")
    # Linux counts the forked child's memory before exec too, i.e. this script's own: no figure goes below it.
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS floor (this script's own size, counted before exec): about {floor:.1f} MB")


if __name__ == "__main__":
    main()
