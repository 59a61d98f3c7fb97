"""End to end: the shipped example becomes a PDF and a web page that read back correctly."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from helpers import EXAMPLE, pdf_fonts, pdf_links, pdf_text, run_cli, write
from pypdf import PdfReader

from cvbuild import __version__

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example")
    result = run_cli("render", EXAMPLE, "-o", out, env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "cv.pdf: written" in result.stdout
    return out


def test_pdf_has_the_facts(rendered: Path) -> None:
    text = pdf_text(rendered / "cv.pdf")
    for fact in (
        "Elena Márquez",
        "Assistant Professor of Computer Science",
        "ETH Zürich",
        "Education",
        "Research Interests",
        "Skills",
        "elena.marquez@example.org",
    ):
        assert fact in text, fact
    assert "Last updated January 2026" in text  # from SOURCE_DATE_EPOCH, never the wall clock
    assert "**" not in text and "<strong>" not in text  # markdown rendered, not printed


def test_dates_are_formatted_consistently(rendered: Path) -> None:
    text = pdf_text(rendered / "cv.pdf")
    assert "Sep 2022 – present" in text
    assert "Sep 2016 – Sep 2020" in text
    assert not re.search(r"\b20\d\d-\d\d\b", text)  # no raw ISO dates leak through


def test_pages_numbered_and_name_in_footer_from_page_two(rendered: Path) -> None:
    reader = PdfReader(rendered / "cv.pdf")
    pages = [p.extract_text() for p in reader.pages]
    assert 2 <= len(pages) <= 4
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in text
    assert "Elena Márquez — Curriculum Vitae" not in pages[0]
    assert all("Elena Márquez — Curriculum Vitae" in p for p in pages[1:])


def test_fonts_are_the_shipped_ones_embedded_and_subset(rendered: Path) -> None:
    fonts = pdf_fonts(rendered / "cv.pdf")
    assert fonts, "no fonts found"
    assert all(fonts.values()), f"not embedded: {fonts}"
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in fonts), f"not subset: {list(fonts)}"
    assert any("cvbuild-Serif" in name for name in fonts)
    assert not any("DejaVu" in name for name in fonts)  # machine fonts never used for Latin text


def test_links_are_clickable(rendered: Path) -> None:
    links = pdf_links(rendered / "cv.pdf")
    assert "mailto:elena.marquez@example.org" in links
    assert "https://elenamarquez.example.org" in links
    assert "https://orcid.org/0000-0002-1825-0097" in links
    assert any(link.startswith("https://doi.org/10.") for link in links)


def test_bookmark_per_section_and_metadata(rendered: Path) -> None:
    reader = PdfReader(rendered / "cv.pdf")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for section in ("Research Interests", "Education", "Publications", "Skills"):
        assert section in titles
    assert "Elena Márquez" not in titles  # the name is not a section
    meta = reader.metadata
    assert meta.title == "Elena Márquez — Curriculum Vitae"
    assert meta.author == "Elena Márquez"
    assert "Assistant Professor" in meta.subject
    assert "Education" in meta["/Keywords"]
    assert meta.creator == f"cvbuild {__version__}"
    assert "/CreationDate" not in meta and "/ModDate" not in meta


def test_html_is_standalone_and_readable_on_a_phone(rendered: Path) -> None:
    html = (rendered / "cv.html").read_text(encoding="utf-8")
    assert "<title>Elena Márquez — Curriculum Vitae</title>" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<meta name="description"' in html and '<html lang="en-US">' in html  # American hyphenation for en
    assert "<style>" in html and "@media screen and (max-width" in html
    assert not re.search(r"""(src|href)=["'](https?:)?//[^"']*\.(css|js|woff2?|ttf)""", html)  # no CDN
    assert '<link rel="stylesheet"' not in html and "<script" not in html
    assert "file://" not in html  # no machine paths
    assert "ETH Zürich" in html


def test_same_inputs_give_identical_bytes_across_processes(rendered: Path, tmp_path: Path) -> None:
    time.sleep(1.1)
    result = run_cli("render", EXAMPLE, "-o", tmp_path, env=EPOCH)
    assert result.returncode == 0, result.stderr
    for name in ("cv.pdf", "cv.html"):
        assert (tmp_path / name).read_bytes() == (rendered / name).read_bytes(), name


def test_unchanged_output_is_not_rewritten(tmp_path: Path) -> None:
    first = run_cli("render", EXAMPLE, "-o", tmp_path, env=EPOCH)
    assert first.returncode == 0, first.stderr
    before = (tmp_path / "cv.pdf").stat().st_mtime_ns
    time.sleep(0.05)
    second = run_cli("render", EXAMPLE, "-o", tmp_path, env=EPOCH)
    assert "cv.pdf: unchanged" in second.stdout
    assert (tmp_path / "cv.pdf").stat().st_mtime_ns == before


def test_last_updated_comes_from_git_not_the_clock(tmp_path: Path) -> None:
    """Without SOURCE_DATE_EPOCH the date is the profile's last commit."""
    import subprocess

    shutil.copy(EXAMPLE, tmp_path / "cv.yaml")
    shutil.copy(EXAMPLE.parent / "papers.bib", tmp_path)  # the example reads its publications from it
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "cv.yaml"], cwd=tmp_path, check=True)
    env = {"GIT_COMMITTER_DATE": "2024-03-05T12:00:00Z", "GIT_AUTHOR_DATE": "2024-03-05T12:00:00Z"}
    subprocess.run([*git, "commit", "-qm", "cv"], cwd=tmp_path, check=True, env={**__import__("os").environ, **env})
    result = run_cli("render", "cv.yaml", "--format", "pdf", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": ""})
    assert result.returncode == 0, result.stderr
    assert "Last updated March 2024" in pdf_text(tmp_path / "cv.pdf")


def test_markdown_cannot_inject_html_or_read_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really a png")
    profile = write(
        tmp_path / "cv" / "cv.yaml",
        """
person: {name: Mallory Example}
sections:
  - title: About
    text: |
      <script>alert(1)</script> <b>raw</b> [click](javascript:alert(1))

      ![leak](../secret.png) ![remote](http://example.invalid/x.png)
""",
    )
    result = run_cli("render", profile, "-o", tmp_path / "out", env=EPOCH)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "cv.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>raw</b>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert "refused to load" in result.stderr and "secret.png" in result.stderr
    assert "example.invalid" in result.stderr  # the network is refused, and said so
    assert "javascript:alert(1)" not in pdf_links(tmp_path / "out" / "cv.pdf")


def test_dated_lines_are_set_solid_without_blank_gaps(tmp_path: Path) -> None:
    """Each date + text line is one line high (WeasyPrint's flex once added a blank line)."""
    import pdfplumber

    profile = write(
        tmp_path / "cv.yaml",
        "person: {name: Test Person}\nsections:\n  - title: Awards\n    items:\n"
        + "".join(
            f"      - {{date: {year}, text: Award {name}}}\n" for year, name in ((2024, "A"), (2023, "B"), (2022, "C"))
        ),
    )
    assert run_cli("render", profile, "-f", "pdf", env=EPOCH).returncode == 0
    with pdfplumber.open(tmp_path / "cv.pdf") as pdf:
        words = pdf.pages[0].extract_words()
    tops = [w["top"] for w in words if w["text"] in ("2024", "2023", "2022")]
    size = next(w["bottom"] - w["top"] for w in words if w["text"] == "2024")
    gaps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
    assert len(gaps) == 2 and all(gap < 2 * size for gap in gaps), (gaps, size)


@pytest.mark.parametrize(("standard", "marker"), [("pdf/ua-1", b"/StructTreeRoot"), ("pdf/a-3b", b"pdfaid:part")])
def test_standard_pdfs_are_tagged_or_archival_and_still_reproducible(
    tmp_path: Path, standard: str, marker: bytes
) -> None:
    profile = write(
        tmp_path / "cv.yaml",
        f"person: {{name: Ines Duarte, email: ines@example.org}}\ndesign: {{pdf_standard: {standard}}}\n"
        "sections:\n  - title: Education\n    entries:\n      - {title: PhD, organisation: Lisbon, date: 2020}\n",
    )
    first = run_cli("render", profile, "-f", "pdf", "-o", tmp_path / "a", env=EPOCH)
    assert first.returncode == 0, first.stderr
    time.sleep(1.1)
    assert run_cli("render", profile, "-f", "pdf", "-o", tmp_path / "b", env=EPOCH).returncode == 0
    assert (tmp_path / "a" / "cv.pdf").read_bytes() == (tmp_path / "b" / "cv.pdf").read_bytes()
    root = PdfReader(tmp_path / "a" / "cv.pdf").trailer["/Root"]
    if standard == "pdf/ua-1":
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert root["/Lang"] == "en-US"  # plain en hyphenates as American English
    else:
        assert marker in root["/Metadata"].get_object().get_data()
    assert "Ines Duarte" in pdf_text(tmp_path / "a" / "cv.pdf")
