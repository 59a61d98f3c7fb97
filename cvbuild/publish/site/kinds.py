"""What a site kind is: where it keeps the PDF, which files it needs for the button, how to spot it.

A kind module defines one :class:`SiteKind`; :mod:`.registry` lists them. Adding a site
generator is one module plus one registry line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the hook's fast path imports this module, never the model
    from ...model import PartialDate


@dataclass
class SiteOptions:
    """How to publish: the kind override and where the PDF goes, plus render options."""

    kind: str | None = None
    pdf_path: str | None = None  # relative to the site root (generic kind, or to move the PDF)
    link_base: str | None = None  # URL prefix for links (generic kind), e.g. https://me.example.org/
    html_page: bool = False
    force: bool = False
    theme: str | None = None
    allow_network: bool = False


@dataclass
class Target:
    path: Path  # absolute, inside the site
    data: bytes
    owned: bool = True  # False: a user's file that cvbuild edits in place (al-folio's cv_pdf line)


@dataclass
class SiteFiles:
    """What a kind publishes: the rendered bytes and the facts its button shows."""

    pdf: bytes
    html: bytes | None  # the web CV, when --html-page asked for it
    updated: PartialDate | None  # "last updated" month
    locale: str  # the CV's language: the button speaks it too
    inputs: list[Path] = field(default_factory=list)  # the files the CV was made from (cv.yaml, .bib …)


@dataclass
class Plan:
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the user should do next, e.g. where to show the button


@dataclass(frozen=True)
class SiteKind:
    name: str  # as in --site-kind and site.kind
    plan: Callable[[Path, SiteFiles, SiteOptions], Plan]
    # Evidence that a folder is this kind of site (file names, config lines); empty: not this kind.
    evidence: Callable[[Path], list[str]] | None = None
    # Evidence before this many reasons is context (e.g. "_config.yml"), not a vote.
    context: int = 0
    requires_pdf_path: bool = False
