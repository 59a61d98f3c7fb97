"""What every reader returns, and the command-line identity overrides every reader honours."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..errors import CvError, Problem, Warnings
from ..model import Person, Profile
from ..source import SourceMap

# Identity from the command line (name, email, headline, affiliation): wins over the files.
Overrides = Mapping[str, str]


@dataclass
class Loaded:
    """A validated profile plus what rendering and the up-to-date check need to know about it."""

    profile: Profile
    path: Path  # the profile file
    inputs: list[Path] = field(default_factory=list)  # every file read, profile first
    warnings: Warnings = field(default_factory=Warnings)
    source: SourceMap | None = None  # where each value sits in the profile file, for later errors
    notes: list[str] = field(default_factory=list)  # facts, not problems (e.g. where a page's name came from)
    root: Path | None = None  # a homepage page's site root; default: the profile's folder

    @property
    def base_dir(self) -> Path:
        """Rendering may read files only under this folder (and the theme's); relative paths start here."""
        return (self.root or self.path.parent).resolve()


def apply_overrides(loaded: Loaded, overrides: Overrides | None) -> Loaded:
    """Command-line identity options on any profile (a cv.yaml too): they win over the file."""
    values = {k: v for k, v in (overrides or {}).items() if v}
    if not values:
        return loaded
    data = loaded.profile.person.model_dump(exclude_unset=True)
    data.update(values)
    try:
        person = Person.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CvError(Problem(f"--{first['loc'][0]}: {first['msg'].removeprefix('Value error, ')}")) from None
    loaded.profile = loaded.profile.model_copy(update={"person": person})
    return loaded
