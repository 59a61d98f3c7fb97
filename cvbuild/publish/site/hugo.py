"""Hugo / Hugo Blox: ``static/uploads/resume.pdf``, with a partial and a shortcode for the button."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .kinds import Plan, SiteFiles, SiteKind, SiteOptions, Target
from .snippets import NOTICE, button, marked_html_page, meta_html

CONFIG_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml")


def evidence(root: Path) -> list[str]:
    found = [n for n in CONFIG_NAMES if (root / n).is_file()]
    found += ["config/_default/"] if (root / "config" / "_default").is_dir() else []
    if not found or not (root / "content").is_dir():
        return []
    return [found[0], "content/"] + (["static/"] if (root / "static").is_dir() else [])


def plan(root: Path, files: SiteFiles, opts: SiteOptions) -> Plan:
    pdf_rel = opts.pdf_path or "static/uploads/resume.pdf"
    url = pdf_rel.removeprefix("static/")
    web_url = str(PurePosixPath(url).with_suffix(".html")) if files.html is not None else None
    link = '{{ "' + url + '" | relURL }}'
    web = '{{ "' + web_url + '" | relURL }}' if web_url else None
    meta = meta_html(len(files.pdf), files.updated, files.locale)
    partial = "{{- /* " + NOTICE + " */ -}}\n" + button(link, "btn btn-primary", meta, web, files.locale)
    shortcode = "{{- /* " + NOTICE + ' */ -}}\n{{ partial "cv-download.html" . }}\n'
    targets = [
        Target(root / pdf_rel, files.pdf),
        Target(root / "layouts" / "partials" / "cv-download.html", partial.encode()),
        Target(root / "layouts" / "shortcodes" / "cv-download.html", shortcode.encode()),
    ]
    if files.html is not None and web_url:
        targets.append(Target(root / "static" / web_url, marked_html_page(files.html)))
    note = 'show the button with {{< cv-download >}} in a page, or {{ partial "cv-download.html" . }}'
    return Plan(targets, [note])


KIND = SiteKind("hugo", plan, evidence)
