"""JSON Resume files render like native profiles, and their errors point into the JSON.

Fixtures (fictional people): ``resume.json`` (plain v1), ``alfolio-resume.json`` (al-folio's
hand-edited ``assets/json/resume.json``: comments, trailing commas, every field of both schema
generations) and ``academicpages-cv.json`` (what academicpages' markdown-to-JSON script writes:
v0 names, empty strings, ``presentations``/``teaching``/``portfolio``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from helpers import FIXTURES, build, pdf_links, pdf_text, run_cli, write

from cvbuild.errors import CvError
from cvbuild.load.json_resume import parse_json, read, strip_jsonc
from cvbuild.load.registry import reader_for
from cvbuild.load.yaml_profile import read as read_yaml_profile
from cvbuild.model.dump import profile_yaml
from cvbuild.source import load_yaml

FIXTURE = FIXTURES / "json" / "resume.json"
JSONC = FIXTURES / "json" / "alfolio-resume.json"
ACADEMICPAGES = FIXTURES / "json" / "academicpages-cv.json"
EPOCH = "1780000000"  # fixed "last updated" date: same inputs, same text


@dataclass
class Rendered:
    pdf: Path
    text: str  # the PDF's text, one line per printed line
    warnings: list[str]


@pytest.fixture(scope="module", autouse=True)
def _epoch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, _epoch: None) -> dict[str, Rendered]:
    out = {}
    for key, path in (("jsonc", JSONC), ("academicpages", ACADEMICPAGES)):
        folder = tmp_path_factory.mktemp(key)
        result = build(path, folder, formats=("pdf",))
        pdf = folder / "cv.pdf"
        out[key] = Rendered(pdf, pdf_text(pdf), [str(w) for w in result.warnings])
    return out


def section(text: str, title: str) -> str:
    """The PDF text from the heading line ``title`` to the next heading (a line in SECTION_TITLES)."""
    lines = text.splitlines()
    start = lines.index(title)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() in SECTION_TITLES), len(lines))
    return "\n".join(lines[start + 1 : end])


SECTION_TITLES = {
    "Summary", "Experience", "Education", "Volunteering", "Projects", "Portfolio", "Publications", "Talks",
    "Teaching", "Awards", "Certificates", "Skills", "Languages", "Interests",
}  # fmt: skip


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


# ---- the plain v1 fixture --------------------------------------------------------------------


def test_json_resume_renders_every_section(tmp_path: Path) -> None:
    result = run_cli("render", FIXTURE, "-o", tmp_path, "-f", "pdf")
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(tmp_path / "cv.pdf").split())
    for fact in (
        "Kofi Mensah",
        "Data Scientist",
        "Accra, GH",
        "Senior Data Scientist",
        "Example Analytics",
        "Mar 2021 – present",
        "Built the forecasting platform",
        "MSc in Statistics",
        "Score: First class",
        "Best Poster, Ghana Stats Society",
        "Forecasting Rainfall",
        "Python, R, SQL",
        "Twi",
    ):
        assert fact in text, fact
    assert "**" not in text  # the summary's markdown is rendered
    links = pdf_links(tmp_path / "cv.pdf")
    assert "https://github.com/kofim" in links and "https://mastodon.example/@kofi" in links
    assert "not printed" not in result.stderr  # everything in this file is printed


def test_json_resume_errors_point_into_the_json(tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["work"][1]["endDate"] = "2017-02"
    data["education"][0]["startDate"] = "Smarch 2016"
    bad = tmp_path / "resume.json"
    bad.write_text(json.dumps(data, indent=2), encoding="utf-8")
    lines = bad.read_text(encoding="utf-8").splitlines()
    result = run_cli("validate", bad)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    end_line = next(i for i, t in enumerate(lines, 1) if '"2017-02"' in t)
    start_line = next(i for i, t in enumerate(lines, 1) if "Smarch" in t)
    assert f"resume.json:{end_line}:" in result.stderr and "before it starts" in result.stderr
    assert f"resume.json:{start_line}:" in result.stderr and "unknown month 'Smarch'" in result.stderr
    # the user's field paths, not the converted profile's
    assert "work[1].endDate: the range ends" in result.stderr
    assert "education[0].startDate: unknown month" in result.stderr
    assert "sections[" not in result.stderr and "entries[" not in result.stderr


def test_json_without_basics_name_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "resume.json"
    bad.write_text('{"basics": {"email": "x@example.org"}}', encoding="utf-8")
    result = run_cli("validate", bad)
    assert result.returncode == 1 and "basics.name is missing" in result.stderr and "--person-name" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"basics": {"name": "X"\n  "label": "Y"}}\n', encoding="utf-8")  # a comma is missing
    result = run_cli("validate", broken)
    assert result.returncode == 1 and "broken.json:2:3:" in result.stderr and "Traceback" not in result.stderr
    named = run_cli("import", bad, "-o", tmp_path / "cv.yaml", "--person-name", "Ada Quill")
    assert named.returncode == 0, named.stderr
    assert "name: Ada Quill" in (tmp_path / "cv.yaml").read_text(encoding="utf-8")


def test_not_a_resume_is_a_located_error(tmp_path: Path) -> None:
    for text in ("[1, 2]", '{"basics": "Ada"}', "// only a comment\n"):
        path = write(tmp_path / "resume.json", text)
        with pytest.raises(CvError) as error:
            read(path)
        problem = error.value.problems[0]
        assert problem.file == path and problem.line is not None


# ---- comments and trailing commas ----------------------------------------------------------------


def test_comments_and_trailing_commas_become_spaces_in_place() -> None:
    text = '{\n  "a": "http://x.org/*not a comment*/", // note\n  /* block\n  comment */ "b": [1, 2,],\n}\n'
    clean = strip_jsonc(text)
    assert len(clean) == len(text) and clean.count("\n") == text.count("\n")
    assert json.loads(clean) == {"a": "http://x.org/*not a comment*/", "b": [1, 2]}
    for original, kept in zip(text, clean, strict=True):
        assert kept in (original, " ")  # nothing moves: a character stays or becomes a space
    assert '"a": "http://x.org/*not a comment*/"' in clean  # strings are never touched


def test_syntax_errors_after_comments_keep_their_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "resume.json", '// header\n/* two\nlines */\n{"basics": {"name": "X"}\n"work": []}\n')
    result = run_cli("validate", bad)
    assert result.returncode == 1 and "resume.json:5:1:" in result.stderr and "JSON syntax error" in result.stderr
    unclosed = write(tmp_path / "open.json", '{"basics": {"name": "X"}}\n\n  /* never closed\n')
    result = run_cli("validate", unclosed)
    assert result.returncode == 1 and "open.json:3:3:" in result.stderr and "never closed" in result.stderr


def test_validation_errors_in_a_commented_file_point_at_the_users_line(tmp_path: Path) -> None:
    text = JSONC.read_text(encoding="utf-8").replace('"startDate": "2021-09-01"', '"startDate": "Smarch 2021"')
    bad = write(tmp_path / "resume.json", text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "Smarch" in t)
    column = text.splitlines()[line - 1].index('"Smarch') + 1
    with pytest.raises(CvError) as error:
        read(bad)
    [problem] = error.value.problems
    assert (problem.line, problem.column, problem.path) == (line, column, "work[0].startDate")


@pytest.mark.parametrize("path", [FIXTURE, ACADEMICPAGES])
def test_positions_are_those_the_yaml_reader_gives_plain_json(path: Path) -> None:
    """The JSON scanner and the YAML reader (which reads plain JSON too) agree on every position."""
    text = path.read_text(encoding="utf-8")
    data, source = parse_json(text, path)
    yaml_data, yaml_source = load_yaml(text, path)
    assert data == yaml_data and len(source.values) > 50
    assert (source.values, source.keys) == (yaml_source.values, yaml_source.keys)


def test_escaped_emoji_and_split_keys_are_read(tmp_path: Path) -> None:
    """Python's json.dump escapes emoji as surrogate pairs, and keys may sit on their own line."""
    path = write(tmp_path / "resume.json", '{"basics": {"name": "Ana \\ud83e\\udd8b Lima",\n"label"\n:\n"Poet"}}')
    person = read(path).profile.person
    assert person.name == "Ana \U0001f98b Lima" and person.headline == "Poet"


# ---- every field of both generations (al-folio's hand-edited resume.json) -----------------------


def test_every_field_lands_in_its_section(rendered: dict[str, Rendered]) -> None:
    text = rendered["jsonc"].text
    header = text.split("\nSummary\n")[0]
    for fact in (
        "Imogen Thackeray-Oduya",
        "Lecturer in Computational Ecology",
        "1 Fictional Row, Leeds, LS2 9ZZ, GB",
        "imogen@example.org",
        "+44 113 496 0000",
        "0000-0002-1825-0097",  # ORCID (an icon labels it)
    ):
        assert fact in header, fact
    assert "I model how moth populations respond to light pollution." in section(text, "Summary")
    experience = section(text, "Experience")
    for fact in (
        "University of Leeds",
        "Leeds, UK",
        "A research university. Teach ecology and run the moth lab.",
        "Won a 3-year grant for light-trap surveys",
        "Moth Survey Trust",  # v0 company
        "Cleaned 40 years of trap records",
    ):
        assert fact in experience, fact
    education = section(text, "Education")
    for fact in ("PhD in Ecology", "Score: Passed without corrections", "Courses: Population Models, Field Statistics"):
        assert fact in education, fact
    assert "BSc in Biology" in education and "GPA 3.90" in education  # v0 gpa, as written
    volunteering = section(text, "Volunteering")
    assert "Survey Volunteer" in volunteering and "Night Sky Watch" in volunteering
    assert "Trained 12 new volunteers" in volunteering
    projects = section(text, "Projects")
    for fact in ("MothMap", "Lead developer, Moth Survey Trust", "An open atlas", "Used by 30", "Keywords: Open data"):
        assert fact in projects, fact
    publications = " ".join(section(text, "Publications").split())
    assert "Moths Under Streetlights. Journal of Imaginary Ecology, 2022" in publications
    assert "Light pollution halves visits." in publications
    awards = section(text, "Awards")
    assert "Early Career Prize, Fictional Ecological Society" in awards and "For the light-trap atlas." in awards
    assert "Bat Licence, Natural Fiction England" in section(text, "Certificates")
    skills = section(text, "Skills")
    assert "Modelling R, Stan, Python (Advanced)" in skills and "Fieldwork Light traps, Bat detectors" in skills
    assert "English Native speaker" in section(text, "Languages")
    assert "Astronomy Dark skies, Meteor showers" in section(text, "Interests")


def test_dates_print_in_months_in_the_date_column(rendered: dict[str, Rendered]) -> None:
    r = rendered["jsonc"]
    assert date_column(r.pdf, "Sep 2021 – present", "Lecturer")
    assert date_column(r.pdf, "Dec 2013 – Aug 2016", "Data Officer")  # 2013-12-01 → Dec 2013
    assert date_column(r.pdf, "Jan 2020 – Dec 2022", "MothMap")
    assert date_column(r.pdf, "Apr 2019", "Bat Licence")
    assert "Dec 1, 2013" not in r.text and "2013-12-01" not in r.text


def test_no_comment_markup_or_repeated_places(rendered: dict[str, Rendered]) -> None:
    text = rendered["jsonc"].text
    for junk in ("//", "/*", "*/", "Leeds, Leeds", "<a", "**", "same as the city"):
        assert junk not in text, junk
    header = text.split("\nSummary\n")[0]
    assert text.count("imogen@example.org") == 1 and header.count("Leeds") == 1
    assert text.count("imogen-t") == 1  # GitHub given by username is not repeated as a link
    assert " ·  · " not in header and not header.rstrip().endswith("·")  # no dangling separator


def test_profiles_become_links_from_username_or_url(rendered: dict[str, Rendered]) -> None:
    links = pdf_links(rendered["jsonc"].pdf)
    for url in (
        "https://github.com/imogen-t",
        "https://www.linkedin.com/in/imogenthackeray",
        "https://orcid.org/0000-0002-1825-0097",
        "https://scholar.google.com/citations?user=AbCdEfGhIjK",
        "https://twitter.com/imogen_moths",
        "https://ecology.example/@imogen",  # Mastodon: the server from user@server
        "https://www.researchgate.net/profile/Imogen-Thackeray-Oduya",
        "https://soundcloud.com/mothsounds",
        "https://notes.example.org/imogen",
        "https://leeds.example.ac.uk",  # work[].url (v1)
        "https://moths.example.org",  # work[].website (v0)
        "https://nightsky.example.org",
        "https://mothmap.example.org",
        "https://cert.example.org/bat",
        "https://doi.example.org/moths",
    ):
        assert url in links, url
    assert not any("myspace" in url.lower() for url in links)


def test_what_is_not_printed_is_named_in_one_warning(rendered: dict[str, Rendered]) -> None:
    dropped = [w for w in rendered["jsonc"].warnings if "not printed" in w]
    assert len(dropped) == 1
    [warning] = dropped
    for name in ("references", "privacy", "basics.image", "basics.profiles[8]", "Myspace", "projects[0].type"):
        assert name in warning, name
    assert "Prof. Ada Quill" not in rendered["jsonc"].text  # references stay private
    assert "alfolio-resume.json:" in warning


def test_mastodon_without_server_and_unsafe_links_are_named(tmp_path: Path) -> None:
    resume = {
        "basics": {
            "name": "Ana Lima",
            "location": "Porto, Portugal",
            "profiles": [
                {"network": "Mastodon", "username": "ana"},
                {"network": "Homepage", "url": "javascript:alert(1)"},
                {"network": "GitHub", "username": "ana-l"},
                {"network": "GitHub", "username": "ana-l"},
            ],
        },
        "awards": [{"title": "Prize", "url": "ftp://example.org/prize"}],
    }
    loaded = read(write(tmp_path / "resume.json", json.dumps(resume, indent=1)))
    [warning] = [str(w) for w in loaded.warnings]
    assert "Mastodon needs the server" in warning and "basics.profiles[1].url" in warning
    assert "awards[0].url" in warning
    person = loaded.profile.person
    assert person.location == "Porto, Portugal" and person.github == "ana-l" and person.links == []


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ({"city": "Leeds", "region": "Leeds", "countryCode": "GB"}, "Leeds, GB"),
        ({"city": "leeds", "region": "Leeds"}, "leeds"),
        ({"address": "2 Side St\nFlat 3", "city": "Accra", "countryCode": "GH"}, "2 Side St, Flat 3, Accra, GH"),
        ({"postalCode": "", "city": "", "countryCode": "US", "region": ""}, "US"),
        ("Berlin, Germany", "Berlin, Germany"),
    ],
)
def test_location_in_every_form(tmp_path: Path, location: object, expected: str) -> None:
    path = write(tmp_path / "resume.json", json.dumps({"basics": {"name": "Ana Lima", "location": location}}))
    assert read(path).profile.person.location == expected


# ---- academicpages' _data/cv.json -------------------------------------------------------------


def test_academicpages_talks_teaching_and_v0_names(rendered: dict[str, Rendered]) -> None:
    r = rendered["academicpages"]
    header = r.text.split("\nSummary\n")[0]
    assert "Tobias Wren-Achebe" in header and "Zürich, CH" in header and "twren.example.org" in header
    experience = section(r.text, "Experience")
    assert "Postdoctoral Researcher" in experience and "Fictional Institute of Acoustics" in experience
    assert date_column(r.pdf, "2022 – present", "Postdoctoral Researcher")
    assert date_column(r.pdf, "2021", "Ph.D in Acoustics")  # endDate alone: one date
    talks = section(r.text, "Talks")
    for fact in ("Listening to Traffic", "Workshop on Urban Sound", "Basel, Switzerland", "Invited talk on noise"):
        assert fact in talks, fact
    assert date_column(r.pdf, "Mar 1, 2023", "Listening to Traffic")
    teaching = section(r.text, "Teaching")
    for fact in ("Acoustics 101", "Teaching assistant, Imaginary Polytechnic", "Ran the weekly lab sessions"):
        assert fact in teaching, fact
    assert "Sound Map of Zürich" in section(r.text, "Portfolio")
    assert "Quiet Corners of Loud Cities" in section(r.text, "Publications")
    assert "None" not in r.text and "GPA" not in r.text  # "gpa": null and empty strings print nothing
    links = pdf_links(r.pdf)
    assert "https://papers.example.org/quiet.pdf" in links  # publications[].website (v0)
    assert "https://twren.example.org/portfolio/sound-map/" in links  # site-relative, from basics.website
    assert "https://github.com/twren" in links and "https://www.researchgate.net/profile/Tobias-Wren-Achebe" in links
    assert not [w for w in r.warnings if "not printed" in w]


# ---- import round trip -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["jsonc", "academicpages"])
def test_import_round_trip_gives_the_same_cv(rendered: dict[str, Rendered], tmp_path: Path, key: str) -> None:
    source = JSONC if key == "jsonc" else ACADEMICPAGES
    out = tmp_path / "cv.yaml"
    result = run_cli("import", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert reader_for(out).name == "cvbuild profile"
    assert read_yaml_profile(out).profile == read(source).profile
    assert profile_yaml(read(source).profile, source=source.as_posix()) == out.read_text(encoding="utf-8")
    build(out, tmp_path / "out", formats=("pdf",))
    assert pdf_text(tmp_path / "out" / "cv.pdf") == rendered[key].text
