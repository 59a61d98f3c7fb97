"""Inputs that try to exhaust the machine: alias and macro bombs, huge files, deep nesting, floods of warnings.

Each runs the CLI in a child limited to 5 s of CPU and 500 MB of address space (``setrlimit``
before exec); a child over its CPU budget is killed by the kernel and fails the case. The right
outcome is a located error, or, for inputs a CV could really have, a correct render within those
limits. There is no wall-clock assertion: the machine may be shared.
"""

from __future__ import annotations

import re

import pytest
from hostile import Case, Corpus, params, render, render_both

PERSON = "person:\n  name: Marit Adeyemi-Castellanos\n"
SECTION = "sections:\n  - title: Talks\n    bullets: [A talk about glaciers]\n"


def lol_bomb(indent: str = "") -> str:
    """Nine levels of ten aliases each: 10^9 "lol"s from 700 bytes (the "billion laughs")."""
    lines = [f"{indent}a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"{indent}a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def string_bomb() -> str:
    """The BibTeX version: @string macros concatenated ten times per level, nine levels deep."""
    strings = '@string{a0 = "lol"}\n' + "".join(
        f"@string{{a{i} = " + " # ".join([f"a{i - 1}"] * 10) + "}\n" for i in range(1, 10)
    )
    return strings + "@article{boom,\n  title = a9,\n  author = {Marit Adeyemi-Castellanos},\n  year = {2020}\n}\n"


def big_profile(entries: int) -> str:
    """A ~9 MB profile: one section of ``entries`` complete entries."""
    rows = "".join(
        f"      - title: Visiting researcher, imaginary glaciology programme number {i}\n"
        f"        organisation: Institute of Imaginary Ice Studies, branch {i}\n"
        f"        start: {2000 + i % 20}-{1 + i % 12:02d}\n"
        f"        summary: Studied the flow of fictional ice sheet {i}.\n"
        for i in range(entries)
    )
    return PERSON + "sections:\n  - title: Positions\n    entries:\n" + rows


def big_items(items: int) -> str:
    rows = "".join(f"      - {{date: {2000 + i % 25}, text: 'News item {i}'}}\n" for i in range(items))
    return PERSON + "sections:\n  - title: News\n    items:\n" + rows


def big_bib(entries: int) -> str:
    return "".join(
        f"@article{{key{i},\n  title = {{Fictional Paper Number {i}}},\n"
        f"  author = {{Marit Adeyemi-Castellanos and Bo Lindqvist}},\n  journal = {{Imaginary Letters}},\n"
        f"  year = {{{2000 + i % 25}}}\n}}\n"
        for i in range(entries)
    )


def big_page(megabytes: float) -> str:
    line = "- 2020 A news item on a long homepage, with enough words to fill a line of text\n"
    return "---\nname: Marit Adeyemi-Castellanos\n---\n# News\n\n" + line * int(megabytes * 2**20 / len(line))


NESTED_EMPHASIS = "*a " * 600 + "x" + " b*" * 600  # 600 levels of *emphasis* in one bullet
BIB_PROFILE = PERSON + "sections:\n  - title: Papers\n    bib: p.bib\n"
LOCATED_IN = {name: re.compile(re.escape(name) + r":\d+:") for name in ("cv.yaml", "about.md", "resume.json", "p.bib")}

CASES = [
    Case(
        "yaml-alias-bomb-in-profile",
        {"cv.yaml": PERSON + SECTION + lol_bomb()},
        render("cv.yaml"),
        (LOCATED_IN["cv.yaml"],),
        limited=True,
    ),
    Case(
        "yaml-alias-bomb-in-a-field",
        {"cv.yaml": PERSON + "  links:\n" + lol_bomb("    ") + SECTION},
        render("cv.yaml"),
        (LOCATED_IN["cv.yaml"], "person.links"),
        limited=True,
    ),
    Case(
        "yaml-alias-bomb-in-front-matter",
        {"about.md": "---\nname: Marit Adeyemi-Castellanos\n" + lol_bomb() + "---\n# News\n\n- 2020 a thing\n"},
        render("about.md"),
        (LOCATED_IN["about.md"],),
        limited=True,
    ),
    Case(
        "yaml-alias-bomb-in-rendercv",
        {"cv.yaml": "cv:\n  name: Marit A\n  sections:\n    news:\n" + lol_bomb("      ")},
        render("cv.yaml"),
        (LOCATED_IN["cv.yaml"], "cv.sections.news"),
        limited=True,
    ),
    Case(
        "yaml-recursive-alias",
        {"cv.yaml": PERSON + "sections: &all\n  - title: Loop\n    bullets: *all\n"},
        render("cv.yaml"),
        ("cv.yaml:3:", "sections"),
        limited=True,
    ),
    Case(
        "bibtex-string-bomb",
        {"cv.yaml": BIB_PROFILE + SECTION.replace("sections:\n", ""), "p.bib": string_bomb()},
        render("cv.yaml"),
        ("warning:", LOCATED_IN["p.bib"]),
        code=0,
        limited=True,
        xfail="Traceback: MemoryError in load/bibtex.py _expand while expanding @string a7",
    ),
    Case(
        "profile-9mb-40000-entries",
        {"cv.yaml": big_profile(40_000)},
        render_both("cv.yaml"),
        (LOCATED_IN["cv.yaml"],),
        limited=True,
        or_renders=True,
    ),
    Case(
        "profile-100000-items",
        {"cv.yaml": big_items(100_000)},
        render_both("cv.yaml"),
        (LOCATED_IN["cv.yaml"],),
        limited=True,
        or_renders=True,
    ),
    Case(
        "bib-50000-entries",
        {"cv.yaml": BIB_PROFILE, "p.bib": big_bib(50_000)},
        render_both("cv.yaml"),
        (LOCATED_IN["p.bib"],),
        limited=True,
        or_renders=True,
    ),
    Case(
        "page-5mb",
        {"about.md": big_page(5)},
        render_both("about.md"),
        (LOCATED_IN["about.md"],),
        limited=True,
        or_renders=True,
    ),
    Case(
        "emphasis-nested-600-deep",
        {"cv.yaml": PERSON + "sections:\n  - title: Deep\n    bullets:\n      - '" + NESTED_EMPHASIS + "'\n"},
        render_both("cv.yaml"),
        ("cv.yaml:5:", "sections[0].bullets[0]"),
        limited=True,
        or_renders=True,
        xfail="the PDF fails without line or field: 'cv.yaml: the CV nests markup too deeply to lay out'",
    ),
    Case(
        "div-nested-1000-deep-in-page",
        {"about.md": "---\nname: Marit A\n---\n# News\n\n" + "<div>" * 1000 + "deep" + "</div>" * 1000 + "\n"},
        render("about.md"),
        ("about.md:6:",),
        limited=True,
        or_renders=True,
        xfail="no line: 'about.md: the homepage page nests too deeply to be a CV'",
    ),
    Case(
        "json-nested-10000-deep",
        {"resume.json": '{"basics": {"name": "Marit A"}, "work": ' + "[" * 10_000 + "]" * 10_000 + "}\n"},
        render("resume.json"),
        (LOCATED_IN["resume.json"],),
        limited=True,
    ),
    Case(
        "page-50000-empty-headings",
        {
            "about.md": "---\nname: Marit A\n---\n"
            + "".join(f"## Heading {i}\n\n" for i in range(50_000))
            + "# News\n\n- 2020 a thing\n"
        },
        render("about.md"),
        ("warning:", "more"),
        code=0,
        limited=True,
        xfail="killed at the 5 s CPU limit while placing the headings",
        strict=False,  # CPU-time bound: a faster machine may finish in time
    ),
    Case(
        "bib-title-braces-10000-deep",
        {"cv.yaml": BIB_PROFILE, "p.bib": big_bib(1).replace("Fictional", "{" * 10_000 + "x" + "}" * 10_000)},
        render("cv.yaml"),
        ("warning:", LOCATED_IN["p.bib"]),
        code=0,
        limited=True,
    ),
    Case(
        "single-value-4mb",
        {"cv.yaml": PERSON + "sections:\n  - title: Long\n    text: '" + "word " * 800_000 + "'\n"},
        render("cv.yaml"),
        (LOCATED_IN["cv.yaml"],),
        limited=True,
        or_renders=True,
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_hostile_input_stays_within_cpu_and_memory(case: Case, corpus: Corpus) -> None:
    corpus.judge(case)


def test_limited_run_reports_its_cost(corpus: Corpus) -> None:
    """The limits are really applied and measured: a good profile renders well inside them."""
    [case] = [case for case in CASES if case.name == "yaml-recursive-alias"]
    ran = corpus.result(case)
    assert 0 < ran.outcome.cpu_seconds < 5
    assert 0 < ran.outcome.max_rss_mb < 500
