"""Bad input: one clear, located message per problem, exit 1, no traceback, nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLE, run_cli, write

GOOD = """\
person:
  name: Ada Lovelace
  email: ada@example.org
sections:
  - title: Education
    entries:
      - title: PhD
        organisation: University of London
        start: 2015-09
        end: 2020
"""


def check_error(result, *needles: str) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in:\n{result.stderr}"
    return result.stderr


@pytest.mark.parametrize(
    ("body", "needles"),
    [
        pytest.param(
            "person:\n  name: [Ada\n", ["cv.yaml:2:9", "YAML syntax error", "noticed at line 3"], id="yaml-syntax"
        ),
        pytest.param("person:\n  name: Ada\n  name: Bob\n", ["cv.yaml:3:3", "appears twice"], id="duplicate-key"),
        pytest.param(
            "person:\n  name: Ada\n  emial: a@b.org\n",
            ["cv.yaml:3:3", "person.emial", "did you mean 'email'"],
            id="unknown-key",
        ),
        pytest.param(
            "person:\n  name: Ada\nsections:\n  - title: X\n    entires: []\n",
            ["cv.yaml:4:5", "sections[0]", "'entires' → 'entries'"],
            id="unknown-section-kind",
        ),
        pytest.param(
            "person:\n  name: Ada\nsections:\n  - title: X\n    skills: [a, b]\n",
            ["cv.yaml:5:13", "sections[0].skills", "expected a mapping"],
            id="wrong-type",
        ),
        pytest.param(
            "person:\n  name: Ada\nsections:\n  - title: X\n    items:\n      - date: Smarch 2020\n        text: t\n",
            ["cv.yaml:6:15", "sections[0].items[0].date", "unknown month 'Smarch'"],
            id="bad-date",
        ),
        pytest.param(
            "person:\n  name: Ada\nsections:\n  - title: X\n    entries:\n      - title: t\n"
            "        start: 2020\n        end: 2019-05\n",
            ["cv.yaml:8:14", "sections[0].entries[0].end", "ends (2019-05) before it starts (2020)"],
            id="end-before-start",
        ),
        pytest.param("person:\n  email: ada@example.org\n", ["cv.yaml:2:3", "'name' is required"], id="missing-name"),
        pytest.param(
            "- just\n- a list\n", ["cv.yaml:1:1", "not a cvbuild profile: the file is a list"], id="not-a-mapping"
        ),
        pytest.param(
            "person:\n  name: Ada\ndesign:\n  theme: fancy\n",
            ["unknown theme 'fancy'", "built-in themes"],
            id="unknown-theme",
        ),
    ],
)
def test_bad_profile_gets_a_located_message(tmp_path: Path, body: str, needles: list[str]) -> None:
    write(tmp_path / "cv.yaml", body)
    check_error(run_cli("render", "cv.yaml", "-o", "out", cwd=tmp_path), *needles)
    assert not (tmp_path / "out" / "cv.pdf").exists()


def test_all_problems_reported_in_one_run(tmp_path: Path) -> None:
    write(
        tmp_path / "cv.yaml",
        """\
person:
  name: Ada
  emial: ada@example.org
design:
  page_size: A5
  accent_color: blue
sections:
  - title: Education
    entries:
      - title: PhD
        organisaton: MIT
        start: 2020
        end: 2018
""",
    )
    stderr = check_error(run_cli("validate", "cv.yaml", cwd=tmp_path))
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 5, stderr
    assert "cv.yaml:5:14: design.page_size" in stderr
    assert "cv.yaml:6:17: design.accent_color" in stderr
    assert "did you mean 'organisation'" in stderr
    assert "5 problems; nothing was written." in stderr


def test_missing_binary_and_non_utf8_files(tmp_path: Path) -> None:
    check_error(run_cli("validate", "nope.yaml", cwd=tmp_path), "file not found: nope.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"\x00\x01\x02binary")
    check_error(run_cli("validate", "bin.yaml", cwd=tmp_path), "bin.yaml:1:1", "binary file")
    (tmp_path / "latin1.yaml").write_bytes("person:\n  name: Jos\xe9\n".encode("latin-1"))
    check_error(run_cli("validate", "latin1.yaml", cwd=tmp_path), "latin1.yaml:2", "not valid UTF-8")
    check_error(run_cli("validate", "cv.txt", cwd=write(tmp_path / "cv.txt", "x").parent), "does not know how to read")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    write(tmp_path / "cv.yaml", "person: {}\n")
    result = run_cli("--debug", "validate", "cv.yaml", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_failed_render_leaves_previous_outputs_byte_identical(tmp_path: Path) -> None:
    profile = write(tmp_path / "cv.yaml", GOOD)
    assert run_cli("render", profile, "-o", tmp_path / "out").returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    write(profile, GOOD.replace("end: 2020", "end: 2010"))  # now invalid
    check_error(run_cli("render", profile, "-o", tmp_path / "out"), "before it starts")
    write(profile, GOOD.replace("Ada Lovelace", "Ada Byron") + "design:\n  theme: nosuchtheme\n")
    check_error(run_cli("render", profile, "-o", tmp_path / "out"), "unknown theme")
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert after == before  # same files, same bytes, no stray temp files


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "cv.yaml")
    shutil.copy(EXAMPLE.parent / "papers.bib", tmp_path)  # the example reads its publications from it
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    result = run_cli("render", "cv.yaml", "-o", "out/sub", cwd=tmp_path)
    check_error(result, "cannot write")
