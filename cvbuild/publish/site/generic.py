"""Any other site: ``--pdf-path`` and ``--link-base`` say where; plain HTML and Markdown snippets."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ...i18n import words
from .kinds import Plan, SiteFiles, SiteKind, SiteOptions, Target
from .snippets import NOTICE, PLAIN_BUTTON_STYLE, button, marked_html_page, meta_html, plain


def plan(root: Path, files: SiteFiles, opts: SiteOptions) -> Plan:
    pdf_rel = opts.pdf_path or "cv.pdf"
    base = (opts.link_base or "/").rstrip("/") + "/"
    url = base + pdf_rel
    web_rel = str(PurePosixPath(pdf_rel).with_suffix(".html")) if files.html is not None else None
    folder = (root / pdf_rel).parent
    meta = meta_html(len(files.pdf), files.updated, files.locale)
    web_href = base + web_rel if web_rel else None
    link = button(url, "cv-download__button", meta, web_href, files.locale, style=PLAIN_BUTTON_STYLE)
    html_snippet = f"<!-- {NOTICE} -->\n" + link
    w = words(files.locale)
    web_md = f" · [{w['site_web_version']}]({base}{web_rel})" if web_rel else ""
    md_snippet = f"<!-- {NOTICE} -->\n[{w['site_download']}]({url}) — {plain(meta)}{web_md}\n"
    targets = [
        Target(root / pdf_rel, files.pdf),
        Target(folder / "cv-download.html", html_snippet.encode()),
        Target(folder / "cv-download.md", md_snippet.encode()),
    ]
    if files.html is not None and web_rel:
        targets.append(Target(root / web_rel, marked_html_page(files.html)))
    return Plan(targets)


KIND = SiteKind("generic", plan, requires_pdf_path=True)
