"""Mangled input never crashes: every reader either loads or raises a located CvError.

Seeded random edits of real-shaped files (the example profile, the example .bib, homepage
page fragments); a few hundred cases run in a couple of seconds.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLE

from cvbuild.errors import CvError
from cvbuild.load.registry import load_profile
from cvbuild.resolve.sections import resolve

PAGE_PARTS = [
    "# Title\n", "## Education\n", "### Sub\n", "- item\n", "- [2023.09 - 2025.11] MSc, Some University\n",
    "  - nested detail\n", "<!-- comment\n", "-->\n", "<details>\n", "<summary>Hidden</summary>\n", "</details>\n",
    "{% comment %}\n", "{% endcomment %}\n", "{{ base_path }}\n", "| a | b |\n", "|---|---|\n",
    "| - x </br> - y | z |\n", "<ul><li>2020 a thing</li></ul>\n", "<script>x()</script>\n", "<style>p{}</style>\n",
    "**May 2025** news\n", ":microscope: hi\n", "Ã© mojibake\n", "中文课程\n", "![img](a.png)\n", "<img src=x>\n",
    "[Download CV](files/cv.pdf)\n", "\n", "A paragraph of prose.\n", "---\n", "```\ncode\n```\n", "<div>\n",
    "</div>\n", "> quote\n", "1. numbered\n", "- {2023.06-Now} thing\n", "- Sep 2023 – present role\n", "<br>\n",
    "&amp; &nbsp;\n", "- \n", "#\n", "<table><tr><td>2020</td><td>x</td></tr></table>\n", "$x^2$\n",
]  # fmt: skip
FRONT_MATTER = ["", "---\ntitle: About\n---\n", "---\nname: Ana Ruiz\n---\n", "---\nbad: [\n---\n", "---\n---\n"]


def _loads_or_explains(path: Path) -> None:
    try:
        resolve(load_profile(path).profile)
    except CvError as error:
        assert error.problems and all(problem.message for problem in error.problems)


@pytest.mark.parametrize("seed", range(3))
def test_homepage_pages_never_crash(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    for case in range(60):
        body = "".join(rng.choice(PAGE_PARTS) for _ in range(rng.randint(0, 30)))
        page = tmp_path / f"page{case}.md"
        page.write_text(rng.choice(FRONT_MATTER) + body, encoding="utf-8")
        _loads_or_explains(page)


def test_mangled_profiles_never_crash(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE.parent / "papers.bib", tmp_path)
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    inserts = ["  x: 1\n", "- \n", "    - [\n", "  tags: 5\n", "      date: 2020-13\n", "\t\n", "  <<: *a\n"]
    rng = random.Random(5)
    for case in range(120):
        mangled = list(lines)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(mangled))
            roll = rng.random()
            if roll < 0.3:
                del mangled[at]
            elif roll < 0.6:
                mangled[at] = mangled[at].replace(":", "", 1)
            elif roll < 0.8:
                mangled.insert(at, rng.choice(inserts))
            else:
                mangled[at] = mangled[at][: rng.randrange(len(mangled[at]) + 1)]
        profile = tmp_path / f"cv{case}.yaml"
        profile.write_text("".join(mangled), encoding="utf-8")
        _loads_or_explains(profile)


def test_mangled_bibtex_never_crashes(tmp_path: Path) -> None:
    source = (EXAMPLE.parent / "papers.bib").read_text(encoding="utf-8")
    profile = tmp_path / "cv.yaml"
    profile.write_text("person: {name: Elena Márquez}\nsections:\n  - title: Papers\n    bib: fz.bib\n")
    rng = random.Random(7)
    for _ in range(120):
        chars = list(source)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(chars))
            roll = rng.random()
            if roll < 0.4:
                del chars[at]
            elif roll < 0.7:
                chars.insert(at, rng.choice('{}@,="\\#%$^*~'))
            else:
                del chars[at : at + rng.randint(1, 50)]
        (tmp_path / "fz.bib").write_text("".join(chars), encoding="utf-8")
        _loads_or_explains(profile)
