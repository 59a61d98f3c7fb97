"""Readers: each input format becomes a validated :class:`~cvbuild.model.Profile`.

``load_profile(path)`` picks the reader by file name. Every reader returns a
:class:`Loaded`: the profile, the folder that bounds what rendering may read, and the list
of input files (for the up-to-date check and the "last updated" date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CvError, Problem, Warnings
from ..model import Profile
from .positions import SourceMap


@dataclass
class Loaded:
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


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, or explain clearly why it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CvError(
            Problem(f"file not found: {path}", hint="check the path; it is relative to where you run cvbuild")
        ) from None
    except IsADirectoryError:
        raise CvError(Problem(f"{path} is a folder, not a profile file", hint="name the cv.yaml inside it")) from None
    except OSError as exc:
        raise CvError(Problem(f"cannot read {path}: {exc.strerror}")) from None
    if b"\x00" in raw[:8192]:
        raise CvError(Problem("this is a binary file, not a text profile", path, 1, 1))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CvError(
            Problem("the file is not valid UTF-8", path, line, hint="save it as UTF-8 in your editor")
        ) from None
    return text


def load_profile(path: str | Path, overrides: dict[str, str] | None = None) -> Loaded:
    """Read a profile from any supported format (chosen by the file's suffix).

    ``overrides`` are identity fields from the command line (name, email, …); they win over the file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json") and overrides:
        from .markdown_page import apply_overrides

        return apply_overrides(load_profile(path), overrides)
    if suffix in (".yaml", ".yml"):
        from .yaml_profile import load_yaml_profile

        return load_yaml_profile(path)
    if suffix == ".json":
        from .json_resume import load_json_resume

        return load_json_resume(path)
    if suffix in (".md", ".markdown"):
        try:
            from .markdown_page import load_markdown_page
        except ImportError:  # pragma: no cover - reader not built yet
            raise CvError(Problem("markdown pages are not supported yet", path)) from None
        return load_markdown_page(path, overrides)
    raise CvError(
        Problem(
            f"cvbuild does not know how to read '{path.name}'",
            path,
            hint="give a .yaml/.yml profile, a .md homepage page or a JSON Resume .json file",
        )
    )
