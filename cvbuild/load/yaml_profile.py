"""Reader for the native format: a ``cv.yaml`` profile."""

from __future__ import annotations

from pathlib import Path

from ..model import validate_profile
from . import Loaded, read_text
from .bibtex import attach_bibliographies
from .positions import load_yaml


def load_yaml_profile(path: Path) -> Loaded:
    data, source = load_yaml(read_text(path), path)
    profile = validate_profile(data, source)
    loaded = Loaded(profile=profile, path=path, inputs=[path], source=source)
    attach_bibliographies(loaded, source)  # publications sections may point at .bib files
    return loaded
