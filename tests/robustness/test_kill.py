"""State left behind by an earlier run: a render killed at a random moment, and a corrupted hook stamp.

A render writes every output to a temp file beside it and renames them all at the end, so a
``SIGKILL`` at any moment must leave either the old pair of outputs or the new pair, and the next
run removes the temp files a killed run left. The hook's stamp (``.git/cvbuild/*.json``) is a cache:
whatever it holds (wrong types, garbage, a folder), the hook treats it as missing and renders.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import run_cli
from hostile import TEMP_PATTERN, Case, Corpus, params

OLD = """\
person:
  name: Sigrun Abernethy-Oduya
  email: sigrun@example.org
sections:
  - title: Education
    entries:
      - {title: MSc in Imaginary Geology, organisation: University of Nowhere, start: 2012, end: 2014}
"""
NEW = (
    OLD
    + """\
  - title: Awards
    items:
      - {date: 2021, text: "**Best Talk**, Fictional Rock Symposium"}
      - {date: 2019, text: "Travel grant, Imaginary Society of Stones"}
"""
)
KILLS = 20


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hashes(out: Path) -> tuple[str, str]:
    return _sha256(out / "cv.pdf"), _sha256(out / "cv.html")


def _clean_render(folder: Path, profile: str) -> tuple[tuple[str, str], float]:
    """Render ``profile`` as ``folder/cv.yaml`` into ``folder/out``: the pair's hashes and how long it took."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cv.yaml").write_text(profile, encoding="utf-8")
    started = time.monotonic()
    result = run_cli("render", "cv.yaml", "-o", "out", cwd=folder)
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    return _hashes(folder / "out"), took


def test_a_killed_render_leaves_the_old_pair_or_the_new_pair(tmp_path: Path) -> None:
    """20 renders killed with SIGKILL after a random delay (seeded) between 0.2 s and a render's duration."""
    old_pair, _ = _clean_render(tmp_path / "old", OLD)
    new_pair, duration = _clean_render(tmp_path / "new", NEW)
    assert old_pair != new_pair
    work = tmp_path / "work"
    (work / "out").mkdir(parents=True)
    (work / "cv.yaml").write_text(NEW, encoding="utf-8")
    rng = random.Random(20240611)
    seen: list[str] = []
    for _ in range(KILLS):
        for name in ("cv.pdf", "cv.html"):
            (work / "out" / name).write_bytes((tmp_path / "old" / "out" / name).read_bytes())
        process = subprocess.Popen(
            [sys.executable, "-m", "cvbuild", "render", "cv.yaml", "-o", "out"],
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, max(duration, 0.3)))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        pair = _hashes(work / "out")
        assert pair in (old_pair, new_pair), f"a mixed or broken pair after kill {len(seen) + 1}: {seen}"
        seen.append("old" if pair == old_pair else "new")
    result = run_cli("render", "cv.yaml", "-o", "out", cwd=work)
    assert result.returncode == 0, result.stderr
    assert _hashes(work / "out") == new_pair
    assert not sorted(p.name for p in work.rglob(TEMP_PATTERN)), f"temp files left after a clean run ({seen})"


SITE = {  # academicpages-shaped, with the profile at its root
    "_config.yml": "# academicpages: a fictional site\ntitle: Sigrun\nauthor:\n  name: Sigrun Abernethy-Oduya\n",
    "_pages/about.md": "---\ntitle: About\npermalink: /\n---\nHello, I study imaginary rocks.\n",
    "files/notes.txt": "a file of the site\n",
    "cv.yaml": NEW,
}


def _stamped(corrupt: bytes | Callable[[Path], None]) -> Callable[[Path], None]:
    """Set-up: run the hook once (it publishes and stores its stamp), then overwrite the stamp with ``corrupt``
    (bytes, or a callable that gets the stamp's path)."""

    def setup(work: Path) -> None:
        first = run_cli("hook", cwd=work)
        assert first.returncode == 1 and "files were created or changed" in first.stderr, first.stderr
        [stamp] = (work / ".git" / "cvbuild").glob("*.json")
        if isinstance(corrupt, bytes):
            stamp.write_bytes(corrupt)
        else:
            corrupt(stamp)

    return setup


def _truncate(stamp: Path) -> None:
    stamp.write_bytes(stamp.read_bytes()[: len(stamp.read_bytes()) // 2])


def _folder(stamp: Path) -> None:
    stamp.unlink()
    stamp.mkdir()


def _wrong_inner_types(stamp: Path) -> None:
    data = json.loads(stamp.read_text(encoding="utf-8"))
    data["inputs"] = {path: 5 for path in data["inputs"]}
    data["outputs"] = {path: None for path in data["outputs"]}
    stamp.write_text(json.dumps(data), encoding="utf-8")


WRONG_TYPES = b'{"inputs": 5, "outputs": null, "trees": [], "job": "x", "date": 7, "fonts": {}, "version": null}'
CORRUPTIONS: dict[str, bytes | Callable[[Path], None]] = {
    "wrong-types": WRONG_TYPES,
    "wrong-types-inside-the-maps": _wrong_inner_types,
    "garbage": b"\x00\xff\xfe\x89PNG not a stamp \x1b[2J",
    "empty": b"",
    "a-list": b"[1, 2, 3]",
    "nested-100000-deep": b"[" * 100_000 + b"]" * 100_000,
    "truncated": _truncate,
    "a-folder": _folder,
}
TODAY: dict[str, str] = {}  # cases that fail today, with what happens (none left)
STAMP_CASES = [
    Case(
        f"stamp-{name}",
        SITE,
        ("hook",),
        code=0,
        git=(".",),
        setup=_stamped(corrupt),
        writes=".git/cvbuild",
        xfail=TODAY.get(name, ""),
    )
    for name, corrupt in CORRUPTIONS.items()
]


@pytest.mark.parametrize("case", params(STAMP_CASES))
def test_a_corrupted_stamp_is_treated_as_missing(case: Case, corpus: Corpus) -> None:
    """The hook does not trust or crash on its cache: it renders in memory, finds the site current (exit 0)
    and, where it can, stores a good stamp again."""
    ran = corpus.judge(case)
    stamps = [p for p in (ran.work / ".git" / "cvbuild").glob("*.json") if p.is_file()]
    for stamp in stamps:
        assert isinstance(json.loads(stamp.read_text(encoding="utf-8"))["inputs"], dict)
    again = run_cli("hook", cwd=ran.work)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
