"""AcadHomepage sites: ``_pages/about.md`` is a list of ``{% include_relative %}`` lines.

The fixture site (a fictional person, ``fixtures/acadhomepage``) includes intro, news,
publications (AcadHomepage's paper-box cards), education and honors from ``_pages/includes/``;
one include sits inside an HTML comment and one inside ``{% comment %}``: their files exist, and
their text must never reach the CV. The tests read the rendered PDF back.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from helpers import FIXTURES, build, pdf_links, pdf_text, run_cli, write

from cvbuild.load.homepage.includes import MAX_DEPTH
from cvbuild.load.registry import load_profile
from cvbuild.load.yaml_profile import read as load_yaml_profile
from cvbuild.model.dump import profile_yaml

SITE = FIXTURES / "acadhomepage"
ABOUT = SITE / "_pages" / "about.md"
INCLUDES = SITE / "_pages" / "includes"
EPOCH = "1780000000"


@dataclass
class Rendered:
    pdf: Path
    text: str
    links: list[str]
    warnings: list[str]
    notes: list[str]
    inputs: list[Path]


@pytest.fixture(scope="module", autouse=True)
def _epoch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, _epoch: None) -> Rendered:
    folder = tmp_path_factory.mktemp("acadhomepage")
    result = build(ABOUT, folder, formats=("pdf",))
    pdf = result.outputs["pdf"]
    return Rendered(
        pdf,
        pdf_text(pdf),
        pdf_links(pdf),
        [str(w) for w in result.warnings],
        result.loaded.notes,
        [Path(p).resolve() for p in result.loaded.inputs],
    )


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
                    last = max(line, key=lambda w: w["x1"])
                    first_date_word = next(w for w in line if w["text"] == date.split()[0])
                    return last["x1"] > page.width * 0.8 and first_date_word["x0"] > page.width * 0.55
    return False


def _section(text: str, title: str, following: str | None) -> str:
    begin = text.index(f"\n{title}\n")
    return " ".join((text[begin : text.index(f"\n{following}\n", begin)] if following else text[begin:]).split())


# ---- the fixture site ---------------------------------------------------------------------------


def test_every_included_fact_in_its_section(rendered: Rendered) -> None:
    text = rendered.text
    assert "Ingeborg Mwangi-Castillo" in text and "PhD student in Speech Recognition" in text  # _config.yml
    order = ["About", "News", "Publications", "Educations", "Honors and Awards"]
    positions = [text.index(f"\n{title}\n") for title in order]
    assert positions == sorted(positions), text
    about = _section(text, "About", "News")
    assert "low-resource speech recognition" in about and "Prof. Odhiambo Varga" in about
    assert "tonal languages and language documentation" in about
    news = _section(text, "News", "Publications")
    assert "tone-aware acoustic models was accepted at Interspeech 2025" in news and "Nairobi Speech Day" in news
    pubs = _section(text, "Publications", "Educations")
    for fact in (
        "Tone-aware acoustic models for Kikuyu",
        "Ingeborg Mwangi-Castillo and Tomás Ekwueme",  # structured authors, printed as for BibTeX entries
        "Interspeech, 2025",  # the paper card's badge: venue and year
        "The first tone-aware acoustic model",
        "Few-shot keyword spotting for field recordings",
        "ICASSP, 2024",
    ):
        assert fact in pubs, fact
    assert "Lakeside University of Technology" in _section(text, "Educations", "Honors and Awards")
    assert "National Scholarship for Linguistics" in _section(text, "Honors and Awards", None)
    assert (
        "https://arxiv.org/abs/2503.01234" in rendered.links and "https://kws.example.net/paper.pdf" in rendered.links
    )


@pytest.mark.parametrize(
    ("date", "text_start"),
    [
        ("Mar 2025", "Our paper on tone-aware"),
        ("Oct 2024", "Gave a talk"),
        ("Sep 2022 – present", "PhD in Computer Science"),  # "*2022.09 - now*", inside a <div markdown="1">
        ("Sep 2018 – Jun 2022", "BSc in Linguistics"),
        ("Dec 2023", "Outstanding Graduate Student Award"),
    ],
)
def test_dates_in_the_date_column(rendered: Rendered, date: str, text_start: str) -> None:
    assert _date_column(rendered.pdf, date, text_start), rendered.text


def test_no_liquid_and_no_commented_out_include(rendered: Rendered) -> None:
    for junk in (
        "{%",
        "%}",
        "{{",
        "include_relative",
        "includes/",
        "OLDNEWS",  # includes/old-news.md: its include sits inside <!-- -->
        "Old News",
        "SECRETDRAFT",  # includes/draft.md: its include sits inside {% comment %}
        "VISITORMAP",  # _includes/visitor-map.html: a layout piece, not followed
        "clustrmaps",
        "gsDataBaseUrl",
        "url_encode",
        "shields.io",
        "paper-box",
        "show_paper_citations",
    ):
        assert junk not in rendered.text, junk


def test_included_files_are_inputs(rendered: Rendered) -> None:
    for name in ("intro.md", "news.md", "pub.md", "education.md", "honors.md"):
        assert (INCLUDES / name).resolve() in rendered.inputs, name
    for name in ("old-news.md", "draft.md"):
        assert (INCLUDES / name).resolve() not in rendered.inputs, name
    assert (SITE / "_includes" / "visitor-map.html").resolve() not in rendered.inputs
    assert any("5 included file(s) read" in n for n in rendered.notes)
    assert not any("include" in w and "cannot" in w for w in rendered.warnings)


def test_import_round_trip_gives_the_same_cv(rendered: Rendered, tmp_path: Path) -> None:
    loaded = load_profile(ABOUT)
    cv_yaml = write(tmp_path / "cv.yaml", profile_yaml(loaded.profile, source="about.md"))
    assert load_yaml_profile(cv_yaml).profile == loaded.profile
    build(cv_yaml, tmp_path / "out", formats=("pdf",))
    assert pdf_text(tmp_path / "out" / "cv.pdf") == rendered.text


def test_import_command(tmp_path: Path) -> None:
    out = tmp_path / "cv.yaml"
    result = run_cli("import", ABOUT, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Tone-aware acoustic models for Kikuyu" in text and "National Scholarship" in text
    assert "{%" not in text and "OLDNEWS" not in text


# ---- includes that go wrong -------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    return root


def _append(page: Path, lines: str) -> int:
    """Append ``lines`` to the page; the line number of the first one."""
    text = page.read_text(encoding="utf-8")
    page.write_text(text + lines, encoding="utf-8")
    return text.count("\n") + 1


def test_missing_and_escaping_includes_are_located_warnings(site: Path) -> None:
    page = site / "_pages" / "about.md"
    write(site.parent / "secret.md", "OUTSIDE the site\n")
    first = _append(page, "{% include_relative includes/missing.md %}\n{% include_relative ../../secret.md %}\n")
    loaded = load_profile(page)
    missing = next(w for w in loaded.warnings if "missing.md" in w.message)
    assert missing.line == first and "does not exist" in missing.message
    assert missing.file == page.relative_to(site)  # named from the site's root
    outside = next(w for w in loaded.warnings if "secret.md" in w.message)
    assert outside.line == first + 1 and "outside the site" in outside.message
    text = " ".join(str(s.model_dump()) for s in loaded.profile.sections)
    assert "OUTSIDE" not in text and "include_relative" not in text
    assert "Tone-aware acoustic models" in text  # the rest of the page still renders


def test_includes_nest_relative_to_their_file_with_cycle_and_depth_limits(site: Path) -> None:
    page = site / "_pages" / "about.md"
    includes = site / "_pages" / "includes"
    write(includes / "talks.md", "# Talks\n{% include_relative talks/2024.md %}\n")
    write(includes / "talks" / "2024.md", "- *2024.05* Keynote at the Coastal Speech Forum.\n")
    write(includes / "loop-a.md", "LOOPA\n\n{% include_relative loop-b.md %}\n")
    write(includes / "loop-b.md", "LOOPB\n\n{% include_relative loop-a.md %}\n")
    for depth in range(MAX_DEPTH + 2):
        write(includes / f"deep{depth}.md", f"DEEP{depth}\n\n{{% include_relative deep{depth + 1}.md %}}\n")
    _append(
        page,
        "{% include_relative includes/talks.md %}\n\n"
        "{% include_relative includes/loop-a.md %}\n\n"
        "{% include_relative includes/deep0.md %}\n",
    )
    loaded = load_profile(page)
    talks = next(s for s in loaded.profile.sections if s.title == "Talks")
    assert "Coastal Speech Forum" in talks.items[0].text  # type: ignore[union-attr]
    assert (includes / "talks" / "2024.md").resolve() in [p.resolve() for p in loaded.inputs]
    messages = [w.message for w in loaded.warnings]
    assert any("includes itself" in m and "loop-a.md → loop-b.md → loop-a.md" in m for m in messages)
    assert any("more than" in m and "levels deep" in m for m in messages)
    text = " ".join(str(s.model_dump()) for s in loaded.profile.sections)
    assert "LOOPA" in text and "LOOPB" in text and text.count("LOOPA") == 1
    assert f"DEEP{MAX_DEPTH - 1}" in text and f"DEEP{MAX_DEPTH}" not in text  # at most MAX_DEPTH levels


def test_comment_ends_at_the_first_arrow_and_site_includes_are_markdown_only(site: Path) -> None:
    page = site / "_pages" / "about.md"
    includes = site / "_pages" / "includes"
    write(includes / "visible.md", "# Service\n- Reviewer for the Coastal Speech Forum.\n")
    write(includes / "hidden.md", "HIDDEN\n")
    write(site / "_includes" / "note.md", "# Teaching\n- Tutor for Phonetics I.\n")
    _append(
        page,
        "<!-- an old line --> {% include_relative includes/visible.md %}\n\n"  # after the comment's end: followed
        "<!-- {% include_relative includes/hidden.md %}\n"
        "still commented out -->\n\n"
        "{% include note.md %}\n",
    )
    loaded = load_profile(page)
    text = " ".join(str(s.model_dump()) for s in loaded.profile.sections)
    assert "Reviewer for the Coastal Speech Forum" in text and "Tutor for Phonetics I" in text
    assert "HIDDEN" not in text and "VISITORMAP" not in text
    inputs = [p.resolve() for p in loaded.inputs]
    assert (includes / "visible.md").resolve() in inputs and (site / "_includes" / "note.md").resolve() in inputs
    assert (includes / "hidden.md").resolve() not in inputs
    assert not any("hidden.md" in w.message for w in loaded.warnings)
