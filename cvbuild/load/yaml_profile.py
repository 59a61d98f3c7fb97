"""Reader for the native format: a ``cv.yaml`` profile."""

from __future__ import annotations

from pathlib import Path

from ..model import validate_profile
from . import Loaded, read_text
from .positions import load_yaml


def load_yaml_profile(path: Path) -> Loaded:
    data, source = load_yaml(read_text(path), path)
    profile = validate_profile(data, source)
    return Loaded(profile=profile, path=path, inputs=[path], source=source)
