"""What academicpages and al-folio sites have in common: a Jekyll ``_config.yml`` to read."""

from __future__ import annotations

from pathlib import Path

CONFIG_NAMES = ("_config.yml", "_config.yaml")


def jekyll_config(root: Path) -> Path | None:
    return next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)


def read_loosely(path: Path) -> str:
    """A file's text for sniffing (bad bytes replaced); "" when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
