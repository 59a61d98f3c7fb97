"""Homepage pages read the way the site renders them (issue 12): nothing lost, no fragments, real structure.

Each fixture under ``fixtures/pages/defects`` (fictional people) holds the shapes that once came
out wrong: a comment holding a second ``<!--``, the page's CV link inside a sentence, a section
word as the only H1, attribute lines, ``(now)`` dates, a stray ``;# Talks``, badges after ``\\|``,
raw-HTML paper cards, flat entries, paragraphs around a list and numbered lists. The tests read
the real PDF back: its text, its links and the fonts of the owner's name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
import yaml
from helpers import FIXTURES, build, pdf_fonts, pdf_links, pdf_text, write

from cvbuild.load.homepage.clean import comment_end, strip_comments
from cvbuild.load.homepage.entries import split_entry
from cvbuild.load.homepage.papers import parse_publication
from cvbuild.load.registry import load_profile
from cvbuild.load.yaml_profile import read as load_yaml_profile
from cvbuild.model.dump import profile_yaml

DEFECTS = FIXTURES / "pages" / "defects"
PAGES = {
    "jekyll": DEFECTS / "jekyll" / "_pages" / "about.md",
    "acad": DEFECTS / "acad" / "_pages" / "about.md",
    "readme": DEFECTS / "readme" / "README.md",
}
OWNERS = {"jekyll": "Tamsin Oduya-Brandt", "acad": "Ilario Menke-Osei", "readme": "Nadia Ferreira-Holm"}
EPOCH = "1780000000"


@dataclass
class Rendered:
    pdf: Path
    text: str  # as pdftotext gives it
    flat: str  # whitespace collapsed, for phrases that wrap
    links: list[str]
    warnings: list[str]


@pytest.fixture(scope="module", autouse=True)
def _epoch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, _epoch: None) -> dict[str, Rendered]:
    out = {}
    for key, page in PAGES.items():
        result = build(page, tmp_path_factory.mktemp(key), formats=("pdf",))
        pdf = result.outputs["pdf"]
        text = pdf_text(pdf)
        out[key] = Rendered(pdf, text, " ".join(text.split()), pdf_links(pdf), [str(w) for w in result.warnings])
    return out


def _bold_and_regular(pdf: Path) -> tuple[str, str]:
    """The PDF's text in bold fonts and in the others, each run of characters joined."""
    bold: list[str] = []
    regular: list[str] = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for char in page.chars:
                (bold if "Bold" in char["fontname"] else regular).append(char["text"])
    return "".join(bold), "".join(regular)


def _date_column(pdf: Path, date: str, text_start: str) -> bool:
    """``date`` is printed right-aligned on the same line as the text starting with ``text_start``."""
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            lines: dict[int, list[dict]] = {}
            for word in page.extract_words():
                lines.setdefault(round(word["top"]), []).append(word)
            for line in lines.values():
                joined = " ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"]))
                if joined.startswith(text_start) and joined.endswith(date):
                    return max(w["x1"] for w in line) > page.width * 0.8
    return False


def _sections(page: Path) -> dict[str, object]:
    return {s.title: s for s in load_profile(page).profile.sections}


# ---- content lost ------------------------------------------------------------------------------


def test_content_after_a_comment_that_holds_an_opener_is_kept(rendered: dict[str, Rendered]) -> None:
    """``<!-- # Old News`` then ``<!-- an old sentence -->``: the comment ends at that first ``-->``."""
    r = rendered["jekyll"]
    for news in (
        "Our paper on ice acoustics was accepted at Interspeech 2025.",
        "Gave a seminar at the Polar Sound Lab.",
        "Started a collaboration with the Fjord Institute.",
        "Won the Best Student Poster award",
        "Passed my qualifying exam.",
        "Joined the Ice Mechanics group",
        "Taught a summer school on underwater sound.",
    ):
        assert news in r.flat, news
    assert "Old News" not in r.text and "old sentence" not in r.text and "-->" not in r.text
    assert _date_column(r.pdf, "Jul 2024", "Taught a summer school")


@pytest.mark.parametrize(
    "html",
    [
        "a<!-- x <!-- y --> z --> w",
        "a<!--> b",
        "a<!---> b",
        "a<!-- x --!> b",
        "a<!-- x ---> b",
        "a<!-- x -- y --> b",
        "a<!-- x\n<!-- y -->\n\nb<!-- c -->d",
    ],
)
def test_comment_end_is_the_html5_tokenizers(html: str) -> None:
    """Where a comment ends agrees with tinyhtml5 (the HTML5 parser WeasyPrint uses) on every shape."""
    import tinyhtml5

    tree = tinyhtml5.parse(f"<p>{html}</p>", namespace_html_elements=False)
    paragraph = tree.find("body/p")
    assert paragraph is not None
    comments = [node.text for node in paragraph.iter() if not isinstance(node.tag, str)]
    ours: list[str] = []
    position = 0
    while (start := html.find("<!--", position)) >= 0:
        end = comment_end(html, start)
        ours.append(re.sub(r"^<!--|--!?>$", "", html[start:end]) if end - start > 6 else "")
        position = end
    assert [re.sub(r"-?--!?>$", "", c or "") for c in comments] == [re.sub(r"-?--!?>$", "", c) for c in ours]


def test_strip_comments_keeps_what_a_browser_shows() -> None:
    counts: Counter[str] = Counter()
    page = "<!-- # Old heading\n<!-- an old sentence -->\n## News\n- Seven items -->\n- Eight\n"
    assert strip_comments(page, counts) == "\n## News\n- Seven items\n- Eight\n"
    assert counts["HTML comment"] == 1 and counts["stray comment end '-->'"] == 1


def test_include_after_a_comment_holding_an_opener_is_followed(tmp_path: Path) -> None:
    """includes.py ends comments by the same rule: the include after the first ``-->`` is live."""
    write(tmp_path / "_config.yml", "author:\n  name: Oren Valdés-Kimura\n")
    write(tmp_path / "_pages" / "includes" / "news.md", "# News\n- *2025.01* Joined the Tidal Lab.\n")
    write(tmp_path / "_pages" / "includes" / "old.md", "# Old\n- OLDNEWS\n")
    page = write(
        tmp_path / "_pages" / "about.md",
        "<!-- {% include_relative includes/old.md %}\n<!-- old note -->\n{% include_relative includes/news.md %}\n",
    )
    loaded = load_profile(page)
    text = profile_yaml(loaded.profile)
    assert "Joined the Tidal Lab" in text and "OLDNEWS" not in text
    assert any("_pages/includes/news.md" in n for n in loaded.notes)  # named from the site's root


# ---- broken prose -------------------------------------------------------------------------------


def test_prose_keeps_the_cv_links_text_and_a_download_line_goes(rendered: dict[str, Rendered]) -> None:
    r = rendered["jekyll"]
    assert "I am a PhD student (graduating in May 2027, CV) at the University of Nowhere" in r.flat
    assert "Please see my CV for a full list of talks." in r.flat
    assert "Download" not in r.text and ", )" not in r.flat and "my for" not in r.flat
    assert "https://tobrandt.example.org/files/tamsin-cv.pdf" in r.links  # linked to the published PDF
    assert any("1 'Download CV' link" in w for w in r.warnings)


# ---- a section word as headline -------------------------------------------------------------------


def test_publications_as_the_only_h1_is_a_section_not_the_headline(rendered: dict[str, Rendered]) -> None:
    loaded = load_profile(PAGES["readme"])
    assert loaded.profile.person.headline is None
    titles = [s.title for s in loaded.profile.sections]
    assert titles == ["About", "Publications — Robotics", "Publications — Vision"]
    head = rendered["readme"].text.split("About")[0]
    assert "Publications" not in head  # nothing printed under the name but the contact links
    assert "Publications — Robotics" in rendered["readme"].text


# ---- fragments -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(PAGES))
def test_no_markup_fragments(rendered: dict[str, Rendered], key: str) -> None:
    text = rendered[key].text
    for junk in (
        "|", "{style", "{:", "(now)", "...more", "…more", ";#", "{{", "{%", "%}", "baseurl", "<div", "<span",
        "my-name", "author-list", "paper-box", "shields", "\\", "**", "-->", "<!--",
    ):  # fmt: skip
        assert junk not in text, (junk, text)


def test_escaped_pipe_before_a_badge_becomes_a_code_link(rendered: dict[str, Rendered]) -> None:
    r = rendered["jekyll"]
    assert "https://github.com/tobrandt/icephone" in r.links
    assert "https://arxiv.org/abs/2501.01234" in r.links
    pubs = _sections(PAGES["jekyll"])["Publications"].publications  # type: ignore[attr-defined]
    assert pubs[0].code == "https://github.com/tobrandt/icephone" and pubs[0].arxiv == "2501.01234"


def test_now_date_and_stray_heading(rendered: dict[str, Rendered]) -> None:
    r = rendered["jekyll"]
    assert _date_column(r.pdf, "Aug 2024 – Dec 2025", "Research Intern")
    sections = _sections(PAGES["jekyll"])
    talks = sections["Talks"]  # ";# Talks": the heading its author meant
    assert [str(i.date) for i in talks.items] == ["2025-02", "2024-11"]  # type: ignore[attr-defined]
    assert "Talks" not in [i.text for s in sections.values() for i in getattr(s, "items", [])]


# ---- publications written on pages ----------------------------------------------------------------


@pytest.mark.parametrize("key", list(PAGES))
def test_owner_is_bold_in_page_publications(rendered: dict[str, Rendered], key: str) -> None:
    bold, regular = _bold_and_regular(rendered[key].pdf)
    owner = OWNERS[key].replace(" ", "")
    section = rendered[key].text[rendered[key].text.index("Publications") :]
    assert section.count(OWNERS[key].split()[-1]) >= 2  # the owner is on several papers …
    assert bold.replace(" ", "").count(owner) >= 2  # … and set in bold on them
    for coauthor in ("Petra", "Wenke", "Kofi", "Jonah", "Elif"):
        assert coauthor not in bold


def test_page_publications_are_structured(rendered: dict[str, Rendered]) -> None:
    [card, short] = _sections(PAGES["acad"])["Publications"].publications  # type: ignore[attr-defined]
    assert card.title == "Grasping the Unseen: Tactile Priors for Novel Objects"
    assert card.authors == [  # one list, hidden authors included, the "...more" toggle not
        "Wenke Halvorsen*", "Ilario Menke-Osei*", "Ama Tetteh-Lund", "Oskar Vey", "Lucía Brenner", "Dagny Fossum†",
    ]  # fmt: skip
    assert (card.venue, card.year, card.kind) == ("Conference on Robot Learning (CoRL)", 2024, "conference")
    assert card.pdf == "https://imenke.example.io/home/files/grasping-unseen.pdf"  # {{ site.baseurl }} resolved
    assert card.slides == "https://imenke.example.io/home/files/grasping-unseen-slides.pdf"
    assert card.code == "https://github.com/imenke/unseen-grasp"
    assert card.note == "Oral presentation (top 5%)."
    assert (short.venue, short.year, short.authors[0]) == ("ICRA", 2023, "Ilario Menke-Osei")
    r = rendered["acad"]
    assert "Wenke Halvorsen*, Ilario Menke-Osei*, Ama Tetteh-Lund, Oskar Vey, Lucía Brenner, and Dagny" in r.flat
    assert "* Equal contribution" in r.flat and "† Corresponding author" in r.flat  # the legend, once
    assert "Paper" not in r.text and re.search(r"PDF\W+Code\W+Slides", r.flat)  # buttons became links (any theme)
    assert "https://imenke.example.io/home/files/pushing.pdf" in r.links
    jekyll = _sections(PAGES["jekyll"])["Publications"].publications  # type: ignore[attr-defined]
    assert [p.venue for p in jekyll] == ["ICASSP", "Journal of the Acoustical Society of Nowhere", "NeurIPS"]
    assert [p.year for p in jekyll] == [2025, 2024, 2024]
    assert jekyll[0].authors[-1] == "Jonah Abebe†"  # ✉ is the corresponding author's mark
    assert jekyll[1].authors[:2] == ["Rui Kaneshiro*", "Tamsin Oduya-Brandt*"]
    assert (jekyll[2].pdf, jekyll[2].code) == (
        "https://papers.example.org/echoes.pdf",
        "https://github.com/tobrandt/echoes",
    )
    assert "equal contribution" not in rendered["jekyll"].flat  # the page's own legend: printed once, as ours


def test_numbered_publications_number_the_same_way_as_bib_ones(tmp_path: Path) -> None:
    """A page's list imported to cv.yaml shares its section (and its numbering) with a .bib file."""
    loaded = load_profile(PAGES["readme"])
    data = yaml.safe_load(profile_yaml(loaded.profile))
    vision = next(s for s in data["sections"] if s["title"] == "Publications — Vision")
    vision.update({"bib": "more.bib", "numbering": "running"})
    write(
        tmp_path / "more.bib",
        "@inproceedings{fh2021, title={Orchard Maps from Drones}, author={Ferreira-Holm, Nadia and Okafor, Ben},"
        " booktitle={Field Robotics Workshop}, year={2021}}\n",
    )
    profile = write(tmp_path / "cv.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = build(profile, tmp_path / "out", formats=("pdf",))
    flat = " ".join(pdf_text(result.outputs["pdf"]).split())
    vision_text = flat[flat.index("Publications — Vision") :]
    page_entry = vision_text.index("Counting Apples in Clutter")
    bib_entry = vision_text.index("Orchard Maps from Drones")
    assert "[2]" in vision_text[:page_entry] and "[1]" in vision_text[page_entry:bib_entry]  # one running count
    assert "Nadia Ferreira-Holm and Elif Sørensen. Counting Apples in Clutter." in vision_text
    assert "Nadia Ferreira-Holm and Ben Okafor. Orchard Maps from Drones." in vision_text  # the same layout
    robotics = flat[flat.index("Publications — Robotics") : flat.index("Publications — Vision")]
    assert "[1] Nadia Ferreira-Holm and Kofi" in robotics and "[2] Kofi" in robotics  # the page's own <ol>
    bold, _ = _bold_and_regular(result.outputs["pdf"])
    assert bold.replace(" ", "").count("NadiaFerreira-Holm") >= 4  # bold in page and .bib entries alike


# ---- flat entries, paragraphs and lists ---------------------------------------------------------------


def test_flat_entries_split_into_title_organisation_location(rendered: dict[str, Rendered]) -> None:
    sections = _sections(PAGES["jekyll"])
    phd, msc = sections["Education"].entries  # type: ignore[attr-defined]
    assert (phd.title, phd.organisation, phd.location) == ("PhD in Physics", "University of Nowhere", "Nowhere City")
    assert (msc.title, msc.organisation, msc.location) == (
        "MSc in Acoustics",
        "Technical University of Elsewhere",
        "Elsewhere, Norway",
    )
    intern, assistant = sections["Experience"].entries  # type: ignore[attr-defined]
    assert (intern.title, intern.organisation, intern.location) == (
        "Research Intern",
        "[Acme Robotics](https://acme.example)",
        "Lyon",
    )
    assert (assistant.title, assistant.organisation) == ("Teaching assistant", "Nowhere School of Engineering")
    r = rendered["jekyll"]
    assert _date_column(r.pdf, "Sep 2019 – Jun 2021", "MSc in Acoustics")  # the title line carries the date
    assert "PhD in Physics, University of Nowhere" not in r.flat


def test_paragraphs_with_a_list_inside_keep_both(rendered: dict[str, Rendered]) -> None:
    research = _sections(PAGES["jekyll"])["Research"]
    assert research.text.startswith("My work has three strands:\n\n- sound propagation")  # type: ignore[attr-defined]
    assert research.text.endswith("Each strand pairs field campaigns with numerical models.")  # type: ignore[attr-defined]
    text = rendered["jekyll"].text
    lines = [line.strip() for line in text.splitlines()]
    assert "My work has three strands:" in lines and "Each strand pairs field campaigns with numerical models." in lines
    assert "inverse problems for ice thickness," in lines  # a list item of its own, not merged into prose
    assert "- inverse problems for ice thickness," in research.text  # type: ignore[attr-defined]


def test_numbered_lists_keep_their_numbers(rendered: dict[str, Rendered]) -> None:
    flat = rendered["jekyll"].flat
    assert "3. Supervised two MSc theses on hydrophone calibration." in flat
    assert "4. Ran the department’s reading group on wave physics." in flat


# ---- identity, messages, import ------------------------------------------------------------------------


def test_social_icon_links_get_their_proper_names(rendered: dict[str, Rendered]) -> None:
    person = load_profile(PAGES["readme"]).profile.person
    assert [(link.label, link.url) for link in person.links] == [
        ("Twitter/X", "https://twitter.com/nferreiraholm"),
        ("Zhihu", "https://www.zhihu.com/people/nferreiraholm"),
    ]
    head = rendered["readme"].text.split("About")[0]
    assert "Twitter/X" in head and "Zhihu" in head and "twitter.svg" not in head


def test_messages_name_files_relative_to_the_site_root() -> None:
    loaded = load_profile(PAGES["acad"])
    assert loaded.warnings and all(w.file == Path("_pages/about.md") for w in loaded.warnings)
    assert any("_pages/includes/intro.md, _pages/includes/pub.md" in n for n in loaded.notes)
    assert any(n.startswith("_pages/about.md: name 'Ilario Menke-Osei'") for n in loaded.notes)


def test_import_round_trip_gives_the_same_cv(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    for key in ("jekyll", "acad"):
        loaded = load_profile(PAGES[key])
        cv_yaml = write(tmp_path / key / "cv.yaml", profile_yaml(loaded.profile, source="about.md"))
        assert load_yaml_profile(cv_yaml).profile == loaded.profile
        build(cv_yaml, tmp_path / key / "out", formats=("pdf",))
        assert pdf_text(tmp_path / key / "out" / "cv.pdf") == rendered[key].text


def test_fonts_are_embedded(rendered: dict[str, Rendered]) -> None:
    fonts = pdf_fonts(rendered["acad"].pdf)
    assert any("Bold" in name for name in fonts) and all(fonts.values())


# ---- the parts, one shape at a time ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Deep Tides, **B. Li**, C. Wu, ICML'24",
            {"title": "Deep Tides", "authors": ["B. Li", "C. Wu"], "venue": "ICML", "year": 2024},
        ),
        (
            "\\[NeurIPS 2024\\] Folding Proteins Quickly. Alice Zhang, **Bob Li**✉. [Code](https://github.com/a/b)",
            {"title": "Folding Proteins Quickly", "authors": ["Alice Zhang", "Bob Li†"], "venue": "NeurIPS"},
        ),
        (
            "`ICML 2024` [Sparse Tides](https://arxiv.org/abs/2401.00001), **Bob Li**, Carol Wu",
            {"title": "Sparse Tides", "arxiv": "2401.00001", "authors": ["Bob Li", "Carol Wu"], "year": 2024},
        ),
        (
            "Smith, J., **Li, B.**, and Doe, A. (2022). Tidal flats revisited. *Journal of Coastal Research*, 12(3).",
            {"title": "Tidal flats revisited", "authors": ["Smith, J.", "Li, B.", "Doe, A"], "kind": "journal"},
        ),
    ],
)
def test_publication_shapes(text: str, expected: dict[str, object]) -> None:
    pub, _, _ = parse_publication(text)
    for key, value in expected.items():
        assert pub[key] == value, (key, pub)


def test_a_news_line_is_not_a_list_of_authors() -> None:
    pub, has_authors, _ = parse_publication("Our paper on tides was accepted at ICML 2024!")
    assert not has_authors and "authors" not in pub


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PhD in Physics, University of Nowhere, Nowhere City", ("PhD in Physics", "University of Nowhere")),
        ("Software Engineer, Google, Mountain View, CA", ("Software Engineer", "Google")),
        ("Research Intern at [Acme](https://acme.example)", ("Research Intern", "[Acme](https://acme.example)")),
        ("**University of Nowhere**, PhD in Physics", ("PhD in Physics", "University of Nowhere")),
        ("Reviewer for NeurIPS, ICML, ICLR", None),  # no institution, no place: left as written
        ("Mentor, Girls Who Compile", None),
        ("MSc, supervised by Prof. Ada Kim with the Tidal Lab, University of Nowhere", None),
    ],
)
def test_entry_splits_only_when_clear(line: str, expected: tuple[str, str] | None) -> None:
    split = split_entry(line)
    assert (split["title"], split["organisation"]) == expected if expected else split is None
