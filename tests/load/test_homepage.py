"""Homepage pages as profile data: about.md / author page / profile README → CV.

Fixture pages (fictional people) in every supported shape live in ``fixtures/pages``. Each is
rendered once per module; the tests read the real PDF back (text, word positions, fonts).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from helpers import FIXTURES as FIXTURE_DIR
from helpers import build, pdf_text, run_cli, write

from cvbuild.errors import CvError
from cvbuild.load.homepage.clean import strip_comments
from cvbuild.load.homepage.dates import split_leading_date, split_trailing_date
from cvbuild.load.homepage.reader import read as load_markdown_page
from cvbuild.load.registry import load_profile
from cvbuild.load.yaml_profile import read as load_yaml_profile
from cvbuild.model.dump import profile_yaml

PAGES = FIXTURE_DIR / "pages"
EPOCH = "1780000000"  # fixed "last updated" date: same inputs, same bytes
FIXTURES = {
    "academicpages": PAGES / "academicpages" / "_pages" / "about.md",
    "alfolio": PAGES / "alfolio" / "_pages" / "about.md",
    "hugo": PAGES / "hugo" / "content" / "authors" / "admin" / "_index.md",
    "readme": PAGES / "readme" / "README.md",
    "german": PAGES / "german" / "_pages" / "about.md",
}


@dataclass
class Rendered:
    pdf: Path
    text: str
    warnings: list[str]
    notes: list[str]


@pytest.fixture(scope="module", autouse=True)
def _epoch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:  # module scope; restored after the module's tests
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, _epoch: None) -> dict[str, Rendered]:
    out: dict[str, Rendered] = {}
    for key, page in FIXTURES.items():
        folder = tmp_path_factory.mktemp(key)
        result = build(page, folder, formats=("pdf",))
        pdf = folder / "cv.pdf"
        out[key] = Rendered(pdf, pdf_text(pdf), [str(w) for w in result.warnings], result.loaded.notes)
    return out


def _date_column(pdf: Path, date: str, text_start: str) -> bool:
    """``date`` is printed right-aligned on the same line as the text starting with ``text_start``."""
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            words = page.extract_words()
            lines: dict[int, list[dict]] = {}
            for w in words:
                lines.setdefault(round(w["top"]), []).append(w)
            for line in lines.values():
                joined = " ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"]))
                if joined.startswith(text_start) and joined.endswith(date):
                    last = max(line, key=lambda w: w["x1"])
                    first_date_word = next(w for w in line if w["text"] == date.split()[0])
                    return last["x1"] > page.width * 0.8 and first_date_word["x0"] > page.width * 0.55
    return False


# ---- academicpages ---------------------------------------------------------------------------


def test_academicpages_identity_from_site_config(rendered: dict[str, Rendered]) -> None:
    r = rendered["academicpages"]
    for fact in ("Mirela Okonkwo-Lind", "PhD candidate in Glaciology", "Arctic University of Norway", "Tromsø"):
        assert fact in r.text
    assert "mirela.okonkwo@example.org" in r.text and "0000-0002-1694-233X" in r.text
    assert any("_config.yml (author.name)" in n for n in r.notes)  # a note, not a warning: --strict still passes


def test_academicpages_every_fact_in_its_section(rendered: dict[str, Rendered]) -> None:
    text = rendered["academicpages"].text
    for fact in (
        "Svalbard glaciers",
        "Café Scientifique",  # mojibake repaired
        "basal hydrology",
        "Polar Night Workshop",
        "Austfonna",
        "PhD in Glaciology",
        "Advisor: Prof. Halvard Nyrud",
        "MSc in Earth Sciences",
        "BSc in Physics",
        "Excellence Scholarship",
        "GEO-3102 Glacier Dynamics",
    ):
        assert fact in text, fact
    assert text.index("News") < text.index("Education") < text.index("Awards") < text.index("Teaching")


def test_academicpages_markup_and_site_chrome_absent(rendered: dict[str, Rendered]) -> None:
    text = rendered["academicpages"].text
    for junk in ("{%", "{{", "%}", "base_path", "baseurl", "SECRETDRAFT", "OLDCOPY", "<!--", "-->", "Download"):
        assert junk not in text, junk
    for junk in ("news-date", "color:", "<strong>", "<li>", "Ã", "ðŸ", "portrait", "badge", "permalink", "excerpt"):
        assert junk not in text, junk
    assert text.count("Best Poster Award") == 1  # the commented-out copy never appears


@pytest.mark.parametrize(
    ("date", "text_start"),
    [
        ("May 2025", "Our paper on basal hydrology"),  # <strong>May 2025</strong> in an HTML list
        ("Februray 2025", "Invited talk"),  # a typo, kept as written
        ("Jul 2024", "Field season"),
        ("2022-2026 (expected)", "PhD in Glaciology"),
        ("Sep 2019 – Jun 2021", "MSc in Earth Sciences"),
        ("2016 – 2019", "BSc in Physics"),
        ("Fall 2023", "GEO-3102"),  # a table row's date cell
    ],
)
def test_academicpages_dates_in_date_column(rendered: dict[str, Rendered], date: str, text_start: str) -> None:
    assert _date_column(rendered["academicpages"].pdf, date, text_start), (date, rendered["academicpages"].text)


def test_render_summarises_what_was_dropped(rendered: dict[str, Rendered]) -> None:
    dropped = next(w for w in rendered["academicpages"].warnings if "dropped from the page" in w)
    for what in ("HTML comment", "Liquid comment block", "style/script block", "image", "'Download CV' link"):
        assert what in dropped, dropped


# ---- al-folio, Hugo, README, German ----------------------------------------------------------------


def test_alfolio_name_parts_and_front_matter(rendered: dict[str, Rendered]) -> None:
    r = rendered["alfolio"]
    assert "Anselm Q. Verhoeven-Tamm" in r.text
    assert "Institute for Soft Matter, Technical University of Nowhere" in r.text  # subtitle without <a>
    assert "Lindenweg 7" in r.text and "<p>" not in r.text
    assert "0000-0001-5109-3700" in r.text and "anselm.vt@example.net" in r.text
    assert _date_column(r.pdf, "Jul 2023 – present", "Postdoctoral researcher")
    assert "Thesis on shear thickening" in r.text
    assert _date_column(r.pdf, "Sep 2018 – Dec 2018", "Visiting researcher")  # trailing date
    assert "Tidewater Rheology Lab" in r.text  # the organisation, on the line below the title
    for key in ("selected_papers", "image_circular", "prof_pic"):
        assert key not in r.text


def test_hugo_author_page(rendered: dict[str, Rendered]) -> None:
    r = rendered["hugo"]
    for fact in ("Oyelaran Brightwater", "Assistant Professor of Marine Ecology", "Coastal Institute of Technology"):
        assert fact in r.text
    assert "o.brightwater@example.edu" in r.text and "github.com/obrightwater" in r.text
    assert "Kelp forest resilience" in r.text and "Citizen science" in r.text
    assert "marine heatwaves." in " ".join(r.text.split())  # the sentence before a staticref widget on its line stays
    assert _date_column(r.pdf, "2019", "PhD in Marine Biology")  # an entry: the university on the line below
    assert "University of Tasmania" in r.text
    for junk in ("staticref", "resumé", "{{", "superuser", "avatar"):
        assert junk not in r.text, junk


def test_readme_structure(rendered: dict[str, Rendered]) -> None:
    r = rendered["readme"]
    text = r.text
    assert "Tobiah Quennell" in text  # from "Hi, I'm …" in the page title
    assert "Experiences — Interns" in text and "Teaching — Volunteering" in text  # sub-headings, <summary>
    assert "Wrote a scheduling pass" in text  # nested item as a detail
    assert "Register allocation for GPUs" in text and "Bouldering" in text  # list-in-table cells
    assert _date_column(r.pdf, "Jun 2023 – present", "PhD in Computer Science")
    assert _date_column(r.pdf, "Apr 2024 – present", "Head Teaching Assistant")
    assert _date_column(r.pdf, "Sep 2024 – present", "Mentor, Girls Who Compile")
    for junk in ("</br>", "|", ":microscope:", ":wave:", ":rocket:", "OLDCOPY", "{2023", "<details>", "Hi, I"):
        assert junk not in text, junk


def test_readme_cjk_rendered_with_cjk_font(rendered: dict[str, Rendered]) -> None:
    with pdfplumber.open(rendered["readme"].pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars if c["text"] in "操作系统原理编译"]
    assert len(chars) >= 8
    assert all("CJK" in c["fontname"] for c in chars), {c["fontname"] for c in chars}


def test_german_page_keeps_umlauts_and_language(rendered: dict[str, Rendered]) -> None:
    r = rendered["german"]
    for fact in ("Jörg Bräutigam-Hüsch", "Mühlen", "Südniedersachsen", "Universität Würzburg"):
        assert fact in r.text
    assert "joerg.bh@example.de" in r.text  # "[at]" repaired
    assert _date_column(r.pdf, "Mai 2023 – heute", "Wissenschaftlicher Mitarbeiter")


# ---- import: page → cv.yaml → same CV ------------------------------------------------------------


def test_import_round_trip_gives_the_same_cv(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    page = FIXTURES["academicpages"]
    loaded = load_profile(page)
    cv_yaml = write(tmp_path / "cv.yaml", profile_yaml(loaded.profile, source="about.md"))
    assert load_yaml_profile(cv_yaml).profile == loaded.profile
    assert "sort: none" in cv_yaml.read_text(encoding="utf-8")
    build(cv_yaml, tmp_path / "out", formats=("pdf",))
    assert pdf_text(tmp_path / "out" / "cv.pdf") == rendered["academicpages"].text


def test_import_command_with_identity_override(tmp_path: Path) -> None:
    out = tmp_path / "cv.yaml"
    result = run_cli("import", FIXTURES["readme"], "-o", out, "--person-name", "Toby Q.", "--email", "tq@example.com")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "name: Toby Q." in text and "tq@example.com" in text and "《操作系统原理》" in text
    assert "taken from the command line" in result.stderr
    again = run_cli("import", FIXTURES["readme"], "-o", out)  # a different file exists: refuse without --force
    assert again.returncode == 1 and "--force" in again.stderr and "Traceback" not in again.stderr


def test_overrides_win_over_site_config() -> None:
    loaded = load_markdown_page(FIXTURES["academicpages"], {"name": "M. O. Lind", "headline": "Glaciologist"})
    assert loaded.profile.person.name == "M. O. Lind"
    assert loaded.profile.person.headline == "Glaciologist"
    assert loaded.profile.person.email == "mirela.okonkwo@example.org"  # the rest still from _config.yml


# ---- bad input ---------------------------------------------------------------------------------------


def test_invalid_front_matter_points_at_the_line(tmp_path: Path) -> None:
    page = write(tmp_path / "about.md", "---\nlayout: single\ntitle: [unclosed\nx: 1\n---\n\nHello.\n")
    with pytest.raises(CvError) as error:
        load_markdown_page(page)
    problem = error.value.problems[0]
    assert problem.file == Path("about.md") and problem.line in (3, 4, 5)  # named from the page's folder
    result = run_cli("render", page, "-o", tmp_path / "out")
    assert result.returncode == 1 and "about.md:" in result.stderr and "Traceback" not in result.stderr


def test_binary_and_non_utf8_pages_are_clear_errors(tmp_path: Path) -> None:
    binary = tmp_path / "about.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CvError, match="binary"):
        load_markdown_page(binary)
    latin = tmp_path / "readme.md"
    latin.write_bytes("Universit\u00e4t G\u00f6ttingen\n".encode("latin-1"))
    with pytest.raises(CvError, match="UTF-8"):
        load_markdown_page(latin)


def test_a_page_without_a_name_is_an_error_that_says_how_to_give_one(tmp_path: Path) -> None:
    page = write(tmp_path / "about.md", "---\nlayout: single\n---\nI study ferns.\n")
    with pytest.raises(CvError, match="no name found") as error:
        load_markdown_page(page)
    assert "--person-name" in error.value.problems[0].hint
    result = build(page, tmp_path / "out", formats=("pdf",), overrides={"name": "Ines Kalnins"})
    text = pdf_text(result.outputs["pdf"])
    assert result.pages == 1 and "Ines Kalnins" in text and "I study ferns." in text


def test_pure_prose_becomes_about_section(tmp_path: Path) -> None:
    page = write(tmp_path / "README.md", "I build tide gauges.\n\nMy name is Ilse Varga and I like maps.\n")
    profile = load_markdown_page(page).profile
    assert profile.person.name == "Ilse Varga"
    assert [s.title for s in profile.sections] == ["About"]
    assert "tide gauges" in profile.sections[0].text  # type: ignore[union-attr]


# ---- small parts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "fields", "rest"),
    [
        ("[2023.09 - 2025.11] MSc, Delft", {"start": "2023-09", "end": "2025-11"}, "MSc, Delft"),
        ("{2023.06-Now} M.Eng.", {"start": "2023-06", "end": "present"}, "M.Eng."),
        ("2019.08-2023.06 B.Eng.", {"start": "2019-08", "end": "2023-06"}, "B.Eng."),
        ("July 2024: Joined", {"date": "2024-07"}, "Joined"),
        ("**May 2025**: Accepted", {"date": "2025-05"}, "Accepted"),
        ("**{2025.04-Now} Ambassador**", {"start": "2025-04", "end": "present"}, "**Ambassador**"),
        ("2022-2026 (expected) PhD", {"date_text": "2022-2026 (expected)"}, "PhD"),
        ("Sep 2023 – present Postdoc", {"start": "2023-09", "end": "present"}, "Postdoc"),
        ("2024/9 - present RA", {"start": "2024-09", "end": "present"}, "RA"),
        ("05/2023 – laufend Mitarbeiter", {"start": "2023-05", "end": "present"}, "Mitarbeiter"),
        ("Februray 2025: Talk", {"date_text": "Februray 2025"}, "Talk"),
        (
            "{2023-2024 Spring, 2024-2025 Fall} Assistant",
            {"date_text": "2023-2024 Spring, 2024-2025 Fall"},
            "Assistant",
        ),
        ("[Paper](https://example.org) - tool", {}, "[Paper](https://example.org) - tool"),
        ("2048 tiles", {}, "2048 tiles"),
        ("3D printing club", {}, "3D printing club"),
    ],
)
def test_leading_dates(line: str, fields: dict[str, str], rest: str) -> None:
    assert split_leading_date(line) == (fields, rest)


@pytest.mark.parametrize(
    ("line", "fields", "rest"),
    [
        ("PhD in Physics, MIT, 2019–2024", {"start": "2019", "end": "2024"}, "PhD in Physics, MIT"),
        ("PhD, Example University, 2018 (expected)", {"date_text": "2018 (expected)"}, "PhD, Example University"),
        ("Best Paper Award (2021)", {"date": "2021"}, "Best Paper Award"),
        ("Dan Wu (MSc, 2021–2023)", {}, "Dan Wu (MSc, 2021–2023)"),
        ("Best Paper, SOSP 2019", {}, "Best Paper, SOSP 2019"),
        ("Volunteer, EuroSys 2025, Rotterdam", {}, "Volunteer, EuroSys 2025, Rotterdam"),
    ],
)
def test_trailing_dates(line: str, fields: dict[str, str], rest: str) -> None:
    assert split_trailing_date(line) == (fields, rest)


def test_comments_end_where_browsers_end_them() -> None:
    """The HTML5 tokenizer's rule: the first ``-->`` ends a comment; a ``<!--`` inside does not nest."""
    from collections import Counter

    counts: Counter[str] = Counter()
    text = "keep <!-- a <!-- b --> shown too --> shown; A --> B"
    assert strip_comments(text, counts) == "keep  shown too shown; A --> B"  # the author's extra closer goes
    assert counts["HTML comment"] == 1 and counts["stray comment end '-->'"] == 1
    assert strip_comments("a<!-->b<!--->c<!-- x --!>d", counts) == "abcd"  # empty and --!> comments
    assert strip_comments("a<!-- never closed\nb", counts) == "a"
    assert counts["unclosed HTML comment (hid the rest of the page)"] == 1


def test_minimal_mistakes_author_links_and_placeholders(tmp_path: Path) -> None:
    write(
        tmp_path / "_config.yml",
        "author:\n  name: Your Name\n  location: Leiden\n  links:\n"
        "    - {label: Google Scholar, url: 'https://scholar.google.com/citations?user=AbCdEf12'}\n"
        "    - {label: Lab, url: 'https://lab.example.org'}\n",
    )
    page = write(
        tmp_path / "_pages" / "about.md", "---\ntitle: About\n---\nI am Wendeline Ash-Korver, a hydrologist.\n"
    )
    loaded = load_markdown_page(page)
    person = loaded.profile.person
    assert person.name == "Wendeline Ash-Korver" and person.location == "Leiden"  # placeholder name skipped
    assert person.scholar == "AbCdEf12" and [link.label for link in person.links] == ["Lab"]
    assert any("placeholder" in str(w) for w in loaded.warnings)
    assert any("page text" in n for n in loaded.notes)


def test_profile_readme_generator_shape(tmp_path: Path) -> None:
    icons = "https://raw.githubusercontent.com/devicons/devicon/master/icons"
    page = write(
        tmp_path / "README.md",
        '<h1 align="center">Hi 👋, I\'m Rosalind Fennimore-Achebe</h1>\n'
        '<h3 align="center">A curious systems engineer from Lagos</h3>\n\n'
        '<p align="left"> <img src="https://komarev.com/ghpvc/?username=rfa" alt="rfa" /> </p>\n\n'
        "- 🌱 I’m currently learning **Rust**\n\n"
        '<h3 align="left">Connect with me:</h3>\n<p align="left">\n'
        '<a href="https://linkedin.com/in/rfachebe"><img src="https://x.example/icons/Social/linked-in.svg" '
        'alt="rfachebe" /></a>\n</p>\n\n'
        '<h3 align="left">Languages and Tools:</h3>\n<p align="left">'
        f'<a href="https://www.python.org"><img src="{icons}/python/python-original.svg" alt="python"/></a> '
        f'<a href="https://www.rust-lang.org"><img src="{icons}/rust/rust-plain.svg" alt="rust"/></a></p>\n',
    )
    loaded = load_markdown_page(page)
    person = loaded.profile.person
    assert person.name == "Rosalind Fennimore-Achebe"
    assert person.headline == "A curious systems engineer from Lagos"
    assert person.linkedin == "rfachebe"  # from the contact icon, not from content links
    sections = {s.title: s for s in loaded.profile.sections}
    assert sections["Languages and Tools"].text == "python, rust"  # type: ignore[union-attr]
    assert any("I’m currently learning **Rust**" in b for b in sections["About"].bullets)  # type: ignore[union-attr]


def test_unclosed_front_matter_is_an_error(tmp_path: Path) -> None:
    page = write(tmp_path / "about.md", "---\nlayout: single\ntitle: About\n\nHello, I study ferns.\n")
    with pytest.raises(CvError, match="no closing") as error:
        load_markdown_page(page)
    assert error.value.problems[0].line == 1


def test_site_title_is_the_last_resort_for_the_name(tmp_path: Path) -> None:
    write(tmp_path / "_config.yml", "title: Ilka Morrow-Santos\n")
    page = write(tmp_path / "about.md", "I study ferns.\n")
    loaded = load_markdown_page(page)
    assert loaded.profile.person.name == "Ilka Morrow-Santos"
    assert any("site title" in n for n in loaded.notes)


def test_hugo_shortcodes_unwrap_content_and_widget_lines_go(tmp_path: Path) -> None:
    page = write(
        tmp_path / "content" / "authors" / "admin" / "_index.md",
        "---\ntitle: Oskar Lind\nrole: Lecturer\n---\n\nOskar studies glaciers.\n\n"
        '{{< icon name="download" pack="fas" >}} Download my {{< staticref "uploads/cv.pdf" "newtab" >}}'
        "resumé{{< /staticref >}}.\n\n"
        "## Awards\n\n{{% callout note %}}\nPolar Medal for fieldwork\n{{% /callout %}}\n\n"
        '{{< cta cta_text="Get in touch" cta_link="contact" >}}\n',
    )
    loaded = load_markdown_page(page)
    text = profile_yaml(loaded.profile)
    assert "Polar Medal for fieldwork" in text  # a callout's content is content
    assert "Download my" not in text and "resumé" not in text and "Get in touch" not in text
    assert "{}" not in text and "{{" not in text and "%}" not in text  # no shortcode debris
    assert any("Hugo widget shortcode" in str(w) for w in loaded.warnings)


def test_academicpages_cv_page_reads_its_collections(tmp_path: Path) -> None:
    """The loops over site.publications / site.talks become lists from _publications/ and _talks/."""
    write(tmp_path / "_config.yml", 'author:\n  name: "Rosa Ibáñez"\n  email: rosa@example.org\n')
    page = write(
        tmp_path / "_pages" / "cv.md",
        "---\nlayout: archive\ntitle: CV\n---\n{% include base_path %}\n\nEducation\n======\n"
        "* Ph.D in Ecology, Some University, 2024\n\nPublications\n======\n"
        "  <ul>{% for post in site.publications reversed %}\n    {% include archive-single-cv.html %}\n"
        "  {% endfor %}</ul>\n\nTalks\n======\n  <ul>{% for post in site.talks reversed %}\n"
        "    {% include archive-single-talk-cv.html  %}\n  {% endfor %}</ul>\n",
    )
    write(
        tmp_path / "_publications" / "2021-05-01-old-paper.md",
        "---\ntitle: 'Seed Banks of Alpine Meadows'\ndate: 2021-05-01\nvenue: 'Oecologia'\n---\nAbstract.\n",
    )
    write(
        tmp_path / "_publications" / "2023-09-10-new-paper.md",
        "---\ntitle: 'Pollinators at Altitude'\ndate: 2023-09-10\nvenue: 'Ecology Letters'\n"
        "citation: 'Ibáñez, Rosa. (2023). &quot;Pollinators at Altitude.&quot; <i>Ecology Letters</i>. 26(9).'\n---\n",
    )
    write(tmp_path / "_publications" / "2022-01-01-draft.md", "---\ntitle: 'Hidden Draft'\npublished: false\n---\n")
    write(
        tmp_path / "_talks" / "2022-11-03-talk.md",
        "---\ntitle: 'Meadows in Motion'\ntype: 'Talk'\nvenue: 'ESA Annual Meeting'\ndate: 2022-11-03\n---\n",
    )
    loaded = load_markdown_page(page)
    sections = {s.title: s for s in loaded.profile.sections}
    publications = sections["Publications"].publications  # structured, like BibTeX entries
    assert [str(p.date) for p in publications] == ["2023-09", "2021-05"]  # newest first, draft left out
    assert publications[0].title == "Pollinators at Altitude" and publications[0].authors == ["Ibáñez, Rosa"]
    assert publications[0].venue is not None and publications[0].venue.startswith("Ecology Letters")
    assert publications[0].kind == "journal"
    assert "<i>" not in profile_yaml(loaded.profile) and "&quot;" not in profile_yaml(loaded.profile)
    assert publications[1].title == "Seed Banks of Alpine Meadows" and publications[1].venue == "Oecologia"
    assert "Meadows in Motion" in sections["Talks"].items[0].text
    assert any(p.name == "2023-09-10-new-paper.md" for p in loaded.inputs)  # the hook re-renders on edits
    assert "Hidden Draft" not in profile_yaml(loaded.profile)
    assert any("2 entries read from the site's _publications/" in n for n in loaded.notes)


def test_alfolio_selected_papers_come_from_the_bibliography(tmp_path: Path) -> None:
    """selected_papers: true on an al-folio about page → the selected entries of _bibliography/papers.bib."""
    write(tmp_path / "_config.yml", "first_name: Lena\nlast_name: Park\nemail: lena@example.org\n")
    write(
        tmp_path / "_bibliography" / "papers.bib",
        "@article{park2024, title={Selected Work on Moss}, author={Park, Lena and Ode, Jon}, journal={Bryology},"
        " year={2024}, selected={true}}\n"
        "@article{park2019, title={An Early Note}, author={Park, Lena}, journal={Notes}, year={2019}}\n",
    )
    page = write(
        tmp_path / "_pages" / "about.md",
        "---\nlayout: about\ntitle: about\nselected_papers: true\nnews: true\n---\nLena studies mosses.\n",
    )
    loaded = load_markdown_page(page)
    section = next(s for s in loaded.profile.sections if s.title == "Selected Publications")
    assert [p.title for p in section.publications] == ["Selected Work on Moss", "An Early Note"]  # filter at resolve
    assert tmp_path.joinpath("_bibliography", "papers.bib").resolve() in [p.resolve() for p in loaded.inputs]
    warnings = " ".join(str(w) for w in loaded.warnings)
    assert "the site's news widgets (they live in other files)" in warnings
    result = build(page, tmp_path / "out", formats=("pdf",))
    text = " ".join(pdf_text(result.outputs["pdf"]).split())
    assert "Selected Work on Moss" in text and "An Early Note" not in text
    # cvbuild import keeps the bib reference instead of copying the entries
    imported = profile_yaml(loaded.profile)
    assert "  bib:\n  - _bibliography/papers.bib" in imported and "Selected Work on Moss" not in imported
    (tmp_path / "cv.yaml").write_text(imported, encoding="utf-8")
    again = build(tmp_path / "cv.yaml", tmp_path / "out2", formats=("pdf",))
    assert " ".join(pdf_text(again.outputs["pdf"]).split()) == text
