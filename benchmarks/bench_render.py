"""Whole-process timings of the commands a user runs, on the shipped example.

Prints a table: median wall time of several fresh processes and peak memory (max RSS).
Run:  python benchmarks/bench_render.py [--runs 5] [--profile examples/academic/cv.yaml]
Targets (2-core machine): --help and validate <= 0.15 s, render (PDF + HTML) <= 1.5 s, <= 150 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs the CLI in the child and reports its own peak RSS on exit (ru_maxrss is in KiB on Linux).
RUNNER = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: sys.stderr.write(f'\\nMAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
    "from cvbuild.app.cli import main\n"
    "sys.argv = ['cvbuild'] + sys.argv[1:]\n"
    "main()\n"
)


def measure(args: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    times, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"cvbuild {' '.join(args)} failed:\n{done.stderr}")
        rss.append(int(done.stderr.rsplit("MAXRSS", 1)[1]) / 1024)
    return statistics.median(times), min(times), max(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, default=ROOT / "examples" / "academic" / "cv.yaml")
    options = parser.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    with tempfile.TemporaryDirectory() as out:
        cases = [
            ("cvbuild --help", ["--help"]),
            ("cvbuild validate", ["validate", str(options.profile)]),
            ("cvbuild render (PDF+HTML, writes)", ["render", str(options.profile), "-o", out]),
            ("cvbuild render -f html", ["render", str(options.profile), "-o", out, "-f", "html"]),
        ]
        print(f"{'command':<36} {'median s':>9} {'min s':>7} {'peak MB':>8}")
        for label, args in cases:
            if "render (PDF" in label:  # cold: outputs removed before every run
                for f in Path(out).glob("cv.*"):
                    f.unlink()
            median, best, peak = measure(args, options.runs, env)
            print(f"{label:<36} {median:>9.3f} {best:>7.3f} {peak:>8.1f}")
        pdf = Path(out) / "cv.pdf"
        if pdf.exists():
            print(f"\nexample PDF: {pdf.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
