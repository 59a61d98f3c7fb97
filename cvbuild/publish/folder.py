"""Rendered CVs into an output folder (``render -o``), or the list of stale files (``--check``).

All files of a run are checked first and only then written, each atomically and only when
its bytes changed (:func:`cvbuild.util.files.write_all`): a read-only folder or a file in
the way stops the run with the previous outputs untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..pipeline import Rendered
from ..util.files import same_bytes, write_all


@dataclass
class FolderOutput:
    """Where one rendered CV's files went, and which of them changed."""

    rendered: Rendered
    paths: dict[str, Path] = field(default_factory=dict)  # format → file
    changed: list[Path] = field(default_factory=list)


def output_paths(rendered: Rendered, out_dir: Path) -> dict[str, Path]:
    return {kind: out_dir / f"{rendered.stem}.{kind}" for kind in rendered.files}


def write_outputs(results: list[Rendered], out_dir: Path) -> list[FolderOutput]:
    """Write every file of every result (all checked first); report what changed."""
    outputs = [FolderOutput(r, output_paths(r, out_dir)) for r in results]
    files = {path: out.rendered.files[kind] for out in outputs for kind, path in out.paths.items()}
    changed = set(write_all(files))
    for out in outputs:
        out.changed = [path for path in out.paths.values() if path in changed]
    return outputs


def stale_outputs(results: list[Rendered], out_dir: Path) -> list[Path]:
    """The files that a render would create or change (``--check``)."""
    return [
        path
        for result in results
        for kind, path in output_paths(result, out_dir).items()
        if not same_bytes(path, result.files[kind])
    ]
