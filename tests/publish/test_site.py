"""Publishing into a website: each site kind gets the PDF and the link where it expects them.

Sites are shaped in tmp_path the way the real templates are (academicpages, al-folio, Hugo
Blox), the CV is really rendered, and the PDFs are read back.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import pdf_text, run_cli, write
from pypdf import PdfReader

from cvbuild.errors import CvError
from cvbuild.publish.site.alfolio import set_cv_pdf
from cvbuild.publish.site.config import find_hook_config
from cvbuild.publish.site.detect import detect_site
from cvbuild.publish.site.kinds import SiteOptions
from cvbuild.publish.site.publish import publish_site
from cvbuild.publish.site.snippets import human_size

EPOCH = "1780000000"  # 2026-05-28

PROFILE = """\
person:
  name: Ingrid Vasquez-Holm
  headline: Lecturer in Marine Ecology
  email: ingrid@example.org
sections:
  - title: Positions
    entries:
      - title: Lecturer
        organisation: University of Nowhere
        start: 2021-01
        end: present
  - title: Publications
    bib: refs.bib
"""

BIB = """\
@article{holm2023kelp,
  title   = {Kelp Forests in Cold Water},
  author  = {Vasquez-Holm, Ingrid and Berg, Tove},
  journal = {Journal of Imaginary Oceans},
  year    = {2023},
}
"""

ALFOLIO_CV_PAGE = (
    "---\r\n"
    "layout: cv\r\n"
    "permalink: /cv/\r\n"
    "title: cv\r\n"
    "nav: true\r\n"
    "cv_pdf: /assets/pdf/example_pdf.pdf # you can also use external links here\r\n"
    "description: This is a description of the page. cv_pdf: is not touched here.\r\n"
    "toc:\r\n"
    "  sidebar: left\r\n"
    "---\r\n"
    "\r\n"
    "Some text the user wrote. cv_pdf: /elsewhere.pdf\r\n"
)


# ---------------------------------------------------------------- shaping sites


def academicpages(root: Path) -> Path:
    write(
        root / "_config.yml", "title: Ingrid\nauthor:\n  name: Ingrid\n  googlescholar: abc\ninclude: [_pages, files]\n"
    )
    write(root / "_includes" / "base_path", "{% assign base_path = site.url | append: site.baseurl %}\n")
    write(root / "_pages" / "cv.md", "---\npermalink: /cv/\ntitle: CV\n---\n{% include base_path %}\n")
    (root / "files").mkdir()
    return root


def alfolio(root: Path) -> Path:
    write(root / "_config.yml", "first_name: Ingrid\nmiddle_name:\nlast_name: Holm\nemail: ingrid@example.org\n")
    (root / "assets" / "pdf").mkdir(parents=True)
    (root / "_pages").mkdir()
    (root / "_pages" / "cv.md").write_bytes(ALFOLIO_CV_PAGE.encode())
    return root


def hugo(root: Path) -> Path:
    write(root / "hugo.yaml", "title: Ingrid\nmodule:\n  imports:\n    - path: github.com/HugoBlox/hugo-blox-builder\n")
    write(root / "content" / "authors" / "admin" / "_index.md", "---\ntitle: Ingrid\n---\n")
    (root / "static").mkdir()
    return root


def with_profile(root: Path) -> Path:
    write(root / "cv.yaml", PROFILE)
    write(root / "refs.bib", BIB)
    return root / "cv.yaml"


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


# ---------------------------------------------------------------- detection


def test_detection_by_the_files_each_kind_has(tmp_path: Path) -> None:
    assert detect_site(academicpages(tmp_path / "a")).kind == "academicpages"
    assert detect_site(alfolio(tmp_path / "b")).kind == "al-folio"
    found = detect_site(hugo(tmp_path / "c"))
    assert found.kind == "hugo" and "hugo.yaml" in found.describe()


def test_not_a_site_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    with pytest.raises(CvError, match="does not look like a website") as info:
        detect_site(tmp_path / "notes")
    assert "--pdf-path" in info.value.problems[0].hint
    write(tmp_path / "plain" / "_config.yml", "title: a plain Jekyll blog\n")
    with pytest.raises(CvError, match="neither academicpages nor al-folio"):
        detect_site(tmp_path / "plain")


# ---------------------------------------------------------------- publishing per kind


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Each kind published once (real renders), shared by the asserts below."""
    with pytest.MonkeyPatch.context() as patch:  # module scope; restored after the module's tests
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        base = tmp_path_factory.mktemp("sites")
        sites = {
            "academicpages": academicpages(base / "ap"),
            "al-folio": alfolio(base / "af"),
            "hugo": hugo(base / "hb"),
        }
        for kind, root in sites.items():
            profile = with_profile(root)
            result = publish_site(profile, root, SiteOptions(html_page=kind == "academicpages"), use_stamp=False)
            assert result.detection.kind == kind
        generic = base / "plain"
        profile = with_profile(generic)
        publish_site(profile, generic, SiteOptions(pdf_path="docs/cv.pdf", link_base="https://ingrid.example.org/"))
        sites["generic"] = generic
        yield sites


def test_academicpages_pdf_and_button(published: dict[str, Path]) -> None:
    root = published["academicpages"]
    pdf = root / "files" / "cv.pdf"
    assert "Ingrid Vasquez-Holm" in pdf_text(pdf) and "Kelp Forests in Cold Water" in pdf_text(pdf)
    snippet = (root / "_includes" / "cv-download.html").read_text()
    assert "generated by cvbuild" in snippet
    assert 'href="{{ base_path }}/files/cv.pdf" class="btn btn--primary"' in snippet
    assert "Download CV (PDF)" in snippet
    assert f"PDF, {human_size(pdf.stat().st_size)}" in snippet
    assert '<time datetime="2026-05">May 2026</time>' in snippet
    web = (root / "files" / "cv.html").read_text()  # --html-page: the web CV, served as /files/cv.html
    assert web.startswith("<!DOCTYPE html>") and "generated by cvbuild" in web and "Ingrid Vasquez-Holm" in web
    assert '{{ base_path }}/files/cv.html">web version' in snippet


def test_alfolio_sets_only_the_cv_pdf_line(published: dict[str, Path]) -> None:
    root = published["al-folio"]
    assert PdfReader(root / "assets" / "pdf" / "cv.pdf").pages
    after = (root / "_pages" / "cv.md").read_bytes().split(b"\r\n")
    before = ALFOLIO_CV_PAGE.encode().split(b"\r\n")
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [
        (
            b"cv_pdf: /assets/pdf/example_pdf.pdf # you can also use external links here",
            b"cv_pdf: /assets/pdf/cv.pdf # you can also use external links here",
        )
    ]
    assert not (root / "_includes").exists()  # al-folio's layout draws the button itself


def test_hugo_pdf_partial_and_shortcode(published: dict[str, Path]) -> None:
    root = published["hugo"]
    pdf = root / "static" / "uploads" / "resume.pdf"
    assert "Lecturer in Marine Ecology" in pdf_text(pdf)
    partial = (root / "layouts" / "partials" / "cv-download.html").read_text()
    assert partial.startswith("{{- /* generated by cvbuild")  # a Go template comment: not in the page
    assert '{{ "uploads/resume.pdf" | relURL }}' in partial and "Download CV (PDF)" in partial
    assert human_size(pdf.stat().st_size) in partial and "May 2026" in partial
    shortcode = (root / "layouts" / "shortcodes" / "cv-download.html").read_text()
    assert '{{ partial "cv-download.html" . }}' in shortcode


def test_generic_site_html_and_markdown_snippets(published: dict[str, Path]) -> None:
    root = published["generic"]
    assert (root / "docs" / "cv.pdf").read_bytes().startswith(b"%PDF")
    html = (root / "docs" / "cv-download.html").read_text()
    markdown = (root / "docs" / "cv-download.md").read_text()
    assert 'href="https://ingrid.example.org/docs/cv.pdf"' in html
    assert "[Download CV (PDF)](https://ingrid.example.org/docs/cv.pdf) — PDF, " in markdown
    assert "last updated May 2026" in markdown and "<time" not in markdown


# ---------------------------------------------------------------- the cv_pdf edit, unit level


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("cv_pdf: example_pdf.pdf\n", "cv_pdf: cv.pdf\n"),  # old layouts: a file name under assets/pdf/
        ("cv_pdf: '/assets/pdf/old.pdf'\n", "cv_pdf: '/assets/pdf/cv.pdf'\n"),  # quoting kept
        ('cv_pdf:   "https://x.org/a.pdf"  # remote\n', 'cv_pdf:   "/assets/pdf/cv.pdf"  # remote\n'),
    ],
)
def test_cv_pdf_line_forms(tmp_path: Path, line: str, expected: str) -> None:
    page = write(tmp_path / "cv.md", f"---\nlayout: cv\n{line}title: cv\n---\nbody\n")
    assert set_cv_pdf(page, "assets/pdf/cv.pdf").decode() == f"---\nlayout: cv\n{expected}title: cv\n---\nbody\n"


def test_cv_pdf_added_when_missing_and_errors_without_front_matter(tmp_path: Path) -> None:
    page = write(tmp_path / "cv.md", "---\nlayout: cv\n---\ncv_pdf: not front matter\n")
    assert (
        set_cv_pdf(page, "assets/pdf/cv.pdf")
        == b"---\nlayout: cv\ncv_pdf: /assets/pdf/cv.pdf\n---\ncv_pdf: not front matter\n"
    )
    write(page, "no front matter here\n")
    with pytest.raises(CvError, match="no front matter"):
        set_cv_pdf(page, "assets/pdf/cv.pdf")


# ---------------------------------------------------------------- what must never happen


def test_user_written_snippet_is_kept_without_force(tmp_path: Path) -> None:
    root = academicpages(tmp_path / "site")
    profile = with_profile(root)
    mine = write(root / "_includes" / "cv-download.html", "<a href='/files/cv.pdf'>My own button</a>\n")
    with pytest.raises(CvError, match="was not generated by cvbuild") as info:
        publish_site(profile, root, SiteOptions(), use_stamp=False)
    assert "--force" in info.value.problems[0].hint
    assert not (root / "files" / "cv.pdf").exists()  # nothing half-written
    assert mine.read_text() == "<a href='/files/cv.pdf'>My own button</a>\n"
    result = publish_site(profile, root, SiteOptions(force=True), use_stamp=False)
    assert mine in result.changed and "generated by cvbuild" in mine.read_text()
    # from now on it carries the marker: later runs replace it without --force
    write(profile, PROFILE.replace("Lecturer in Marine Ecology", "Senior Lecturer in Marine Ecology"))
    assert publish_site(profile, root, SiteOptions(), use_stamp=False).changed


def test_user_pdf_is_kept_without_force(tmp_path: Path) -> None:
    root = hugo(tmp_path / "site")
    profile = with_profile(root)
    theirs = write(root / "static" / "uploads" / "resume.pdf", "%PDF-1.4 made in a word processor\n")
    with pytest.raises(CvError, match="resume.pdf exists and was not generated by cvbuild"):
        publish_site(profile, root, SiteOptions(), use_stamp=False)
    assert theirs.read_text().startswith("%PDF-1.4 made in a word processor")
    assert not (root / "layouts").exists()


def test_paths_outside_the_site_are_refused(tmp_path: Path) -> None:
    root = academicpages(tmp_path / "site")
    profile = with_profile(root)
    with pytest.raises(CvError, match="outside the site"):
        publish_site(profile, root, SiteOptions(pdf_path="../cv.pdf"), use_stamp=False)
    (root / "files").rmdir()
    (tmp_path / "elsewhere").mkdir()
    (root / "files").symlink_to(tmp_path / "elsewhere")  # a symlink leading out of the site
    with pytest.raises(CvError, match="outside the site"):
        publish_site(profile, root, SiteOptions(), use_stamp=False)
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert not (root / "_includes" / "cv-download.html").exists()


def test_unwritable_target_leaves_nothing_half_written(tmp_path: Path) -> None:
    root = academicpages(tmp_path / "site")
    profile = with_profile(root)
    (root / "_includes" / "base_path").unlink()
    (root / "_includes").rmdir()
    write(root / "_includes", "a file where the folder should be\n")
    with pytest.raises(CvError, match="is a file, not a folder"):
        publish_site(profile, root, SiteOptions(), use_stamp=False)
    assert not (root / "files" / "cv.pdf").exists()


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """``folder`` unwritable for this process: chmod for a user, a read-only mount for root.

    Root writes through permission bits, so for root the folder becomes a read-only tmpfs
    mount point (root may mount; a container without that capability skips the test).
    """
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True)
    if mount.returncode != 0:
        pytest.skip(f"root cannot mount a read-only folder here: {mount.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    root = academicpages(tmp_path / "site")
    profile = with_profile(root)
    with _read_only(root / "files"):
        with pytest.raises(CvError, match="permission denied"):
            publish_site(profile, root, SiteOptions(), use_stamp=False)
        assert not (root / "_includes" / "cv-download.html").exists()


def test_folder_where_the_pdf_goes_leaves_nothing_half_written(tmp_path: Path) -> None:
    root = academicpages(tmp_path / "site")
    profile = with_profile(root)
    (root / "files" / "cv.pdf").mkdir(parents=True)  # a folder in the way: nobody, root included, may replace it
    with pytest.raises(CvError, match="it is a folder"):
        publish_site(profile, root, SiteOptions(), use_stamp=False)
    assert not (root / "_includes" / "cv-download.html").exists()


def test_generic_needs_a_pdf_path(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    profile = with_profile(tmp_path / "x")
    with pytest.raises(CvError, match="needs --pdf-path"):
        publish_site(profile, tmp_path / "x", SiteOptions(kind="generic"), use_stamp=False)
    with pytest.raises(CvError, match="unknown site kind 'wordpress'"):
        publish_site(profile, tmp_path / "x", SiteOptions(kind="wordpress"), use_stamp=False)


# ---------------------------------------------------------------- hook config discovery


def test_hook_finds_the_profile(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(CvError, match="no CV profile found"):
        find_hook_config(tmp_path / "empty")
    root = academicpages(tmp_path / "site")
    assert find_hook_config(root).profile == root  # no cv.yaml: the site's own CV page is read
    write(root / "_data" / "cv.yaml", PROFILE)
    with open(root / "_config.yml", "a", encoding="utf-8") as config:
        config.write("cvbuild:\n  profile: _data/cv.yaml\n  html_page: true\n")
    found = find_hook_config(root)
    assert found.profile == root / "_data" / "cv.yaml" and found.options.html_page
    write(root / "pyproject.toml", '[tool.cvbuild]\nprofile = "_data/cv.yaml"\nkind = "academicpages"\n')
    assert find_hook_config(root).options.kind == "academicpages"
    write(root / "cvbuild.yaml", "profile: _data/cv.yaml\npdf_pth: files/x.pdf\n")
    with pytest.raises(CvError, match="unknown key 'pdf_pth'"):
        find_hook_config(root)


# ---------------------------------------------------------------- up-to-date check, through the CLI


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def test_hook_settles_and_no_op_is_fast(tmp_path: Path) -> None:
    root = academicpages(tmp_path / "site")
    with_profile(root)
    git(root, "init", "-q")
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    check = run_cli("render", root / "cv.yaml", "--site", root, "--check", env=env)
    assert check.returncode == 1 and "files/cv.pdf: out of date" in check.stdout
    assert not (root / "files" / "cv.pdf").exists()  # --check writes nothing

    first = run_cli("hook", cwd=root, env=env)
    assert first.returncode == 1, first.stderr  # created files: pre-commit must stop the commit
    assert "site: academicpages" in first.stderr and "stage them" in first.stderr
    assert (root / "files" / "cv.pdf").is_file()
    assert not [p for p in root.rglob("*stamp*")]  # the stamp lives in .git, not in the site

    second = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cvbuild", "hook"],
        cwd=root,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert second.returncode == 0, second.stderr
    imported = second.stderr  # -X importtime: every module the no-op run loaded
    assert "weasyprint" not in imported and "cvbuild.pipeline" not in imported and "cvbuild.model" not in imported
    # how long the no-op takes: benchmarks/bench_hook.py

    assert run_cli("render", root / "cv.yaml", "--site", root, "--check", env=env).returncode == 0
    write(root / "refs.bib", BIB.replace("Cold Water", "Warm Water"))  # a BibTeX input changed
    stale = run_cli("hook", "--check", cwd=root, env=env)
    assert stale.returncode == 1 and "out of date" in stale.stdout
    assert run_cli("hook", cwd=root, env=env).returncode == 1
    assert "Kelp Forests in Warm Water" in pdf_text(root / "files" / "cv.pdf")
    assert run_cli("hook", cwd=root, env=env).returncode == 0

    (root / "files" / "cv.pdf").unlink()  # a deleted output is noticed, not vouched for by the stamp
    assert run_cli("hook", cwd=root, env=env).returncode == 1


def test_plain_render_check(tmp_path: Path) -> None:
    profile = with_profile(tmp_path)
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    assert run_cli("render", profile, "-o", tmp_path / "out", "-f", "html", env=env).returncode == 0
    assert run_cli("render", profile, "-o", tmp_path / "out", "-f", "html", "--check", env=env).returncode == 0
    before = (tmp_path / "out" / "cv.html").read_bytes()
    write(profile, PROFILE.replace("Lecturer", "Reader"))
    stale = run_cli("render", profile, "-o", tmp_path / "out", "-f", "html", "--check", env=env)
    assert stale.returncode == 1 and "cv.html: out of date" in stale.stdout
    assert (tmp_path / "out" / "cv.html").read_bytes() == before


# ---------------------------------------------------------------- a site: block in the profile


def test_site_block_in_the_profile_publishes_on_plain_render(tmp_path: Path) -> None:
    """The profile lives in a sub-folder and names its site; plain `render` and the hook publish there."""
    site = academicpages(tmp_path / "site")
    write(site / "cv" / "refs.bib", BIB)
    profile = write(site / "cv" / "cv.yaml", PROFILE + "site:\n  dir: ..\n  html_page: true\n")
    result = run_cli("render", profile, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    assert "Kelp Forests in Cold Water" in pdf_text(site / "files" / "cv.pdf")
    assert (site / "files" / "cv.html").is_file() and (site / "_includes" / "cv-download.html").is_file()
    assert not (site / "cv" / "cv.pdf").exists()  # not next to the profile
    again = run_cli("render", profile, "--check", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert again.returncode == 0, again.stdout + again.stderr
    # -o still renders plainly, next to nothing of the site's
    plain = run_cli("render", profile, "-o", tmp_path / "plain", "-f", "pdf", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert plain.returncode == 0 and (tmp_path / "plain" / "cv.pdf").is_file()


def test_site_block_typo_is_a_located_error(tmp_path: Path) -> None:
    site = academicpages(tmp_path)
    write(site / "refs.bib", BIB)
    profile = write(site / "cv.yaml", PROFILE + "site:\n  dir: .\n  html_pgae: true\n")
    result = run_cli("render", profile, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = len(PROFILE.splitlines()) + 3
    assert f"cv.yaml:{line}:3: site.html_pgae: unknown key 'html_pgae' (did you mean 'html_page'?)" in result.stderr
    assert not (site / "files" / "cv.pdf").exists()


def test_hook_uses_the_profile_site_block(tmp_path: Path) -> None:
    write(tmp_path / "cv.yaml", PROFILE + "site:\n  kind: generic\n  pdf_path: docs/me.pdf\n  link_base: /\n")
    config = find_hook_config(tmp_path)
    assert config.options.kind == "generic" and config.options.pdf_path == "docs/me.pdf"
    assert config.site.resolve() == tmp_path.resolve()


def test_jekyll_sites_are_told_which_sources_they_would_publish(tmp_path: Path) -> None:
    root = academicpages(tmp_path / "site")
    profile = with_profile(root)
    notes = " ".join(publish_site(profile, root, SiteOptions(), use_stamp=False).notes)
    assert "Jekyll publishes cv.yaml, refs.bib with the site" in notes and "exclude:\n  - cv.yaml" in notes
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "exclude: [cv.yaml, '*.bib']\n", encoding="utf-8")
    (root / "files" / "cv.pdf").unlink()  # a change, so the run reports its notes
    notes = " ".join(publish_site(profile, root, SiteOptions(), use_stamp=False).notes)
    assert "Jekyll publishes" not in notes
