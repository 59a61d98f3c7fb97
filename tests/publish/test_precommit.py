"""The pre-commit hook, run by the real pre-commit against this checkout.

pre-commit installs the hook from a git repository: it builds a virtualenv and pip-installs
the repository (and cvbuild's dependencies from PyPI) into it. We give it this checkout as it
is on disk: ``pre-commit try-repo <checkout>`` on a dirty tree only carries *tracked* changes
(it copies them with ``git add -u`` into a shadow repo), so a new, not yet committed file such
as ``.pre-commit-hooks.yaml`` itself would be missing. The test therefore commits a snapshot of
the working tree (every file git does not ignore) into a throwaway repository and points
pre-commit at that.

``try-repo`` always builds a fresh hook environment (~10 s), so it runs once; the other runs
use ``pre-commit run`` with one PRE_COMMIT_HOME shared across the module (environment built
once, then < 1 s per run). Needs PyPI: marked ``network`` and skipped when it is unreachable.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import ROOT, write

pytestmark = pytest.mark.network

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}

PROFILE = """\
person:
  name: Tomasz Okonkwo-Lind
  headline: Postdoctoral Researcher in Glaciology
  email: tomasz@example.org
sections:
  - title: Education
    entries:
      - title: PhD in Earth Sciences
        organisation: University of Somewhere
        start: 2018
        end: 2023
"""


def _pypi_reachable() -> bool:
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/")
    url = urlparse(index)
    try:
        with socket.create_connection((url.hostname or "pypi.org", url.port or 443), timeout=5):
            return True
    except OSError:
        return False


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout's working tree, committed into a throwaway repository: (path, commit)."""
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed")
    if not _pypi_reachable():
        pytest.skip("PyPI is unreachable: pre-commit cannot build the hook environment")
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listing = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file():  # tracked files deleted in the working tree are skipped
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot of the cvbuild checkout")
    return snapshot, git(snapshot, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def shape(kind: str, root: Path) -> Path:
    """A site repository as each template has it, with cv.yaml at the root, committed."""
    if kind == "academicpages":
        write(root / "_config.yml", "title: T\nauthor:\n  name: T\n  googlescholar: x\ninclude: [_pages, files]\n")
        write(root / "_includes" / "base_path", "{% assign base_path = site.url | append: site.baseurl %}\n")
        write(root / "_pages" / "cv.md", "---\npermalink: /cv/\n---\n{% include cv-download.html %}\n")
        write(root / "files" / "paper1.pdf", "%PDF-1.4 a paper\n")
    elif kind == "al-folio":
        write(root / "_config.yml", "first_name: Tomasz\nlast_name: Okonkwo-Lind\n")
        write(root / "_pages" / "cv.md", "---\nlayout: cv\ntitle: cv\ncv_pdf: example_pdf.pdf\n---\n")
        write(root / "assets" / "pdf" / "example_pdf.pdf", "%PDF-1.4 the template's example\n")
    else:
        write(root / "hugo.toml", 'title = "T"\n')
        write(root / "content" / "_index.md", "---\ntitle: Home\n---\n")
        write(root / "static" / "favicon.ico", "icon\n")
    write(root / "cv.yaml", PROFILE)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "site")
    return root


def pre_commit(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("SOURCE_DATE_EPOCH", None)  # as on a user's machine: dates come from git
    return subprocess.run(["pre-commit", *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)


def use_hook(root: Path, repo: tuple[Path, str]) -> None:
    """The four lines a user adds to .pre-commit-config.yaml (pre-commit wants it staged)."""
    write(
        root / ".pre-commit-config.yaml",
        f"repos:\n  - repo: {repo[0]}\n    rev: {repo[1]}\n    hooks:\n      - id: cvbuild\n",
    )
    git(root, "add", ".pre-commit-config.yaml")


def test_try_repo_fails_then_passes_once_staged(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    root = shape("academicpages", tmp_path / "site")
    first = pre_commit(root, pre_commit_home, "try-repo", str(hook_repo[0]), "cvbuild", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were created or changed" in first.stdout
    assert (root / "files" / "cv.pdf").read_bytes().startswith(b"%PDF")
    assert "?? files/cv.pdf" in git(root, "status", "--porcelain")  # new, untracked: the hook itself said so
    git(root, "add", "-A")
    use_hook(root, hook_repo)
    second = pre_commit(root, pre_commit_home, "run", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr


@pytest.mark.parametrize("kind", ["academicpages", "al-folio", "hugo"])
def test_hook_settles_in_each_site_kind(
    tmp_path: Path, kind: str, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    root = shape(kind, tmp_path / "site")
    use_hook(root, hook_repo)
    pdf = {"academicpages": "files/cv.pdf", "al-folio": "assets/pdf/cv.pdf", "hugo": "static/uploads/resume.pdf"}[kind]

    first = pre_commit(root, pre_commit_home, "run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert f"site: {kind}" in first.stdout
    assert (root / pdf).is_file()
    git(root, "add", "-A")
    settled = pre_commit(root, pre_commit_home, "run", "--all-files")
    assert settled.returncode == 0, settled.stdout + settled.stderr
    git(root, "commit", "-q", "-m", "CV")
    if kind == "al-folio":
        assert "cv_pdf: cv.pdf\n" in (root / "_pages" / "cv.md").read_text()
    unchanged = pre_commit(root, pre_commit_home, "run", "--all-files")  # decided by the stamp, no render
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    assert git(root, "status", "--porcelain") == ""
    if kind != "academicpages":
        return  # the edit cycle below is the same for every kind; run it once to keep this file fast

    write(root / "cv.yaml", PROFILE.replace("Postdoctoral Researcher", "Research Fellow"))
    git(root, "add", "cv.yaml")
    changed = pre_commit(root, pre_commit_home, "run")  # as on `git commit`: only staged files count
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert pdf in git(root, "status", "--porcelain")
    git(root, "add", "-A")
    assert pre_commit(root, pre_commit_home, "run").returncode == 0
    git(root, "commit", "-q", "-m", "new headline")

    git(root, "rm", "-q", pdf)  # the PDF deleted on purpose or by mistake: the button must not link nothing
    deleted = pre_commit(root, pre_commit_home, "run")
    assert deleted.returncode == 1, deleted.stdout + deleted.stderr
    assert (root / pdf).read_bytes().startswith(b"%PDF")
    git(root, "add", "-A")
    assert pre_commit(root, pre_commit_home, "run").returncode == 0
