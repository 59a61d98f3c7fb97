"""Reader for a whole website folder: find the CV sources the site kind keeps, read the best one.

``cvbuild render`` in a site repository with no ``cv.yaml`` (and ``cvbuild render SITE``,
``cvbuild import SITE``) comes here. Sources are tried in this documented order; the first
one found is the CV, the others are reported as ignored:

1. ``cv.yaml`` / ``cv.yml`` at the root (a cvbuild profile);
2. al-folio: ``_data/cv.yml`` (RenderCV format, or the older title/type/contents list), then
   ``assets/json/resume.json`` (JSON Resume, comments allowed);
3. academicpages: ``_data/cv.json``, then the CV page ``_pages/cv.md`` (which lists the
   ``_publications/``, ``_talks/``, ``_teaching/`` collections);
4. Hugo Blox: ``data/authors/*.yaml`` (``admin``/``me`` first), then the landing page
   ``content/_index.md``, then ``content/authors/admin/_index.md``;
5. an about page: ``_pages/about.md`` (academicpages, AcadHomepage, al-folio), ``about.md``,
   ``index.md``;
6. a GitHub profile: ``README.md``.

Publications are added once: when the chosen source has no publications section and the site
keeps a bibliography (al-folio's ``_bibliography/papers.bib``), a "Publications" section reads
it (a source's own publications are never doubled by the site's .bib).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CvError, Problem
from ..model import PublicationsSection
from .bibtex import attach_bibliographies
from .loaded import Loaded, Overrides
from .registry import load_profile

# (path relative to the site root, what it is), in the order they are tried.
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("cv.yaml", "cvbuild profile"),
    ("cv.yml", "cvbuild profile"),
    ("_data/cv.yml", "al-folio CV data"),
    ("_data/cv.yaml", "al-folio CV data"),
    ("assets/json/resume.json", "al-folio JSON Resume"),
    ("_data/cv.json", "academicpages CV data"),
    ("_pages/cv.md", "academicpages CV page"),
    ("data/authors/admin.yaml", "Hugo Blox author"),
    ("data/authors/me.yaml", "Hugo Blox author"),
    ("data/authors/*.yaml", "Hugo Blox author"),
    ("content/_index.md", "Hugo Blox landing page"),
    ("content/authors/admin/_index.md", "Hugo author page"),
    ("_pages/about.md", "about page"),
    ("about.md", "about page"),
    ("index.md", "home page"),
    ("README.md", "GitHub profile README"),
)
BIBLIOGRAPHIES = ("_bibliography/papers.bib",)


def site_sources(root: Path) -> list[tuple[Path, str]]:
    """Every CV source the site has, in the order of :data:`CANDIDATES`."""
    found: list[tuple[Path, str]] = []
    for pattern, kind in CANDIDATES:
        for path in sorted(root.glob(pattern)) if "*" in pattern else [root / pattern]:
            if path.is_file() and path not in [p for p, _ in found]:
                found.append((path, kind))
    return found


def looks_like_a_site(folder: Path) -> bool:
    """Whether ``folder`` holds a CV source this reader would use."""
    return folder.is_dir() and bool(site_sources(folder))


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    root = path.resolve()
    sources = site_sources(root)
    if not sources:
        tried = ", ".join(pattern for pattern, _ in CANDIDATES)
        raise CvError(
            Problem(
                f"no CV source found in the folder {path}",
                path,
                hint=f"looked for {tried}; create one with 'cvbuild new {path}' or name the file to read",
            )
        )
    chosen, kind = sources[0]
    loaded = load_profile(chosen, overrides)
    loaded.root = loaded.root or root
    rel = chosen.relative_to(root).as_posix()
    used = [f"{rel} ({kind})"]
    if not any(isinstance(s, PublicationsSection) for s in loaded.profile.sections):
        bib = next((root / b for b in BIBLIOGRAPHIES if (root / b).is_file()), None)
        if bib is not None:
            section = PublicationsSection(title="Publications", bib=[bib.relative_to(loaded.base_dir).as_posix()])
            loaded.profile = loaded.profile.model_copy(update={"sections": [*loaded.profile.sections, section]})
            attach_bibliographies(loaded)
            used.append(bib.relative_to(root).as_posix())
    ignored = [p.relative_to(root).as_posix() for p, _ in sources[1:]]
    loaded.notes.append("read " + " and ".join(used) + (f"; not read: {', '.join(ignored)}" if ignored else ""))
    return loaded
