"""Reading inputs and putting outputs on disk safely.

:func:`read_text` turns every way a text file can be unreadable into one located problem.

Every file is written to a temporary file in the same folder and renamed over the target,
so a reader never sees half a PDF and a failed run leaves the previous output untouched.
A file whose bytes did not change is not rewritten (its mtime stays, tools that watch it
stay quiet).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import CvError, Problem

# A profile, a page or a JSON Resume of a whole career is tens of kilobytes; a file this big is
# a mistake or an attack, and parsing it would take minutes and gigabytes: refuse it at once.
MAX_TEXT_BYTES = 2 * 1024 * 1024


def read_text(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """Read a UTF-8 text file, or explain clearly why it cannot be read."""
    try:
        if path.stat().st_size > max_bytes:
            raise CvError(
                Problem(
                    f"the file is {path.stat().st_size / 1024 / 1024:.1f} MB; cvbuild reads at most "
                    f"{max_bytes // 1024 // 1024} MB",
                    path,
                    1,
                    1,
                    hint="a CV's data is a few hundred KB at most; is this the right file?",
                )
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CvError(
            Problem(f"file not found: {path}", path, hint="check the path; it is relative to where you run cvbuild")
        ) from None
    except IsADirectoryError:
        raise CvError(Problem(f"{path} is a folder, not a file", path, hint="name the file inside it")) from None
    except OSError as exc:
        raise CvError(Problem(f"cannot read {path}: {exc.strerror}", path)) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte order mark (Windows Notepad's "Unicode")
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw[:8192]:
        raise CvError(
            Problem("this is a binary file, not text", path, 1, 1, hint="save it as UTF-8 text in your editor")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CvError(
            Problem("the file is not valid UTF-8", path, line, hint="save it as UTF-8 in your editor")
        ) from None
    return text


def is_within(path: Path, root: Path) -> bool:
    """Whether ``path`` (symlinks and ``..`` resolved) lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def same_bytes(path: Path, data: bytes) -> bool:
    """Whether ``path`` holds exactly ``data`` (a missing or unreadable file does not)."""
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _changed(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except (FileNotFoundError, NotADirectoryError):
        return True  # a new file; a bad folder is reported when writing
    except IsADirectoryError:
        raise CvError(
            Problem(f"cannot write {path}: it is a folder", path, hint="remove it or choose another path")
        ) from None
    except OSError as exc:
        raise CvError(Problem(f"cannot read {path}: {exc.strerror}", path)) from None


def _temp_name_prefix(path: Path) -> str:
    return f".{path.name}.cvbuild-"


def _remove_stale_temps(path: Path) -> None:
    """Temp files of an earlier run that was killed while writing ``path``."""
    for stale in path.parent.glob(_temp_name_prefix(path) + "*.tmp"):
        stale.unlink(missing_ok=True)


def _write_temp(path: Path, data: bytes) -> Path:
    """``data`` in a temp file beside ``path``, flushed to disk, ready to be renamed over it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(path)
        fd, tmp = tempfile.mkstemp(prefix=_temp_name_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CvError(
            Problem(f"cannot write into {path.parent}: {exc.strerror}", hint="check the folder's permissions")
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CvError(Problem(f"cannot write {path}: {exc.strerror}")) from None
        raise
    return Path(tmp)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically write ``data`` to ``path`` unless it already holds exactly these bytes.

    Returns True when the file was created or changed.
    """
    return bool(write_all({path: data}, check=False))


def check_writable(paths: list[Path]) -> None:
    """Fail before writing anything if any of ``paths`` cannot be written.

    Publishing into a site writes several files (PDF, snippet, front matter); checking them all
    first means a read-only folder or a file standing where a folder should be stops the run
    with nothing half-written.
    """
    problems = []
    for path in paths:
        if path.is_dir():
            problems.append(Problem(f"cannot write {path}: it is a folder", hint="remove it or choose another path"))
            continue
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir():
            problems.append(Problem(f"cannot write {path}: {folder} is a file, not a folder"))
        elif not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
            problems.append(Problem(f"cannot write {path}: permission denied", hint="check the folder's permissions"))
    if problems:
        raise CvError(problems)


def write_all(files: dict[Path, bytes], *, check: bool = True) -> list[Path]:
    """Replace every changed file of one run together, or none of them; return the changed ones.

    Every target is checked first, then every new content goes to a temp file beside its
    target, and only when all of them are on disk are they renamed over the targets. A run
    that fails (or is killed) before the renames leaves every previous output as it was; its
    temp files are removed, or, after a kill, by the next run.
    """
    if check:
        check_writable(list(files))
    changed = [path for path, data in files.items() if _changed(path, data)]
    temps: dict[Path, Path] = {}
    try:
        for path in changed:
            temps[path] = _write_temp(path, files[path])
        for path, tmp in temps.items():
            os.replace(tmp, path)
    except BaseException as exc:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CvError(Problem(f"cannot write: {exc.strerror}", hint="check the folder's permissions")) from None
        raise
    return changed
