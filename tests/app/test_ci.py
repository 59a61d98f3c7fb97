"""CI recipes: the composite action and the example workflows are valid, and the action's
shell steps really render a CV.

The files are checked offline against the schemas check-jsonschema bundles (GitHub action,
GitHub workflow, GitLab CI). The action's ``run:`` scripts are taken out of action.yml and
run here with bash, with ``${{ inputs.* }}`` filled in the way the runner would (the scripts
get inputs only through ``env:``), in a throwaway git repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, pdf_text, write

ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / "docs" / "ci").glob("github-*.yml"))
GITLAB = ROOT / "docs" / "ci" / "gitlab-ci.yml"

PROFILE = """\
person:
  name: Saoirse Ndiaye-Park
  headline: Research Software Engineer
sections:
  - title: Experience
    entries:
      - title: Research Software Engineer
        organisation: Institute of Examples
        start: 2020-02
        end: present
"""


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    return subprocess.run([exe, "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True)


def test_action_is_valid() -> None:
    result = check_jsonschema("vendor.github-actions", ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_mistakes(tmp_path: Path) -> None:
    broken = write(tmp_path / "action.yml", ACTION.read_text().replace("using: composite", "using: compost"))
    assert check_jsonschema("vendor.github-actions", broken).returncode != 0


def test_example_workflows_are_valid() -> None:
    assert len(WORKFLOWS) >= 3
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.gitlab-ci", GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr


def test_recipes_say_what_matters() -> None:
    commit_back = (ROOT / "docs" / "ci" / "github-commit-back.yml").read_text()
    assert "GITHUB_TOKEN does not trigger" in commit_back  # the caveat, where people copy from
    gitlab = yaml.safe_load(GITLAB.read_text())
    assert gitlab["cv"]["artifacts"] == {"paths": ["files/cv.pdf"], "expose_as": "CV PDF", "expire_in": "30 days"}
    action = yaml.safe_load(ACTION.read_text())
    upload = next(s for s in action["runs"]["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["uses"] == "actions/upload-artifact@v4" and upload["if"] == "inputs.upload == 'true'"
    assert upload["with"]["if-no-files-found"] == "error"
    for step in action["runs"]["steps"]:  # inputs reach scripts only through env: (no injection)
        assert "${{" not in step.get("run", "")


# ---------------------------------------------------------------- running the action's steps


def action_step(name: str) -> dict:
    steps = yaml.safe_load(ACTION.read_text())["runs"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def run_step(step: dict, cwd: Path, inputs: dict[str, str], tmp: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run one composite step's script as the runner would; return the result and $GITHUB_OUTPUT."""
    defaults = {k: str(v.get("default", "")) for k, v in yaml.safe_load(ACTION.read_text())["inputs"].items()}
    values = {**defaults, **inputs}

    def expand(text: str) -> str:
        text = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], text)
        return re.sub(r"\$\{\{\s*github\.action_path\s*\}\}", str(ROOT), text)

    output = tmp / "github_output"
    output.write_text("")
    env = {**os.environ, "GITHUB_OUTPUT": str(output)}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update({key: expand(str(value)) for key, value in (step.get("env") or {}).items()})
    assert step["shell"] == "bash"
    result = subprocess.run(
        ["bash", "-e", "-c", expand(step["run"])], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
    )
    return result, output.read_text()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A CV repository whose last commit is from 15 March 2024."""
    root = tmp_path / "repo"
    write(root / "cv.yaml", PROFILE)
    date = "2024-03-15T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    env |= {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "cv"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return root


def test_render_step_renders_with_the_commit_date(repo: Path, tmp_path: Path) -> None:
    result, output = run_step(action_step("Render the CV"), repo, {"output": "out"}, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert output == "pdf=out/cv.pdf\n"
    text = pdf_text(repo / "out" / "cv.pdf")
    assert "Saoirse Ndiaye-Park" in text
    assert "Last updated March 2024" in text  # SOURCE_DATE_EPOCH from `git log -1`, not the runner's clock


def test_render_step_publishes_into_a_site(repo: Path, tmp_path: Path) -> None:
    write(repo / "hugo.toml", 'title = "S"\n')
    write(repo / "content" / "_index.md", "---\ntitle: Home\n---\n")
    result, output = run_step(action_step("Render the CV"), repo, {"site-dir": "."}, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = repo / output.strip().removeprefix("pdf=")  # relative to the workspace, as upload-artifact wants
    assert output == "pdf=static/uploads/resume.pdf\n"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "site: hugo" in result.stderr


def test_render_step_rejects_a_bad_source_date(repo: Path, tmp_path: Path) -> None:
    result, _ = run_step(action_step("Render the CV"), repo, {"source-date": "yesterday"}, tmp_path)
    assert result.returncode == 1 and "source-date must be" in result.stdout


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian-like system")
def test_system_libraries_step_is_a_no_op_when_installed(tmp_path: Path) -> None:
    """On this machine the libraries are installed (scripts/setup-system.sh): the step checks, installs nothing."""
    installed = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}\n", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"],
        capture_output=True,
        text=True,
    )
    if installed.stdout.count("install ok installed") != 3:
        pytest.skip("WeasyPrint's libraries are not all installed here; the step would run apt-get")
    result, _ = run_step(action_step("Install the system libraries WeasyPrint needs"), tmp_path, {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "apt-get" not in result.stdout + result.stderr


def test_pre_commit_manifest_is_valid() -> None:
    """pre-commit's own check of .pre-commit-hooks.yaml (the file users' configs point at)."""
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    root = ROOT
    done = subprocess.run([pre_commit, "validate-manifest", ".pre-commit-hooks.yaml"], cwd=root, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
