"""RenderCV files (and al-folio's ``_data/cv.yml`` in RenderCV format) render like native profiles.

Every RenderCV entry type lands in the right cvbuild section kind, dates go to the date
column, the owner's ``**Name**`` markup becomes a plain name (set in bold by the resolver),
links survive, design/locale/settings keys without an equivalent are named in one warning,
and mistakes are reported at their line in the RenderCV file.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from helpers import FIXTURES, build, pdf_links, pdf_text, run_cli, write

from cvbuild.errors import CvError
from cvbuild.load.registry import load_profile, reader_for
from cvbuild.load.rendercv import section_title
from cvbuild.model import EntriesSection, PublicationsSection
from cvbuild.resolve.sections import resolve

COMPLETE = FIXTURES / "rendercv" / "complete.yaml"
ALFOLIO = FIXTURES / "rendercv" / "alfolio" / "_data" / "cv.yml"


def flat(path: Path) -> str:
    return " ".join(pdf_text(path).split())


def after(text: str, heading: str, following: str) -> str:
    """The text of one section: from its heading to the next section's heading."""
    start = text.index(heading)
    return text[start : text.index(following, start)]


def lines_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture(scope="module")
def complete(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], list[str]]:
    """The complete fixture rendered once: its PDF text, its links and its warnings."""
    built = build(COMPLETE, tmp_path_factory.mktemp("complete"))
    return flat(built.outputs["pdf"]), pdf_links(built.outputs["pdf"]), [str(w) for w in built.warnings]


def test_both_fixtures_are_read_as_rendercv() -> None:
    assert reader_for(COMPLETE).module == ".rendercv"
    assert reader_for(ALFOLIO).module == ".rendercv"


def test_every_entry_type_lands_in_its_section(complete: tuple[str, list[str], list[str]]) -> None:
    text, _, _ = complete
    headings = [
        "Summary", "Education", "Experience", "Projects", "Publications", "Skills", "Service",
        "Invited Talks", "Grants and Awards",
    ]  # fmt: skip
    positions = [text.index(f" {h} ") for h in headings]
    assert positions == sorted(positions), "sections keep the file's order"
    assert "Tomasz Wierzbicki-Amari" in text and "Assistant Professor of Computational Ecology" in text
    summary = after(text, " Summary ", " Education ")
    assert "fjord ecosystems respond to warming" in summary and "fishing communities" in summary  # TextEntry
    education = after(text, " Education ", " Experience ")
    for fact in ("PhD in Computational Ecology", "University of Bergen", "Bergen, Norway", "Sep 2014 – Jun 2019"):
        assert fact in education, fact
    assert "Thesis on kelp forest dynamics" in education and "Advisor: Prof. Kari Nordvik" in education
    assert "MSc in Biology" in education and "2012 – 2014" in education
    experience = after(text, " Experience ", " Projects ")
    assert "Assistant Professor" in experience and "Arctic University of Norway" in experience
    assert "Sep 2020 – present" in experience, "2020-09-15 shows at month precision; 'present' as cvbuild words it"
    assert "Jul 2019 – Aug 2020" in experience and "Leads the Fjord Dynamics group" in experience
    projects = after(text, " Projects ", " Publications ")
    assert "KelpSim" in projects and "An agent-based simulator" in projects  # NormalEntry
    assert "Winter 2022" in projects, "a date cvbuild cannot read is printed as written"
    assert "Nov 4, 2023" in projects, "a single date keeps its day"
    publications = after(text, " Publications ", " Skills ")
    assert "Lise Haugen, Tomasz Wierzbicki-Amari, and Per Olsen" in publications
    assert "T. Wierzbicki-Amari and Ana Costa" in publications
    assert "Marine Ecology Progress Series" in publications and "2023" in publications
    skills = after(text, " Skills ", " Service ")
    assert "Programming Python, R, Julia" in skills and "Polish (native), Norwegian, English" in skills
    assert "Reviewer for Ecology Letters" in after(text, " Service ", " Invited Talks ")
    talks = after(text, " Invited Talks ", " Grants and Awards ")
    assert talks.index("Bergen Ecology Seminar") < talks.index("Nordic Marine Symposium"), "numbered: file order"
    grants = text[text.index(" Grants and Awards ") :]
    assert grants.index("Young Research Talent") < grants.index("Travel award"), "reversed-numbered: file order"
    assert "**" not in text and "*" not in text and "<" not in text, "no markdown or markup left over"


def test_the_owner_is_bold_by_name_not_by_markup() -> None:
    profile = load_profile(COMPLETE).profile
    [section] = [s for s in resolve(profile).sections if s.kind == "publications"]
    authors = [str(row.authors) for row in section.rows]
    assert authors[0].count("Wierzbicki-Amari") == 1 and '<strong class="me">Tomasz Wierzbicki-Amari' in authors[0]
    assert '<strong class="me">T. Wierzbicki-Amari</strong>' in authors[1]
    assert not any("*" in a for a in authors)


def test_links_survive(complete: tuple[str, list[str], list[str]]) -> None:
    _, links, _ = complete
    for url in (
        "https://doi.org/10.1234/meps.2023.001",  # publication doi
        "https://example.org/kelpsim-paper",  # publication url
        "https://github.com/tamari-lab/kelpsim",  # markdown link in a field
        "https://github.com/tamari-lab",
        "https://www.linkedin.com/in/tomasz-amari",
        "https://orcid.org/0000-0002-1825-0097",
        "https://scholar.google.com/citations?user=AbCdEfGhIjk",
        "https://ecology.example/@tamari",  # Mastodon @user@domain
        "https://gitlab.com/tamari",
        "https://bsky.app/profile/tamari.example.org",
        "https://x.com/tamari_eco",
        "https://lab.example.org/amari",  # custom_connections
        "https://tamari.example.org",
        "mailto:t.amari@example.org",
    ):
        assert url in links, url


def test_design_locale_and_settings_map_where_cvbuild_has_an_equivalent() -> None:
    loaded = load_profile(COMPLETE)
    profile = loaded.profile
    assert profile.person.github == "tamari-lab" and profile.person.linkedin == "tomasz-amari"
    assert profile.person.orcid == "0000-0002-1825-0097" and profile.person.scholar == "AbCdEfGhIjk"
    assert profile.locale == "en" and str(profile.updated) == "2024-05-01"
    design = profile.design
    assert design.page_size == "A4" and design.accent_color == "#004f90" and design.font_size == "10pt"
    assert design.margin_box().top == "2cm" and design.margin_box().left == "1.8cm"
    assert design.theme == "classic", "the theme stays cvbuild's default"
    dated = [s for s in profile.sections if isinstance(s, EntriesSection | PublicationsSection)]
    assert len(dated) == 4 and all(s.sort == "none" for s in dated), "RenderCV prints entries as written"
    assert any("NumberedEntry" in note for note in loaded.notes)


def test_keys_without_an_equivalent_are_named_in_one_warning(complete: tuple[str, list[str], list[str]]) -> None:
    _, _, warnings = complete
    [unused] = [w for w in warnings if "not used from design" in w]
    assert f"complete.yaml:{lines_of(COMPLETE, 'theme: classic')}:" in unused
    for key in ("theme", "page.show_footer", "colors.name", "typography.line_spacing", "present", "bold_keywords"):
        assert key in unused, key
    for mapped in ("page.size", "top_margin", "section_titles", "font_size", "language", "current_date"):
        assert mapped not in unused, mapped
    assert any("'photo'" in w for w in warnings), "cv.photo has no place on the CV: said once"


def test_alfolio_cv_yml_in_rendercv_format(tmp_path: Path) -> None:
    built = build(ALFOLIO, tmp_path)
    text = flat(built.outputs["pdf"])
    education = after(text, " Education ", " Experience ")
    assert "PhD in Linguistics" in education and "Uppsala University" in education
    assert "Sep 2016 – Jun 2021" in education and "BA in English and Literary Studies" in education
    experience = after(text, " Experience ", " Selected Talks ")
    assert "Researcher" in experience and "Jan 2023 – present" in experience
    assert "Max Planck Institute for Evolutionary Anthropology" in experience and "Aug 2021 – Dec 2022" in experience
    talks = after(text, " Selected Talks ", " Awards ")
    assert "Tone sandhi without tone" in talks and "May 12, 2024" in talks and "Keynote" in talks
    assert "Early-career prize" in after(text, " Awards ", " Skills ")
    assert "Methods Acoustic phonetics, fieldwork, Praat, R" in text
    assert "*" not in text
    links = pdf_links(built.outputs["pdf"])
    assert "https://amara.example.org/talks/sandhi" in links, "a NormalEntry's url (an extra key al-folio uses)"
    assert "https://x.com/amara_lo" in links and "https://github.com/amaralo" in links
    warnings = [str(w) for w in built.warnings]
    assert any("'icon' not used" in w and f"cv.yml:{lines_of(ALFOLIO, 'icon:')}:" in w for w in warnings)
    assert len([w for w in warnings if "not used from design" in w]) == 1


@pytest.mark.parametrize("fixture", [COMPLETE, ALFOLIO], ids=["complete", "al-folio"])
def test_import_round_trips(tmp_path: Path, fixture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # the same "last updated" in or out of git
    imported = tmp_path / "cv.yaml"
    result = run_cli("import", fixture, "-o", imported)
    assert result.returncode == 0, result.stderr
    assert "**Tomasz" not in imported.read_text(encoding="utf-8")
    original = flat(build(fixture, tmp_path / "original").outputs["pdf"])
    again = flat(build(imported, tmp_path / "again").outputs["pdf"])
    assert again == original


def test_a_malformed_entry_is_located(tmp_path: Path) -> None:
    text = COMPLETE.read_text(encoding="utf-8")
    text = text.replace("        position: Postdoctoral Fellow\n", "")  # an ExperienceEntry without position
    text = text.replace("    service:\n", "    odd:\n      - venue: Somewhere\n        year: 2020\n    service:\n")
    bad = write(tmp_path / "rendercv.yaml", text)
    result = run_cli("validate", bad)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    company = lines_of(bad, "company: Norwegian Polar Institute")
    assert f"rendercv.yaml:{company}:" in result.stderr and "has no 'position'" in result.stderr
    odd = lines_of(bad, "venue: Somewhere")
    [line] = [x for x in result.stderr.splitlines() if f"rendercv.yaml:{odd}:" in x]
    assert "matches no RenderCV entry type" in line and "'venue', 'year'" in line
    assert "EducationEntry" in line and "BulletEntry" in line and "TextEntry" in line


def test_bad_values_are_located_and_named_as_in_the_file(tmp_path: Path) -> None:
    text = COMPLETE.read_text(encoding="utf-8")
    text = text.replace("start_date: 2019-07", "start_date: 2019-13")
    text = text.replace("end_date: 2014\n", "end_date: 2011\n")
    text = text.replace("doi: 10.1234/meps.2023.001", "doi: meps-2023")
    bad = write(tmp_path / "rendercv.yaml", text)
    with pytest.raises(CvError) as info:
        load_profile(bad)
    found = {(p.line, p.path) for p in info.value.problems}
    assert (lines_of(bad, "2019-13"), "cv.sections.experience[1].start_date") in found
    assert (lines_of(bad, "end_date: 2011"), "cv.sections.education[1].end_date") in found
    assert (lines_of(bad, "doi: meps-2023"), "cv.sections.publications[0].doi") in found


def test_mixed_and_empty_entries_are_errors(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "cv.yaml",
        "cv:\n  name: Ana Test\n  sections:\n    mixed:\n      - bullet: one\n      - label: x\n        details: y\n"
        "      -\n    notes: hello\n",
    )
    with pytest.raises(CvError) as info:
        load_profile(bad)
    messages = {p.line: p.message for p in info.value.problems}
    assert "OneLineEntry" in messages[6] and "BulletEntry entries" in messages[6]
    assert "empty" in messages[8]
    assert "a section is a list of entries" in messages[9]


def test_name_comes_from_the_file_or_the_command_line(tmp_path: Path) -> None:
    nameless = write(tmp_path / "cv.yaml", "cv:\n  email: ana@example.org\n  sections:\n    bio:\n      - Hello.\n")
    with pytest.raises(CvError, match="has no 'name'"):
        load_profile(nameless)
    assert load_profile(nameless, {"name": "Ana Lima"}).profile.person.name == "Ana Lima"
    person = load_profile(COMPLETE, {"name": "Ana Lima", "email": "ana@example.org"}).profile.person
    assert person.name == "Ana Lima" and person.email == "ana@example.org"
    assert person.github == "tamari-lab", "fields not overridden keep the file's value"


def test_older_rendercv_blocks_and_odd_contacts(tmp_path: Path) -> None:
    """RenderCV 1.x names (locale_catalog, rendercv_settings, design.color …) and values cvbuild cannot use."""
    older = write(
        tmp_path / "cv.yaml",
        "cv:\n  name: Ola Nordmann\n  label: Data Scientist\n  email: [a@example.org, b@example.org]\n"
        "  website: 'javascript:alert(1)'\n  social_networks:\n    - network: Myspace\n      username: ola\n"
        "  sections:\n    empty: []\n    talks:\n      - name: A talk\n        date: 2021-03\n"
        "        start_date: 2020\n"
        "design:\n  theme: sb2nov\n  page_size: letter\n  color: '#aa0000'\n  font_size: 11pt\n"
        "locale_catalog:\n  language: german\n  present: heute\n"
        "rendercv_settings:\n  date: 2024-01-01\n",
    )
    loaded = load_profile(older)
    profile = loaded.profile
    assert profile.person.headline == "Data Scientist" and profile.person.email == "a@example.org"
    assert [(link.label, link.url) for link in profile.person.links] == [("b@example.org", "mailto:b@example.org")]
    assert profile.person.website is None
    assert (profile.design.page_size, profile.design.accent_color, profile.design.font_size) == (
        "Letter",
        "#aa0000",
        "11pt",
    )
    assert profile.locale == "de" and str(profile.updated) == "2024-01-01"
    assert [s.title for s in profile.sections] == ["Talks"]
    warnings = " | ".join(str(w) for w in loaded.warnings)
    for said in ("javascript:alert(1)' dropped", "'Myspace' not used", "'Empty' is empty", "start_date/end_date"):
        assert said in warnings, said
    [unused] = [str(w) for w in loaded.warnings if "not used from design" in str(w)]
    assert "theme" in unused and "present" in unused and "language" not in unused


def test_section_titles_follow_rendercv() -> None:
    assert section_title("education_and_training") == "Education and Training"
    assert section_title("invited_talks") == "Invited Talks"
    assert section_title("Selected Talks") == "Selected Talks" and section_title("PhD_work") == "PhD_work"


def test_mangled_rendercv_files_never_crash(tmp_path: Path) -> None:
    lines = COMPLETE.read_text(encoding="utf-8").splitlines(keepends=True)
    inserts = [
        "  x: 1\n", "- \n", "    - [\n", "      tags: 5\n", "      date: 2020-13\n", "        - {}\n", "      - 7\n",
        "    s: []\n", "      authors: 3\n", "  social_networks: 4\n", "design: 5\n", "locale: {language: 3}\n",
    ]  # fmt: skip
    rng = random.Random(11)
    for case in range(80):
        mangled = list(lines)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(mangled))
            roll = rng.random()
            if roll < 0.3:
                del mangled[at]
            elif roll < 0.6:
                mangled[at] = mangled[at].replace(":", "", 1)
            elif roll < 0.8:
                mangled.insert(at, rng.choice(inserts))
            else:
                mangled[at] = mangled[at][: rng.randrange(len(mangled[at]) + 1)]
        path = write(tmp_path / f"cv{case}.yaml", "".join(mangled))
        try:
            resolve(load_profile(path).profile)
        except CvError as error:
            assert error.problems and all(p.message for p in error.problems)
            assert all(p.line for p in error.problems if p.file), "every problem has a line"


def test_no_markup_in_the_imported_authors(tmp_path: Path) -> None:
    result = run_cli("import", COMPLETE, "-o", "-")
    assert result.returncode == 0, result.stderr
    assert not re.search(r"- ['\"]?\*", result.stdout), "authors are plain names in the cv.yaml"
    assert "highlight:\n  - T. Wierzbicki-Amari" in result.stdout, "a marked spelling that is not the name stays bold"
