"""``cvbuild import``: any profile source (a homepage page, a JSON Resume) as an editable cv.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CvError, Problem
from ..load.loaded import Loaded, Overrides
from ..load.registry import load_profile
from ..model.dump import profile_yaml
from ..util.files import write_if_changed


@dataclass
class Imported:
    loaded: Loaded
    text: str  # the cv.yaml text
    changed: bool  # False for stdout, or when the file already held this text


def import_profile(source: Path, output: Path | None, *, force: bool, overrides: Overrides) -> Imported:
    """Read ``source`` and write it as cv.yaml text to ``output`` (None: only return the text)."""
    loaded = load_profile(source, overrides)
    text = profile_yaml(loaded.profile, source=source.as_posix())
    if output is None:
        return Imported(loaded, text, False)
    if output.is_file() and not force and output.read_text(encoding="utf-8", errors="replace") != text:
        raise CvError(
            Problem(f"{output} already exists", hint="use --force to replace it, or -o to write another file")
        )
    return Imported(loaded, text, write_if_changed(output, text.encode("utf-8")))
