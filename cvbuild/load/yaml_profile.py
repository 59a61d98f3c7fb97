"""Reader for the native format: a ``cv.yaml`` profile."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from ..errors import CvError, Problem
from ..model import Profile, validate_profile
from ..source import load_yaml
from ..util.files import read_text
from .bibtex import attach_bibliographies
from .loaded import Loaded, Overrides, apply_overrides
from .registry import shapes


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    data, source = load_yaml(read_text(path), path)
    stranger = _not_a_profile(data, path)
    if stranger is not None:
        raise CvError(stranger)
    profile = validate_profile(data, source)
    loaded = Loaded(profile=profile, path=path, inputs=[path], source=source)
    attach_bibliographies(loaded, source)  # publications sections may point at .bib files
    return apply_overrides(loaded, overrides)


def _not_a_profile(data: Any, path: Path) -> Problem | None:
    """One clear message for YAML that is some other format, instead of an unknown-key error per key.

    A profile with a misspelt key (``persn:``) is still a profile: its keys are close to the
    model's, and validation's did-you-mean is the right answer there.
    """
    hint = f"cvbuild reads {shapes(path.suffix)}"
    if data is None:
        return Problem("the file is empty", path, 1, 1, hint=f"start with 'person: {{name: Your Name}}'; {hint}")
    if isinstance(data, list):
        return Problem(
            "not a cvbuild profile: the file is a list, not a mapping of key: value lines", path, 1, 1, hint=hint
        )
    if not isinstance(data, dict):
        return None  # validation says what it got
    fields = list(Profile.model_fields)
    keys = [str(k) for k in data]
    if any(k in fields or difflib.get_close_matches(k, fields, n=1, cutoff=0.75) for k in keys):
        return None
    shown = ", ".join(f"'{k}'" for k in keys[:5]) + (", …" if len(keys) > 5 else "")
    return Problem(f"not a cvbuild profile: it has {shown} but no 'person:'", path, 1, 1, hint=hint)
