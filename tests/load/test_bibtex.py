"""Publications from BibTeX: reading exporter quirks, owner highlighting, marks, groups, numbers, links.

One profile with the fixtures in ``tests/fixtures/bib`` is rendered once (PDF and HTML) and
read back with pypdf/pdfplumber; option variations are checked on the resolved CV, which is
what every theme prints.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pdfplumber
import pytest
from helpers import FIXTURES, build, pdf_text
from pypdf import PdfReader
from typer.testing import CliRunner

from cvbuild.app.cli import app
from cvbuild.errors import CvError
from cvbuild.load.bibtex import parse_bib
from cvbuild.load.registry import load_profile
from cvbuild.resolve.names import OwnerMatcher
from cvbuild.resolve.sections import resolve

BIBS = FIXTURES / "bib"

PROFILE = """\
person:
  name: Zhuoran Wang
  name_variants: ["Zhuoran Li"]
sections:
  - title: Publications
    bib: ["*.bib"]
    group_by: kind
    numbering: per-group
    publications:
      - title: An Inline Paper
        authors: [Zhuoran Wang, Kim Park]
        venue: Inline Journal
        year: 2017
        kind: journal
"""


def _folder(tmp: Path, profile: str = PROFILE) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    for bib in BIBS.glob("*.bib"):
        shutil.copy(bib, tmp / bib.name)
    (tmp / "cv.yaml").write_text(textwrap.dedent(profile), encoding="utf-8")
    return tmp / "cv.yaml"


def _resolved(tmp: Path, options: str) -> object:
    """The resolved publications section for the fixtures with extra section options."""
    profile = PROFILE.replace("    numbering: per-group\n", "").replace("    group_by: kind\n", options)
    loaded = load_profile(_folder(tmp, profile))
    return resolve(loaded.profile).sections[0]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("bibcv")
    result = build(_folder(folder), folder / "out")
    pdf = folder / "out" / "cv.pdf"
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    uris = [
        str(annot.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    ]
    with pdfplumber.open(pdf) as doc:
        words = [w for page in doc.pages for w in page.extract_words(extra_attrs=["fontname", "size"])]
    html = (folder / "out" / "cv.html").read_text(encoding="utf-8")
    return {
        "result": result,
        "text": text,
        "flat": re.sub(r"\s+", " ", text),
        "uris": uris,
        "words": words,
        "html": html,
    }


# --- the rendered PDF -----------------------------------------------------------------------


def test_owner_is_bold_in_every_spelling_and_namesakes_are_not(rendered: dict) -> None:
    words = rendered["words"]
    wangs = [w for w in words if w["text"].startswith("Wang")]
    assert wangs and any("Bold" in w["fontname"] for w in wangs)
    # "Zhiyu Wang" (a namesake) and "B. Wang" are regular; "Z. Wang" and "Zhuoran Li" (a variant) are bold
    for i, w in enumerate(words):
        if w["text"] in ("Zhiyu", "B."):
            assert "Bold" not in w["fontname"], w
            assert "Bold" not in words[i + 1]["fontname"], words[i + 1]
    lis = [i for i, w in enumerate(words) if w["text"] == "Zhuoran" and words[i + 1]["text"].startswith("Li")]
    assert lis and all("Bold" in words[i + 1]["fontname"] for i in lis)
    others = [w for w in words if w["text"].startswith(("Okonkwo", "Raman", "Keller"))]
    assert others and not any("Bold" in w["fontname"] for w in others)


def test_numbering_and_group_order(rendered: dict) -> None:
    text = rendered["flat"]
    heads = ["Journal Articles", "Conference Papers", "Workshop Papers", "Preprints", "Theses", "Other Publications"]
    positions = [text.index(h) for h in heads]
    assert positions == sorted(positions)
    # per group, counting down: the newest journal paper is J5, the inline 2017 paper J1
    assert text.index("[J5]") < text.index("Bayesian Optimisation") < text.index("[J4]")
    assert re.search(r"\[J1\] Zhuoran Wang and Kim Park", text)
    for label in ("[C4]", "[C1]", "[W1]", "[P2]", "[P1]", "[T1]", "[O1]"):
        assert label in text
    assert "[C5]" not in text and "[J6]" not in text


def test_marks_are_superscripts_with_a_legend(rendered: dict) -> None:
    words = rendered["words"]
    body = next(w for w in words if w["text"].startswith("Yuan"))["size"]
    stars = [w for w in words if w["text"] in ("*", "*,", "†", "†,")]
    assert stars and all(w["size"] < body * 0.85 for w in stars)
    assert "* Equal contribution · † Corresponding author" in rendered["flat"]
    html = rendered["html"]
    assert 'Zhihang Yuan<sup class="mark">*</sup>' in html
    assert 'Yong Jae Lee<sup class="mark">†</sup>' in html
    assert 'Tomás Ruiz<sup class="mark">†</sup>' in html  # $^\dagger$
    assert 'Ana Gödel<sup class="mark">*</sup>' in html  # \textsuperscript{*}
    assert '<p class="legend">' in html


def test_latex_is_decoded(rendered: dict) -> None:
    text = rendered["flat"]
    for expected in (
        "Mérouane Debbah",
        "Bayesian Optimisation & Friends – a Survey",
        "Université de Montréal",
        "pp. 1–42",
        "Journal of Artificial Intelligence Research (JAIR)",  # @string with # concatenation
        "Proceedings of the Conference on Systems",
        "Workshop on Efficient Systems",
        "On the Lipschitz Constant",
    ):
        assert expected in text, expected
    assert not re.search(r"[\\{}]|--|~", text)
    assert "0002" not in text  # DBLP homonym number


def test_venues_dblp_and_arxiv(rendered: dict) -> None:
    text = rendered["flat"]
    assert "Advances in Neural Information Processing Systems 37 (NeurIPS), pp. 1201–1215, 2024" in text
    # DBLP's standard format: place and dates dropped from the booktitle, the acronym kept
    assert "The Eleventh International Conference on Learning Representations (ICLR), 2023." in text
    assert "Kigali" not in text
    assert "arXiv preprint arXiv:2301.01234, 2023" in text  # CoRR abs/ volume
    assert "abs/2301" not in text
    assert "arXiv preprint arXiv:2501.01234" in text  # @misc with eprint/archivePrefix
    assert "PhD thesis, Université de Montréal, 2019" in text
    assert "Other Publications" in text and "An Entry of an Unknown Type" in text  # @OTHER


def test_links_are_uri_annotations(rendered: dict) -> None:
    uris = set(rendered["uris"])
    for uri in (
        "https://doi.org/10.5555/jmlr.2021.118",
        "https://arxiv.org/abs/2402.00001",
        "https://arxiv.org/abs/2301.01234",
        "https://github.com/example/bo-friends",
        "https://example.org/bo-friends",
        "https://video.example.org/ls",
    ):
        assert uri in uris, uri
    text = rendered["flat"]
    for label in ("DOI", "arXiv", "Code", "Project", "Video"):
        assert label in text


def test_broken_entries_warn_with_file_line_and_key(rendered: dict) -> None:
    warnings = [str(w) for w in rendered["result"].warnings]
    assert any("quirks.bib:66" in w and "'broken2020'" in w for w in warnings), warnings
    assert any("quirks.bib:61" in w and "'notitle2021'" in w and "no title" in w for w in warnings)
    assert any("quirks.bib:79" in w and "duplicate key" in w and "line 72" in w for w in warnings)
    text = rendered["flat"]
    assert "First of Two" in text and "Second of Two" not in text
    assert "Unbalanced" not in text
    assert "Tiny Models, Big Gains" in text  # the entries after the broken one still render


def test_html_highlights_like_the_pdf(rendered: dict) -> None:
    html = rendered["html"]
    assert '<strong class="me">Zhuoran Wang</strong>' in html
    assert '<strong class="me">Z. Wang</strong>' in html
    assert '<strong class="me">Zhuoran Li</strong>' in html
    assert "Zhiyu Wang," in html and '<strong class="me">Zhiyu' not in html
    assert '<strong class="me">B. Wang' not in html
    assert '<h3 class="pub-group">Journal Articles</h3>' in html
    assert "[J5]" in html


# --- options, on the resolved CV --------------------------------------------------------------


def test_running_numbers_count_up_and_group_by_year(tmp_path: Path) -> None:
    section = _resolved(tmp_path, "    group_by: year\n    numbering: running\n    count: up\n")
    assert [g.title for g in section.groups][:3] == ["2025", "2024", "2023"]
    numbers = [r.number for r in section.rows]
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]


def test_filters_selected_years_and_exclude(tmp_path: Path) -> None:
    selected = _resolved(tmp_path / "a", "    filter: {selected: true}\n")
    assert [str(r.title) for r in selected.rows] == ["Bayesian Optimisation &amp; Friends – a Survey"]
    years = _resolved(tmp_path / "b", "    filter: {since: 2022, until: 2023, exclude: [ruiz2023conf]}\n")
    titles = " ".join(str(r.title) for r in years.rows)
    assert "Tiny Models" in titles and "Two Wangs" in titles
    assert "Learning to Schedule" not in titles and "Robust Estimation" not in titles


def test_group_by_field_and_custom_groups(tmp_path: Path) -> None:
    options = "    group_by: kind\n    numbering: per-group\n    groups:\n"
    options += "      - {key: preprint, title: Under Review, prefix: R}\n      - {key: journal, prefix: A}\n"
    section = _resolved(tmp_path, options)
    assert [g.title for g in section.groups][:2] == ["Under Review", "Journal Articles"]
    assert section.groups[0].rows[0].number == "R2" and section.groups[1].rows[-1].number == "A1"
    by_keywords = _resolved(tmp_path / "k", "    group_by: keywords\n")
    assert by_keywords.groups[0].title == "efficiency"


def test_max_authors_never_drops_the_owner(tmp_path: Path) -> None:
    profile = PROFILE + textwrap.indent(
        textwrap.dedent("""\
              - title: Big Collaboration
                authors: [A One, B Two, C Three, D Four, E Five, Zhuoran Wang]
                year: 2016
                kind: journal
        """),
        "      ",
    )
    profile = profile.replace("    numbering: per-group\n", "    max_authors: 3\n")
    loaded = load_profile(_folder(tmp_path, profile))
    rows = resolve(loaded.profile).sections[0].rows
    big = next(r for r in rows if "Big Collaboration" in str(r.title))
    assert (
        str(big.authors)
        == 'A One, B Two, …, <strong class="me">Zhuoran Wang</strong>, <span class="etal">et al.</span>'
    )


def test_bib_only_section_and_link_base(tmp_path: Path) -> None:
    shutil.copy(BIBS / "quirks.bib", tmp_path / "quirks.bib")
    (tmp_path / "cv.yaml").write_text(
        "person: {name: Zhuoran Wang}\nsections:\n  - title: Papers\n    bib: quirks.bib\n"
        "    link_base: https://zw.example.org/assets/\n    links: [slides, doi]\n",
        encoding="utf-8",
    )
    loaded = load_profile(tmp_path / "cv.yaml")
    assert tmp_path / "quirks.bib" in loaded.inputs
    row = next(r for r in resolve(loaded.profile).sections[0].rows if "Bayesian" in str(r.title))
    assert row.links == [("Slides", "https://zw.example.org/assets/slides/bo.pdf")]


# --- errors ---------------------------------------------------------------------------------


def test_missing_bib_is_an_error_naming_the_path(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(
        "person: {name: A B}\nsections:\n  - title: P\n    bib: nothere.bib\n", encoding="utf-8"
    )
    with pytest.raises(CvError) as caught:
        load_profile(tmp_path / "cv.yaml")
    problem = caught.value.problems[0]
    assert "nothere.bib" in problem.message and problem.line == 4


def test_bib_outside_the_profile_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.bib").write_text("@misc{a, title={T}}", encoding="utf-8")
    (tmp_path / "cv").mkdir()
    (tmp_path / "cv" / "cv.yaml").write_text(
        "person: {name: A B}\nsections:\n  - title: P\n    bib: ../outside.bib\n", encoding="utf-8"
    )
    with pytest.raises(CvError, match="outside the profile's folder"):
        load_profile(tmp_path / "cv" / "cv.yaml")


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    profile = _folder(tmp_path)
    runner = CliRunner()
    lenient = runner.invoke(app, ["validate", str(profile)])
    assert lenient.exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", str(profile)])
    assert strict.exit_code == 1
    assert "quirks.bib:66" in strict.output and "broken2020" in strict.output
    rendered = runner.invoke(app, ["render", "--strict", "-f", "html", str(profile), "-o", str(tmp_path / "o")])
    assert rendered.exit_code == 1 and not (tmp_path / "o" / "cv.html").exists()


# --- names and parsing, directly ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Wang, Zhuoran", True),
        ("Zhuoran Wang", True),
        ("Z. Wang", True),
        ("Wang, Z.", True),
        ("Zhuoran K. Wang", True),
        ("Wang*, Zhuoran", True),
        ("Zhuo-Ran Wang", True),
        ("Zhiyu Wang", False),
        ("B. Wang", False),
        ("Wang", False),
        ("Zhuoran Wong", False),
    ],
)
def test_owner_spellings(author: str, expected: bool) -> None:
    assert OwnerMatcher(["Zhuoran Wang"])(author) is expected


def test_owner_with_latex_accents_and_particles() -> None:
    me = OwnerMatcher([r"M{\'{e}}rouane Debbah"])
    assert me("Mérouane Debbah") and me("Debbah, M.") and me(r"Debbah, M{\'e}rouane") and me("Merouane Debbah")
    assert not me("Marc Debbah")
    assert OwnerMatcher(["Ludwig van Beethoven"])("van Beethoven, L.")


def test_parse_quirks_directly() -> None:
    text = r"""
    @Article{x, Author = {Lee^, Yong Jae and Doe, J. and others}, TITLE = "A {GPU} Study.",
      Journal = {arXiv preprint arXiv:2401.00001}, Year = {2024}, Month = {feb}, doi = {https://doi.org/10.1/x}}
    @unpublished{y, title = {In Press Work}, author = {A B}, year = {to appear}}
    """
    result = parse_bib(text, Path("t.bib"))
    x, y = result.publications
    assert x.title == "A GPU Study" and x.kind == "preprint" and x.arxiv == "2401.00001"
    assert x.authors == ["Lee, Yong Jae†", "Doe, J.", "others"] and x.doi == "10.1/x"
    assert x.date is not None and x.date.month == 2
    assert y.note == "To appear" and y.year is None and y.source == "t.bib:4"
    assert not result.warnings


def test_repeated_fields_and_unknown_macros_warn() -> None:
    text = """@techreport{r1,
  title = {Kept}, Title = {Dropped}, author = {Doe, Jane}, institution = nowhere, number = {TR-7}, year = 2017}
"""
    result = parse_bib(text, Path("r.bib"))
    (pub,) = result.publications
    assert pub.title == "Kept" and pub.kind == "report" and pub.venue == "nowhere, Technical Report TR-7"
    messages = sorted(str(w) for w in result.warnings)
    assert any("r.bib:2" in m and "'title' twice" in m for m in messages), messages
    assert any("@string 'nowhere'" in m for m in messages), messages


def test_a_file_without_entries_warns_and_an_article_without_journal_is_a_journal() -> None:
    assert "no BibTeX entries" in str(parse_bib("just some text", Path("x.bib")).warnings[0])
    assert not parse_bib("% only a comment\n@comment{x}", Path("x.bib")).warnings
    (pub,) = parse_bib("@article(k1, title = {Paren Delimited}, year = 2020)", Path("x.bib")).publications
    assert pub.kind == "journal" and pub.title == "Paren Delimited"


def test_latin1_file_is_read_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "old.bib").write_bytes(
        "@comment{JabRef}\n@article{a, title={Caf\xe9 Paper}, author={M\xfcller, Jo}, year=1999}".encode("latin-1")
    )
    (tmp_path / "cv.yaml").write_text("person: {name: Jo Müller}\nsections:\n  - title: P\n    bib: old.bib\n")
    loaded = load_profile(tmp_path / "cv.yaml")
    assert [p.title for p in loaded.profile.sections[0].publications] == ["Café Paper"]
    assert any("Latin-1" in w.message for w in loaded.warnings)
    row = resolve(loaded.profile).sections[0].rows[0]
    assert str(row.authors) == '<strong class="me">Jo Müller</strong>'


def test_thousand_entries_load_fast(tmp_path: Path) -> None:

    entries = "\n".join(
        f"@inproceedings{{k{i}, author = {{Wang, Zhuoran and M{{\\'e}}ller, Anna and Smith, John}},"
        f" title = {{Paper {i} on {{GPU}} Things}}, booktitle = {{Conf}}, year = {{{2000 + i % 25}}},"
        f" pages = {{{i}--{i + 9}}}, doi = {{10.1/{i}}}}}"
        for i in range(1000)
    )
    (tmp_path / "big.bib").write_text(entries, encoding="utf-8")
    (tmp_path / "cv.yaml").write_text(
        "person: {name: Zhuoran Wang}\nsections:\n  - title: P\n    bib: big.bib\n    numbering: running\n",
        encoding="utf-8",
    )
    cv = resolve(load_profile(tmp_path / "cv.yaml").profile)
    assert len(cv.sections[0].rows) == 1000  # how long it takes: benchmarks/bench_bibtex.py


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("initials", "N. Oyelaran, L. van Dijk, and Z.-R. Wang"),
        ("last-initials", "Oyelaran, N., van Dijk, L., and Wang, Z.-R."),
        ("full", "Nkechi Oyelaran, Lotte van Dijk, and Zhuo-Ran Wang"),
    ],
)
def test_author_format(tmp_path: Path, style: str, expected: str) -> None:
    (tmp_path / "refs.bib").write_text(
        "@article{a1, title={Tidal Energy}, author={Oyelaran, Nkechi and van Dijk, Lotte and Zhuo-Ran Wang},"
        " journal={Ocean Eng.}, year={2024}}\n",
        encoding="utf-8",
    )
    profile = tmp_path / "cv.yaml"
    profile.write_text(
        f"person: {{name: Nkechi Oyelaran}}\nsections:\n  - title: Papers\n    bib: refs.bib\n"
        f"    author_format: {style}\n",
        encoding="utf-8",
    )
    result = build(profile, tmp_path / "out", formats=("pdf", "html"))
    assert expected in " ".join(pdf_text(result.outputs["pdf"]).split())
    first = expected.split(",")[0] if style != "last-initials" else "Oyelaran, N."
    assert f'<strong class="me">{first}</strong>' in result.outputs["html"].read_text(encoding="utf-8")


def test_edited_book_names_its_editors(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@book{ed1, title={Handbook of Kelp}, editor={Berg, Tove and Holm, Ingrid}, publisher={Sea Press},"
        " year={2021}}\n",
        encoding="utf-8",
    )
    profile = tmp_path / "cv.yaml"
    profile.write_text("person: {name: Ingrid Holm}\nsections:\n  - title: Books\n    bib: refs.bib\n")
    result = build(profile, tmp_path / "out", formats=("pdf",))
    assert "Tove Berg and Ingrid Holm (eds.)" in " ".join(pdf_text(result.outputs["pdf"]).split())
