"""Variants: a full CV, a short resume and a grant version from one profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import pdf_text, run_cli, write

PROFILE = """\
person:
  name: Noor Haddad
  headline: Research Scientist
sections:
  - title: Research Statement
    tags: [grant]
    text: I study *coral reef acoustics*.
  - title: Positions
    tags: [short]
    entries:
      - {title: Research Scientist, organisation: Ocean Lab, start: 2021, end: present}
      - {title: Postdoc, organisation: Reef Institute, start: 2018, end: 2021}
  - title: Talks
    items:
      - {date: 2024-05, text: Talk Five}
      - {date: 2023-05, text: Talk Four}
      - {date: 2022-05, text: Talk Three, tags: [short]}
      - {date: 2021-05, text: Talk Two}
      - {date: 2020-05, text: Talk One, tags: [old]}
  - title: Publications
    publications:
      - {title: Reef Sounds at Night, authors: [Noor Haddad], year: 2023, selected: true}
      - {title: A Minor Note, authors: [Noor Haddad], year: 2022}
  - title: Skills
    skills: {Field work: "Scuba, hydrophones"}
variants:
  short:
    description: two-page resume
    only_tags: [short]
  grant:
    sections: [Research Statement, Publications, Talks]
    limits: {Talks: 2}
    selected_publications: true
    exclude_tags: [old]
    design: {page_size: Letter, accent_color: "#8c1515"}
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("variants")
    write(folder / "cv.yaml", PROFILE)
    result = run_cli("render", "cv.yaml", "--all-variants", "-f", "pdf", "-o", "out", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "out"


def test_all_variants_render_side_by_side(rendered: Path) -> None:
    assert sorted(p.name for p in rendered.glob("*.pdf")) == ["cv-grant.pdf", "cv-short.pdf", "cv.pdf"]
    full = pdf_text(rendered / "cv.pdf")
    assert all(t in full for t in ("Talk One", "Talk Five", "A Minor Note", "Skills", "Research Statement"))


def test_only_tags_keeps_tagged_sections_whole_and_tagged_entries_alone(rendered: Path) -> None:
    text = pdf_text(rendered / "cv-short.pdf")
    assert "Ocean Lab" in text and "Reef Institute" in text  # the section is tagged: all entries
    assert "Talk Three" in text and "Talk Five" not in text  # only the tagged talk
    assert "Skills" not in text and "Research Statement" not in text and "Publications" not in text


def test_sections_order_limits_selected_and_design(rendered: Path) -> None:
    from pypdf import PdfReader

    text = pdf_text(rendered / "cv-grant.pdf")
    order = [text.index(t) for t in ("Research Statement", "Publications", "Talks")]
    assert order == sorted(order)
    assert "Positions" not in text
    assert "Talk Five" in text and "Talk Four" in text and "Talk Three" not in text  # 2 most recent
    assert "Reef Sounds at Night" in text and "A Minor Note" not in text
    width = float(PdfReader(rendered / "cv-grant.pdf").pages[0].mediabox.width)
    assert round(width) == 612  # Letter, from the variant's design


def test_unknown_variant_and_titles_are_located_errors(tmp_path: Path) -> None:
    write(tmp_path / "cv.yaml", PROFILE.replace("limits: {Talks: 2}", "limits: {Tlaks: 2}"))
    result = run_cli("render", "cv.yaml", "--variant", "grnat", cwd=tmp_path)
    assert result.returncode == 1 and "no variant named 'grnat'" in result.stderr
    assert "did you mean 'grant'" in result.stderr
    result = run_cli("render", "cv.yaml", "--variant", "grant", cwd=tmp_path)
    assert result.returncode == 1
    line = next(i for i, text in enumerate(PROFILE.splitlines(), 1) if "limits:" in text)
    assert f"cv.yaml:{line}:14:" in result.stderr and "no section titled 'Tlaks'" in result.stderr
    assert "did you mean 'Talks'" in result.stderr
    assert not (tmp_path / "cv-grant.pdf").exists()
