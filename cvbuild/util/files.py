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


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, or explain clearly why it cannot be read."""
    try:
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


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically write ``data`` to ``path`` unless it already holds exactly these bytes.

    Returns True when the file was created or changed.
    """
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, NotADirectoryError):
        pass  # a new file; a bad folder is reported below, as a write error
    except OSError as exc:
        raise CvError(Problem(f"cannot read {path}: {exc.strerror}")) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CvError(Problem(f"cannot write {path}: {exc.strerror}")) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


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


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Check every target, then write each with :func:`write_if_changed`; return the changed ones."""
    check_writable(list(files))
    return [path for path, data in files.items() if write_if_changed(path, data)]
