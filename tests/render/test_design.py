"""The design finish of issue 14, measured in the PDFs: one test per defect a reader would see.

Icons embedded as fonts; no text past the margin (long fields, CJK, sparse data, in every theme);
no empty sidebar column; no separator at the end of a header line; no page range, date or ORCID
iD split across lines; plain links on paper; headings kept with two items and no last item alone
at the top of a page; upright CJK with Chinese punctuation; fit to pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from helpers import EXAMPLE, FIXTURES, build, pdf_fonts, pdf_text, run_cli, write

from cvbuild.render.fit import fit, ladder
from cvbuild.render.html import contrast, palette, readable, web_lang
from cvbuild.render.layout import break_lines, count_lines
from cvbuild.render.theme import list_themes, setup_theme
from cvbuild.render.typeset import typeset

THEMES = [t.name for t in list_themes()]
DESIGN = FIXTURES / "design"
PROFILES = {
    "academic": EXAMPLE,
    "german": EXAMPLE.parent.parent / "german-variants" / "cv.yaml",
    "sparse": DESIGN / "sparse" / "cv.yaml",
    "cjk": DESIGN / "cjk" / "cv.yaml",
    "long": DESIGN / "long" / "cv.yaml",
}
MM = 72 / 25.4


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every theme × profile, rendered once for the tests here (PDF only)."""
    out = tmp_path_factory.mktemp("design")
    pdfs = {}
    for name, path in PROFILES.items():
        for theme in THEMES:
            result = build(path, out, formats=("pdf",), theme=theme, name=f"{name}-{theme}")
            pdfs[(name, theme)] = result.outputs["pdf"]
    return pdfs


def _lines(pdf: Path) -> list[list[str]]:
    """The text lines of each page."""
    with pdfplumber.open(pdf) as document:
        return [[line for line in (page.extract_text() or "").splitlines() if line.strip()] for page in document.pages]


# ---------------------------------------------------------------------------------------------
# 1. The icon header


@pytest.mark.parametrize("theme", THEMES)
def test_contact_icons_are_an_embedded_font_and_the_text_stays_plain(
    rendered: dict[tuple[str, str], Path], theme: str
) -> None:
    pdf = rendered[("academic", theme)]
    fonts = pdf_fonts(pdf)
    icons = [name for name in fonts if "cvbuild-Icons" in name or "cvbuildIcons" in name]
    assert icons and all(fonts[name] for name in icons), fonts  # present and embedded (a subset)
    text = pdf_text(pdf)
    assert "elena.marquez@example.org" in text and "0000-0002-1825-0097" in text


def test_icons_false_keeps_the_text_style(tmp_path: Path) -> None:
    profile = write(
        tmp_path / "cv.yaml",
        EXAMPLE.read_text(encoding="utf-8").replace("design:\n", "design:\n  icons: false\n", 1),
    )
    (tmp_path / "papers.bib").write_text((EXAMPLE.parent / "papers.bib").read_text(encoding="utf-8"))
    pdf = build(profile, tmp_path / "out", formats=("pdf",)).outputs["pdf"]
    assert not any("Icons" in name for name in pdf_fonts(pdf))
    assert "ORCID 0000-0002-1825-0097" in pdf_text(pdf)


@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
@pytest.mark.parametrize("icons", [True, False])
def test_no_header_line_ends_or_starts_with_a_separator(tmp_path: Path, theme: str, icons: bool) -> None:
    source = (
        PROFILES["long"].read_text(encoding="utf-8").replace("  theme: sidebar\n", f"  icons: {str(icons).lower()}\n")
    )
    source = source.replace("  options:\n    sidebar_sections: skills, bullets\n", "")
    profile = write(tmp_path / "cv.yaml", source)
    pdf = build(profile, tmp_path / "out", formats=("pdf",), theme=theme).outputs["pdf"]
    header = _lines(pdf)[0][:14]
    for line in header:
        assert not line.rstrip().endswith("·") and not line.lstrip().startswith("·"), (theme, line)
    text = " ".join(header)
    if not icons:
        assert "ORCID 0000-0002-9079-593X" in text  # label and iD on one line


def test_contact_lines_are_the_fewest_and_balanced() -> None:
    assert break_lines([10, 10, 10], 100, 2) == [0]  # all on one line
    starts = break_lines([30, 30, 30, 30, 30], 120, 5)
    assert starts == [0, 3] or starts == [0, 2], starts  # two lines, never five
    assert break_lines([200, 10], 100, 5) == [0, 1]  # too long for any line: alone on its own
    assert count_lines("word " * 40, 100, "sans", 10) > count_lines("word " * 40, 400, "sans", 10)


# ---------------------------------------------------------------------------------------------
# 2. Nothing past the margin, no empty column


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", list(PROFILES))
def test_no_text_runs_past_the_right_margin(rendered: dict[tuple[str, str], Path], theme: str, name: str) -> None:
    right_margin = (14 if theme == "compact" else 18) * MM
    with pdfplumber.open(rendered[(name, theme)]) as document:
        for number, page in enumerate(document.pages, start=1):
            limit = page.width - right_margin + 1.5
            wide = [w["text"] for w in page.extract_words() if w["x1"] > limit]
            assert not wide, f"{name}/{theme} page {number}: past the margin: {wide[:5]}"
            if theme == "sidebar" and number == 1 and name != "sparse":
                column = 60 * MM
                beside = [w for w in page.extract_words() if w["x0"] < column]
                assert all(w["x1"] <= column - 5 * MM for w in beside), [w["text"] for w in beside if w["x1"] > column]


def test_sidebar_draws_no_column_when_there_is_nothing_to_put_in_it(
    rendered: dict[tuple[str, str], Path],
) -> None:
    with pdfplumber.open(rendered[("sparse", "sidebar")]) as document:
        page = document.pages[0]
        filled = [r for r in page.rects if r["width"] > 100 and r["height"] > 300]
        assert not filled, "an empty coloured column is drawn"
        name_left = min(w["x0"] for w in page.extract_words() if w["text"] == "Tove")
        assert name_left < 25 * MM  # the normal margin, not right of a 60 mm column


def test_sidebar_long_location_wraps_instead_of_squeezing_the_organisation(
    rendered: dict[tuple[str, str], Path],
) -> None:
    lines = _lines(rendered[("long", "sidebar")])[0]
    organisation = [line for line in lines if "Department of Psychiatry and Behavioural" in line]
    assert organisation and len(organisation[0].split()) >= 5, organisation  # not one or two words a line


# ---------------------------------------------------------------------------------------------
# 4, 6. Links on paper, keep-together


@pytest.mark.parametrize("theme", THEMES)
def test_links_print_as_plain_words_and_ranges_stay_whole(rendered: dict[tuple[str, str], Path], theme: str) -> None:
    pages = _lines(rendered[("academic", theme)])
    text = "\n".join(line for page in pages for line in page)
    assert re.search(r"DOI · Code", text), theme  # plain words with a separator, no boxes
    for line in text.splitlines():
        assert not re.search(r"\b(pp?|vol)\.$", line), (theme, line)  # "pp." parted from its number
        assert not re.search(r"\d[–-]$", line), (theme, line)  # a page or year range split
        assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$", line), (theme, line)


def _many_sections() -> str:
    lines = ["person: {name: Page Break Test}", "sections:"]
    for number in range(1, 31):
        lines += [f"  - title: Heading Number {number}", "    entries:"]
        for entry in range(1 + number % 5):
            lines.append(f"      - {{title: Entry {number}.{entry}, organisation: Some Place, date: {1990 + entry}}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("theme", THEMES)
def test_headings_keep_two_items_and_no_last_item_is_alone_on_a_page(tmp_path: Path, theme: str) -> None:
    profile = write(tmp_path / "cv.yaml", _many_sections())
    pdf = build(profile, tmp_path / "out", formats=("pdf",), theme=theme).outputs["pdf"]
    where: dict[str, int] = {}
    for number, page in enumerate(_lines(pdf)):
        for line in page:
            match = re.search(r"(Heading Number \d+|Entry \d+\.\d+)", line, re.I)
            if match:
                where.setdefault(match.group(1).title(), number)
    assert max(where.values()) >= 2
    for section in range(1, 31):
        count = 1 + section % 5
        if count < 2:
            continue
        heading = where[f"Heading Number {section}"]
        assert where[f"Entry {section}.0"] == where[f"Entry {section}.1"] == heading, (theme, section)
        assert where[f"Entry {section}.{count - 1}"] == where[f"Entry {section}.{count - 2}"], (theme, section)


def test_typeset_keeps_ranges_and_labels_together_and_hyphenated_words_whole() -> None:
    html = typeset(
        "<head><style>.a-b{}</style></head><body><p>a tensor-compiler, vol. 68, pp. 94–103, "
        "Sep 2022 – present, ORCID 0000-0002-1825-0097, To appear, 2025年11月</p></body>"
    )
    for whole in ("vol. 68", "pp. 94–103", "Sep 2022", "ORCID 0000-0002-1825-0097", "To appear"):
        assert f'<span class="nw">{whole}</span>' in html, whole
    assert '<span class="nohy">tensor-compiler</span>' in html
    assert '<span class="nw">2025<span class="cjk">年</span>11<span class="cjk">月</span></span>' in html
    assert ".a-b{}" in html  # the style sheet is left alone


# ---------------------------------------------------------------------------------------------
# 7, 8. Hyphenation, CJK


def test_english_hyphenates_as_american_unless_asked() -> None:
    assert web_lang("en") == "en-US" and web_lang("en_GB") == "en-GB" and web_lang("zh_CN") == "zh-Hans"


@pytest.mark.parametrize("theme", THEMES)
def test_chinese_is_upright_with_chinese_punctuation_and_unbroken_dates(
    rendered: dict[tuple[str, str], Path], theme: str
) -> None:
    pdf = rendered[("cjk", theme)]
    text = pdf_text(pdf)
    assert "陈健、王卓然和秦佳宇" in text.replace("\n", "")
    for line in text.splitlines():
        assert not re.search(r"\d+年$", line) and not re.match(r"^\d{1,2}月", line), (theme, line)
    with pdfplumber.open(pdf) as document:
        han = [c for page in document.pages for c in page.chars if "\u4e00" <= c["text"] <= "\u9fff"]
    assert han
    slanted = [c["text"] for c in han if abs(c["matrix"][2]) > 0.01 * abs(c["matrix"][3])]
    assert not slanted, f"{theme}: synthetic oblique on {''.join(slanted[:10])}"


# ---------------------------------------------------------------------------------------------
# 3. Colours (the web page's contrast, any accent)


@pytest.mark.parametrize("accent", ["#1f3f6e", "#7a1f2b", "#ffcc00", "#88ccff", "#00a86b"])
def test_text_colours_reach_4_5_to_1_whatever_the_accent(accent: str) -> None:
    colours = palette(accent)
    assert contrast(colours["accent_text"], "#ffffff") >= 4.5
    assert contrast(colours["accent_night"], colours["night"]) >= 4.5
    assert contrast(colours["muted"], "#ffffff") >= 4.5
    assert readable("#1f3f6e", "#ffffff") == "#1f3f6e"  # a dark accent is kept as it is


# ---------------------------------------------------------------------------------------------
# Fit to pages


def _setup(theme: str = "classic"):  # type: ignore[no-untyped-def]
    from cvbuild.model import Design

    return setup_theme(Design(theme=theme), Path("."))


def _page_of(height_mm: float) -> str:
    return (
        "<html><head><style>@page { size: A4; margin: 20mm }</style></head>"
        f'<body><div style="height: {height_mm:.1f}mm"></div><p>end</p></body></html>'
    )


def test_fit_steps_down_until_the_cv_fits(tmp_path: Path) -> None:
    setup = _setup()
    steps = ladder(setup)
    assert steps[0].space == steps[0].leading == 1.0 and steps[0].font_size == "10.5pt"
    assert steps[-1].space < steps[-1].leading < 1.0 and steps[-1].font_size == "9.5pt"
    fitted = fit(lambda step: _page_of(300 * step.space), setup, 1, base_url=tmp_path, roots=[tmp_path])
    assert fitted.pages == 1 and fitted.step.space < 1.0 and "fitted on 1 page" in fitted.notes[0]


def test_fit_says_by_how_much_it_overflows(tmp_path: Path) -> None:
    fitted = fit(lambda step: _page_of(600), _setup(), 1, base_url=tmp_path, roots=[tmp_path])
    assert fitted.pages > 1 and "does not fit on 1 page" in fitted.warnings[0] and "over" in fitted.warnings[0]


def test_fit_notes_a_nearly_empty_last_page(tmp_path: Path) -> None:
    fitted = fit(lambda step: _page_of(262), _setup(), 3, base_url=tmp_path, roots=[tmp_path])
    assert fitted.pages == 2 and "last page is only" in fitted.notes[0]


def test_fit_pages_on_the_command_line(tmp_path: Path) -> None:
    result = run_cli(
        "render", PROFILES["german"], "-o", tmp_path, "-f", "pdf", "--theme", "classic", "--fit-pages", "1"
    )
    assert result.returncode == 0, result.stderr
    assert "fitted on 1 page" in result.stderr and "(1 pages" in (result.stdout + result.stderr)
