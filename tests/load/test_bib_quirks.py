"""Publications as real exporters write them (issue 13): the right group, the venue once, no residue.

One profile with ``tests/fixtures/bib/issue13`` (al-folio and Google Scholar habits, a DBLP
export with preprint/published pairs; fictional people) is rendered once to PDF and HTML and
read back: text, fonts, link annotations, warnings and notes. The venue table, the LaTeX and
HTML decoding and the owner's unlisted spellings are also checked directly, table by table.
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

from cvbuild.load.bibtex import parse_bib
from cvbuild.load.markup import html_to_rich, latex_to_rich
from cvbuild.load.registry import load_profile
from cvbuild.load.venues import strip_year, venue_kind
from cvbuild.resolve.sections import resolve

BIBS = FIXTURES / "bib" / "issue13"

PROFILE = """\
person:
  name: Ingrid Halvorsen
sections:
  - title: Publications
    bib: [alfolio.bib, pairs.bib]
    group_by: kind
    numbering: per-group
    summary: true
    venue_kinds: {"Proc. VLDB Endow.": conference}
"""


def _folder(tmp: Path, profile: str = PROFILE) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    for bib in BIBS.glob("*.bib"):
        shutil.copy(bib, tmp / bib.name)
    (tmp / "cv.yaml").write_text(textwrap.dedent(profile), encoding="utf-8")
    return tmp / "cv.yaml"


def _groups(section: object) -> dict[str, list[str]]:
    """Group key → the plain titles in it."""
    return {g.key: [re.sub(r"<[^>]+>", "", str(r.title)) for r in g.rows] for g in section.groups}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("quirks")
    result = build(_folder(folder), folder / "out", formats=("pdf", "html"))
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
    loaded = load_profile(folder / "cv.yaml")
    return {
        "result": result,
        "flat": re.sub(r"\s+", " ", text),
        "uris": uris,
        "words": words,
        "html": (folder / "out" / "cv.html").read_text(encoding="utf-8"),
        "section": resolve(loaded.profile).sections[0],
        "loaded": loaded,
    }


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


# --- 1, 6: the right group ---------------------------------------------------------------------


def test_conferences_typed_as_articles_are_conference_papers(rendered: dict) -> None:
    groups = _groups(rendered["section"])
    conference = groups["conference"]
    for title in ("Gadget Learning at Scale", "Sparse Mixtures without Tears", "Seeing Gadgets in the Dark"):
        assert title in conference, (title, groups)
    assert "Indexing Gadget Streams" in conference  # the profile's venue_kinds: Proc. VLDB Endow. → conference
    assert "Typed Gadget Programs" in groups["journal"]  # OOPSLA's abbr, but PACMPL is a journal
    assert "A Real Journal Paper" in groups["journal"]
    assert groups["workshop"] == ["An Override Says Workshop"]  # kind = {workshop} wins over the journal
    assert "Gadgets Are All You Need" in groups["preprint"]  # @inproceedings{booktitle = {arXiv}}
    text = rendered["flat"]
    conference_text = _between(text, "Conference Papers", "Workshop Papers")
    assert "[C6]" in conference_text and "Gadget Learning at Scale" in conference_text
    assert "Gadget Learning at Scale" not in _between(text, "Journal Articles", "Conference Papers")


@pytest.mark.parametrize(
    ("venue", "abbr", "kind"),
    [
        ("International Conference on Gadget Learning (ICGL)", "", "conference"),
        ("Advances in Neural Information Processing Systems", "NeurIPS", "conference"),
        ("Advances in Neural Information Processing Systems", "", "conference"),
        ("CVPR", "", "conference"),
        ("NeurIPS 2024", "", "conference"),
        ("Proc. ICML'23", "", "conference"),
        ("Findings of the Association for Computational Linguistics: EMNLP 2023", "", "conference"),
        ("Proceedings of Machine Learning Research", "", "conference"),
        ("USENIX Symposium on Operating Systems Design and Implementation", "", "conference"),
        ("Proceedings of the AAAI Conference on Artificial Intelligence", "", "conference"),
        ("IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops", "", "workshop"),
        ("NeurIPS Workshop on Gadget Safety", "", "workshop"),
        ("Proceedings of the ACM on Programming Languages", "OOPSLA", "journal"),
        ("Proc. ACM Program. Lang.", "", "journal"),
        ("Proceedings of the National Academy of Sciences", "", "journal"),
        ("Proceedings of the IEEE", "", "journal"),
        ("Proc. VLDB Endow.", "", "journal"),
        ("Transactions of the Association for Computational Linguistics", "", "journal"),
        ("IEEE Micro", "", None),  # the magazine, not the MICRO conference
        ("IEEE Robotics and Automation Letters", "", "journal"),
        ("Journal of Machine Learning Research", "", "journal"),
        ("ACM Computing Surveys", "", None),
        ("arXiv preprint arXiv:2401.00001", "", "preprint"),
        ("CoRR", "", "preprint"),
        ("bioRxiv", "", "preprint"),
        ("", "", None),
    ],
)
def test_venue_table(venue: str, abbr: str, kind: str | None) -> None:
    assert venue_kind(venue, abbr) == kind


def test_entry_types_with_a_venue_name() -> None:
    bib = r"""
    @article{a, title = {A}, journal = {ICML}, year = 2020}
    @article{b, title = {B}, journal = {Nature}, year = 2020}
    @inproceedings{c, title = {C}, booktitle = {CoRR}, year = 2020}
    @incollection{d, title = {D}, booktitle = {European Conference on Computer Vision}, year = 2020}
    @incollection{e, title = {E}, booktitle = {Handbook of Gadgets}, year = 2020}
    @article{f, title = {F}, journal = {Gadget Letters}, kind = {poster}, year = 2020}
    """
    result = parse_bib(bib, Path("k.bib"))
    assert [p.kind for p in result.publications] == ["conference", "journal", "preprint", "conference", "chapter"] + [
        "journal"
    ]
    assert any("kind = 'poster'" in w.message for w in result.warnings)


# --- 2, 4: the venue once ------------------------------------------------------------------------


def test_abbr_is_printed_once_and_never_with_a_second_year(rendered: dict) -> None:
    text = rendered["flat"]
    assert "Advances in Neural Information Processing Systems (NeurIPS), pp. 1201–1215, 2024." in text
    assert "(NeurIPS) (NeurIPS" not in text and "NeurIPS 2023" not in text and "2023)" not in text
    assert "International Conference on Gadget Learning (ICGL), 2024." in text
    assert "(ICGL) (ICGL)" not in text
    assert "Proceedings of the ACM on Programming Languages (OOPSLA), vol. 6" in text
    html = rendered["html"]
    assert html.count("(NeurIPS)") == 1


@pytest.mark.parametrize(
    ("abbr", "short"),
    [("NeurIPS 2024", "NeurIPS"), ("ICML'23", "ICML"), ("CVPR-2024", "CVPR"), ("3DV", "3DV"), ("ACL", "ACL")],
)
def test_strip_year(abbr: str, short: str) -> None:
    assert strip_year(abbr) == short


def test_a_book_names_its_publisher_once(rendered: dict) -> None:
    text = rendered["flat"]
    assert "The Gadget Handbook. Fjord Press, 2019." in text
    assert text.count("Fjord Press") == 1


# --- 3, 7, 10: no residue --------------------------------------------------------------------------


def test_html_in_fields_becomes_formatting(rendered: dict) -> None:
    text = rendered["flat"]
    assert "Cited by 105 & featured in Gadget Weekly." in text
    for residue in ("<b>", "</b>", "&amp;", "<i>", "amp;"):
        assert residue not in text
    words = rendered["words"]
    assert "Bold" in next(w for w in words if w["text"] == "105")["fontname"]
    assert "Italic" in next(w for w in words if w["text"].startswith("Weekly"))["fontname"]


def test_url_commands_are_links_without_angle_brackets(rendered: dict) -> None:
    text = rendered["flat"]
    assert (
        "GadgetKit: a Toolkit. https://gadgetkit.example.org/docs_v2, 2018. Code at https://code.example.org/gadgetkit"
        in text
    )
    assert "<" not in text and ">" not in text and "\\url" not in text
    uris = set(rendered["uris"])
    assert {"https://gadgetkit.example.org/docs_v2", "https://code.example.org/gadgetkit"} <= uris


def test_math_and_formatting_commands_are_typeset(rendered: dict) -> None:
    text = rendered["flat"]
    assert "A* Search in O(n2) Time with α-Pruning: Provably Fast GadgetNet and gsort" in text
    for residue in ("_∗", "_*", "$", "\\", "{", "}", "^"):
        assert residue not in text, residue
    html = rendered["html"]
    assert "A<sub>*</sub> Search" in html and "O(n<sup>2</sup>)" in html
    assert "<em>Provably</em>" in html
    assert 'font-variant: small-caps">GadgetNet</span>' in html
    words = rendered["words"]
    body = next(w for w in words if w["text"] == "Search")["size"]
    two = [w for w in words if w["text"] == "2)" or w["text"] == "2"]
    assert two and two[0]["size"] < body * 0.9  # the superscript
    assert "Mono" in next(w for w in words if w["text"] == "gsort")["fontname"]


@pytest.mark.parametrize(
    ("latex", "rich"),
    [
        (r"A{\({_\ast}\)} Search", "A<sub>*</sub> Search"),
        (r"Sorting in $O(n^2)$ and $O(n \log n)$", "Sorting in O(n<sup>2</sup>) and O(n log n)"),
        (r"$\alpha$-Divergences, \emph{Robust}", "α-Divergences, <em>Robust</em>"),
        (r"{\em Old} and {\bf bold} \textit{it}", "<em>Old</em> and <b>bold</b> <i>it</i>"),
        (r"\textsc{Bert} \texttt{a\_b}", "<sc>Bert</sc> <code>a_b</code>"),
        (r"H$_2$O and $x_{i}^{2}$", "H<sub>2</sub>O and x<sub>i</sub><sup>2</sup>"),
        (
            r"See \url{https://x.example.org/a_b%20c}",
            'See <a href="https://x.example.org/a_b%20c">https://x.example.org/a_b%20c</a>',
        ),
        (r"\href{https://x.example.org}{the page}", '<a href="https://x.example.org">the page</a>'),
        (r"\url{javascript:alert(1)}", "javascript:alert(1)"),
        ("Cited by <b>105</b> &amp; more", "Cited by <b>105</b> & more"),
        ("<script>alert(1)</script>kept <span>text</span>", "kept text"),
        ("R&D at 50% off", "R&D at 50% off"),
        (r"Universit{\'e} -- {\&} \$5~x", "Université – & $5 x"),
        (r"$\mathbb{R}^n$, $\mathcal{O}(1)$", "R<sup>n</sup>, O(1)"),
        ("plain  text", "plain text"),
    ],
)
def test_latex_and_html_to_rich_text(latex: str, rich: str) -> None:
    assert latex_to_rich(latex) == rich


def test_csl_rich_text_to_rich_text() -> None:
    csl = (
        'A <i>new</i> <span style="font-variant:small-caps;">Bert</span> <span class="nocase">GPU</span> x<sup>2</sup>'
    )
    assert html_to_rich(csl) == "A <i>new</i> <sc>Bert</sc> GPU x<sup>2</sup>"


# --- 5: preprint / published pairs -------------------------------------------------------------------


def test_preprints_with_a_published_version_are_merged_and_reported(rendered: dict) -> None:
    text = rendered["flat"]
    assert "Extended Preprint" not in text  # same arXiv id as the journal version
    assert text.count("Streaming Gadget Joins") == 2  # the SIGMOD paper, and another group's preprint
    assert "Chiamaka Okoro and Hiro Tanaka. Streaming Gadget Joins. arXiv preprint arXiv:2201.09999" in text
    uris = set(rendered["uris"])
    assert "https://arxiv.org/abs/2203.00001" in uris  # attached to the SIGMOD version
    assert "https://arxiv.org/abs/2305.11111" in uris and "https://code.example.org/lgi" in uris
    notes = rendered["loaded"].notes
    assert len(notes) == 2, notes
    assert "'Streaming Gadget Joins' (pairs.bib:4)" in notes[0] and "conference version (pairs.bib:14)" in notes[0]
    assert "title and authors" in notes[0]
    assert "'Learned Gadget Indexes (Extended Preprint)' (pairs.bib:24)" in notes[1] and "arXiv id" in notes[1]
    assert all("keep_preprints" in n for n in notes)
    groups = _groups(rendered["section"])
    assert "Streaming Gadget Joins" in groups["conference"] and "Learned Gadget Indexes" in groups["journal"]


def test_keep_preprints_keeps_both(tmp_path: Path) -> None:
    loaded = load_profile(_folder(tmp_path, PROFILE + "    keep_preprints: true\n"))
    assert not loaded.notes
    titles = [p.title for p in loaded.profile.sections[0].publications]
    assert "Learned Gadget Indexes (Extended Preprint)" in titles and titles.count("Streaming Gadget Joins") == 3


def test_inline_published_version_absorbs_a_bib_preprint(tmp_path: Path) -> None:
    profile = PROFILE + textwrap.indent(
        "publications:\n  - {title: 'Gadgets Are All You Need', authors: [Ingrid Halvorsen], venue: Gadget Journal,"
        " year: 2026, kind: journal}\n",
        "    ",
    )
    loaded = load_profile(_folder(tmp_path, profile))
    pubs = [p for p in loaded.profile.sections[0].publications if p.title == "Gadgets Are All You Need"]
    assert len(pubs) == 1 and pubs[0].kind == "journal"
    assert any("Gadgets Are All You Need" in n for n in loaded.notes)


# --- 8: the owner under another given name -----------------------------------------------------------


def test_owner_under_another_given_name_is_one_warning(tmp_path: Path) -> None:
    shutil.copy(BIBS / "othername.bib", tmp_path / "othername.bib")
    profile = tmp_path / "cv.yaml"
    profile.write_text(
        "person: {name: Robert Kowalczyk}\nsections:\n  - title: Papers\n    bib: othername.bib\n", encoding="utf-8"
    )
    warnings = [w for w in load_profile(profile).warnings if "family name" in w.message]
    assert len(warnings) == 1, warnings
    (warning,) = warnings
    assert "'Bob Kowalczyk'" in warning.message and "4 of the 7" in warning.message
    assert 'name_variants: ["Bob Kowalczyk"]' in warning.hint
    assert warning.file == profile and warning.line == 1  # at person.name
    assert "Anna" not in warning.message  # a namesake who writes with the owner

    profile.write_text(
        "person: {name: Robert Kowalczyk, name_variants: [Bob Kowalczyk]}\nsections:\n  - title: Papers\n"
        "    bib: othername.bib\n",
        encoding="utf-8",
    )
    loaded = load_profile(profile)
    assert not [w for w in loaded.warnings if "family name" in w.message]
    bold = [str(r.authors) for r in resolve(loaded.profile).sections[0].rows]
    assert sum('<strong class="me">Bob Kowalczyk</strong>' in a for a in bold) == 4
    assert not any('<strong class="me">Anna' in a for a in bold)


# --- also: warnings, the summary, owner bold -----------------------------------------------------------


def test_an_entry_without_a_year_warns_at_its_line(rendered: dict) -> None:
    warnings = [str(w) for w in rendered["result"].warnings]
    assert any("alfolio.bib:" in w and "'halvorsen_noyear' has no year" in w for w in warnings), warnings
    assert len(warnings) == 1, warnings  # nothing else in these files is a problem
    assert "An Undated Manuscript. Gadget Notes." in rendered["flat"]


def test_summary_line_counts_peer_reviewed_papers(rendered: dict) -> None:
    text = rendered["flat"]
    assert "11 peer-reviewed papers: 4 journal, 6 conference, 1 workshop" in text
    assert text.index("11 peer-reviewed papers") < text.index("Journal Articles")
    assert '<p class="pub-summary">' in rendered["html"]


def test_owner_bold_everywhere(rendered: dict) -> None:
    words = [w for w in rendered["words"] if w["text"].startswith("Halvorsen") and w["size"] < 12]
    assert words and all("Bold" in w["fontname"] for w in words)
    others = [w for w in rendered["words"] if w["text"].startswith(("Mbeki", "Quispe", "Lindgren", "Okoro"))]
    assert others and not any("Bold" in w["fontname"] for w in others)


def test_the_shipped_example_renders_without_doubled_venues(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "academic" / "cv.yaml"
    text = " ".join(pdf_text(build(example, tmp_path, formats=("pdf",)).outputs["pdf"]).split())
    assert "International Conference on Machine Learning (ICML), vol. 202, pp. 41022–41040, 2023." in text
    assert not re.search(r"\((\w+)\) \(\1", text)


# --- 9: line breaks ------------------------------------------------------------------------------------


def test_numbers_stay_with_their_labels_and_ranges_never_break(rendered: dict) -> None:
    html = rendered["html"]
    for whole in ("pp. 1201–1215", "vol. 14", "pp. 300–312", "arXiv:2201.09999"):
        assert f'<span class="nw">{whole}</span>' in html, whole
