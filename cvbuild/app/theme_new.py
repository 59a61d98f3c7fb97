"""``cvbuild theme new``: copy a theme into a folder of the user's to change it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from ..errors import CvError, Problem
from ..render.theme import Theme

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def new_theme(name: str, source: Theme, parent: Path) -> Path:
    """Copy the theme ``source`` into ``parent/name`` and rename it there; never overwrite."""
    if not _NAME.fullmatch(name):
        raise CvError(Problem(f"'{name}' is not a usable theme name", hint="use letters, digits, '-' and '_'"))
    dest = parent / name
    if dest.exists():
        raise CvError(Problem(f"{dest} already exists", hint="choose another name or remove the folder"))
    shutil.copytree(source.path, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    meta_file = dest / "theme.yaml"
    text = meta_file.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^name:.*$", f"name: {name}", text, count=1)
    if not count:
        text = f"name: {name}\n{text}"
    text = (
        f"# Copied from the built-in theme '{source.name}' by `cvbuild theme new`. Templates missing here\n"
        "# fall back to the built-in 'classic' ones; see docs/themes.md for the template context.\n" + text
    )
    meta_file.write_text(text, encoding="utf-8")
    yaml.safe_load(text)  # still valid YAML after the rename
    return dest
