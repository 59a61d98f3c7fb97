"""Jekyll collections behind a CV page's Liquid loops.

academicpages' ``_pages/cv.md`` lists publications, talks and teaching with loops such as
``{% for post in site.publications reversed %}{% include archive-single-cv.html %}{% endfor %}``:
the entries live as one markdown file each in ``_publications/``, ``_talks/``, ``_teaching/``.
Stripping the Liquid would leave those sections empty, so each loop is replaced by a markdown
list built from the collection files' front matter (title, date, venue, citation, location),
which the page reader then treats like any list the user wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ...errors import CvError, Warnings
from ...util.files import read_text
from .front_matter import split_front_matter  # the same front matter rules as pages

# The loop, with the <ul>…</ul> that academicpages wraps around it (the list we write replaces both).
_LOOP = re.compile(
    r"(?:<ul[^>]*>\s*)?\{%-?\s*for\s+\w+\s+in\s+site\.(\w+)(\s+reversed)?[^%]*-?%\}"
    r"(.*?)\{%-?\s*endfor\s*-?%\}(?:\s*</ul>)?",
    re.S | re.I,
)
_HTML_TAGS = re.compile(r"<[^>]+>")


def _date(value: Any) -> tuple[str, str]:
    """(sort key, '[YYYY.MM]' label) from a front matter date; file names start with one too."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), f"[{value.year}.{value.month:02d}]"
    match = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(value or ""))
    if match:
        return match.group(0), f"[{match.group(1)}.{match.group(2)}]"
    return "", ""


def _one_line(value: Any) -> str:
    text = _HTML_TAGS.sub("", str(value or "")).replace("\n", " ")
    return re.sub(r"\s+", " ", text).strip()


def _line(collection: str, front: dict[str, Any], file: Path) -> tuple[str, str]:
    """(sort key, markdown list line) for one collection entry."""
    key, label = _date(front.get("date") or file.name[:10])
    title = _one_line(front.get("title")) or file.stem
    if collection == "publications" and front.get("citation"):
        text = _one_line(front["citation"])  # the author's own formatted citation
    else:
        venue = _one_line(front.get("venue"))
        kind = _one_line(front.get("type"))
        place = _one_line(front.get("location"))
        text = ", ".join(x for x in (f"*{title}*" if venue else title, kind, venue, place) if x)
    url = front.get("paperurl") or front.get("slidesurl")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        text += f" [link]({url})"
    return key, f"- {label} {text}".rstrip()


def expand_collections(
    body: str, site_root: Path | None, inputs: list[Path], warnings: Warnings
) -> tuple[str, Counter[str]]:
    """Replace ``{% for x in site.NAME %}`` loops with a list made from ``_NAME/*.md``.

    Returns the new body and how many entries each collection gave.
    """
    read: Counter[str] = Counter()
    if site_root is None:
        return body, read

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        folder = site_root / f"_{name}"
        if not folder.is_dir():
            return match.group(0)  # not a collection we can read: the Liquid cleaner drops it
        lines: list[tuple[str, str]] = []
        for file in sorted(folder.glob("*.md")):
            try:
                front, _ = split_front_matter(read_text(file), file)
            except CvError as error:
                warnings.add(f"skipped a {name} entry: {error.problems[0].message}", file=file)
                continue
            if front.get("published") is False:
                continue
            inputs.append(file)
            lines.append(_line(name, front, file))
        lines.sort(reverse=True)  # newest first, like the loop's 'reversed' over date-named files
        read[f"_{name}/"] += len(lines)
        return "\n\n" + "\n".join(line for _, line in lines) + "\n\n"

    return _LOOP.sub(replace, body), read
