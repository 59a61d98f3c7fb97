"""``cvbuild new``: a starter profile that renders as is and shows every section kind."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import CvError, Problem


def write_starter(folder: Path, *, force: bool = False) -> Path:
    target = folder / "cv.yaml"
    if target.exists() and not force:
        raise CvError(Problem(f"{target} already exists", hint="pass --force to overwrite it"))
    folder.mkdir(parents=True, exist_ok=True)
    text = files("cvbuild").joinpath("starter.yaml").read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    return target
