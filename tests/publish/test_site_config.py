"""One parser for every place site settings live, typed as the profile model types them."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from helpers import run_cli, write
from pydantic import ValidationError

from cvbuild.errors import CvError
from cvbuild.model.profile import SiteBlock
from cvbuild.publish.site.config import HOOK_FIELDS, SITE_BLOCK_FIELDS, find_hook_config, site_block_of
from cvbuild.publish.site.registry import SITE_KINDS

PROFILE = "person:\n  name: Ines Okafor\nsections: []\n"


def test_the_site_block_fields_are_the_models() -> None:
    assert set(SITE_BLOCK_FIELDS) == set(SiteBlock.model_fields)
    assert set(SITE_BLOCK_FIELDS) - {"dir"} <= set(HOOK_FIELDS)


def test_the_site_kinds_are_the_models_and_the_clis() -> None:
    kind_type = SiteBlock.model_fields["kind"].annotation
    literal = next(a for a in typing.get_args(kind_type) if typing.get_origin(a) is typing.Literal)
    assert list(typing.get_args(literal)) == list(SITE_KINDS)
    help_text = " ".join(run_cli("render", "--help").stdout.split())
    for name in SITE_KINDS:
        assert name in help_text


@pytest.mark.parametrize(
    "spelling", ["true", "false", "True", "FALSE", "yes", "no", "on", "off", "1", "0", "y", "n", "maybe", "2", "[]"]
)
def test_html_page_is_read_as_the_model_reads_it(tmp_path: Path, spelling: str) -> None:
    """`site: {html_page: "false"}` was False for the model and True for the hook; now both agree."""
    profile = write(tmp_path / "cv.yaml", PROFILE + f'site:\n  html_page: "{spelling}"\n')
    try:
        expected: bool | None = SiteBlock.model_validate({"html_page": spelling}).html_page
    except ValidationError:
        expected = None
    if expected is None:
        with pytest.raises(CvError) as info:
            site_block_of(profile)
        problem = info.value.problems[0]
        assert (problem.file, problem.line, problem.path) == (profile, 5, "site.html_page")
        assert "true or false" in problem.message
    else:
        block = site_block_of(profile)
        assert block is not None and block.options.html_page is expected


def test_a_number_for_the_theme_in_pyproject_is_a_located_error(tmp_path: Path) -> None:
    """`[tool.cvbuild] theme = 5` made `cvbuild hook` print a traceback."""
    write(tmp_path / "cv.yaml", PROFILE)
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n\n[tool.cvbuild]\nprofile = "cv.yaml"\ntheme = 5\n')
    with pytest.raises(CvError) as info:
        find_hook_config(tmp_path)
    problem = info.value.problems[0]
    assert (problem.line, problem.column, problem.path) == (6, 9, "theme")
    result = run_cli("hook", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "pyproject.toml:6:9: theme: 5 is not text (put it in quotes)" in result.stderr


def test_every_settings_problem_of_a_file_in_one_run(tmp_path: Path) -> None:
    write(tmp_path / "cv.yaml", PROFILE)
    config = write(tmp_path / "cvbuild.yaml", "profile: cv.yaml\nkind: wordpress\nhtml_page: sometimes\nthme: modern\n")
    with pytest.raises(CvError) as info:
        find_hook_config(tmp_path)
    found = {(p.line, p.path) for p in info.value.problems}
    assert found == {(2, "kind"), (3, "html_page"), (4, "thme")}
    assert all(p.file == config for p in info.value.problems)
    assert "did you mean 'theme'?" in [p.hint for p in info.value.problems if p.path == "thme"][0]


def test_settings_from_each_place(tmp_path: Path) -> None:
    write(tmp_path / "cv.yaml", PROFILE)
    write(tmp_path / "_config.yml", "title: x\ncvbuild:\n  kind: hugo\n  html_page: 'yes'\n  theme: modern\n")
    config = find_hook_config(tmp_path)
    assert (config.options.kind, config.options.html_page, config.options.theme) == ("hugo", True, "modern")
    write(tmp_path / "pyproject.toml", '[tool.cvbuild]\nkind = "generic"\npdf_path = "cv.pdf"\nforce = true\n')
    config = find_hook_config(tmp_path)
    assert (config.options.kind, config.options.pdf_path, config.options.force) == ("generic", "cv.pdf", True)
    assert config.source == "pyproject.toml ([tool.cvbuild])"


def test_a_profile_that_is_not_yaml_has_no_site_block(tmp_path: Path) -> None:
    profile = write(tmp_path / "cv.yaml", "person: [unclosed\n")
    assert site_block_of(profile) is None  # the real load reports it, with its line
