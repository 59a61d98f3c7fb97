"""Jekyll includes inside a page, followed before the Liquid is stripped.

AcadHomepage's ``_pages/about.md`` is mostly ``{% include_relative includes/intro.md %}`` lines:
the CV's facts live in the included files. Stripping the tags (as the cleaner does with other
Liquid) would leave an empty page, so each tag is replaced by the file it names, as Jekyll does:

* ``include_relative PATH``: relative to the file holding the tag; ``include PATH``: from the
  site's ``_includes/``, followed only for markdown files (``_includes/*.html`` are layout
  pieces such as a visitor map, and ``{% include base_path %}`` is Liquid, not content);
* never outside the site's root (a path escaping it is refused with a warning), at most
  :data:`MAX_DEPTH` levels deep, and never in a cycle;
* never inside an HTML comment (which ends where the HTML5 tokenizer ends it, see
  :func:`.clean.comment_end`: at the first ``-->``, a ``<!--`` inside does not nest), a
  ``{% comment %}`` block or a ``{% raw %}`` block: commented-out includes stay out;
* a missing file is a warning located at the tag's line; the rest of the page still renders.

Every file followed is returned, so it joins ``loaded.inputs`` and the pre-commit hook
re-renders when it changes. A tag alone on its line becomes the file's text between blank
lines, so the included markdown starts its own blocks even right after an HTML line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import CvError, Warnings
from ...util.files import is_within, read_text
from .clean import comment_end

MAX_DEPTH = 5
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd")

_TOKEN = re.compile(
    r"(?P<html_comment><!--)"
    r"|(?P<liquid_comment>\{%-?\s*comment\s*-?%\})"
    r"|(?P<raw>\{%-?\s*raw\s*-?%\})"
    r"|(?P<include>\{%-?\s*(?P<kind>include_relative|include)\s+(?P<target>.*?)\s*-?%\})",
    re.I | re.S,
)
_CLOSERS = {
    "liquid_comment": re.compile(r"\{%-?\s*endcomment\s*-?%\}", re.I),
    "raw": re.compile(r"\{%-?\s*endraw\s*-?%\}", re.I),
}
_TARGET = re.compile(r"""^(?:"([^"]*)"|'([^']*)'|(\S+))""")


@dataclass
class Expanded:
    text: str
    files: list[Path] = field(default_factory=list)  # every file followed, in order, once


def expand_includes(text: str, file: Path, site_root: Path, warnings: Warnings, *, first_line: int = 1) -> Expanded:
    """``text`` (from ``file``, starting at ``first_line``) with its include tags replaced by the files' text."""
    out = Expanded("")
    out.text = _expand(text, file, site_root.resolve(), warnings, first_line, (file.resolve(),), out)
    return out


def _expand(
    text: str,
    file: Path,
    root: Path,
    warnings: Warnings,
    first_line: int,
    stack: tuple[Path, ...],
    out: Expanded,
) -> str:
    parts: list[str] = []
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            parts.append(text[position:])
            break
        if match.group("html_comment") is not None:
            end = comment_end(text, match.start())  # the HTML5 rule, as the cleaner applies it later
            parts.append(text[position:end])  # commented out: copied as is, never followed
            position = end
            continue
        if match.group("include") is None:
            opener = next(name for name in _CLOSERS if match.group(name))
            closer = _CLOSERS[opener].search(text, match.end())
            end = closer.end() if closer else len(text)
            parts.append(text[position:end])  # commented out or raw: copied as is, never followed
            position = end
            continue
        line = first_line + text.count("\n", 0, match.start())
        included = _follow(match, file, root, warnings, line, stack, out)
        if included is None:
            parts.append(text[position : match.end()])  # left for the Liquid cleaner to drop
            position = match.end()
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[line_start : match.start()].strip() and not text[match.end() : line_end].strip()
        if alone and line_start >= position:
            parts.append(text[position:line_start])
            parts.append("\n" + included.strip("\n") + "\n")
            position = line_end
        else:
            parts.append(text[position : match.start()])
            parts.append(included)
            position = match.end()
    return "".join(parts)


def _follow(
    match: re.Match[str],
    file: Path,
    root: Path,
    warnings: Warnings,
    line: int,
    stack: tuple[Path, ...],
    out: Expanded,
) -> str | None:
    """The text an include tag stands for, or None to leave the tag (with a warning when it is a mistake)."""
    relative = match.group("kind").lower() == "include_relative"
    raw_target = match.group("target").strip()
    tag = " ".join(match.group(0).split())
    if "{{" in raw_target:
        if relative:
            warnings.add(f"cannot follow {tag}: its path is a template variable", file=file, line=line)
        return None
    parsed = _TARGET.match(raw_target)
    name = next((g for g in parsed.groups() if g), "") if parsed else ""
    if not name:
        return None
    if relative:
        target = file.parent / name
    else:
        target = root / "_includes" / name
        if target.suffix.lower() not in MARKDOWN_SUFFIXES or not target.is_file():
            return None  # a layout piece (.html) or an include of the theme: the Liquid cleaner drops the tag
    if not is_within(target, root):
        warnings.add(
            f"refused {tag}: '{name}' lies outside the site",
            file=file,
            line=line,
            hint="cvbuild reads only files inside the site's folder",
        )
        return None
    resolved = target.resolve()
    if not resolved.is_file():
        what = "is a folder" if resolved.is_dir() else "does not exist"
        warnings.add(
            f"cannot follow {tag}: {name} {what}", file=file, line=line, hint="fix the path or remove the line"
        )
        return None
    if resolved in stack:
        chain = " → ".join(p.name for p in (*stack, resolved))
        warnings.add(f"not following {tag}: it includes itself ({chain})", file=file, line=line)
        return None
    if len(stack) > MAX_DEPTH:
        warnings.add(f"not following {tag}: includes nest more than {MAX_DEPTH} levels deep", file=file, line=line)
        return None
    try:
        text = read_text(resolved)
    except CvError as error:
        warnings.add(f"cannot follow {tag}: {error.problems[0].message}", file=file, line=line)
        return None
    if resolved not in out.files:
        out.files.append(resolved)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _expand(text, resolved, root, warnings, 1, (*stack, resolved), out)
