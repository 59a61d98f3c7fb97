"""What reading publication files gives, whatever their format (.bib, CSL-JSON, RIS).

Its own module so that :mod:`.bibtex` can dispatch to :mod:`.csl_json` and :mod:`.ris` while
they return the same result type without importing the BibTeX reader back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..model import Publication


@dataclass
class BibResult:
    """What one set of publication files gave: entries (in file order), files read and warnings."""

    publications: list[Publication] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
