"""Bad and hostile inputs in the other formats cvbuild reads: JSON Resume (also JSONC), RenderCV, al-folio's
``_data/cv.yml``, homepage pages and the ``.bib`` files a profile names.

Each message must use the user's own terms: ``work[0].startDate`` in a JSON Resume file,
``cv.sections.education[0].start_date`` in a RenderCV file, a line of the page for a page. A
broken ``.bib`` entry is a warning (the rest of the CV still renders); it must say where.
"""

from __future__ import annotations

import re

import pytest
from hostile import Case, Corpus, at_line, params, render


def json_resume(name: str, text: str | bytes, at: str | None, *expect: str, xfail: str = "", code: int = 1) -> Case:
    """A JSON Resume file with a mistake on the line holding ``at``. ``code=0``: a shape the reader does not
    map, which it must name in a located warning ("not printed: …") while the rest renders."""
    file = "resume.json"
    decoded = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    where = () if at is None else (at_line(file, decoded, at),)
    return Case(name, {file: text}, render(file), (*where, *expect), code=code, xfail=xfail)


BASICS = '{\n  "basics": {"name": "Kwame Ostrowski-Lind", "email": "kwame@example.org"},\n'  # two lines
# One good section on line 3, so that a case's own mistake is the only thing wrong with the file.
BASICS_AND_EDUCATION = BASICS + '  "education": [{"institution": "University of Nowhere", "studyType": "PhD"}],\n'


def work(row: str) -> str:
    """A resume whose one job (line 4) is ``row``'s fields."""
    return BASICS + '  "work": [\n    {"name": "Acme Imaginary", "position": "Engineer", ' + row + "}\n  ]\n}\n"


JSON_RESUME = [
    json_resume("jr-trailing-garbage", BASICS + '  "work": []\n}\nthanks!\n', "thanks"),
    json_resume("jr-unclosed-string", '{\n  "basics": {"name": "Kwame\n  }\n}\n', '"Kwame'),
    json_resume("jr-missing-comma", BASICS + '  "work": []\n  "education": []\n}\n', '"education"'),
    json_resume(
        "jsonc-comments-then-bad-date",
        '// my resume\n{\n  /* who */ "basics": {"name": "Kwame Ostrowski-Lind"},\n'
        '  "work": [{"name": "Acme", "startDate": "20x0"},],\n}\n',
        "20x0",
        "work[0].startDate",
    ),
    json_resume(
        "jsonc-unterminated-comment",
        '{\n  /* started and never closed\n  "basics": {"name": "Kwame Ostrowski-Lind"}\n}\n',
        "/*",
    ),
    json_resume(
        "jr-highlights-number",
        work('"startDate": "2020-01", "highlights": 5'),
        "highlights",
        "work[0].highlights",
        code=0,
        xfail="no message at all: the number 5 is silently dropped",
    ),
    json_resume(
        "jr-work-object",
        BASICS_AND_EDUCATION + '  "work": {"name": "Acme Imaginary", "position": "Engineer"}\n}\n',
        '"work"',
        "work",
        code=0,
    ),
    json_resume(
        "jr-work-strings",
        BASICS_AND_EDUCATION + '  "work": ["Uni 2020"]\n}\n',
        "Uni 2020",
        "work[0]",
        code=0,
    ),
    json_resume("jr-start-month-13", work('"startDate": "2020-13"'), "2020-13", "work[0].startDate"),
    json_resume(
        "jr-ends-before-start",
        BASICS + '  "education": [\n    {"institution": "U", "startDate": "2020", "endDate": "2016"}\n  ]\n}\n',
        "endDate",
        "education[0].endDate",
    ),
    json_resume(
        "jr-basics-text",
        '{\n  "basics": "Kwame Ostrowski-Lind"\n}\n',
        '"basics"',
        "basics",
        xfail="reported at resume.json:1:1 ('a JSON Resume file is an object with a 'basics' object'), not line 2",
    ),
    json_resume("jr-no-name", '{\n  "basics": {"email": "kwame@example.org"}\n}\n', '"basics"', "basics", "name"),
    json_resume("jr-email", '{\n  "basics": {"name": "Kwame O", "email": "kwame(at)home"}\n}\n', "kwame(at)", "email"),
    json_resume("jr-top-level-array", '[\n  {"basics": {"name": "Kwame O"}}\n]\n', "["),
    json_resume("jr-empty-file", "", ""),
    json_resume(
        "jr-nul-byte",
        b'{\n  "basics": {"name": "Kwame\x00O"}\n}\n',
        "Kwame",
        xfail="reported at resume.json:1:1 as 'a binary file', not at line 2 where the NUL is",
    ),
    json_resume(
        "jr-duplicate-key",
        BASICS_AND_EDUCATION + '  "basics": {"name": "Someone Else"}\n}\n',
        '"basics": {"name": "Someone',
        "warning:",
        "basics",
        code=0,
        xfail="no message: the second 'basics' silently replaces the first",
    ),
    json_resume(
        "jr-lone-surrogate",
        '{\n  "basics": {"name": "Kwame \\ud800 O"}\n}\n',
        "ud800",
        "basics.name",
    ),
    json_resume(
        "jr-skills-keywords-text",
        BASICS_AND_EDUCATION + '  "skills": [{"name": "Code", "keywords": 7}]\n}\n',
        "keywords",
        "skills[0].keywords",
        code=0,
        xfail="no message at all: the number 7 is silently dropped",
    ),
    json_resume(
        "jr-publication-date-word",
        BASICS + '  "publications": [{"name": "A Paper", "releaseDate": "soonish"}]\n}\n',
        "soonish",
        "publications[0].releaseDate",
    ),
    json_resume("jr-invalid-utf8", b'{\n  "basics": {"name": "Kwame \xff O"}\n}\n', "Kwame", "UTF-8"),
    json_resume("jr-huge-number", work('"startDate": 1e999999'), "1e999999", "work[0].startDate"),
]


def rendercv(name: str, text: str, at: str | None, *expect: str, xfail: str = "", code: int = 1) -> Case:
    where = () if at is None else (at_line("cv.yaml", text, at),)
    return Case(name, {"cv.yaml": text}, render("cv.yaml"), (*where, *expect), code=code, xfail=xfail)


RCV = "cv:\n  name: Liesel Nakashima-Oyelaran\n  sections:\n"  # three lines


def rcv_education(fields: str) -> str:
    return RCV + "    education:\n      - institution: University of Nowhere\n        area: Hydrology\n" + fields


RENDERCV = [
    rendercv(
        "rcv-start-month-13",
        rcv_education("        start_date: 2020-13\n"),
        "2020-13",
        "cv.sections.education[0].start_date",
    ),
    rendercv(
        "rcv-ends-before-start",
        rcv_education("        start_date: 2020\n        end_date: 2017\n"),
        "end_date",
        "cv.sections.education[0].end_date",
    ),
    rendercv("rcv-sections-list", RCV + "    - education\n", "- education", "cv.sections"),
    rendercv("rcv-section-text", RCV + "    experience: lots of it\n", "lots", "cv.sections.experience"),
    # Lenient but faithful: a number where text is expected is printed as text (no fact lost, no crash).
    rendercv("rcv-entry-number", RCV + "    experience:\n      - 42\n", None, code=0),
    rendercv(
        "rcv-highlights-number",
        RCV + "    experience:\n      - company: Acme\n        position: Engineer\n        highlights: 5\n",
        None,
        code=0,
    ),
    rendercv("rcv-name-missing", "cv:\n  email: liesel@example.org\n", "email", "cv", "name"),
    rendercv("rcv-email", "cv:\n  name: Liesel N\n  email: liesel-at-home\n", "liesel-at", "cv.email"),
    rendercv(
        "rcv-social-network-unknown",
        "cv:\n  name: Liesel N\n  social_networks:\n    - network: Myspace\n      username: liesel\n"
        "  sections:\n    talks:\n      - A talk about rivers\n",
        "Myspace",
        "warning:",
        "cv.social_networks[0].network",
        code=0,
    ),
    rendercv("rcv-unclosed-quote", 'cv:\n  name: "Liesel N\n  email: liesel@example.org\n', '"Liesel'),
    rendercv("rcv-locale", "cv:\n  name: Liesel N\nlocale:\n  language: xx\n", "xx", "locale.language"),
    rendercv(
        "rcv-alias-cycle",
        "cv:\n  name: Liesel N\n  sections: &s\n    loop: *s\n",
        "&s",
        "cv.sections.loop",
    ),
]


def alfolio(name: str, text: str, at: str | None, *expect: str, xfail: str = "", code: int = 1) -> Case:
    file = "_data/cv.yml"
    where = () if at is None else (at_line("cv.yml", text, at),)
    return Case(name, {file: text}, render(file), (*where, *expect), code=code, xfail=xfail)


ALF_HEAD = "- title: General Information\n  type: map\n  contents:\n    - name: Full Name\n      value: Ines Varga\n"

ALFOLIO = [
    alfolio(
        "alf-contents-text",
        ALF_HEAD + "- title: Education\n  type: time_table\n  contents: PhD 2020\n",
        None,
        code=0,  # printed as one entry titled 'PhD 2020': faithful
    ),
    alfolio(
        "alf-row-text",
        ALF_HEAD + "- title: Education\n  type: time_table\n  contents:\n    - PhD 2020\n",
        None,
        code=0,  # printed as one entry titled 'PhD 2020': faithful
    ),
    alfolio(
        "alf-map-value-list",
        "- title: General Information\n  type: map\n  contents:\n    - name: Full Name\n      value: [Ines, Varga]\n",
        "[Ines",
        "[0].contents[0].value",
        xfail="reported at cv.yml:1:3 [0] as 'no map section of this file has a 'Name' row', not at the list value",
    ),
    alfolio(
        "alf-unclosed-quote",
        ALF_HEAD + '- title: "Education\n  type: list\n  contents: [a]\n',
        '"Education',
    ),
    alfolio(
        "alf-list-row-mapping",
        ALF_HEAD + "- title: Skills\n  type: list\n  contents:\n    - Python\n    - {a: {b: {c: d}}}\n",
        "{a:",
        "warning:",
        "[1].contents[1]",
        code=0,
    ),
]


def page(name: str, text: str | bytes, at: str | None, *expect: str, xfail: str = "") -> Case:
    decoded = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    where = () if at is None else (at_line("about.md", decoded, at),)
    return Case(name, {"about.md": text}, render("about.md"), (*where, *expect), xfail=xfail)


FRONT = "---\ntitle: About\nname: Oluwaseun Marchetti\n---\n"  # four lines

PAGES = [
    page(
        "page-empty",
        "",
        None,
        "about.md",
    ),
    page(
        "page-only-whitespace",
        "\n\n   \n\t\n",
        None,
        "about.md",
    ),
    page("page-front-matter-syntax", "---\ntitle: About\nname: [Oluwaseun\n---\n# News\n- 2020 x\n", "[Olu"),
    page("page-front-matter-list", "---\n- title\n- name\n---\n# News\n- 2020 x\n", "- title"),
    page(
        "page-toml-error",
        '+++\ntitle = "About\nname = "Oluwaseun Marchetti"\n+++\n# News\n- 2020 x\n',
        '"About',
        xfail="TOML error without the page's line: 'about.md: TOML front matter error: … (at line 1, column 15)'",
    ),
    page(
        "page-toml-wrong-type",
        "+++\ntitle = 5\nname = [1, 2]\n+++\n# News\n- 2020 x\n",
        "name =",
        "name",
        xfail="exit 0: the name is printed as '1, 2' with only a note",
    ),
    page(
        "page-nul-byte",
        (FRONT + "# News\n- 2020 a\x00b\n").encode(),
        "a\x00b",
        xfail="reported at about.md:1:1 as 'a binary file', not at line 6 where the NUL is",
    ),
    page("page-invalid-utf8", FRONT.encode() + b"# News\n- 2020 caf\xe9\n", "caf", "UTF-8"),
]


BIB_PROFILE = "person:\n  name: Ada Quillfeather\nsections:\n  - title: Papers\n    bib: p.bib\n"
GOOD_ENTRY = "@article{good,\n  title = {A Good Paper},\n  author = {Ada Quillfeather},\n  year = {2019}\n}\n\n"


def bib(
    name: str, entries: str | bytes, *expect: str | re.Pattern[str], xfail: str = "", options: tuple[str, ...] = ()
) -> Case:
    """A .bib whose odd entry must be a located warning while the good entry renders."""
    body = entries if isinstance(entries, bytes) else entries.encode("utf-8")
    return Case(
        name,
        {"cv.yaml": BIB_PROFILE, "p.bib": GOOD_ENTRY.encode() + body},
        render("cv.yaml", *options),
        ("warning:", *expect),
        code=0,
        xfail=xfail,
    )


def entry_line(*lines: int) -> re.Pattern[str]:
    """``p.bib:N:`` for the entry's first line or one of its field lines (either locates the problem)."""
    return re.compile(r"p\.bib:(" + "|".join(map(str, lines)) + r"):")


ODD = "@article{odd,\n  title = {An Odd Paper},\n  author = {Ada Quillfeather},\n"  # lines 7-9; fields from line 10

BIBTEX = [
    bib(
        "bib-year-sometime",
        ODD + "  year = {sometime}\n}\n",
        entry_line(7, 10),
        "odd",
        "year",
    ),
    bib(
        "bib-month-smarch",
        ODD + "  year = {2020},\n  month = {Smarch}\n}\n",
        entry_line(7, 11),
        "odd",
        "month",
        xfail="exit 0 and no message: the month is silently dropped",
    ),
    bib(
        "bib-nul-in-title",
        b"@article{odd,\n  title = {An Odd\x00Paper},\n  author = {Ada Quillfeather},\n  year = {2020}\n}\n",
        entry_line(7, 8),
        "odd",
        "title",
        xfail="exit 0 and no message: the NUL byte is silently removed from the title",
    ),
    bib(
        "bib-empty-authors",
        "@article{odd,\n  title = {An Odd Paper},\n  author = { and and , and {}},\n  year = {2020}\n}\n",
        entry_line(7, 9),
        "odd",
        "author",
        xfail="exit 0 and no message: the author list prints as 'and'",
    ),
    bib("bib-unclosed-brace", ODD + "  year = {2020\n\n", entry_line(7, 10)),
    bib(
        "bib-string-self-reference",
        '@string{loop = loop # "x"}\n' + ODD + "  journal = loop,\n  year = {2020}\n}\n",
        entry_line(1, 7),
        "loop",
        xfail="exit 0 and no message: the self-referencing @string expands to nothing",
    ),
    bib(
        "bib-crossref-cycle",
        "@inproceedings{odd,\n  title = {A},\n  author = {Ada Quillfeather},\n  crossref = {other}\n}\n"
        "@proceedings{other,\n  title = {B},\n  crossref = {odd}\n}\n",
        entry_line(7, 10, 12, 14),
        "crossref",
    ),
    bib(
        "bib-crossref-missing",
        "@inproceedings{odd,\n  title = {A},\n  author = {Ada Quillfeather},\n  crossref = {nowhere}\n}\n",
        entry_line(7, 10),
        "nowhere",
        xfail="no message about the missing target 'nowhere' (only: 'entry 'odd' has no year; listed as undated')",
    ),
    bib("bib-duplicate-key", GOOD_ENTRY.replace("A Good Paper", "Another Paper"), entry_line(7), "good"),
    bib("bib-no-title", "@article{odd,\n  author = {Ada Quillfeather},\n  year = {2020}\n}\n", entry_line(7), "odd"),
    bib("bib-unclosed-comment", "@comment{ never closed\n" + ODD, entry_line(7, 8)),
    bib("bib-latin1", ODD.encode() + b"  journal = {Caf\xe9 Letters},\n  year = {2020}\n}\n", "p.bib:", "UTF-8"),
    bib(
        "bib-binary",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "p.bib:",
        xfail="",
    ),
    bib("bib-strict-url", ODD + "  year = {2020},\n  url = {javascript:alert(1)}\n}\n", entry_line(7, 11)),
]


def strict_bib(name: str, entries: str, *expect: str | re.Pattern[str]) -> Case:
    """``--strict``: the same oddity is an error, and nothing is written."""
    return Case(
        name,
        {"cv.yaml": BIB_PROFILE, "p.bib": GOOD_ENTRY + entries},
        render("cv.yaml", "--strict"),
        ("error:", *expect),
    )


STRICT = [
    strict_bib("bib-strict-unclosed-brace", ODD + "  year = {2020\n\n", entry_line(7, 10)),
    strict_bib(
        "bib-strict-javascript-url", ODD + "  year = {2020},\n  url = {javascript:alert(1)}\n}\n", entry_line(7, 11)
    ),
]

CASES = JSON_RESUME + RENDERCV + ALFOLIO + PAGES + BIBTEX + STRICT


@pytest.mark.parametrize("case", params(CASES))
def test_bad_input_is_reported_in_the_users_terms(case: Case, corpus: Corpus) -> None:
    corpus.judge(case)
