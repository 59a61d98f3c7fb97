"""render --watch re-renders on an edit of the profile, and keeps going after a bad edit."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from helpers import pdf_text, write

PROFILE = (
    "person: {name: Wren Okafor}\nsections:\n  - title: Awards\n    items:\n      - {date: 2024, text: First Award}\n"
)


def _until(check: Callable[[], bool], proc: subprocess.Popen, output: list[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        assert proc.poll() is None, "watch exited:\n" + "".join(output)
        time.sleep(0.1)
    raise AssertionError("timed out; output:\n" + "".join(output))


def test_watch_rerenders_after_edits(tmp_path: Path) -> None:
    profile = write(tmp_path / "cv.yaml", PROFILE)
    pdf = tmp_path / "cv.pdf"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cvbuild", "render", "cv.yaml", "--watch", "-f", "pdf"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(iter(proc.stdout.readline, "")), daemon=True).start()

    def pdf_says(words: str) -> Callable[[], bool]:
        return lambda: pdf.exists() and words in pdf_text(pdf)

    try:
        _until(pdf_says("First Award"), proc, output)
        write(profile, PROFILE.replace("First Award", "Second Award"))
        _until(pdf_says("Second Award"), proc, output)
        write(profile, PROFILE.replace("date: 2024", "date: Smarch 2024"))  # a bad edit: reported, not fatal
        _until(lambda: any("unknown month 'Smarch'" in line for line in output), proc, output)
        assert "Second Award" in pdf_text(pdf)  # the last good PDF stays
        write(profile, PROFILE.replace("First Award", "Third Award"))
        _until(pdf_says("Third Award"), proc, output)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


BIB = """\
@article{okafor2024,
  title = {Rivers of Glass},
  author = {Okafor, Wren},
  journal = {J. Invented Rivers},
  year = {2024},
}
"""


def test_watch_follows_a_bib_file_added_in_a_subfolder(tmp_path: Path) -> None:
    """The set of inputs grows mid-session: the watcher then watches the new file's folder too."""
    profile = write(tmp_path / "cv.yaml", PROFILE)
    write(tmp_path / "refs" / "papers.bib", BIB)
    html = tmp_path / "cv.html"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cvbuild", "render", "cv.yaml", "--watch", "-f", "html"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(iter(proc.stdout.readline, "")), daemon=True).start()

    def html_says(words: str) -> Callable[[], bool]:
        return lambda: html.exists() and words in html.read_text(encoding="utf-8")

    try:
        _until(html_says("First Award"), proc, output)
        write(profile, PROFILE + "  - title: Publications\n    bib: refs/papers.bib\n")
        _until(html_says("Rivers of Glass"), proc, output)
        write(tmp_path / "refs" / "papers.bib", BIB.replace("Rivers of Glass", "Lakes of Ice"))
        _until(html_says("Lakes of Ice"), proc, output)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
