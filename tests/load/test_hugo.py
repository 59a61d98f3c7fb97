"""Hugo Blox sites as profile data: the author data file, the landing page's blocks, author pages, publications.

Two fictional sites live in ``fixtures/hugo_blox``: ``site/`` (Hugo Blox: ``hugo.yaml``,
``data/authors/me.yaml``, a block-built ``content/_index.md``, two publication pages with a
``cite.bib`` beside each) and ``legacy/`` (an older Academic site: ``config/_default/``, an author
page whose education years read ``2021/9 - present`` and ``In Progress``, TOML front matter, a
second author of the site). Each is rendered once per module; the tests read the real PDF back.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from helpers import FIXTURES, build, pdf_links, pdf_text, run_cli, write

from cvbuild.errors import CvError
from cvbuild.load.registry import load_profile, reader_for
from cvbuild.load.yaml_profile import read as load_yaml_profile
from cvbuild.model.dump import profile_yaml

SITE = FIXTURES / "hugo_blox" / "site"
LEGACY = FIXTURES / "hugo_blox" / "legacy"
PAGES = {
    "landing": SITE / "content" / "_index.md",
    "data": SITE / "data" / "authors" / "me.yaml",
    "legacy": LEGACY / "content" / "authors" / "admin" / "_index.md",
}
EPOCH = "1780000000"


@dataclass
class Rendered:
    pdf: Path
    html: str
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
def rendered(tmp_path_factory: pytest.TempPathFactory, _epoch: None) -> dict[str, Rendered]:
    out: dict[str, Rendered] = {}
    for key, page in PAGES.items():
        folder = tmp_path_factory.mktemp(key)
        result = build(page, folder, formats=("pdf", "html"))
        pdf = result.outputs["pdf"]
        out[key] = Rendered(
            pdf,
            result.outputs["html"].read_text(encoding="utf-8"),
            pdf_text(pdf),
            pdf_links(pdf),
            [str(w) for w in result.warnings],
            result.loaded.notes,
            [Path(p).resolve() for p in result.loaded.inputs],
        )
    return out


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


def _between(text: str, start: str, end: str | None) -> str:
    """The PDF text of one section: from its heading to the next section's heading."""
    begin = text.index(f"\n{start}\n")
    return text[begin : text.index(f"\n{end}\n", begin + 1)] if end else text[begin:]


# ---- the landing page: blocks → sections --------------------------------------------------------


def test_landing_identity_comes_from_the_author_the_biography_block_names(rendered: dict[str, Rendered]) -> None:
    r = rendered["landing"]
    for fact in (
        "Dr. Temperance Okafor-Lindqvist",
        "Research Scientist in Computational Hydrology",
        "Fjordvik Institute of Water Science",
        "t.okafor@fjordvik.example.net",
        "0000-0003-4412-907X",
        "github.com/tokaforl",
        "linkedin.com/in/tokaforl",
    ):
        assert fact in r.text, fact
    header = r.text[: r.text.index("\nAbout\n")]
    assert re.search(r"(^|\s)X(\s|$)", header) and "Bluesky" in header  # the network's name, never the icon id
    assert "https://x.com/tokaforl_rivers" in r.links and "https://bsky.app/profile/tokaforl.example.net" in r.links
    assert "https://scholar.google.com/citations?user=Tq8ZxkAAAAAJ" in r.links
    assert any("taken from data/authors/me.yaml" in n for n in r.notes)


def test_landing_blocks_become_sections_in_the_page_order(rendered: dict[str, Rendered]) -> None:
    text = rendered["landing"].text
    order = [
        "About",
        "Interests",
        "Education",
        "Research Vision",
        "Experience",
        "Publications",
        "Awards",
        "Skills & Fieldwork",
        "Languages",
    ]
    positions = [text.index(f"\n{title}\n") for title in order]
    assert positions == sorted(positions), text
    assert "river ice" in _between(text, "About", "Interests") and "Meltwater Group" in text
    assert "Snowmelt flood forecasting" in _between(text, "Interests", "Education")
    assert "University of Kvaløya" in _between(text, "Education", "Research Vision")
    assert "physics-based models" in _between(text, "Research Vision", "Experience")  # a markdown block's text
    experience = _between(text, "Experience", "Publications")
    assert "Nordic Cryosphere Lab" in experience and "Runs the river ice camera network" in experience
    assert "Nordic Hydrological Society" in _between(text, "Awards", "Skills & Fieldwork")
    skills = _between(text, "Skills & Fieldwork", "Languages")
    assert "Modelling Julia, Fortran" in skills and "Fieldwork Ice coring, Drone surveys" in skills
    assert "Yoruba Native" in _between(text, "Languages", None)


@pytest.mark.parametrize(
    ("date", "text_start"),
    [
        ("Sep 2014 – Jun 2018", "PhD Hydrology"),
        ("Jan 2021 – present", "Research Scientist"),  # an empty end is ongoing
        ("Sep 2018 – Dec 2020", "Postdoctoral Fellow"),
        ("Nov 2020", "Meltwater Data Prize"),
    ],
)
def test_landing_dates_in_the_date_column(rendered: dict[str, Rendered], date: str, text_start: str) -> None:
    assert _date_column(rendered["landing"].pdf, date, text_start), rendered["landing"].text


def test_landing_publications_listed_once_with_owner_name_kind_and_links(rendered: dict[str, Rendered]) -> None:
    r = rendered["landing"]
    pubs = _between(r.text, "Publications", "Awards")
    # Two collection blocks (featured, recent) show the same two papers: each is listed once.
    assert r.text.count("Predicting river ice breakup") == 1 and r.text.count("Ensemble snowmelt forecasts") == 1
    assert "Journal of Cold Regions Hydrology" in pubs and "Proceedings of the Nordic Hydrology Workshop" in pubs
    assert "Ines Wojcik and Temperance Okafor-Lindqvist" in pubs  # the username 'me' → the owner's name
    plain = re.sub(r"</?span[^>]*>", "", r.html)  # the theme's no-break/no-hyphen spans aside
    assert plain.count('<strong class="me">Temperance Okafor-Lindqvist</strong>') == 2  # highlighted
    assert "https://doi.org/10.5555/jcrh.2023.0312" in r.links and "https://github.com/tokaforl/icecam" in r.links
    assert "https://tol.example.net/uploads/snowmelt-nhw2021.pdf" in r.links  # a site path through baseURL
    loaded = load_profile(PAGES["landing"])
    [section] = [s for s in loaded.profile.sections if s.title == "Publications"]
    kinds = {p.title: (p.kind, p.selected) for p in section.publications}  # type: ignore[union-attr]
    assert kinds == {
        "Predicting river ice breakup from shore cameras": ("journal", True),  # featured: selected
        "Ensemble snowmelt forecasts for small catchments": ("conference", False),  # old numeric type "1"
    }
    assert any("dataset link https://data.example.net/icecam" in w for w in r.warnings)


def test_landing_site_chrome_absent_and_reported(rendered: dict[str, Rendered]) -> None:
    r = rendered["landing"]
    for junk in (
        "Download",
        "Build a website",
        "Hugo Blox",
        "Demo only",
        "Notes from the ice camp",
        "uploads/",
        "brands/",
        "academicons",
        "at-symbol",
        "gradient",
        "she/her",
        "Recent Publications",
        "Featured Publications",
        "---",
    ):
        assert junk not in r.text, junk
    dropped = next(w for w in r.warnings if "dropped from the page" in w)
    assert "'cta-card' block" in dropped and "demo block" in dropped and "'Download CV' link" in dropped
    assert any("could not place" in w and "Recent News" in w and "blog posts" in w for w in r.warnings)
    assert any("/contact/" in w and "cannot work in a PDF" in w for w in r.warnings)


def test_landing_inputs_are_every_file_read(rendered: dict[str, Rendered]) -> None:
    inputs = rendered["landing"].inputs
    for file in (
        PAGES["landing"],
        SITE / "hugo.yaml",
        PAGES["data"],
        SITE / "content" / "publication" / "river-ice-breakup" / "index.md",
        SITE / "content" / "publication" / "snowmelt-forecasting" / "index.md",
    ):
        assert file.resolve() in inputs, file
    assert not any(p.name == "cite.bib" for p in inputs)  # the front matter holds the paper (and its links)


# ---- the author data file -----------------------------------------------------------------------------


def test_data_file_is_read_by_the_hugo_author_reader(rendered: dict[str, Rendered]) -> None:
    assert reader_for(PAGES["data"]).name == "Hugo Blox author"
    r = rendered["data"]
    order = ["About", "Interests", "Education", "Experience", "Awards", "Skills", "Languages", "Publications"]
    positions = [r.text.index(f"\n{title}\n") for title in order]
    assert positions == sorted(positions), r.text
    for fact in (
        "Dr. Temperance Okafor-Lindqvist",
        "t.okafor@fjordvik.example.net",
        "0000-0003-4412-907X",
        "Ice coring",
        "Norwegian Fluent",
        "Thesis on ice-jam floods",
        "Early Career Medal in Hydrology, Nordic Hydrological Society",
    ):
        assert fact in r.text, fact
    assert "Lagos Polytechnic of Science" in _between(r.text, "Education", "Experience")
    assert "Fjordvik Institute of Water Science" in _between(r.text, "Experience", "Awards")
    assert _date_column(r.pdf, "Sep 2012 – Jun 2014", "MSc Environmental Engineering")
    assert _date_column(r.pdf, "Jan 2021 – present", "Research Scientist")
    assert r.html.count('<strong class="me">') == 2 and r.text.count("Predicting river ice breakup") == 1
    assert re.search(r"(^|\s)X(\s|$)", r.text[: r.text.index("\nAbout\n")])


def test_data_file_says_what_it_left_out(rendered: dict[str, Rendered]) -> None:
    warnings = rendered["data"].warnings
    left = next(w for w in warnings if "not placed in the CV" in w)
    assert "pronouns (she/her)" in left and "postnominals (PhD)" in left
    assert "status" not in left and "slug" not in left  # site chrome goes quietly
    assert any("me.yaml:" in w and "/contact/" in w for w in warnings)  # located at the links: line
    assert any("CV download link" in n for n in rendered["data"].notes)


def test_data_file_outside_a_site_has_no_publications(tmp_path: Path) -> None:
    author = write(
        tmp_path / "me.yaml",
        "name: Wilhelmina Achterberg\nrole: Glass artist\naffiliations:\n  - name: Studio Vlakte\n"
        "links:\n  - icon: brands/mastodon\n    url: https://social.example.net/@wil\n"
        "experience:\n  - role: Founder\n    org: Studio Vlakte\n    start: '2019'\n    end: In Progress\n",
    )
    loaded = load_profile(author)
    assert loaded.profile.person.name == "Wilhelmina Achterberg"
    assert [link.label for link in loaded.profile.person.links] == ["Mastodon"]
    [experience] = loaded.profile.sections
    entry = experience.entries[0]  # type: ignore[union-attr]
    assert entry.date_text == "2019 – In Progress" and entry.organisation == "Studio Vlakte"  # kept as written


def test_data_file_errors_are_located(tmp_path: Path) -> None:
    nameless = write(tmp_path / "a.yaml", "role: Glass artist\nname:\n  display: ''\n")
    with pytest.raises(CvError, match="the author has no name") as info:
        load_profile(nameless)
    assert info.value.problems[0].line == 2
    loaded = load_profile(nameless, {"name": "Wil Achterberg"})  # --person-name fills the gap
    assert loaded.profile.person.name == "Wil Achterberg"
    broken = write(tmp_path / "b.yaml", "role: Glass artist\naffiliations:\n  - name: [unclosed\n")
    with pytest.raises(CvError) as info:
        load_profile(broken)
    assert info.value.problems[0].line is not None and info.value.problems[0].file == broken
    result = run_cli("render", broken, "-o", tmp_path / "out")
    assert result.returncode == 1 and "b.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_bad_email_drops_only_itself(tmp_path: Path) -> None:
    author = write(tmp_path / "c.yaml", "name: Ada Osei\nrole: Potter\nemail: not-an-address\n")
    loaded = load_profile(author)
    assert loaded.profile.person.email is None and loaded.profile.person.headline == "Potter"
    assert any("ignored email" in str(w) and str(w.line) == "3" for w in loaded.warnings)


# ---- an older author page: dates read whole ------------------------------------------------------


def test_author_page_dates_are_read_whole(rendered: dict[str, Rendered]) -> None:
    r = rendered["legacy"]
    assert _date_column(r.pdf, "Sep 2021 – present", "PhD in Geophysics")  # "2021/9 - present"
    assert _date_column(r.pdf, "In Progress", "Certificate in Science Communication")  # not cut to "In Progres"
    assert _date_column(r.pdf, "2019", "BSc in Physics")
    assert _date_column(r.pdf, "Mar 2022 – present", "Teaching Assistant, Earth Physics")
    for junk in ("In Progres\n", "2021/9 - p\n", "percent", "90", "code-bracket", "user_groups", "Researchers"):
        assert junk not in r.text, junk


def test_author_page_publications_of_the_owner_only(rendered: dict[str, Rendered]) -> None:
    r = rendered["legacy"]
    pubs = " ".join(_between(r.text, "Publications", None).split())
    assert "Ambient noise tomography beneath a restless volcano" in pubs
    assert "Bartholomew Nwachukwu-Sato and Lucía Ferreyra" in pubs  # 'admin' → the owner's name
    assert "Harbour tremor" not in r.text  # another author's paper on a group site
    assert any("other authors of the site left out" in n for n in r.notes)
    assert "https://bns.example.net/uploads/ant-volcano-slides.pdf" in r.links  # baseurl + a static path
    assert "https://doi.org/10.5555/vsl.2022.004" in r.links
    assert "ResearchGate" in r.text and "English" in _between(r.text, "Languages", "Publications")
    assert (LEGACY / "config" / "_default" / "config.yaml").resolve() in r.inputs


# ---- import: page → cv.yaml → same CV --------------------------------------------------------------


@pytest.mark.parametrize("key", ["landing", "data", "legacy"])
def test_import_round_trip_gives_the_same_cv(rendered: dict[str, Rendered], tmp_path: Path, key: str) -> None:
    loaded = load_profile(PAGES[key])
    cv_yaml = write(tmp_path / "cv.yaml", profile_yaml(loaded.profile, source=PAGES[key].name))
    assert load_yaml_profile(cv_yaml).profile == loaded.profile
    build(cv_yaml, tmp_path / "out", formats=("pdf",))
    assert pdf_text(tmp_path / "out" / "cv.pdf") == rendered[key].text


def test_import_command_on_the_author_file(tmp_path: Path) -> None:
    out = tmp_path / "cv.yaml"
    result = run_cli("import", PAGES["data"], "-o", out, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "name: Dr. Temperance Okafor-Lindqvist" in text and "kind: conference" in text
    assert "label: X" in text and "brands/" not in text


# ---- edge cases in a copied site --------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    return root


def test_a_block_naming_a_missing_author_is_a_located_warning(site: Path) -> None:
    page = site / "content" / "_index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("username: me\n      text", "username: ghost\n      text"))
    loaded = load_profile(page)
    [warning] = [w for w in loaded.warnings if "'ghost'" in str(w)]
    assert warning.line == 10 and "data/authors/ghost.yaml" in warning.message
    assert loaded.profile.person.name == "Dr. Temperance Okafor-Lindqvist"  # the other blocks name 'me'


def test_the_same_paper_in_two_folders_is_listed_once(site: Path) -> None:
    copy = site / "content" / "publications" / "ice-breakup-again" / "index.md"
    write(copy, (site / "content" / "publication" / "river-ice-breakup" / "index.md").read_text(encoding="utf-8"))
    write(
        site / "content" / "publication" / "bad-doi" / "index.md",
        "---\ntitle: A paper with a broken DOI\nauthors: [me]\ndate: 2020\ndoi: 'not-a-doi'\n"
        "url_pdf: javascript:alert(1)\n---\n",
    )
    loaded = load_profile(site / "content" / "_index.md")
    [section] = [s for s in loaded.profile.sections if s.title == "Publications"]
    titles = [p.title for p in section.publications]  # type: ignore[union-attr]
    assert titles.count("Predicting river ice breakup from shore cameras") == 1
    assert any("listed once" in n for n in loaded.notes)
    bad = next(p for p in section.publications if p.title.startswith("A paper"))  # type: ignore[union-attr]
    assert bad.doi is None and bad.pdf is None
    messages = [str(w) for w in loaded.warnings]
    assert any("not-a-doi" in m for m in messages) and any("javascript:alert(1)" in m for m in messages)


def test_landing_page_with_inline_experience_items_and_body(tmp_path: Path) -> None:
    root = tmp_path / "dev"
    write(root / "hugo.toml", 'title = "Dev"\n')
    write(
        root / "data" / "authors" / "me.yaml",
        "name: {display: Kwame Lindahl-Oyelowo}\nrole: Backend Engineer\nis_owner: true\n",
    )
    page = write(
        root / "content" / "_index.md",
        "---\ntitle: ''\nsections:\n"
        "  - block: dev-hero\n    content: {username: me, greeting: Hi}\n"
        "  - block: resume-experience\n    content:\n      title: Work\n      items:\n"
        "        - title: Staff Engineer\n          company: Harbour Logistics\n          location: Accra\n"
        "          date_start: '2023-01-01'\n          date_end: ''\n"
        "          description: |\n            * Cut API latency by half\n            * Mentored four engineers\n"
        "  - block: tech-stack\n    content:\n      title: Tech Stack\n      categories:\n"
        "        - name: Languages\n          items: [{name: Go}, {name: Rust}]\n"
        "  - block: contact-info\n    content: {email: kwame@harbour.example.net}\n"
        "---\n\nA short note under the blocks.\n",
    )
    loaded = load_profile(page)
    person = loaded.profile.person
    assert (person.name, person.email) == ("Kwame Lindahl-Oyelowo", "kwame@harbour.example.net")
    work, stack, about = loaded.profile.sections
    assert work.title == "Work" and work.entries[0].details == ["Cut API latency by half", "Mentored four engineers"]  # type: ignore[union-attr]
    assert str(work.entries[0].end) == "present" and work.entries[0].location == "Accra"  # type: ignore[union-attr]
    assert stack.skills == {"Languages": "Go, Rust"}  # type: ignore[union-attr]
    assert "A short note" in about.text  # type: ignore[union-attr]
    assert any("'dev-hero' block" in str(w) for w in loaded.warnings)


def test_mangled_author_files_never_crash(tmp_path: Path) -> None:
    """Seeded random values in the fixture's author file: each loads, or stops with a located CvError."""
    import random

    import yaml

    from cvbuild.resolve.sections import resolve

    base = yaml.safe_load(PAGES["data"].read_text(encoding="utf-8"))
    odd = [None, "", 0, 12, True, [], {}, "2021/9 - present", "In Progress", [1, 2], {"a": None}, "2019-13-40"]
    odd += ["javascript:alert(1)", 3.5, "present", "2020 - 2019", "../../etc/passwd"]
    rng = random.Random(7)

    def mutate(node: object) -> None:
        keys = list(node) if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else []
        for key in keys:
            if rng.random() < 0.25:
                node[key] = rng.choice(odd)  # type: ignore[index]
            else:
                mutate(node[key])  # type: ignore[index]

    for case in range(60):
        data = yaml.safe_load(yaml.safe_dump(base))
        mutate(data)
        data.pop("role", None)
        author = write(tmp_path / f"a{case}.yaml", "role: Hydrologist\n" + yaml.safe_dump(data, allow_unicode=True))
        try:
            resolve(load_profile(author).profile)
        except CvError as error:
            assert error.problems and all(p.message for p in error.problems)
