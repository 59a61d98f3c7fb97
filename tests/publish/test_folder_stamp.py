"""``render -o DIR`` with nothing changed renders nothing: the stamp decides, before the pipeline loads.

Each run is a fresh ``python -X importtime -m cvbuild`` process, as a user's shell runs it;
``-X importtime`` lists every module the run loaded, so "rendered" means "imported
cvbuild.pipeline". Stamps go to a cache folder inside tmp_path (XDG_CACHE_HOME) outside git,
into ``.git/cvbuild/`` inside a repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import pdf_text, write

EPOCH = "1767225600"  # 2026-01-01
NEXT_MONTH = "1770000000"  # 2026-02-02: another "last updated" month

PROFILE = """\
person:
  name: Tamsin Achterberg
  headline: Research Fellow in Imaginary Glaciology
sections:
  - title: Positions
    entries:
      - title: Research Fellow
        organisation: Institute of Nowhere
        start: 2022-03
        end: present
  - title: Publications
    bib: refs.bib
"""

BIB = """\
@article{achterberg2024ice,
  title   = {Blue Ice in Theory},
  author  = {Achterberg, Tamsin},
  journal = {Journal of Invented Cold},
  year    = {2024},
}
"""


class Cvbuild:
    """Runs ``cvbuild render`` on one profile into one folder with one cache folder."""

    def __init__(self, tmp_path: Path, *, env: dict[str, str] | None = None) -> None:
        self.folder = tmp_path / "cv"
        self.profile = write(self.folder / "cv.yaml", PROFILE)
        write(self.folder / "refs.bib", BIB)
        self.out = tmp_path / "out"
        self.cache = tmp_path / "cache"
        self.env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "XDG_CACHE_HOME": str(self.cache), **(env or {})}

    def render(self, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess, bool]:
        """(the finished run, whether it loaded the pipeline, i.e. rendered)."""
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "cvbuild", "render", "cv.yaml", "-o", str(self.out), *args],
            cwd=self.folder,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=180,
        )
        rendered = "cvbuild.pipeline" in done.stderr
        # The CLI's own messages, without -X importtime's lines.
        done.stderr = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("import time:"))
        return done, rendered

    def mtimes(self) -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in sorted(self.out.iterdir())}


def test_second_render_writes_nothing_and_loads_no_renderer(tmp_path: Path) -> None:
    cv = Cvbuild(tmp_path)
    first, rendered = cv.render()
    assert first.returncode == 0 and rendered, first.stderr
    assert "Blue Ice in Theory" in pdf_text(cv.out / "cv.pdf")
    before = cv.mtimes()
    stamps = list((cv.cache / "cvbuild" / "stamps").glob("*.json"))
    assert len(stamps) == 1  # outside git: the user's cache folder, not the output folder
    assert sorted(p.name for p in cv.out.iterdir()) == ["cv.html", "cv.pdf"]

    second, rendered = cv.render()
    assert second.returncode == 0, second.stderr
    assert not rendered
    for module in ("cvbuild.pipeline", "cvbuild.model", "jinja2", "weasyprint"):
        assert f"| {module}\n" not in second.stderr + "\n", module
    assert cv.mtimes() == before
    assert f"{cv.out / 'cv.pdf'}: unchanged (" in second.stdout and "pages" in second.stdout
    assert f"{cv.out / 'cv.html'}: unchanged" in second.stdout

    check, rendered = cv.render("--check")
    assert check.returncode == 0 and not rendered
    assert "up to date" in check.stdout


def test_every_ingredient_change_renders_again(tmp_path: Path) -> None:
    cv = Cvbuild(tmp_path)
    assert cv.render("-f", "html")[1]
    assert not cv.render("-f", "html")[1]

    write(cv.profile, PROFILE.replace("Research Fellow in", "Senior Fellow in"))  # the profile
    stale, rendered = cv.render("-f", "html", "--check")
    assert stale.returncode == 1 and rendered and "cv.html: out of date" in stale.stdout
    done, rendered = cv.render("-f", "html")
    assert rendered and "cv.html: written" in done.stdout
    assert "Senior Fellow" in (cv.out / "cv.html").read_text(encoding="utf-8")
    assert not cv.render("-f", "html")[1]

    write(cv.folder / "refs.bib", BIB.replace("Blue Ice", "Black Ice"))  # a .bib the profile reads
    done, rendered = cv.render("-f", "html")
    assert rendered and "Black Ice" in (cv.out / "cv.html").read_text(encoding="utf-8")
    assert not cv.render("-f", "html")[1]

    done, rendered = cv.render("-f", "html", env={"SOURCE_DATE_EPOCH": NEXT_MONTH})  # the CV's date
    assert rendered and "cv.html: written" in done.stdout
    assert not cv.render("-f", "html", env={"SOURCE_DATE_EPOCH": NEXT_MONTH})[1]

    (cv.out / "cv.html").unlink()  # a deleted output is not vouched for
    done, rendered = cv.render("-f", "html", env={"SOURCE_DATE_EPOCH": NEXT_MONTH})
    assert rendered and (cv.out / "cv.html").is_file()

    (cv.out / "cv.html").write_text("edited by hand", encoding="utf-8")  # an output changed by someone
    assert cv.render("-f", "html", env={"SOURCE_DATE_EPOCH": NEXT_MONTH})[1]
    assert "Black Ice" in (cv.out / "cv.html").read_text(encoding="utf-8")

    assert cv.render("-f", "html", "--name", "other", env={"SOURCE_DATE_EPOCH": NEXT_MONTH})[1]  # another job


def test_an_edited_theme_renders_again(tmp_path: Path) -> None:
    cv = Cvbuild(tmp_path)
    made = subprocess.run(
        [sys.executable, "-m", "cvbuild", "theme", "new", "mine"], cwd=cv.folder, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    assert cv.render("-f", "html", "--theme", "./mine")[1]
    assert not cv.render("-f", "html", "--theme", "./mine")[1]
    css = next((cv.folder / "mine").glob("style.css*"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* a theme edit */\nbody { letter-spacing: 0.01em; }\n")
    done, rendered = cv.render("-f", "html", "--theme", "./mine")
    assert rendered and done.returncode == 0, done.stderr
    assert "letter-spacing: 0.01em" in (cv.out / "cv.html").read_text(encoding="utf-8")


def test_a_broken_stamp_counts_as_missing(tmp_path: Path) -> None:
    cv = Cvbuild(tmp_path)
    assert cv.render("-f", "html")[1]
    [stamp] = (cv.cache / "cvbuild" / "stamps").glob("*.json")
    for broken in ("{not json", '{"job": 5, "inputs": "x"}', "[]", ""):
        stamp.write_text(broken, encoding="utf-8")
        done, rendered = cv.render("-f", "html")
        assert done.returncode == 0 and rendered, (broken, done.stderr)
        assert not cv.render("-f", "html")[1]  # the render wrote a good stamp again


def test_warnings_are_shown_again_when_nothing_changed(tmp_path: Path) -> None:
    cv = Cvbuild(tmp_path)
    write(cv.folder / "refs.bib", BIB + "\n@article{broken,\n  title = {No Year or Author},\n")
    first, rendered = cv.render("-f", "html")
    assert rendered and "warning:" in first.stderr
    second, rendered = cv.render("-f", "html")
    assert not rendered
    assert [line for line in second.stderr.splitlines() if line.startswith("warning:")] == [
        line for line in first.stderr.splitlines() if line.startswith("warning:")
    ]


def test_inside_git_the_stamp_lives_in_the_git_folder(tmp_path: Path) -> None:
    cv = Cvbuild(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, capture_output=True)
    assert cv.render("-f", "html")[1]
    assert len(list((tmp_path / ".git" / "cvbuild").glob("*.json"))) == 1
    assert not (cv.cache / "cvbuild" / "stamps").exists()
    assert not cv.render("-f", "html")[1]
