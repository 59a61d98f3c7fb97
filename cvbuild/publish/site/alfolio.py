"""al-folio (Jekyll): the PDF in ``assets/pdf/cv.pdf``, named by the CV page's ``cv_pdf:`` line.

The CV page's layout shows its own button from the ``cv_pdf:`` front matter key of
``_pages/cv.md``, so we set that one line and nothing else of the user's page.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import CvError, Problem
from .jekyll import exclude_note, jekyll_config, read_loosely
from .kinds import Plan, SiteFiles, SiteKind, SiteOptions, Target
from .snippets import marked_html_page


def evidence(root: Path) -> list[str]:
    config = jekyll_config(root)
    if config is None:
        return []
    text = read_loosely(config)
    found = []
    if "al-folio" in text or "al_folio" in text:
        found.append(f"{config.name} mentions al-folio")
    if re.search(r"^first_name\s*:", text, re.M) and re.search(r"^last_name\s*:", text, re.M):
        found.append(f"{config.name} has first_name/last_name")
    if (root / "assets" / "pdf").is_dir():
        found.append("assets/pdf/")
    if re.search(r"^layout:\s*cv\s*$", read_loosely(root / "_pages" / "cv.md"), re.M):
        found.append("_pages/cv.md uses layout: cv")
    return [config.name, *found] if found else []


def plan(root: Path, files: SiteFiles, opts: SiteOptions) -> Plan:
    pdf_rel = opts.pdf_path or "assets/pdf/cv.pdf"
    result = Plan([Target(root / pdf_rel, files.pdf)])
    page = root / "_pages" / "cv.md"
    if page.is_file():
        result.targets.append(Target(page, set_cv_pdf(page, pdf_rel), owned=False))
    else:
        result.notes.append(f"no _pages/cv.md: set cv_pdf: /{pdf_rel} in your CV page's front matter")
    if files.html is not None:
        result.targets.append(Target(root / "assets" / "html" / "cv.html", marked_html_page(files.html)))
        result.notes.append("the web CV is at /assets/html/cv.html; link it from your CV page's text")
    result.notes.extend(exclude_note(root, files.inputs))
    return result


def set_cv_pdf(page: Path, pdf_rel: str) -> bytes:
    """``page`` with its ``cv_pdf:`` front matter line pointing at the PDF; every other byte kept.

    Edited as text, never re-dumped as YAML: comments, key order, quoting and line endings are
    the user's. Current al-folio layouts take a site path (``/assets/pdf/cv.pdf``); old ones a
    file name inside ``assets/pdf/``, which we keep if that is what the line held.
    """
    raw = page.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CvError(Problem("the CV page is not valid UTF-8", page, hint="save it as UTF-8")) from None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise CvError(Problem("the CV page has no front matter (--- at the top)", page, 1, hint="add cv_pdf: yourself"))
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise CvError(Problem("the CV page's front matter never ends (no closing ---)", page, 1))
    site_path = "/" + pdf_rel
    for i in range(1, end):
        match = re.match(r"(cv_pdf[ \t]*:[ \t]*)(.*?)([ \t]+#.*)?(\r?\n)?$", lines[i], re.S)
        if not match:
            continue
        old = match.group(2)
        quote = old[0] if len(old) >= 2 and old[0] in "'\"" and old[-1] == old[0] else ""
        bare = old.strip("'\"")
        old_style = bare and "/" not in bare and pdf_rel.startswith("assets/pdf/")
        value = pdf_rel.removeprefix("assets/pdf/") if old_style else site_path
        lines[i] = f"{match.group(1)}{quote}{value}{quote}{match.group(3) or ''}{match.group(4) or ''}"
        break
    else:
        newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
        lines.insert(end, f"cv_pdf: {site_path}{newline}")
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(lines).encode("utf-8")


KIND = SiteKind("al-folio", plan, evidence, context=1)
