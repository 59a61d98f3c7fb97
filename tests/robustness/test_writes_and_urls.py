"""Hostile paths and links: nothing is written outside the output folder or the site, and no link that a
browser or a PDF viewer would run (``javascript:``, ``data:`` …) reaches the web CV's hrefs or the PDF's
link annotations.

In a cvbuild profile such a link is an error at its field; in a ``.bib`` file or a foreign format it
is dropped with a located warning and the CV still renders (then the outputs are searched for it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import Case, Corpus, at_line, params, render, render_both

PERSON = "person:\n  name: Tobiah Ferreira-Lindqvist\n"
PROFILE = PERSON + "sections:\n  - title: Talks\n    items: [{date: 2022, text: A talk about rivers}]\n"
SITE_FILES = {  # an academicpages-shaped site around the profile
    "_config.yml": "# academicpages\ntitle: Tobiah\nauthor:\n  name: Tobiah Ferreira-Lindqvist\n  googlescholar: x\n",
    "_pages/about.md": "---\ntitle: About\n---\nHello.\n",
    "_includes/base_path": "{{ site.baseurl }}\n",
    "files/keep.txt": "a file of the site\n",
    "cv.yaml": PROFILE,
}
OUTSIDE = "../outside.yaml"  # beside the repository: inside tmp_path, outside the site
JS = "javascript:alert(1)"
DATA = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="


def _absolute_profile(work: Path) -> None:
    """``profile: /absolute/path/cv.yaml`` pointing outside the repository (the path is only known here)."""
    (work / "cvbuild.yaml").write_text(f"profile: {(work.parent / 'outside.yaml').resolve()}\n", encoding="utf-8")


def _folder_in_the_way(name: str) -> Callable[[Path], None]:
    def setup(work: Path) -> None:
        (work / "out" / name).unlink()
        (work / "out" / name).mkdir()
        (work / "out" / name / "keep.txt").write_text("the user's file\n", encoding="utf-8")

    return setup


def _symlinked_pdf(work: Path) -> None:
    """out/cv.pdf is a symlink to a file outside out/: the render must replace the link, not the file."""
    (work / "out" / "cv.pdf").unlink()
    (work.parent / "precious.pdf").write_bytes(b"%PDF-1.7 someone else's file\n")
    os.symlink(work.parent / "precious.pdf", work / "out" / "cv.pdf")


def _stale_temp_symlink(work: Path) -> None:
    """A leftover temp name that is a symlink to a file outside: cleaning it up must not touch the file."""
    (work.parent / "precious.txt").write_text("do not delete\n", encoding="utf-8")
    os.symlink(work.parent / "precious.txt", work / "out" / ".cv.html.cvbuild-abc123.tmp")


def _symlinked_site_folder(work: Path) -> None:
    """The site's files/ folder is a symlink to a folder outside the site."""
    (work.parent / "elsewhere").mkdir()
    os.symlink(work.parent / "elsewhere", work / "site" / "files")


VARIANTS = PROFILE + 'variants:\n  "x/../../escaped": {}\n'

WRITES = [
    Case(
        "variant-name-is-a-path-all-variants",
        {"cv.yaml": VARIANTS},
        render("cv.yaml", "--all-variants"),
        (at_line("cv.yaml", VARIANTS, "escaped"), "variants"),
    ),
    Case(
        "variant-name-is-a-path-variant",
        {"cv.yaml": VARIANTS},
        render("cv.yaml", "--variant", "x/../../escaped"),
        (at_line("cv.yaml", VARIANTS, "escaped"), "variants"),
    ),
    Case(
        "variant-name-absolute",
        {"cv.yaml": PROFILE + 'variants:\n  "/tmp/cvbuild-escaped": {}\n'},
        render("cv.yaml", "--all-variants"),
        (at_line("cv.yaml", PROFILE + "variants:\n  /tmp", "/tmp"), "variants"),
    ),
    Case("name-dotdot", {"cv.yaml": PROFILE}, render("cv.yaml", "--name", "../../x"), ("--name",), code=2),
    Case("name-absolute", {"cv.yaml": PROFILE}, render("cv.yaml", "--name", "/abs/x"), ("--name",), code=2),
    Case("name-empty", {"cv.yaml": PROFILE}, render("cv.yaml", "--name", ""), ("--name",), code=2),
    Case("name-hidden", {"cv.yaml": PROFILE}, render("cv.yaml", "--name", ".cv"), ("--name",), code=2),
    Case("name-newline", {"cv.yaml": PROFILE}, render("cv.yaml", "--name", "cv\nx"), ("--name",), code=2),
    Case(
        "pdf-target-is-a-folder",
        {"cv.yaml": PROFILE},
        render_both("cv.yaml"),
        ("out/cv.pdf", "folder"),
        setup=_folder_in_the_way("cv.pdf"),
    ),
    Case(
        "html-target-is-a-folder",
        {"cv.yaml": PROFILE},
        render("cv.yaml"),
        ("out/cv.html", "folder"),
        setup=_folder_in_the_way("cv.html"),
    ),
    Case(
        "output-folder-is-a-file",
        {"cv.yaml": PROFILE},
        ("render", "cv.yaml", "-o", "out/cv.html", "-f", "html"),
        ("out/cv.html",),
    ),
    Case(
        "pdf-target-is-a-symlink-outside",
        {"cv.yaml": PROFILE},
        render_both("cv.yaml"),
        code=0,
        setup=_symlinked_pdf,
    ),
    Case(
        "stale-temp-is-a-symlink-outside",
        {"cv.yaml": PROFILE},
        render("cv.yaml"),
        code=0,
        setup=_stale_temp_symlink,
    ),
    Case(
        "hook-profile-absolute",
        {**SITE_FILES, OUTSIDE: PROFILE},
        ("hook",),
        ("cvbuild.yaml:1:", "profile", "outside"),
        git=(".",),
        setup=_absolute_profile,
    ),
    Case(
        "hook-profile-dotdot",
        {**SITE_FILES, OUTSIDE: PROFILE, "cvbuild.yaml": "profile: ../outside.yaml\n"},
        ("hook",),
        ("cvbuild.yaml:1:", "profile", "outside"),
        git=(".",),
    ),
    Case(
        "hook-pyproject-profile-dotdot",
        {**SITE_FILES, OUTSIDE: PROFILE, "pyproject.toml": '[tool.cvbuild]\nprofile = "../outside.yaml"\n'},
        ("hook",),
        ("pyproject.toml:2:", "profile"),
        git=(".",),
    ),
    Case(
        "hook-jekyll-profile-dotdot",
        {
            **SITE_FILES,
            OUTSIDE: PROFILE,
            "_config.yml": SITE_FILES["_config.yml"] + "cvbuild:\n  profile: ../outside.yaml\n",
        },
        ("hook",),
        ("_config.yml:7:", "cvbuild.profile"),
        git=(".",),
        xfail="reported at _config.yml:1:1 as 'profile', not at line 7 (cvbuild.profile)",
    ),
    Case(
        "hook-site-dotdot",
        {**SITE_FILES, "cvbuild.yaml": "profile: cv.yaml\nsite: ../..\n"},
        ("hook",),
        ("cvbuild.yaml:2:", "site"),
        git=(".",),
    ),
    Case(
        "hook-pdf-path-dotdot",
        {**SITE_FILES, "cvbuild.yaml": "profile: cv.yaml\npdf_path: ../../escaped.pdf\n"},
        ("hook",),
        ("cvbuild.yaml:2:", "pdf_path"),
        git=(".",),
        xfail="no location, and named as a command-line option: 'error: --pdf-path '…' is outside the site'",
    ),
    Case(
        "hook-link-base-javascript",
        {**SITE_FILES, "cvbuild.yaml": 'profile: cv.yaml\nkind: generic\nlink_base: "javascript:alert(1)//"\n'},
        ("hook",),
        ("cvbuild.yaml:3:", "link_base"),
        git=(".",),
    ),
    Case(
        "hook-jekyll-link-base-javascript",
        {**SITE_FILES, "_config.yml": SITE_FILES["_config.yml"] + 'cvbuild:\n  link_base: "javascript:alert(1)//"\n'},
        ("hook",),
        ("_config.yml:7:", "cvbuild.link_base"),
        git=(".",),
    ),
    Case(
        "profile-site-dir-outside-repository",
        {"repo/cv.yaml": PROFILE + "site: {dir: ../..}\n"},
        ("render", "repo/cv.yaml"),
        ("repo/cv.yaml:6:", "site.dir"),
        git=("repo",),
    ),
    Case(
        "profile-site-pdf-path-dotdot",
        {"cv.yaml": PROFILE + "site: {dir: site, kind: generic, pdf_path: ../../escaped.pdf}\n", "site/index.html": ""},
        ("render", "cv.yaml"),
        ("cv.yaml:6:", "site.pdf_path"),
        xfail="no location, and named as a command-line option: 'error: --pdf-path '…' is outside the site'",
    ),
    Case(
        "profile-site-pdf-path-absolute",
        {"cv.yaml": PROFILE + "site: {dir: site, kind: generic, pdf_path: /tmp/escaped.pdf}\n", "site/index.html": ""},
        ("render", "cv.yaml"),
        ("cv.yaml:6:", "site.pdf_path"),
        xfail="no location, and named as a command-line option: 'error: --pdf-path '…' is outside the site'",
    ),
    Case(
        "profile-site-link-base-javascript",
        {"cv.yaml": PROFILE + 'site: {dir: site, kind: generic, link_base: "javascript:alert(1)//"}\n'},
        ("render", "cv.yaml"),
        ("cv.yaml:6:", "site.link_base"),
    ),
    Case(
        "profile-site-link-base-data",
        {"cv.yaml": PROFILE + f'site: {{dir: site, kind: generic, link_base: "{DATA}"}}\n'},
        ("render", "cv.yaml"),
        ("cv.yaml:6:", "site.link_base"),
    ),
    Case(
        "cli-link-base-javascript",
        {"cv.yaml": PROFILE, "site/index.html": ""},
        ("render", "cv.yaml", "--site", "site", "--site-kind", "generic", "--pdf-path", "files/cv.pdf")
        + ("--link-base", "javascript:alert(1)//"),
        ("--link-base",),
        code=2,
    ),
    Case(
        "cli-pdf-path-dotdot",
        {"cv.yaml": PROFILE, "site/index.html": ""},
        ("render", "cv.yaml", "--site", "site", "--site-kind", "generic", "--pdf-path", "../../escaped.pdf"),
        ("--pdf-path",),
        code=2,
        xfail="exit 1 (a located usage problem should exit 2): 'error: --pdf-path '…' is outside the site'",
    ),
    Case(
        "cli-pdf-path-absolute",
        {"cv.yaml": PROFILE, "site/index.html": ""},
        ("render", "cv.yaml", "--site", "site", "--site-kind", "generic", "--pdf-path", "/tmp/escaped.pdf"),
        ("--pdf-path",),
        code=2,
        xfail="exit 1 (a located usage problem should exit 2): 'error: --pdf-path '…' is outside the site'",
    ),
    Case(
        "cli-site-kind-unknown",
        {"cv.yaml": PROFILE, "site/index.html": ""},
        ("render", "cv.yaml", "--site", "site", "--site-kind", "wordpress"),
        ("wordpress",),
        code=2,
    ),
    Case("cli-format-unknown", {"cv.yaml": PROFILE}, ("render", "cv.yaml", "-o", "out", "-f", "docx"), ("docx",), 2),
    Case("cli-theme-missing", {"cv.yaml": PROFILE}, render("cv.yaml", "--theme", "./nope"), ("--theme",), code=2),
    Case(
        "site-folder-symlinked-outside",
        {"cv.yaml": PROFILE, "site/index.html": ""},
        ("render", "cv.yaml", "--site", "site", "--site-kind", "generic", "--pdf-path", "files/cv.pdf"),
        ("outside",),
        setup=_symlinked_site_folder,
    ),
]


def url_field(field: str, url: str) -> str:
    """A profile with ``url`` in one structured URL field."""
    quoted = '"' + url + '"'
    if field == "person.website":
        return PERSON + f"  website: {quoted}\n"
    if field == "person.links[0].url":
        return PERSON + f"  links:\n    - label: Blog\n      url: {quoted}\n"
    if field == "sections[0].entries[0].url":
        return (
            PERSON
            + f"sections:\n  - title: Ed\n    entries:\n      - {{title: PhD, date: 2020,\n         url: {quoted}}}\n"
        )
    if field == "sections[0].items[0].url":
        return (
            PERSON
            + f"sections:\n  - title: Aw\n    items:\n      - {{text: Prize, date: 2020,\n         url: {quoted}}}\n"
        )
    key = field.rsplit(".", 1)[1]
    return (
        PERSON + "sections:\n  - title: Papers\n    publications:\n      - title: A Paper\n"
        f"        authors: [Tobiah Ferreira-Lindqvist]\n        year: 2020\n        {key}: {quoted}\n"
    )


FIELDS = [
    "person.website",
    "person.links[0].url",
    "sections[0].entries[0].url",
    "sections[0].items[0].url",
    "sections[0].publications[0].url",
    "sections[0].publications[0].pdf",
    "sections[0].publications[0].code",
]


def refused_url(name: str, field: str, url: str) -> Case:
    text = url_field(field, url)
    last_line = f"{'cv.yaml'}:{text.count(chr(10))}:"
    return Case(name, {"cv.yaml": text}, render_both("cv.yaml"), (last_line, field))


PROFILE_URLS = [
    refused_url(f"{scheme}-in-{field}", field, url) for field in FIELDS for scheme, url in (("js", JS), ("data", DATA))
]
PROFILE_URLS += [
    refused_url(f"{name}-in-entry-url", "sections[0].entries[0].url", url)
    for name, url in (
        ("mixed-case-javascript", "JaVaScRiPt:alert(1)"),
        ("space-before-javascript", " javascript:alert(1)"),
        ("tab-inside-javascript", "java\\tscript:alert(1)"),
        ("control-before-javascript", "\\x01javascript:alert(1)"),
        ("entity-javascript", "&#106;avascript:alert(1)"),
        ("vbscript", "vbscript:msgbox(1)"),
        ("file-url", "file:///etc/passwd"),
    )
]
QUOTE_BREAKING = 'https://ok.example.org/\\" onmouseover=\\"alert(1)'  # accepted as https: must stay one attribute
PROFILE_URLS.append(
    Case(
        "quote-breaking-https",
        {"cv.yaml": url_field("sections[0].entries[0].url", QUOTE_BREAKING)},
        render_both("cv.yaml"),
        code=0,
    )
)

MARKDOWN = PERSON + 'sections:\n  - title: Links\n    bullets:\n      - "see [the demo](javascript:alert(1))"\n'
BIB = PERSON + "sections:\n  - title: Papers\n    bib: p.bib\n    links: true\n"


def bib_with(url: str) -> str:
    return (
        "@article{good,\n  title = {A Good Paper},\n  author = {Tobiah Ferreira-Lindqvist},\n  year = {2019},\n"
        "  url = {https://paper.example.org}\n}\n\n"
        f"@article{{odd,\n  title = {{An Odd Paper}},\n  author = {{Tobiah Ferreira-Lindqvist}},\n  year = {{2020}},\n"
        f"  url = {{{url}}},\n  pdf = {{{url}}}\n}}\n"
    )


JSON_RESUME = (
    '{\n  "basics": {"name": "Tobiah Ferreira-Lindqvist", "url": "URL",\n'
    '    "profiles": [{"network": "Blog", "username": "tobiah", "url": "URL"}]},\n'
    '  "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020", "url": "URL"}]\n}\n'
)
RENDERCV = (
    "cv:\n  name: Tobiah Ferreira-Lindqvist\n  website: URL\n"
    "  custom_connections:\n    - placeholder: Lab\n      url: URL\n      fontawesome_icon: flask\n"
    "  sections:\n    talks:\n      - name: A talk\n        date: 2022\n        url: URL\n"
)
ALFOLIO = (
    "- title: General Information\n  type: map\n  contents:\n    - name: Full Name\n      value: Tobiah F\n"
    "- title: Talks\n  type: list\n  contents:\n    - '<a href=\"URL\">A talk</a> in 2022'\n"
)
PAGE = '---\nname: Tobiah F\n---\n# Talks\n\n- 2022 [A talk](URL)\n- 2021 <a href="URL">Another</a>\n'

FOREIGN_URLS = []
for scheme, url in (("js", JS), ("data", DATA)):
    FOREIGN_URLS += [
        Case(
            f"{scheme}-in-bib-url-and-pdf",
            {"cv.yaml": BIB, "p.bib": bib_with(url)},
            render_both("cv.yaml"),
            ("warning:", "p.bib:", "'odd'", "url"),
            code=0,
        ),
        Case(
            f"{scheme}-in-json-resume-urls",
            {"resume.json": JSON_RESUME.replace("URL", url)},
            render_both("resume.json"),
            ("warning:", "resume.json:2:", "basics.url", "basics.profiles[0].url", "work[0].url"),
            code=0,
        ),
        Case(
            f"{scheme}-in-rendercv-urls",
            {"cv.yaml": RENDERCV.replace("URL", url)},
            render_both("cv.yaml"),
            ("cv.yaml:3:", "cv.website", "cv.yaml:6:", "cv.custom_connections[0].url", "cv.yaml:12:"),
            code=0,
        ),
        Case(
            f"{scheme}-in-alfolio-link",
            {"_data/cv.yml": ALFOLIO.replace("URL", url)},
            render_both("_data/cv.yml"),
            ("warning:", "cv.yml:9:"),
            code=0,
        ),
        Case(
            f"{scheme}-in-page-links",
            {"about.md": PAGE.replace("URL", url)},
            render_both("about.md"),
            ("warning:", "about.md:6:"),
            code=0,
            xfail="no message: the links are dropped silently (their text is kept)",
        ),
    ]

SCRIPT = "<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n"
MARKUP = [
    Case(
        "javascript-in-markdown-link",
        {"cv.yaml": MARKDOWN},
        render_both("cv.yaml"),
        ("cv.yaml:5:", "sections[0].bullets[0]"),
        xfail="exit 0 and no message: the link is printed as raw text '[the demo](javascript:alert(1))'",
    ),
    Case(
        "html-in-name-and-title",
        {
            "cv.yaml": "person:\n  name: '<img src=x onerror=alert(1)>Tobiah'\nsections:\n"
            "  - title: '<script>alert(1)</script>Talks'\n    bullets: ['<b onmouseover=alert(1)>hi</b>']\n"
        },
        render("cv.yaml"),
        code=0,
    ),
    Case(
        "template-code-in-text",
        {
            "cv.yaml": PERSON
            + 'sections:\n  - title: "{{ 7*7 }}"\n    text: "{% for x in range(99999999) %}x{% endfor %}"\n'
        },
        render("cv.yaml"),
        code=0,
    ),
    Case(
        "script-in-page",
        {"about.md": "---\nname: Tobiah F\n---\n# Talks\n\n- 2022 a talk\n\n" + SCRIPT},
        render("about.md"),
        ("warning:",),
        code=0,
    ),
]

CASES = WRITES + PROFILE_URLS + FOREIGN_URLS + MARKUP


@pytest.mark.parametrize("case", params(CASES))
def test_nothing_escapes_and_no_link_runs_code(case: Case, corpus: Corpus) -> None:
    corpus.judge(case)


def test_template_code_in_a_field_is_printed_not_run(corpus: Corpus) -> None:
    """Jinja in the user's text is text: ``{{ 7*7 }}`` stays, no 49 and no loop."""
    [case] = [case for case in MARKUP if case.name == "template-code-in-text"]
    page = (corpus.judge(case).work / "out" / "cv.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in page and ">49<" not in page
    assert "{% for x in range(99999999) %}" in page
