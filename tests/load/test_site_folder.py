"""A website folder as the profile: the site's own CV sources, found in a documented order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLE, FIXTURES, pdf_text, run_cli, write

from cvbuild.errors import CvError
from cvbuild.load.registry import load_profile
from cvbuild.load.site import CANDIDATES, site_sources
from cvbuild.model import PublicationsSection
from cvbuild.publish.site.config import SITE_SOURCES, find_hook_config

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
BIB = EXAMPLE.parent / "papers.bib"


def _alfolio_site(root: Path, *, selected: bool) -> Path:
    shutil.copytree(FIXTURES / "pages" / "alfolio", root)
    about = root / "_pages" / "about.md"
    if not selected:
        about.write_text(about.read_text(encoding="utf-8").replace("selected_papers: true", "selected_papers: false"))
    write(root / "_bibliography" / "papers.bib", BIB.read_text(encoding="utf-8"))
    return root


def test_the_hook_and_the_reader_know_the_same_sources() -> None:
    patterns = {p.rsplit("/", 1)[0] if "*" in p else p for p, _ in CANDIDATES}
    assert patterns - {"cv.yaml", "cv.yml", "data/authors/admin.yaml", "data/authors/me.yaml"} == set(SITE_SOURCES)


def test_the_site_bibliography_is_read_once(tmp_path: Path) -> None:
    loaded = load_profile(_alfolio_site(tmp_path / "site", selected=False))
    pubs = [s for s in loaded.profile.sections if isinstance(s, PublicationsSection)]
    assert [s.title for s in pubs] == ["Publications"] and pubs[0].publications
    assert any("read _pages/about.md" in n and "_bibliography/papers.bib" in n for n in loaded.notes)
    assert (tmp_path / "site" / "_bibliography" / "papers.bib").resolve() in loaded.inputs


def test_a_page_that_shows_selected_papers_is_not_doubled_by_the_bib(tmp_path: Path) -> None:
    loaded = load_profile(_alfolio_site(tmp_path / "site", selected=True))
    titles = [s.title for s in loaded.profile.sections if isinstance(s, PublicationsSection)]
    assert titles == ["Selected Publications"]


def test_a_cv_yaml_wins_and_the_rest_is_named(tmp_path: Path) -> None:
    root = _alfolio_site(tmp_path / "site", selected=False)
    write(root / "cv.yaml", EXAMPLE.read_text(encoding="utf-8"))
    write(root / "papers.bib", BIB.read_text(encoding="utf-8"))
    assert [p.name for p, _ in site_sources(root)][:2] == ["cv.yaml", "about.md"]
    loaded = load_profile(root)
    assert loaded.path == root / "cv.yaml"
    assert any("not read: _pages/about.md" in n for n in loaded.notes)


def test_a_folder_without_a_cv_source_is_one_located_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(CvError) as info:
        load_profile(tmp_path / "empty")
    assert "no CV source found" in info.value.problems[0].message
    assert "_data/cv.yml" in info.value.problems[0].hint


def test_render_with_no_argument_publishes_into_the_site(tmp_path: Path) -> None:
    root = _alfolio_site(tmp_path / "site", selected=False)
    result = run_cli("render", cwd=root, env=EPOCH)
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(root / "assets" / "pdf" / "cv.pdf").split())
    assert "Anselm Q. Verhoeven-Tamm" in text and "Publications" in text
    assert "read _pages/about.md" in result.stderr
    hook = find_hook_config(root)
    assert hook.profile == root.resolve() and hook.site == root.resolve()


def test_import_a_site_folder(tmp_path: Path) -> None:
    root = _alfolio_site(tmp_path / "site", selected=False)
    out = tmp_path / "cv.yaml"
    result = run_cli("import", root, "-o", out, env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "Verhoeven-Tamm" in out.read_text(encoding="utf-8")


def test_render_with_no_argument_and_nothing_to_read_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("render", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no cv.yaml" in result.stderr
