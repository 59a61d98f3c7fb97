"""``cvbuild.util.dates``: the one rule for a CV's "last updated" date, and what the stamp records of it.

The date must never come from the wall clock (the same inputs must give the same bytes): it is
``SOURCE_DATE_EPOCH`` when set, else the newest git commit of an input, else none. The hook's
up-to-date check records :func:`date_ingredients`, so they must change whenever that date could
change (a new epoch, a new commit of an input) and only then. The git cases run against real
temporary repositories with fixed commit dates.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from helpers import write

from cvbuild.errors import CvError
from cvbuild.util.dates import date_ingredients, last_commit_time, source_date

MARCH = "2024-03-05T12:00:00Z"  # Unix 1709640000
JUNE = "2024-06-01T08:00:00Z"  # Unix 1717228800


def git(repo: Path, *args: str, date: str = MARCH) -> None:
    """Run git in ``repo`` as a fixed person at a fixed time, whatever the machine's git config says."""
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def commit(repo: Path, *files: Path, date: str) -> None:
    git(repo, "add", *(str(f.relative_to(repo)) for f in files))
    git(repo, "commit", "-q", "-m", f"edit at {date}", date=date)


@pytest.fixture
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def repo(tmp_path: Path, no_epoch: None) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    return root


@pytest.fixture
def outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_epoch: None) -> Path:
    """A folder git will not search upwards from, even if the temporary folder sits inside a repository."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = tmp_path / "plain"
    folder.mkdir()
    return folder


# ---------------------------------------------------------------- SOURCE_DATE_EPOCH


def test_source_date_epoch_gives_its_utc_date(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")
    assert source_date([tmp_path / "cv.yaml"]) == dt.date(2024, 3, 5)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709681400")  # 23:30 UTC: still the 5th, whatever the local zone
    assert source_date([]) == dt.date(2024, 3, 5)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " 1709683200\n")  # midnight of the 6th, as a shell may pass it
    assert source_date([]) == dt.date(2024, 3, 6)


def test_source_date_epoch_wins_over_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = write(repo / "cv.yaml", "person: {name: A}\n")
    commit(repo, profile, date=JUNE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")
    assert source_date([profile]) == dt.date(2024, 3, 5)


@pytest.mark.parametrize("value", ["yesterday", "2024-03-05", "1709640000.5"])
def test_an_invalid_epoch_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(CvError) as info:
        source_date([])
    [problem] = info.value.problems
    assert "SOURCE_DATE_EPOCH" in problem.message and repr(value) in problem.message
    assert "not a Unix timestamp" in problem.message
    assert problem.hint


def test_an_empty_epoch_counts_as_unset(outside_git: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "  ")
    assert source_date([write(outside_git / "cv.yaml", "a: 1\n")]) is None


# ---------------------------------------------------------------- git


def test_no_epoch_outside_git_gives_no_date(outside_git: Path) -> None:
    profile = write(outside_git / "cv.yaml", "person: {name: A}\n")
    assert source_date([profile]) is None
    assert last_commit_time(profile) == ""
    assert source_date([]) is None


def test_no_epoch_inside_git_gives_the_commit_date(repo: Path) -> None:
    profile = write(repo / "cv.yaml", "person: {name: A}\n")
    commit(repo, profile, date=MARCH)
    assert last_commit_time(profile) == "1709640000"
    assert source_date([profile]) == dt.date(2024, 3, 5)


def test_the_newest_input_decides(repo: Path) -> None:
    profile = write(repo / "cv.yaml", "person: {name: A}\n")
    bib = write(repo / "refs" / "papers.bib", "@article{a, title={A}}\n")
    commit(repo, profile, date=MARCH)
    commit(repo, bib, date=JUNE)
    assert last_commit_time(bib) == "1717228800"
    assert source_date([profile, bib]) == dt.date(2024, 6, 1)
    assert source_date([bib, profile]) == dt.date(2024, 6, 1)
    assert source_date([profile]) == dt.date(2024, 3, 5), "a commit of another file does not date this one"


def test_untracked_and_missing_files_have_no_commit_time(repo: Path) -> None:
    committed = write(repo / "cv.yaml", "a: 1\n")
    commit(repo, committed, date=MARCH)
    untracked = write(repo / "draft.yaml", "a: 2\n")
    assert last_commit_time(untracked) == ""
    assert last_commit_time(repo / "gone" / "cv.yaml") == "", "a missing folder is not an error"
    assert source_date([untracked]) is None
    assert source_date([committed, untracked]) == dt.date(2024, 3, 5)


def test_uncommitted_edits_keep_the_commit_date(repo: Path) -> None:
    profile = write(repo / "cv.yaml", "a: 1\n")
    commit(repo, profile, date=MARCH)
    write(profile, "a: 2\n")
    assert source_date([profile]) == dt.date(2024, 3, 5)


# ---------------------------------------------------------------- date_ingredients


def test_ingredients_follow_the_epoch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    inputs = [tmp_path / "cv.yaml"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")
    first = date_ingredients(inputs)
    assert date_ingredients(inputs) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717228800")
    second = date_ingredients(inputs)
    assert second != first
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert date_ingredients(inputs) not in (first, second), "unsetting it is a change too"


def test_ingredients_change_when_a_commit_touches_an_input(repo: Path) -> None:
    profile = write(repo / "cv.yaml", "a: 1\n")
    bib = write(repo / "papers.bib", "@misc{a}\n")
    other = write(repo / "README.md", "site\n")
    commit(repo, profile, bib, other, date=MARCH)
    before = date_ingredients([profile, bib])
    assert date_ingredients([bib, profile]) == before, "the order of the inputs does not matter"

    write(other, "site, edited\n")
    commit(repo, other, date=JUNE)
    assert date_ingredients([profile, bib]) == before, "a commit of a non-input changes nothing"

    write(bib, "@misc{a}\n@misc{b}\n")
    commit(repo, bib, date=JUNE)
    after = date_ingredients([profile, bib])
    assert after != before
    assert date_ingredients([profile, bib]) == after


def test_ingredients_change_when_an_input_is_first_committed(repo: Path) -> None:
    profile = write(repo / "cv.yaml", "a: 1\n")
    untracked = date_ingredients([profile])
    commit(repo, profile, date=MARCH)
    assert date_ingredients([profile]) != untracked
