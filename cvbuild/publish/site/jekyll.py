"""What academicpages and al-folio sites have in common: a Jekyll ``_config.yml`` to read."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from ...errors import CvError
from ...source import load_yaml
from ...util.files import is_within

CONFIG_NAMES = ("_config.yml", "_config.yaml")


def jekyll_config(root: Path) -> Path | None:
    return next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)


def read_loosely(path: Path) -> str:
    """A file's text for sniffing (bad bytes replaced); "" when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def published_inputs(root: Path, inputs: list[Path]) -> list[str]:
    """The CV's source files that Jekyll would copy into the public site (``_site/``).

    Jekyll skips paths with a part starting with ``_`` or ``.`` and those matched by the
    config's ``exclude:`` list; everything else under the site root is published, so a
    ``cv.yaml`` or ``papers.bib`` at the root (phone number, unpublished papers) goes online.
    """
    config = jekyll_config(root)
    excluded: list[str] = []
    if config is not None:
        try:
            data, _ = load_yaml(read_loosely(config), config)
        except CvError:
            data = None
        listed = data.get("exclude") if isinstance(data, dict) else None
        excluded = [str(x).strip("/") for x in listed] if isinstance(listed, list) else []
    out = []
    for path in inputs:
        if not is_within(path, root):
            continue
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        parts = rel.split("/")
        if any(p.startswith(("_", ".")) for p in parts):
            continue
        if any(fnmatch.fnmatch(rel, pattern) or parts[0] == pattern for pattern in excluded):
            continue
        out.append(rel)
    return out


def exclude_note(root: Path, inputs: list[Path]) -> list[str]:
    """A note with the ``exclude:`` lines to add, when the CV's sources would be published."""
    shown = published_inputs(root, inputs)
    if not shown:
        return []
    lines = "".join(f"\n  - {name}" for name in shown)
    return [
        f"Jekyll publishes {', '.join(shown)} with the site; to keep them private add to _config.yml:\nexclude:{lines}"
    ]
