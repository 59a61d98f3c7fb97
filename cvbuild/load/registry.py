"""The readers, one module per input format, chosen by the file's suffix and, where formats
share a suffix (``.yaml`` holds cvbuild profiles, RenderCV files, al-folio's ``_data/cv.yml`` …),
by a cheap look at the text.

Adding a format is one module with ``read(path, overrides) -> Loaded`` and one line in
:data:`READERS`. Modules are imported only when their format is read: ``validate cv.yaml``
and the pre-commit hook do not pay for the homepage reader's HTML parser.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import CvError, Problem
from ..util.files import read_text
from .loaded import Loaded, Overrides


class ReadFunction(Protocol):
    def __call__(self, path: Path, overrides: Overrides | None = None) -> Loaded: ...


@dataclass(frozen=True)
class Reader:
    name: str  # what the user calls the format, for messages and --help
    suffixes: tuple[str, ...]
    module: str  # the module holding ``read``, relative to this package
    shape: str  # how a user recognises the format, for "which shapes are read" messages
    # Text that tells this format from the others of its suffix (searched in the file's text).
    # None: the suffix's default reader, used when no other reader's signature matches.
    signature: re.Pattern[str] | None = None
    # Where the format lives in a site (Hugo Blox keeps authors in data/authors/), matched on the path.
    place: re.Pattern[str] | None = None

    def read_function(self) -> ReadFunction:
        module = importlib.import_module(self.module, __package__)
        return module.read


READERS: tuple[Reader, ...] = (
    Reader(
        "RenderCV file",
        (".yaml", ".yml"),
        ".rendercv",
        "a RenderCV file (cv: with sections:, as al-folio's _data/cv.yml)",
        re.compile(r"^cv[ \t]*:", re.M),
    ),
    Reader(
        "al-folio CV data",
        (".yaml", ".yml"),
        ".alfolio_cv",
        "al-folio's older _data/cv.yml (a list of title/type/contents)",
        re.compile(r"^[ \t-]*type[ \t]*:[ \t]*[\"']?(?:time_table|map|list|nested_list)\b", re.M),
    ),
    Reader(
        "Hugo Blox author",
        (".yaml", ".yml"),
        ".hugo_author",
        "a Hugo Blox author file (data/authors/<name>.yaml: name, role, affiliations …)",
        re.compile(r"^(?:role|affiliations|organizations)[ \t]*:", re.M),
        re.compile(r"(^|/)data/authors/[^/]+\.ya?ml$"),
    ),
    Reader("cvbuild profile", (".yaml", ".yml"), ".yaml_profile", "a cvbuild profile (person:, sections:)"),
    Reader("JSON Resume", (".json",), ".json_resume", "a JSON Resume file (basics:, work:, education: …)"),
    Reader("homepage page", (".md", ".markdown"), ".homepage.reader", "a homepage page (about.md, README.md)"),
)


SITE_READER = Reader(
    "website folder",
    (),
    ".site",
    "a website folder (al-folio, academicpages, Hugo Blox, AcadHomepage, a GitHub profile README)",
)


def reader_for(path: Path) -> Reader:
    """The reader for ``path``, or a located error that lists what cvbuild reads."""
    if path.is_dir():
        return SITE_READER
    suffix = path.suffix.lower()
    candidates = [r for r in READERS if suffix in r.suffixes]
    if not candidates:
        known = "; ".join(f"{r.name} ({', '.join(r.suffixes)})" for r in READERS)
        raise CvError(Problem(f"cvbuild does not know how to read '{path.name}'", path, hint=f"give one of: {known}"))
    placed = [r for r in candidates if r.place is not None and r.place.search(path.resolve().as_posix())]
    if placed:
        return placed[0]
    signed = [r for r in candidates if r.signature is not None]
    if signed:
        text = read_text(path)
        for reader in signed:
            assert reader.signature is not None
            if reader.signature.search(text):
                return reader
    return next((r for r in candidates if r.signature is None), candidates[0])


def shapes(suffix: str) -> str:
    """The formats read from files with ``suffix``, for an error about a file that is none of them."""
    return "; ".join(r.shape for r in READERS if suffix.lower() in r.suffixes)


def load_profile(path: str | Path, overrides: Overrides | None = None) -> Loaded:
    """Read a profile from any supported format.

    ``overrides`` are identity fields from the command line (name, email, …); they win over the file.
    """
    path = Path(path)
    reader = reader_for(path)
    try:
        return reader.read_function()(path, overrides)
    except RecursionError:  # JSON nested 10,000 deep, 1,000 nested <div>s in a page
        raise CvError(
            Problem(f"the {reader.name} nests too deeply to be a CV", path, hint="flatten the nesting")
        ) from None
