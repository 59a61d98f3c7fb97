"""CSL-JSON and RIS publication files beside .bib: read into the same model, filed by the same rules.

Fixtures in ``tests/fixtures/csl`` (a Zotero-style CSL-JSON export and an EndNote/Zotero-style
RIS file, fictional people) hold some of the same papers as ``tests/fixtures/bib/issue13``:
the same paper must land in the same group with the same venue whichever file it came from.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, build, pdf_text
from pypdf import PdfReader

from cvbuild.errors import CvError
from cvbuild.load.bibtex import file_format, parse_bib
from cvbuild.load.csl_json import parse_csl_json
from cvbuild.load.registry import load_profile
from cvbuild.load.ris import parse_ris
from cvbuild.resolve.sections import resolve

CSL = FIXTURES / "csl"
BIBS = FIXTURES / "bib" / "issue13"


def _by_title(pubs: list) -> dict:
    return {p.title: p for p in pubs}


@pytest.fixture(scope="module")
def csl() -> object:
    return parse_csl_json((CSL / "zotero.json").read_text(encoding="utf-8"), CSL / "zotero.json")


@pytest.fixture(scope="module")
def ris() -> object:
    return parse_ris((CSL / "refs.ris").read_text(encoding="utf-8"), CSL / "refs.ris")


def test_csl_json_items(csl: object) -> None:
    pubs = _by_title(csl.publications)  # type: ignore[attr-defined]
    conf = pubs["Gadget Learning at Scale"]
    assert conf.kind == "conference" and conf.abbr == "ICGL" and conf.pages == "100–110"
    assert conf.venue == "Proceedings of the International Conference on Gadget Learning"
    assert conf.doi == "10.5555/icgl.2024.100" and conf.date is not None and conf.date.month == 6
    assert conf.authors == ["Halvorsen, Ingrid", "Mbeki, Thandiwe"]
    journal = pubs["<i>Gadget</i> Research & Practice"]  # CSL rich text kept as formatting
    assert journal.kind == "journal" and journal.volume == "12" and journal.number == "2"
    assert journal.authors == ["van der Berg, Lotte", "Halvorsen, Ingrid", "Gadget Consortium"]
    assert journal.doi == "10.5555/jgr.12.45" and journal.year == 2020
    preprint = pubs["A Zotero Preprint on Gadgets"]
    assert preprint.kind == "preprint" and preprint.arxiv == "2401.12345"
    assert preprint.venue == "arXiv preprint arXiv:2401.12345"
    thesis = pubs["Gadgets: A Thesis"]
    assert thesis.kind == "thesis" and thesis.venue == "PhD thesis, University of Bergen" and thesis.year == 2016
    chapter = pubs["Gadgets in Context"]
    assert chapter.kind == "chapter" and chapter.venue == "Handbook of Gadgets" and chapter.publisher == "Fjord Press"
    assert pubs["Edge Gadgets"].kind == "workshop" and pubs["Edge Gadgets"].keywords == ["edge", "tiny"]
    assert conf.source == "zotero.json:3"


def test_csl_json_warnings_name_the_item_and_its_line(csl: object) -> None:
    (warning,) = csl.warnings  # type: ignore[attr-defined]
    assert "item 'GADGET07' has no year" in warning.message and warning.line is not None
    lines = (CSL / "zotero.json").read_text(encoding="utf-8").splitlines()
    assert '"GADGET07"' in lines[warning.line - 1]


def test_ris_records(ris: object) -> None:
    pubs = _by_title(ris.publications)  # type: ignore[attr-defined]
    journal = pubs["A Real Journal Paper"]
    assert journal.kind == "journal" and journal.venue == "Journal of Gadget Research"
    assert (journal.volume, journal.number, journal.pages, journal.year) == ("12", "2", "45–67", 2020)
    assert journal.keywords == ["gadgets", "research"] and journal.key == "ris-journal"
    conf = pubs["Gadget Learning at Scale"]
    assert conf.kind == "conference" and conf.url == "https://proceedings.example.org/icgl/100"
    assert conf.date is not None and conf.date.month == 6
    assert pubs["Gadget Retrieval"].kind == "conference"  # JOUR in a conference: filed by the venue
    chapter = pubs["Gadgets in Context"]
    assert chapter.kind == "chapter" and chapter.venue == "Handbook of Gadgets"
    assert chapter.fields["editor"] == "Fontaine, Laura"
    assert pubs["Gadgets: A Thesis"].venue == "PhD thesis, University of Bergen"
    preprint = pubs["A RIS Preprint on Gadgets"]
    assert preprint.kind == "preprint" and preprint.arxiv == "2402.54321" and preprint.note is None


def test_ris_warnings(ris: object) -> None:
    messages = [(w.line, w.message) for w in ris.warnings]  # type: ignore[attr-defined]
    assert (1, "1 line(s) outside any record were ignored") in messages
    assert any("'ris-preprint' has a long note" in m for _, m in messages)


def test_one_paper_is_filed_alike_from_every_format(csl: object, ris: object) -> None:
    bib = _by_title(parse_bib((BIBS / "alfolio.bib").read_text(encoding="utf-8"), BIBS / "alfolio.bib").publications)
    from_ris = _by_title(ris.publications)  # type: ignore[attr-defined]
    from_csl = _by_title(csl.publications)  # type: ignore[attr-defined]
    for title in ("A Real Journal Paper",):
        assert bib[title].kind == from_ris[title].kind == "journal"
        assert bib[title].venue == from_ris[title].venue == "Journal of Gadget Research"
    title = "Gadget Learning at Scale"
    assert bib[title].kind == from_ris[title].kind == from_csl[title].kind == "conference"
    assert from_csl["Gadgets in Context"].kind == from_ris["Gadgets in Context"].kind == "chapter"


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("a.bib", "", "bibtex"),
        ("a.json", "", "csl-json"),
        ("a.ris", "", "ris"),
        ("a.txt", '[{"type": "book"}]', "csl-json"),
        ("a.txt", "\ufeffTY  - JOUR\n", "ris"),
        ("a.txt", "@article{x, title={T}}", "bibtex"),
    ],
)
def test_file_format_by_suffix_then_content(name: str, text: str, kind: str) -> None:
    assert file_format(Path(name), text) == kind


def test_broken_json_is_a_located_error() -> None:
    with pytest.raises(CvError) as caught:
        parse_csl_json('[\n  {"id": "x",\n  "title": }\n]', Path("bad.json"))
    problem = caught.value.problems[0]
    assert problem.line == 3 and problem.column is not None and "not valid JSON" in problem.message


def test_json_without_items_warns() -> None:
    result = parse_csl_json('{"name": "not CSL"}', Path("odd.json"))
    assert not result.publications and "no CSL-JSON items" in result.warnings[0].message
    result = parse_csl_json(
        '[3, {"type": "book", "id": "b1", "title": "Kept", "issued": {"date-parts": [[2001]]}}]', Path("m.json")
    )
    assert [p.title for p in result.publications] == ["Kept"]
    assert "item 'item 1' is not a JSON object" in result.warnings[0].message


def test_ris_without_records_warns() -> None:
    result = parse_ris("just text\n", Path("x.ris"))
    assert not result.publications and "no RIS records" in result.warnings[0].message


def test_bib_json_and_ris_in_one_section(tmp_path: Path) -> None:
    shutil.copy(BIBS / "alfolio.bib", tmp_path / "papers.bib")
    shutil.copy(CSL / "zotero.json", tmp_path / "zotero.json")
    shutil.copy(CSL / "refs.ris", tmp_path / "refs.ris")
    (tmp_path / "cv.yaml").write_text(
        "person: {name: Ingrid Halvorsen}\nsections:\n  - title: Publications\n"
        "    bib: [papers.bib, zotero.json, refs.ris]\n    group_by: kind\n    numbering: per-group\n",
        encoding="utf-8",
    )
    loaded = load_profile(tmp_path / "cv.yaml")
    assert {tmp_path / n for n in ("papers.bib", "zotero.json", "refs.ris")} <= set(loaded.inputs)
    sources = {p.source.split(":")[0] for p in loaded.profile.sections[0].publications if p.source}
    assert sources == {"papers.bib", "zotero.json", "refs.ris"}
    result = build(tmp_path / "cv.yaml", tmp_path / "out", formats=("pdf",))
    text = " ".join(pdf_text(result.outputs["pdf"]).split())
    assert "Gadget Research & Practice" in text and "A RIS Preprint on Gadgets" in text
    assert "Lotte van der Berg, Ingrid Halvorsen, and Gadget Consortium" in text
    assert not re.search(r"<|&amp;|\{|\}", text)
    uris = {
        str(a.get_object()["/A"]["/URI"])
        for page in PdfReader(result.outputs["pdf"]).pages
        for a in page.get("/Annots") or []
        if "/URI" in a.get_object().get("/A", {})
    }
    assert "https://doi.org/10.5555/jgr.12.45" in uris and "https://arxiv.org/abs/2402.54321" in uris
    rows = resolve(loaded.profile).sections[0].rows
    assert all('<strong class="me">' in str(r.authors) for r in rows if "Halvorsen" in str(r.authors))
