"""Up-to-date check without rendering: a fingerprint of everything an output depends on.

The pre-commit hook runs on every commit that touches the profile, so the common case
("nothing changed") must be decided in a fraction of a second: no WeasyPrint import, no
rendering, no profile parsing. After a real build we store a stamp: the sha256 of every
input file the readers declared (``Loaded.inputs``: the profile, its BibTeX files …), of the
theme folders, the shipped font names, the cvbuild version and its files' sizes and times, the
options, the ingredients of the "last updated" date, and the sha256 of every output written. The next run re-hashes
those files; if all match, the outputs are current.

Where the stamp lives: inside the git directory (``.git/cvbuild/<job>.json``). It is a cache
of this clone's last build, so it must never be tracked (a tracked stamp is git noise and,
committed from another machine, could vouch for a PDF it never saw), never published with
the site, and it must survive between runs. Outside a git repository a site has no stamp and
callers fall back to rendering in memory and comparing bytes, which is always correct; an
output folder (``render -o``) keeps its stamp in the user's cache folder instead
(``$XDG_CACHE_HOME/cvbuild/stamps/``), keyed by the job, whose absolute paths make it unique.

A stamp also remembers what the build said (warnings, notes, page counts), so a run decided
by the stamp reports the same as the run that rendered.

This module imports only the standard library: it is on the hook's fast path.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..assets import FONT_DIR
from ..util.dates import date_ingredients

STAMP_FORMAT = 1
_SKIP_DIRS = {"__pycache__", ".git"}
CACHE_STAMPS_KEPT = 256  # stamps in the user's cache folder; the least recently written go first


def sha256_file(path: Path) -> str | None:
    """Hex digest of a file's bytes, or None when it is missing or unreadable (→ stale)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def tree_digest(folder: Path) -> str:
    """One digest over every file under ``folder`` (relative names and bytes), order-independent."""
    digest = hashlib.sha256()
    if not folder.is_dir():
        return "missing"
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            path = Path(root) / name
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update((sha256_file(path) or "unreadable").encode("ascii") + b"\n")
    return digest.hexdigest()


def git_dir(start: Path) -> Path | None:
    """The ``.git`` folder of the repository containing ``start`` (worktrees and submodules too)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        dotgit = folder / ".git"
        if dotgit.is_dir():
            return dotgit
        if dotgit.is_file():
            text = dotgit.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                target = Path(text[len("gitdir:") :].strip())
                return target if target.is_absolute() else (folder / target).resolve()
    return None


def code_fingerprint() -> str:
    """Names, sizes and modification times of cvbuild's own files (code, themes, fonts).

    The version alone does not change while cvbuild itself is edited (a checkout, an editable
    install): without this a changed renderer would find its old outputs "up to date". Only
    ``stat`` is read, so it costs a millisecond or two; a reinstall costs one render.
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(root) / name
            try:
                st = path.stat()
            except OSError:
                continue
            digest.update(f"{path.relative_to(package).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def fonts_fingerprint() -> str:
    """Names of the shipped font files: a changed font set changes the PDF."""
    return ",".join(sorted(p.name for p in FONT_DIR.iterdir() if p.suffix.lower() in (".ttf", ".otf")))


@dataclass
class Stamp:
    """The recorded state of one build job (one profile published to one set of outputs)."""

    job: dict[str, object]  # options that identify the job: profile, targets, theme, kind …
    inputs: dict[str, str] = field(default_factory=dict)  # absolute path → sha256
    trees: dict[str, str] = field(default_factory=dict)  # theme folder → tree digest
    outputs: dict[str, str] = field(default_factory=dict)  # absolute path → sha256 as written
    date: str = ""
    fonts: str = ""
    version: str = __version__
    format: int = STAMP_FORMAT
    warnings: list[str] = field(default_factory=list)  # what the build warned, shown again when fresh
    notes: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)  # absolute PDF path → pages
    code: str = ""  # code_fingerprint() of the cvbuild that rendered

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=1, sort_keys=True) + "\n"


def job_id(job: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(job, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:20]


def cache_dir() -> Path | None:
    """The user's cache folder for stamps: ``$XDG_CACHE_HOME/cvbuild/stamps``, else ``~/.cache/…``."""
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "cvbuild" / "stamps"
    try:
        return Path.home() / ".cache" / "cvbuild" / "stamps"
    except RuntimeError:  # no home folder: no stamp, every run renders
        return None


def stamp_path(job: dict[str, object], anchor: Path, *, cache_outside_git: bool = False) -> Path | None:
    """Where the stamp for ``job`` is kept: in the git directory of ``anchor``; outside git, in the
    user's cache folder when ``cache_outside_git``, else nowhere (None)."""
    gitdir = git_dir(anchor)
    if gitdir is not None:
        return gitdir / "cvbuild" / f"{job_id(job)}.json"
    cache = cache_dir() if cache_outside_git else None
    return cache / f"{job_id(job)}.json" if cache is not None else None


def make_stamp(
    job: dict[str, object], inputs: list[Path], theme_dirs: list[Path], outputs: dict[Path, bytes], date: str
) -> Stamp:
    """Fingerprint a build that just happened (outputs given as the bytes written).

    ``date`` is :func:`date_ingredients` taken before rendering: the PDF stage pins
    SOURCE_DATE_EPOCH inside the process for the font subsetter.
    """
    return Stamp(
        job=json.loads(json.dumps(job, sort_keys=True, default=str)),
        inputs={str(p.resolve()): sha256_file(p) or "missing" for p in inputs},
        trees={str(d.resolve()): tree_digest(d) for d in theme_dirs},
        outputs={str(p.resolve()): hashlib.sha256(data).hexdigest() for p, data in outputs.items()},
        date=date,
        fonts=fonts_fingerprint(),
        code=code_fingerprint(),
    )


def _str_map(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def read_stamp(path: Path | None) -> Stamp | None:
    """The stored stamp, or None when it is missing or does not check out (a build rewrites it)."""
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stamp = Stamp(**data)
    except (OSError, ValueError, TypeError, RecursionError):  # RecursionError: JSON nested 100,000 deep
        return None
    well_formed = (
        isinstance(stamp.job, dict)
        and all(_str_map(m) for m in (stamp.inputs, stamp.trees, stamp.outputs))
        and all(isinstance(v, str) for v in (stamp.date, stamp.fonts, stamp.version, stamp.code))
        and isinstance(stamp.format, int)
        and all(isinstance(v, list) and all(isinstance(t, str) for t in v) for v in (stamp.warnings, stamp.notes))
        and isinstance(stamp.pages, dict)
        and all(isinstance(k, str) and type(v) is int for k, v in stamp.pages.items())
    )
    return stamp if well_formed else None  # valid JSON with wrong types ("inputs": 5) is no stamp


def is_fresh(stamp: Stamp | None, job: dict[str, object]) -> bool:
    """True when nothing the outputs depend on changed and the outputs are as written."""
    if stamp is None or stamp.format != STAMP_FORMAT or stamp.version != __version__:
        return False
    if json.loads(json.dumps(job, sort_keys=True, default=str)) != stamp.job:
        return False
    for path, digest in {**stamp.inputs, **stamp.outputs}.items():
        if sha256_file(Path(path)) != digest:
            return False
    if any(tree_digest(Path(folder)) != digest for folder, digest in stamp.trees.items()):
        return False
    if stamp.fonts != fonts_fingerprint() or stamp.code != code_fingerprint():
        return False
    return stamp.date == date_ingredients([Path(p) for p in stamp.inputs])


def save_stamp(path: Path | None, stamp: Stamp) -> None:
    """Store the stamp; a cache, so failing to write it only costs speed next time."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(stamp.to_json(), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return
    if path.parent == cache_dir():
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Keep the cache folder small: every output folder ever rendered leaves a stamp there."""
    try:
        stamps = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stamps[CACHE_STAMPS_KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
