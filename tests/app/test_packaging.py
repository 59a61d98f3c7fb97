"""Packaging as for a PyPI release: the wheel holds what a render needs, the sdist what the tests need,
and a render works from the wheel installed in a clean virtual environment."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import EXAMPLE, ROOT, pdf_text

pytestmark = pytest.mark.network  # the clean venv installs cvbuild's dependencies from the package index


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


def test_the_wheel_holds_everything_a_render_reads(dist: Path) -> None:
    [wheel] = dist.glob("cvbuild-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    needed = [
        "cvbuild/py.typed",
        "cvbuild/assets/starter.yaml",
        "cvbuild/assets/fonts/CvbuildSerif-Regular.ttf",
        "cvbuild/render/themes/_base/cv.html.j2",
        "cvbuild/i18n/words/en.yaml",
        "cvbuild/i18n/words/zh.yaml",
    ]
    needed += [f"cvbuild/render/themes/{t}/theme.yaml" for t in ("classic", "modern", "compact", "sidebar")]
    assert [n for n in needed if n not in names] == []
    assert any(n.endswith("/LICENSE") for n in names) and any("OFL" in n for n in names)
    metadata = next(zipfile.ZipFile(wheel).read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    for field in ("License-Expression: MIT", "Classifier: Intended Audience :: Science/Research", "Project-URL:"):
        assert field in metadata
    entry_points = next(zipfile.ZipFile(wheel).read(n).decode() for n in names if n.endswith("entry_points.txt"))
    assert "cvbuild = cvbuild.app.cli:main" in entry_points


def test_the_sdist_holds_what_the_tests_read(dist: Path) -> None:
    [sdist] = dist.glob("cvbuild-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "LICENSE",
        "README.md",
        "action.yml",
        "cv.schema.json",
        ".pre-commit-hooks.yaml",
        "docs/ci/github-artifact.yml",
        "docs/themes.md",
        "examples/academic/cv.yaml",
        "tests/helpers.py",
        "tests/fixtures/json/resume.json",
        "scripts/setup-system.sh",
        ".ci/run",
    ):
        assert needed in names, needed


def test_a_render_from_the_wheel_in_a_clean_venv(dist: Path, tmp_path: Path) -> None:
    [wheel] = dist.glob("cvbuild-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, clear=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    out = tmp_path / "out"
    clean = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1767225600", "HOME": str(tmp_path)}  # no PYTHONPATH
    result = subprocess.run(
        [str(env_dir / "bin" / "cvbuild"), "render", str(EXAMPLE), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=clean,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Elena Márquez" in " ".join(pdf_text(out / "cv.pdf").split())
    where = subprocess.run(
        [str(python), "-c", "import cvbuild; print(cvbuild.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean,
    ).stdout
    assert where.startswith(str(env_dir))  # the wheel's copy, not this checkout
