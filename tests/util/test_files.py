"""``cvbuild.util.files``: how inputs are read and outputs put on disk.

Every reader goes through :func:`read_text`, so every way a text file can be unreadable (missing,
a folder, binary, not UTF-8) must become one located problem instead of a traceback. Every output
goes through :func:`write_if_changed` / :func:`write_all`: an unchanged file must keep its mtime
(watchers and ``make`` stay quiet), no temporary files may be left behind, and a batch that cannot
be written completely must not be written at all. :func:`is_within` guards which files rendering may
read, so symlinks and ``..`` must not get a path out of its root.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write

from cvbuild.errors import CvError, Problem
from cvbuild.util.files import check_writable, is_within, read_text, same_bytes, write_all, write_if_changed


def only_problem(info: pytest.ExceptionInfo[CvError]) -> Problem:
    [problem] = info.value.problems
    return problem


# ---------------------------------------------------------------- read_text


def test_read_text_plain_and_with_a_bom(tmp_path: Path) -> None:
    plain = write(tmp_path / "cv.yaml", "person:\n  name: Zoë Ōkubo\n")
    assert read_text(plain) == "person:\n  name: Zoë Ōkubo\n"
    bom = tmp_path / "windows.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + "name: Zoë\n".encode())
    assert read_text(bom) == "name: Zoë\n", "the BOM (as Windows editors write it) is dropped"


def test_missing_file_names_it_with_a_hint(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "cv.yaml"
    with pytest.raises(CvError) as info:
        read_text(missing)
    problem = only_problem(info)
    assert str(missing) in str(problem) and "not found" in problem.message
    assert problem.hint


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "cv"
    folder.mkdir()
    with pytest.raises(CvError) as info:
        read_text(folder)
    problem = only_problem(info)
    assert str(folder) in str(problem) and "folder" in problem.message
    assert problem.hint


def test_a_binary_file_is_refused_at_its_first_line(tmp_path: Path) -> None:
    binary = tmp_path / "cv.yaml"
    binary.write_bytes(b"PK\x03\x04\x00\x00 a zip file renamed to cv.yaml")
    with pytest.raises(CvError) as info:
        read_text(binary)
    problem = only_problem(info)
    assert problem.file == binary and problem.line == 1
    assert "binary" in problem.message
    assert str(problem).startswith(f"{binary}:1")


def test_invalid_utf8_is_located_at_its_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "cv.yaml"
    latin1.write_bytes(b"person:\n  name: Ana\n  location: S\xe3o Paulo\n  email: ana@example.org\n")
    with pytest.raises(CvError) as info:
        read_text(latin1)
    problem = only_problem(info)
    assert (problem.file, problem.line) == (latin1, 3)
    assert "UTF-8" in problem.message and "UTF-8" in problem.hint
    assert str(problem).startswith(f"{latin1}:3: ")


def test_invalid_utf8_after_a_bom_counts_lines_from_the_start(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\nb: 2\nc: \xff\n")
    with pytest.raises(CvError) as info:
        read_text(path)
    assert only_problem(info).line == 3


# ---------------------------------------------------------------- write_if_changed


def test_write_if_changed_creates_parents_then_leaves_the_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "site" / "files" / "cv.pdf"
    assert write_if_changed(target, b"%PDF-1.7 one") is True
    assert target.read_bytes() == b"%PDF-1.7 one"
    before = target.stat()
    assert write_if_changed(target, b"%PDF-1.7 one") is False
    after = target.stat()
    # Not rewritten at all: an atomic rewrite would give a new inode, any rewrite a new mtime.
    assert after.st_mtime_ns == before.st_mtime_ns
    assert after.st_ino == before.st_ino


def test_write_if_changed_replaces_different_bytes(tmp_path: Path) -> None:
    target = tmp_path / "cv.html"
    target.write_bytes(b"<p>old</p>")
    assert write_if_changed(target, b"<p>new</p>") is True
    assert target.read_bytes() == b"<p>new</p>"
    assert write_if_changed(target, b"") is True, "emptying a file is a change too"
    assert target.read_bytes() == b""


def test_written_files_are_world_readable(tmp_path: Path) -> None:
    """The temporary file is private (0600); the published file must not stay so (web servers read it)."""
    target = tmp_path / "files" / "cv.pdf"
    write_if_changed(target, b"%PDF")
    assert target.stat().st_mode & 0o777 == 0o644


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    for data in (b"one", b"one", b"two", b"three"):
        write_if_changed(folder / "cv.pdf", data)
        write_if_changed(folder / "cv.html", data)
    assert sorted(p.name for p in folder.iterdir()) == ["cv.html", "cv.pdf"]
    with pytest.raises(CvError):
        write_if_changed(folder / "cv.pdf" / "inside-a-file.txt", b"x")
    assert not list(tmp_path.rglob("*.tmp"))


def test_write_if_changed_onto_a_folder_fails_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "cv.pdf"
    folder.mkdir()
    with pytest.raises(CvError) as info:
        write_if_changed(folder, b"%PDF")
    assert str(folder) in str(only_problem(info))
    assert folder.is_dir() and not list(folder.iterdir())


# ---------------------------------------------------------------- check_writable / write_all


def test_check_writable_accepts_new_files_in_new_folders(tmp_path: Path) -> None:
    check_writable([tmp_path / "a" / "b" / "cv.pdf", tmp_path / "cv.html"])
    assert not (tmp_path / "a").exists(), "checking creates nothing"


def test_check_writable_refuses_a_folder_as_target(tmp_path: Path) -> None:
    (tmp_path / "cv.pdf").mkdir()
    with pytest.raises(CvError) as info:
        check_writable([tmp_path / "cv.pdf"])
    problem = only_problem(info)
    assert str(tmp_path / "cv.pdf") in problem.message and "folder" in problem.message
    assert problem.hint


def test_a_file_where_a_folder_should_be_stops_the_whole_batch(tmp_path: Path) -> None:
    site = tmp_path / "site"
    blocker = write(site / "files", "a file named like the folder the PDF goes into\n")
    batch = {
        site / "_includes" / "cv-download.html": b"<a>CV</a>",
        site / "files" / "cv.pdf": b"%PDF",
        site / "files" / "web" / "cv.html": b"<html>",
        site / "cv.txt": b"text",
    }
    with pytest.raises(CvError) as info:
        write_all(batch)
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 2, messages  # both blocked targets are listed, in one error
    assert all(str(blocker) in m for m in messages)
    assert any(str(site / "files" / "cv.pdf") in m for m in messages)
    assert any(str(site / "files" / "web" / "cv.html") in m for m in messages)
    assert sorted(p.name for p in site.iterdir()) == ["files"], "nothing of the batch was written"
    assert blocker.read_text(encoding="utf-8").startswith("a file named like")


def test_write_all_returns_only_the_changed_files(tmp_path: Path) -> None:
    pdf, html = tmp_path / "out" / "cv.pdf", tmp_path / "out" / "cv.html"
    assert write_all({pdf: b"%PDF", html: b"<html>"}) == [pdf, html]
    assert write_all({pdf: b"%PDF", html: b"<html>"}) == []
    assert write_all({pdf: b"%PDF", html: b"<html lang=en>"}) == [html]
    assert html.read_bytes() == b"<html lang=en>"


# ---------------------------------------------------------------- is_within


def test_is_within_plain_paths(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "img").mkdir(parents=True)
    assert is_within(root / "img" / "me.png", root)
    assert is_within(root, root)
    assert is_within(root / "not-yet-there.png", root), "a missing file can still be inside"
    assert not is_within(tmp_path / "other.png", root)
    assert not is_within(tmp_path / "site-backup" / "me.png", root), "a shared name prefix is not containment"


def test_is_within_resolves_dot_dot(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "img").mkdir(parents=True)
    assert is_within(root / "img" / ".." / "cv.yaml", root)
    assert not is_within(root / ".." / "secrets.txt", root)
    assert not is_within(root / "img" / ".." / ".." / "site-other" / "x", root)
    assert not is_within(Path("/etc/passwd"), root)


def test_a_symlink_out_of_the_root_is_not_within(tmp_path: Path) -> None:
    root, outside = tmp_path / "site", tmp_path / "private"
    (root / "img").mkdir(parents=True)
    secret = write(outside / "key.txt", "secret\n")
    (root / "link").symlink_to(outside, target_is_directory=True)
    (root / "img" / "photo.png").symlink_to(secret)
    (root / "inner").symlink_to(root / "img", target_is_directory=True)
    assert not is_within(root / "link" / "key.txt", root)
    assert not is_within(root / "img" / "photo.png", root)
    assert is_within(root / "inner" / "me.png", root), "a symlink that stays inside is fine"


def test_is_within_a_symlinked_root(tmp_path: Path) -> None:
    real = tmp_path / "real-site"
    (real / "img").mkdir(parents=True)
    (tmp_path / "site").symlink_to(real, target_is_directory=True)
    assert is_within(real / "img" / "me.png", tmp_path / "site")
    assert is_within(tmp_path / "site" / "img" / "me.png", real)


# ---------------------------------------------------------------- same_bytes


def test_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert same_bytes(path, b"%PDF-1.7\n")
    assert not same_bytes(path, b"%PDF-1.7")
    assert not same_bytes(path, b"")
    assert not same_bytes(tmp_path / "missing.pdf", b""), "a missing file never matches, even empty bytes"
    assert not same_bytes(tmp_path, b""), "nor does a folder"
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert same_bytes(empty, b"")


def test_same_bytes_agrees_with_write_if_changed(tmp_path: Path) -> None:
    path = tmp_path / "out" / "cv.html"
    for data in (b"a", b"a", b"b"):
        already = same_bytes(path, data)
        assert write_if_changed(path, data) is (not already)
        assert same_bytes(path, data)
    assert os.listdir(path.parent) == ["cv.html"]
