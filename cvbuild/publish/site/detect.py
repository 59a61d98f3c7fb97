"""Which kind of site a folder is, from the files each kind really has (or the user's choice)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import CvError, Problem, UsageError
from .jekyll import jekyll_config
from .kinds import SiteOptions
from .registry import SITE_KINDS


@dataclass
class Detection:
    kind: str
    reasons: list[str] = field(default_factory=list)

    def describe(self) -> str:
        why = ", ".join(self.reasons) if self.reasons else "chosen with --site-kind"
        return f"{self.kind} ({why})"


def detect_site(root: Path) -> Detection:
    """The kind with the most evidence (registry order breaks ties), with the files that gave it away."""
    if not root.is_dir():
        raise CvError(Problem(f"site folder not found: {root}", hint="give the root of your website's repository"))
    best: Detection | None = None
    best_votes = 0
    for kind in SITE_KINDS.values():
        reasons = kind.evidence(root) if kind.evidence else []
        votes = len(reasons) - kind.context
        if reasons and votes > best_votes:
            best, best_votes = Detection(kind.name, reasons), votes
    if best is not None:
        return best
    if jekyll_config(root) is not None:
        raise CvError(
            Problem(
                f"{root} is a Jekyll site, but neither academicpages nor al-folio",
                hint="say where the PDF goes: --site-kind generic --pdf-path files/cv.pdf --link-base /",
            )
        )
    raise CvError(
        Problem(
            f"{root} does not look like a website: no _config.yml (Jekyll) and no hugo.toml/config.toml with content/",
            hint="point --site at your site's root, or use --site-kind generic --pdf-path PATH --link-base URL",
        )
    )


def choose_kind(root: Path, options: SiteOptions) -> Detection:
    """The override if given (``generic`` when only ``--pdf-path`` is), else detection."""
    name = options.kind
    if name is not None and name not in SITE_KINDS:
        raise UsageError(Problem(f"unknown site kind '{name}'", hint="use one of: " + ", ".join(SITE_KINDS)))
    if name is None and options.pdf_path and not _looks_like_site(root):
        name = "generic"
    if name is None:
        return detect_site(root)
    if not root.is_dir():
        raise CvError(Problem(f"site folder not found: {root}"))
    if SITE_KINDS[name].requires_pdf_path and not options.pdf_path:
        raise UsageError(Problem(f"the {name} site kind needs --pdf-path", hint="e.g. --pdf-path cv.pdf --link-base /"))
    return Detection(name, ["chosen with --site-kind"] if options.kind else ["--pdf-path given"])


def _looks_like_site(root: Path) -> bool:
    try:
        detect_site(root)
        return True
    except CvError:
        return False
