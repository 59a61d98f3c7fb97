"""Reader for the native format: a ``cv.yaml`` profile."""

from __future__ import annotations

from pathlib import Path

from ..model import validate_profile
from ..source import load_yaml
from ..util.files import read_text
from .bibtex import attach_bibliographies
from .loaded import Loaded, Overrides, apply_overrides


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    data, source = load_yaml(read_text(path), path)
    profile = validate_profile(data, source)
    loaded = Loaded(profile=profile, path=path, inputs=[path], source=source)
    attach_bibliographies(loaded, source)  # publications sections may point at .bib files
    return apply_overrides(loaded, overrides)
