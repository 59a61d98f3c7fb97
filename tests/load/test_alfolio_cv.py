"""al-folio's older ``_data/cv.yml`` (a list of title/type/contents sections) as a CV.

The fixture is a site-shaped folder with a fictional person: ``_config.yml`` holds the name
(first_name/middle_name/last_name), ``_data/cv.yml`` every section type, with the raw HTML
al-folio users put in values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from helpers import FIXTURES, build, pdf_links, pdf_text, run_cli, write

from cvbuild.errors import CvError
from cvbuild.load.alfolio_cv import read, years
from cvbuild.load.registry import reader_for
from cvbuild.load.yaml_profile import read as read_yaml_profile

SITE = FIXTURES / "alfolio_cv"
CV = SITE / "_data" / "cv.yml"
EPOCH = "1780000000"  # fixed "last updated" date: same inputs, same text
TITLES = {"General Information", "Education", "Experience", "Honors and Awards", "Skills", "Research Interests"}
CONFIG = "first_name: Rhea\nlast_name: Solberg\nurl: https://rhea.example.org\n"


@dataclass
class Rendered:
    pdf: Path
    text: str
    warnings: list[str]
    notes: list[str]


@pytest.fixture(scope="module", autouse=True)
def _epoch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, _epoch: None) -> Rendered:
    folder = tmp_path_factory.mktemp("alfolio")
    result = build(CV, folder, formats=("pdf",))
    pdf = folder / "cv.pdf"
    return Rendered(pdf, pdf_text(pdf), [str(w) for w in result.warnings], result.loaded.notes)


def section(text: str, title: str) -> str:
    lines = text.splitlines()
    start = lines.index(title)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() in TITLES), len(lines))
    return "\n".join(lines[start + 1 : end])


def date_column(pdf: Path, date: str, text_start: str) -> bool:
    """``date`` is printed at the right edge of the line that starts with ``text_start``."""
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            lines: dict[int, list[dict]] = {}
            for word in page.extract_words():
                lines.setdefault(round(word["top"]), []).append(word)
            for line in lines.values():
                words = sorted(line, key=lambda w: w["x0"])
                joined = " ".join(w["text"] for w in words)
                if joined.startswith(text_start) and joined.endswith(date):
                    first_date_word = words[len(words) - len(date.split())]
                    return words[-1]["x1"] > page.width * 0.8 and first_date_word["x0"] > page.width * 0.55
    return False


def test_the_registry_picks_this_reader() -> None:
    assert reader_for(CV).name == "al-folio CV data"


# ---- the person --------------------------------------------------------------------------------


def test_the_name_comes_from_the_sites_config(rendered: Rendered) -> None:
    header = rendered.text.split("\nGeneral Information\n")[0]
    assert header.startswith("Marisol K. Varga-Nakamura")
    assert "Institute of Imaginary Glaciology" in header  # the Affiliation row
    assert "Leeds, United Kingdom" in header and "marisol@example.org" in header  # Location and Email rows
    assert any("_config.yml (first_name/last_name)" in note for note in rendered.notes)


def test_map_rows_the_header_shows_are_not_printed_twice(rendered: Rendered) -> None:
    general = section(rendered.text, "General Information")
    assert "Date of Birth 1 April 1990" in general
    assert "Languages English, Hungarian, Japanese (basic)" in general  # <br> → ", "
    for shown_in_header in ("Full Name", "Email", "Location", "Affiliation"):
        assert shown_in_header not in general
    assert rendered.text.count("marisol@example.org") == 1
    assert rendered.text.count("Leeds, United Kingdom") == 1


def test_the_name_from_a_map_row_outside_a_site(tmp_path: Path) -> None:
    cv = write(
        tmp_path / "cv.yml", "- title: Info\n  type: map\n  contents:\n    - name: Name\n      value: Ilse Brandt\n"
    )
    loaded = read(cv)
    assert loaded.profile.person.name == "Ilse Brandt" and loaded.profile.sections == []


def test_no_name_anywhere_is_a_located_error(tmp_path: Path) -> None:
    text = "- title: Education\n  type: time_table\n  contents:\n    - title: PhD\n      year: 2020\n"
    lonely = write(tmp_path / "cv.yml", text)
    result = run_cli("render", lonely, "-o", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{lonely}:1:" in result.stderr and "not in a site's _data folder" in result.stderr
    assert "--person-name" in result.stderr
    site = tmp_path / "site"
    write(site / "_config.yml", "title: My site\n")
    in_site = write(site / "_data" / "cv.yml", text)
    with pytest.raises(CvError) as error:
        read(in_site)
    [problem] = error.value.problems
    assert problem.file == in_site and "_config.yml" in problem.message and "--person-name" in problem.hint
    named = run_cli("import", in_site, "-o", tmp_path / "cv.yaml", "--person-name", "Noor Haddad")
    assert named.returncode == 0, named.stderr
    assert "name: Noor Haddad" in (tmp_path / "cv.yaml").read_text(encoding="utf-8")


# ---- the sections --------------------------------------------------------------------------------


def test_time_tables_become_dated_entries(rendered: Rendered) -> None:
    education = section(rendered.text, "Education")
    for fact in (
        "PhD in Glaciology",
        "University of Nowhere, Tromsø, Norway",
        "Thesis Ice shelves and their hidden lakes",
        "Advisor Prof. Kari Halvorsen",
        "Research topics: Basal melt; Subglacial hydrology",  # a nested description: one detail
        "Graduated with distinction",
    ):
        assert fact in education, fact
    experience = section(rendered.text, "Experience")
    assert "Postdoctoral Researcher" in experience and "Leads the melt modelling project" in experience
    assert experience.index("Postdoctoral") < experience.index("Visiting") < experience.index("Field Assistant")


@pytest.mark.parametrize(
    ("date", "title"),
    [
        ("Sep 2019 – Jun 2023", "PhD in Glaciology"),
        ("2016 – 2018", "MSc in Physics"),
        ("2023 – present", "Postdoctoral Researcher"),
        ("Jul 2022 – Sep 2023", "Visiting Researcher"),  # 2022.7 - 2023.9
        ("2018 – present", "Field Assistant"),  # 2018-
        ("2015", "Summer Intern"),
        ("Fall 2014", "Science Festival Volunteer"),  # no date in it: printed as written
    ],
)
def test_years_print_in_the_date_column(rendered: Rendered, date: str, title: str) -> None:
    assert date_column(rendered.pdf, date, title)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2021, {"date": "2021"}),
        ("2021-", {"start": "2021", "end": "present"}),
        ("2021 - present", {"start": "2021", "end": "present"}),
        ("2022.7 - 2023.9", {"start": "2022-07", "end": "2023-09"}),
        ("2022.10", {"date": "2022-10"}),
        ("Sep 2019 - Jun 2023", {"start": "2019-09", "end": "2023-06"}),
        ("2019–2021", {"start": "2019", "end": "2021"}),
        ("2019-2021", {"start": "2019", "end": "2021"}),
        ("2021-09-15 - 2022-01-31", {"start": "2021-09", "end": "2022-01"}),  # ranges in months
        ("2019 to now", {"start": "2019", "end": "present"}),
        ("Fall 2019", {"date_text": "Fall 2019"}),
        ("", {}),
        (None, {}),
    ],
)
def test_years(year: object, expected: dict[str, str]) -> None:
    assert years(year) == expected


def test_lists_and_nested_lists(rendered: Rendered) -> None:
    awards = section(rendered.text, "Honors and Awards")
    assert "Best Student Talk, Fictional Cryosphere Meeting 2022" in awards
    assert "Travel grant from the Polar Fund" in awards
    skills = section(rendered.text, "Skills")  # keyword groups: one line each
    assert "Programming Python, Julia, Fortran" in skills and "Field methods Ice-penetrating radar" in skills
    interests = section(rendered.text, "Research Interests")  # sentences keep their bullets
    assert "Ice sheets" in interests and "How meltwater reaches the bed of a glacier." in interests
    assert "What old ice remembers" in " ".join(rendered.text.split())


def test_html_becomes_markdown_never_tags(rendered: Rendered) -> None:
    for junk in ("<a", "<i>", "</i>", "<em>", "<b>", "<strong>", "<br", "href", "**", "&lt;", "&amp;"):
        assert junk not in rendered.text, junk
    links = pdf_links(rendered.pdf)
    assert "https://people.example.org/halvorsen" in links and "https://fund.example.org" in links
    assert "https://marisol.example.org/projects/melt/" in links  # site-relative: the site's url from _config.yml
    assert not any(url.startswith("javascript") for url in links)
    assert "Runs a dangerous link test" in section(rendered.text, "Experience")  # the text stays


def test_what_is_not_printed_is_named_in_one_warning(rendered: Rendered) -> None:
    dropped = [w for w in rendered.warnings if "not printed" in w]
    assert len(dropped) == 1
    [warning] = dropped
    assert "javascript:alert(1)" in warning and "[2].contents[0].description[1]" in warning
    assert "https://glaciology.example.ac.uk" in warning  # the Affiliation row's link: the header shows text
    assert "cv.yml:" in warning


def test_unknown_keys_and_types_are_named(tmp_path: Path) -> None:
    write(tmp_path / "_config.yml", CONFIG)
    cv = write(
        tmp_path / "_data" / "cv.yml",
        "- title: Languages\n  type: list_groups\n  contents:\n    - category: Spoken\n"
        "- title: Teaching\n  type: time_table\n  contents:\n    - title: TA\n      year: 2020\n"
        "      grade: A\n      description:\n        - <img src='x.png'> Ran labs\n",
    )
    loaded = read(cv)
    [warning] = [str(w) for w in loaded.warnings]
    assert "section 'Languages' (type 'list_groups' is not read)" in warning
    assert "[1].contents[0].grade" in warning and "an image" in warning
    assert loaded.profile.person.name == "Rhea Solberg" and loaded.profile.person.website == "https://rhea.example.org"


# ---- errors ----------------------------------------------------------------------------------------


def test_errors_point_at_the_users_line_and_path(tmp_path: Path) -> None:
    write(tmp_path / "_config.yml", CONFIG)
    text = CV.read_text(encoding="utf-8").replace("year: 2016 - 2018", "year: 2018 - 2016")
    cv = write(tmp_path / "_data" / "cv.yml", text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "2018 - 2016" in t)
    result = run_cli("validate", cv)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"cv.yml:{line}:13: [1].contents[1].year: the range ends (2016) before it starts (2018)" in result.stderr
    assert "sections[" not in result.stderr


def test_broken_yaml_and_other_shapes_are_located(tmp_path: Path) -> None:
    broken = write(tmp_path / "cv.yml", "- title: Education\n  type: time_table\n  contents: [unclosed\n")
    with pytest.raises(CvError) as error:
        read(broken)
    assert error.value.problems[0].line is not None and "YAML" in error.value.problems[0].message
    mapping = write(tmp_path / "map.yml", "title: Education\ntype: time_table\n")
    with pytest.raises(CvError) as error:
        read(mapping)
    assert "a list of sections" in error.value.problems[0].message


# ---- import round trip -------------------------------------------------------------------------


def test_import_round_trip_gives_the_same_cv(rendered: Rendered, tmp_path: Path) -> None:
    out = tmp_path / "cv.yaml"
    result = run_cli("import", CV, "-o", out)
    assert result.returncode == 0, result.stderr
    assert read_yaml_profile(out).profile == read(CV).profile
    text = out.read_text(encoding="utf-8")
    assert "<a" not in text and "[Polar Fund](https://fund.example.org)" in text and "sort: none" in text
    build(out, tmp_path / "out", formats=("pdf",))
    assert pdf_text(tmp_path / "out" / "cv.pdf") == rendered.text
