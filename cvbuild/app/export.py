"""``cvbuild export``: any profile cvbuild reads, written as a JSON Resume or a RenderCV file.

The profile is loaded as ``render`` loads it (so ``.bib`` files are read and their entries are
part of the publications sections), handed to the format's writer, and written to a file or to
stdout. What the format cannot hold comes back as one warning line, never silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CvError, Problem, UsageError, Warnings
from ..load.loaded import Overrides
from ..load.registry import load_profile
from ..publish.export import FORMATS, KINDS, MappingError
from ..util.files import write_if_changed


@dataclass
class ExportResult:
    text: str  # the file's text
    format_name: str
    warnings: Warnings = field(default_factory=Warnings)
    changed: bool = False  # False for stdout, or when the file already held this text
    sections: int = 0


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``--map 'Invited Talks=projects'`` pairs as title → kind; a malformed one is a usage error."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        title, sep, kind = pair.rpartition("=")
        title, kind = title.strip(), kind.strip().lower()
        if not sep or not title:
            raise UsageError(Problem(f"--map '{pair}' is not TITLE=KIND", hint="e.g. --map 'Invited Talks=projects'"))
        if kind not in KINDS:
            raise UsageError(Problem(f"--map '{pair}': unknown kind '{kind}'", hint="kinds: " + ", ".join(KINDS)))
        mapping[title] = kind
    return mapping


def export_profile(
    source: Path,
    to: str,
    output: Path | None,
    *,
    mapping: list[str] | None = None,
    force: bool = False,
    overrides: Overrides | None = None,
) -> ExportResult:
    """Read ``source``, write it in format ``to`` into ``output`` (None: only return the text)."""
    chosen = FORMATS.get(to.strip().lower())
    if chosen is None:
        choices = " or ".join(f"--to {name}" for name in FORMATS)
        raise UsageError(Problem(f"--to '{to}': not a format cvbuild writes" if to else "which format?", hint=choices))
    wanted = parse_mapping(mapping or [])
    loaded = load_profile(source, overrides)
    try:
        exported = chosen.write(loaded.profile, wanted)
    except MappingError as error:
        raise UsageError(Problem(str(error))) from None
    text = chosen.text(exported.data, source.as_posix())
    result = ExportResult(text, chosen.name, sections=len(loaded.profile.sections))
    result.warnings.extend(loaded.warnings)
    if exported.lost:
        result.warnings.add(exported.lost.message(chosen.name), file=source, hint="see docs/interop.md")
    if output is None:
        return result
    if output.is_dir():
        raise CvError(Problem(f"{output} is a folder", hint=f"give a file name such as cv{chosen.suffix}"))
    if output.is_file() and not force and output.read_text(encoding="utf-8", errors="replace") != text:
        raise CvError(
            Problem(f"{output} already exists", hint="use --force to replace it, or -o to write another file")
        )
    result.changed = write_if_changed(output, text.encode("utf-8"))
    return result


def is_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"
