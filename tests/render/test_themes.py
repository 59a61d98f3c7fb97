"""Built-in themes, theme options, custom themes and their errors, and the missing-glyph warning."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from helpers import EXAMPLE, Built, build, pdf_fonts, pdf_text, run_cli, write
from pypdf import PdfReader

from cvbuild.errors import CvError
from cvbuild.render.glyphs import COMMON, _package, missing, shipped_coverage, system_ranges
from cvbuild.render.theme import builtin_themes_dir, list_themes

THEMES = ("classic", "modern", "compact", "sidebar")

PROFILE = """\
person:
  name: Ilse Varga
  headline: Lecturer in Hydrology
  location: Graz, Austria
  email: ilse.varga@example.org
  github: ivarga
updated: 2026-01
design:
  theme: {theme}
{design}sections:
  - title: Positions
    entries:
      - {{title: Lecturer, organisation: Graz University, start: 2021-09, end: present, details: [Runs the flood lab]}}
  - title: Awards
    items:
      - {{date: 2023, text: Young Hydrologist Prize}}
  - title: Skills
    skills:
      Modelling: HEC-RAS, R, Python
"""


def profile(tmp_path: Path, theme: str = "classic", design: str = "") -> Path:
    return write(tmp_path / "cv.yaml", PROFILE.format(theme=theme, design=design))


@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The shipped example in every built-in theme, rendered once for all tests here."""
    out = tmp_path_factory.mktemp("themes")
    return {t: build(EXAMPLE, out, formats=("pdf",), theme=t, name=t) for t in THEMES}


def test_four_built_in_themes_listed_with_descriptions() -> None:
    names = [t.name for t in list_themes()]
    assert set(THEMES) <= set(names)
    result = run_cli("themes")
    lines = dict(line.split("\t", 1) for line in result.stdout.strip().splitlines())
    for name in THEMES:
        assert len(lines[name]) > 20, lines[name]


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_renders_the_example(example_pdfs: dict[str, Built], theme: str) -> None:
    result = example_pdfs[theme]
    assert not list(result.warnings), list(result.warnings)
    assert 1 <= result.pages <= (2 if theme == "compact" else 4)
    path = result.outputs["pdf"]
    text = pdf_text(path).lower()  # some themes set headings in capitals
    for fact in ("Elena Márquez", "Academic Positions", "Sep 2022 – present", "elena.marquez@example.org", "Python"):
        assert fact.lower() in text, (theme, fact)
    fonts = pdf_fonts(path)
    assert all(fonts.values()) and all(re.match(r"/[A-Z]{6}\+", f) for f in fonts), fonts
    family = "cvbuild-Serif" if theme == "classic" else "cvbuild-Sans"
    assert any(family in f for f in fonts), fonts
    pages = [p.extract_text() for p in PdfReader(path).pages]
    assert all(f"{n} / {len(pages)}" in p for n, p in enumerate(pages, start=1))


def test_sidebar_has_contacts_and_skills_beside_page_one_and_full_width_after(
    example_pdfs: dict[str, Built],
) -> None:
    with pdfplumber.open(example_pdfs["sidebar"].outputs["pdf"]) as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        column = first.crop((0, 0, 60 * 72 / 25.4, first.height)).extract_text()
        assert "elena.marquez@example.org" in column and "Programming" in column
        assert "Academic Positions".upper() not in column.upper()
        main_left = min(w["x0"] for w in first.extract_words() if w["text"] == "Elena")
        assert main_left > 60 * 72 / 25.4  # the name sits right of the column
        body_left = min(w["x0"] for w in second.extract_words())
        assert body_left < 25 * 72 / 25.4  # page two uses the normal margin: full width


@pytest.mark.parametrize("theme", THEMES)
def test_design_block_is_honoured(tmp_path: Path, theme: str) -> None:
    design = (
        "  page_size: Letter\n  accent_color: '#8c1515'\n  font: serif\n  font_size: 11pt\n"
        "  margins: 1in\n  date_format: long\n"
    )
    result = build(profile(tmp_path, theme, design), tmp_path / "out")
    reader = PdfReader(result.outputs["pdf"])
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert any("cvbuild-Serif" in f for f in pdf_fonts(result.outputs["pdf"]))
    assert "September 2021 – present" in " ".join(pdf_text(result.outputs["pdf"]).split())  # may wrap in a column
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert "#8c1515" in html and "font-size: 11pt" in html and "1in" in html


def test_compact_defaults_to_small_type_but_the_profile_wins(tmp_path: Path) -> None:
    small = build(profile(tmp_path, "compact"), tmp_path / "a", formats=("html",))
    assert "font-size: 9.5pt" in small.outputs["html"].read_text(encoding="utf-8")
    mine = build(profile(tmp_path, "compact", "  font_size: 11pt\n"), tmp_path / "b", formats=("html",))
    assert "font-size: 11pt" in mine.outputs["html"].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("theme", "options", "needles"),
    [
        ("modern", "heading_styl: bar", ["cv.yaml:11:5: design.options.heading_styl", "did you mean 'heading_style'"]),
        ("modern", "heading_style: wavy", ["design.options.heading_style", "'wavy' is not one of: line, bar"]),
        ("modern", "uppercase_headings: 'yes'", ["design.options.uppercase_headings", "not true or false"]),
        ("modern", "date_width: 12", ["design.options.date_width", "not a length with a unit"]),
        ("compact", "line_height: 5", ["design.options.line_height", "outside 1.0–2.0"]),
        ("compact", "separator: 3", ["design.options.separator", "not text"]),
        ("sidebar", "sidebar_color: teal", ["design.options.sidebar_color", "not a hex colour"]),
    ],
)
def test_bad_theme_options_are_located_errors(tmp_path: Path, theme: str, options: str, needles: list[str]) -> None:
    path = profile(tmp_path, theme, f"  options:\n    {options}\n")
    with pytest.raises(CvError) as caught:
        build(path, tmp_path / "out", formats=("html",))
    text = str(caught.value)
    for needle in needles:
        assert needle in text, text


def test_good_options_change_the_output(tmp_path: Path) -> None:
    path = profile(tmp_path, "sidebar", "  options:\n    sidebar_style: tint\n    sidebar_width: 70mm\n")
    html = build(path, tmp_path / "out", formats=("html",)).outputs["html"].read_text(encoding="utf-8")
    assert "sidebar-tint" in html and "width: 70mm" in html


def test_theme_on_the_command_line_only_warns_about_other_themes_options(tmp_path: Path) -> None:
    path = profile(tmp_path, "classic", "  options:\n    name_small_caps: false\n")
    result = run_cli("render", path, "--theme", "modern", "-o", tmp_path / "out", "-f", "html")
    assert result.returncode == 0, result.stderr
    assert "theme 'modern' has no option 'name_small_caps'" in result.stderr and "ignored" in result.stderr


def test_theme_new_copies_a_built_in_that_renders_and_can_be_changed(tmp_path: Path) -> None:
    result = run_cli("theme", "new", "mine", "--from", "modern", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "mine"
    assert (folder / "style.css.j2").is_file() and "name: mine" in (folder / "theme.yaml").read_text()
    again = run_cli("theme", "new", "mine", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr
    (folder / "sections" / "skills.html.j2").write_text(
        '<p class="my-skills">{% for label, values in section.skills %}{{ label }} = {{ values }}{% endfor %}</p>\n'
    )
    path = profile(tmp_path, "./mine")
    out = build(path, tmp_path / "out")
    text = pdf_text(out.outputs["pdf"])
    assert "Modelling = HEC-RAS, R, Python" in text  # the one overridden template
    assert "Young Hydrologist Prize" in text  # the rest: the copy's and classic's


def _custom_theme(tmp_path: Path, template: str, body: str) -> Path:
    folder = tmp_path / "bad-theme"
    shutil.copytree(builtin_themes_dir() / "classic", folder)
    write(folder / template, body)
    return profile(tmp_path, "./bad-theme")


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = _custom_theme(tmp_path, "sections/items.html.j2", "<div>\n{% for row in section.rows %}\n{{ row.title }}\n")
    result = run_cli("render", path, "-o", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"bad-theme/sections/items\.html\.j2:\d+: template error", result.stderr), result.stderr


def test_template_undefined_variable_names_file_line_and_suggests(tmp_path: Path) -> None:
    path = _custom_theme(
        tmp_path, "sections/entries.html.j2", "{% for row in section.rows %}\n<p>{{ row.titel }}</p>\n{% endfor %}\n"
    )
    result = run_cli("render", path, "-o", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "bad-theme/sections/entries.html.j2:2:" in result.stderr, result.stderr
    assert "did you mean 'title'?" in result.stderr


def test_bad_theme_yaml_option_is_reported_against_theme_yaml(tmp_path: Path) -> None:
    path = _custom_theme(tmp_path, "theme.yaml", "name: bad\noptions:\n  wide:\n    type: huge\n    default: 1\n")
    result = run_cli("render", path, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "theme.yaml: option 'wide' has unknown type 'huge'" in result.stderr, result.stderr


def test_characters_no_font_has_are_named_with_the_package(tmp_path: Path) -> None:
    nobody = "\U000f0001"  # private use: no font has it
    ranges = system_ranges()
    if ranges is None:
        pytest.skip("no fontconfig on this machine")
    path = write(
        tmp_path / "cv.yaml", PROFILE.format(theme="modern", design="").replace("Ilse Varga", f"Ilse {nobody}")
    )
    result = run_cli("render", path, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "U+F0001" in result.stderr and "would print as boxes" in result.stderr and "fonts-noto" in result.stderr
    assert _package("中") == "fonts-noto-cjk" and _package("한") == "fonts-noto-cjk"
    assert missing("Ελληνικά Кириллица Łódź Ærø") == []  # shipped fonts cover these


def test_the_fast_path_characters_really_have_a_shipped_glyph() -> None:
    assert COMMON.issubset(shipped_coverage())  # text of these skips the font check entirely


def test_sidebar_moves_what_would_not_fit_in_the_column_to_the_main_text(tmp_path: Path) -> None:
    groups = "".join(f"      Group {i}: alpha, beta, gamma, delta, epsilon, zeta\n" for i in range(30))
    path = write(
        tmp_path / "cv.yaml",
        PROFILE.format(theme="sidebar", design="").replace("      Modelling: HEC-RAS, R, Python\n", groups),
    )
    text = pdf_text(build(path, tmp_path / "out", formats=("pdf",)).outputs["pdf"])
    assert all(f"Group {i}" in text for i in range(30))  # nothing cut off at the bottom of page one
