"""A page's front matter: YAML between ``---`` lines or TOML between ``+++`` lines (Hugo).

Errors in it point at the page's own line numbers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...errors import CvError, Problem
from ...source import load_yaml


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """(front matter mapping, body). Invalid YAML is an error at the page's line number."""
    match = re.match(r"\A(---|\+\+\+)[ \t]*\n(.*?)(?:\n|\A)(---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", text, re.S)
    if not match:
        if re.match(r"\A---[ \t]*\n\s*[\w-]+:(\s|$)", text):
            raise CvError(
                Problem(
                    "the front matter starting here has no closing '---' line", path, 1, 1, hint="add '---' after it"
                )
            )
        return {}, text
    body = text[match.end() :]
    if match.group(1) == "+++":
        try:
            import tomllib
        except ImportError:  # pragma: no cover - Python 3.10
            return {}, body
        try:
            return tomllib.loads(match.group(2)), body
        except tomllib.TOMLDecodeError as exc:
            raise CvError(Problem(f"TOML front matter error: {exc}", path, hint="fix the +++ block")) from None
    data, _ = load_yaml(match.group(2), path, line_offset=1)
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        raise CvError(
            Problem("the front matter between the --- lines is not a mapping of 'key: value' lines", path, 2, 1)
        )
    return data, body
