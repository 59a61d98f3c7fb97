"""The readers, one module per input format, chosen by the file's suffix.

Adding a format is one module with ``read(path, overrides) -> Loaded`` and one line in
:data:`READERS`. Modules are imported only when their format is read: ``validate cv.yaml``
and the pre-commit hook do not pay for the homepage reader's HTML parser.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import CvError, Problem
from .loaded import Loaded, Overrides


class ReadFunction(Protocol):
    def __call__(self, path: Path, overrides: Overrides | None = None) -> Loaded: ...


@dataclass(frozen=True)
class Reader:
    name: str  # what the user calls the format, for messages and --help
    suffixes: tuple[str, ...]
    module: str  # the module holding ``read``, relative to this package

    def read_function(self) -> ReadFunction:
        module = importlib.import_module(self.module, __package__)
        return module.read  # type: ignore[no-any-return]


READERS: tuple[Reader, ...] = (
    Reader("cvbuild profile", (".yaml", ".yml"), ".yaml_profile"),
    Reader("JSON Resume", (".json",), ".json_resume"),
    Reader("homepage page", (".md", ".markdown"), ".homepage.reader"),
)


def reader_for(path: Path) -> Reader:
    """The reader for ``path``, or a located error that lists what cvbuild reads."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.suffixes:
            return reader
    known = "; ".join(f"{r.name} ({', '.join(r.suffixes)})" for r in READERS)
    raise CvError(Problem(f"cvbuild does not know how to read '{path.name}'", path, hint=f"give one of: {known}"))


def load_profile(path: str | Path, overrides: Overrides | None = None) -> Loaded:
    """Read a profile from any supported format.

    ``overrides`` are identity fields from the command line (name, email, …); they win over the file.
    """
    path = Path(path)
    return reader_for(path).read_function()(path, overrides)
