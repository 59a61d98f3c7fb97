"""academicpages (Jekyll, minimal-mistakes): ``files/cv.pdf``, linked as ``{{ base_path }}/files/cv.pdf``.

We write ``_includes/cv-download.html`` with a button in the theme's classes (``btn btn--primary``).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from .jekyll import exclude_note, jekyll_config, read_loosely
from .kinds import Plan, SiteFiles, SiteKind, SiteOptions, Target
from .snippets import NOTICE, button, marked_html_page, meta_html


def evidence(root: Path) -> list[str]:
    config = jekyll_config(root)
    if config is None:
        return []
    text = read_loosely(config)
    found = []
    if "academicpages" in text.lower():
        found.append(f"{config.name} mentions academicpages")
    if (root / "_includes" / "base_path").is_file():
        found.append("_includes/base_path")
    if (root / "_pages").is_dir() and (root / "files").is_dir():
        found.append("_pages/ and files/")
    if re.search(r"^\s+googlescholar\s*:", text, re.M):
        found.append(f"author.googlescholar in {config.name}")
    return [config.name, *found] if found else []


def plan(root: Path, files: SiteFiles, opts: SiteOptions) -> Plan:
    pdf_rel = opts.pdf_path or "files/cv.pdf"
    has_base_path = (root / "_includes" / "base_path").is_file()
    base = "{{ base_path }}" if has_base_path else "{{ site.baseurl }}"
    web_rel = str(PurePosixPath(pdf_rel).with_suffix(".html")) if files.html is not None else None
    snippet = "{% comment %} " + NOTICE + " {% endcomment %}\n"
    if has_base_path:
        snippet += "{% include base_path %}\n"
    meta = meta_html(len(files.pdf), files.updated, files.locale)
    web_href = f"{base}/{web_rel}" if web_rel else None
    snippet += button(f"{base}/{pdf_rel}", "btn btn--primary", meta, web_href, files.locale)
    targets = [Target(root / pdf_rel, files.pdf), Target(root / "_includes" / "cv-download.html", snippet.encode())]
    if files.html is not None and web_rel:
        targets.append(Target(root / web_rel, marked_html_page(files.html)))
    notes = ["show the button with {% include cv-download.html %} in _pages/cv.md (or any page)"]
    return Plan(targets, notes + exclude_note(root, files.inputs))


KIND = SiteKind("academicpages", plan, evidence, context=1)
