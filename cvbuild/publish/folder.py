"""Rendered CVs into an output folder (``render -o``), or the list of stale files (``--check``).

All files of a run are checked first and only then written, each atomically and only when
its bytes changed (:func:`cvbuild.util.files.write_all`): a read-only folder or a file in
the way stops the run with the previous outputs untouched.

"Nothing changed" is decided before anything heavy is imported, as the hook does for a site
(:mod:`cvbuild.publish.stamp`): :func:`fresh_outputs` re-hashes what the last build read and
wrote and, when all of it matches, the run renders nothing. That path imports neither the
pipeline nor the model, Jinja2 or WeasyPrint; only a stale or missing stamp pays for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..util.dates import date_ingredients
from ..util.files import same_bytes, write_all
from . import stamp as stamps

if TYPE_CHECKING:  # the pipeline loads the model and Jinja2: the no-op path must not import it
    from ..pipeline import Rendered


@dataclass
class FolderOutput:
    """Where one rendered CV's files went, and which of them changed."""

    rendered: Rendered
    paths: dict[str, Path] = field(default_factory=dict)  # format → file
    changed: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class FolderJob:
    """One ``render`` into one output folder: what identifies its stamp.

    ``options`` are the render options that shape the bytes (formats, theme, name, variant,
    identity overrides …); the absolute paths make the job unique on this machine, so its
    stamp can live in a shared cache folder outside git.
    """

    profile: Path
    out_dir: Path
    options: dict[str, object] = field(default_factory=dict)

    def key(self) -> dict[str, object]:
        return {
            "mode": "folder",
            "profile": str(self.profile.resolve()),
            "out_dir": str(self.out_dir.resolve()),
            **self.options,
        }

    def stamp_path(self) -> Path | None:
        return stamps.stamp_path(self.key(), self.out_dir, cache_outside_git=True)


@dataclass
class FreshOutputs:
    """Outputs the stamp vouches for: what the last build wrote and said, not rendered again."""

    paths: list[Path]  # absolute, as recorded
    pages: dict[Path, int]
    warnings: list[str]
    notes: list[str]


def output_paths(rendered: Rendered, out_dir: Path) -> dict[str, Path]:
    return {kind: out_dir / f"{rendered.stem}.{kind}" for kind in rendered.files}


def fresh_outputs(job: FolderJob) -> FreshOutputs | None:
    """The outputs of ``job`` when nothing they depend on changed since they were written, else None.

    A missing, corrupt or stale stamp is None: the caller renders, which is always correct.
    """
    try:
        previous = stamps.read_stamp(job.stamp_path())
        if previous is None or not previous.outputs or not stamps.is_fresh(previous, job.key()):
            return None
    except (OSError, ValueError):  # an unreadable input, a broken git: render and find out
        return None
    return FreshOutputs(
        paths=[Path(p) for p in previous.outputs],
        pages={Path(p): n for p, n in previous.pages.items()},
        warnings=list(previous.warnings),
        notes=list(previous.notes),
    )


def write_outputs(results: list[Rendered], out_dir: Path) -> list[FolderOutput]:
    """Write every file of every result (all checked first); report what changed."""
    outputs = [FolderOutput(r, output_paths(r, out_dir)) for r in results]
    files = {path: out.rendered.files[kind] for out in outputs for kind, path in out.paths.items()}
    changed = set(write_all(files))
    for out in outputs:
        out.changed = [path for path in out.paths.values() if path in changed]
    return outputs


def save_folder_stamp(job: FolderJob, written: list[FolderOutput]) -> None:
    """Record a build just written into the folder, so the next run with nothing changed renders nothing."""
    inputs = sorted({p.resolve() for out in written for p in out.rendered.inputs}, key=str)
    theme_dirs = sorted({d.resolve() for out in written for d in out.rendered.theme_dirs}, key=str)
    files = {path: out.rendered.files[kind] for out in written for kind, path in out.paths.items()}
    stamp = stamps.make_stamp(job.key(), inputs, theme_dirs, files, date_ingredients(inputs))
    stamp.warnings = [str(problem) for out in written for problem in out.rendered.warnings]
    stamp.notes = [note for out in written for note in out.rendered.loaded.notes]
    stamp.pages = {str(out.paths["pdf"].resolve()): out.rendered.pages for out in written if "pdf" in out.paths}
    stamps.save_stamp(job.stamp_path(), stamp)


def stale_outputs(results: list[Rendered], out_dir: Path) -> list[Path]:
    """The files that a render would create or change (``--check``)."""
    return [
        path
        for result in results
        for kind, path in output_paths(result, out_dir).items()
        if not same_bytes(path, result.files[kind])
    ]
