"""The commands a user types: help, validate, themes, schema, new."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from helpers import EXAMPLE, pdf_text, run_cli


def _imported_modules(*argv: str) -> set[str]:
    """Run the CLI in-process in a fresh interpreter and list what it imported."""
    code = (
        "import sys\nfrom cvbuild.app.cli import app\n"
        f"try:\n    app({list(argv)!r})\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return set(out.stdout.split())


def test_help_and_validate_do_not_import_weasyprint() -> None:
    for argv in (["--help"], ["validate", str(EXAMPLE)]):
        modules = _imported_modules(*argv)
        assert "cvbuild.app.cli" in modules
        assert "weasyprint" not in modules, argv
    assert "cvbuild.model" in _imported_modules("validate", str(EXAMPLE))


def test_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("render", "validate", "themes", "schema", "new"):
        assert command in result.stdout


def test_validate_reports_ok() -> None:
    result = run_cli("validate", EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_themes_lists_name_then_description() -> None:
    result = run_cli("themes")
    lines = result.stdout.strip().splitlines()
    names = [line.split("\t")[0] for line in lines]
    assert "classic" in names
    assert all("\t" in line and line.split("\t")[1].strip() for line in lines)


def test_schema_is_valid_and_accepts_the_example() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(example)
    bad = {**example, "persn": {}}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_new_creates_a_starter_that_renders(tmp_path: Path) -> None:
    result = run_cli("new", "my-cv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "my-cv" / "cv.yaml").is_file()
    starter = (tmp_path / "my-cv" / "cv.yaml").read_text(encoding="utf-8")
    assert starter.startswith("# yaml-language-server: $schema=cv.schema.json")
    schema = json.loads((tmp_path / "my-cv" / "cv.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(starter))
    again = run_cli("new", "my-cv", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr
    rendered = run_cli("render", "cv.yaml", cwd=tmp_path / "my-cv")
    assert rendered.returncode == 0, rendered.stderr
    text = " ".join(pdf_text(tmp_path / "my-cv" / "cv.pdf").split())
    assert "Alex Researcher" in text and "Physical Review B" in text


def test_version() -> None:
    from cvbuild import __version__

    assert run_cli("--version").stdout.strip() == f"cvbuild {__version__}"


def test_committed_schema_is_current() -> None:
    """cv.schema.json at the repository root (for editors and $schema links) matches the model."""
    committed = json.loads((EXAMPLE.parent.parent.parent / "cv.schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(run_cli("schema").stdout), "run: cvbuild schema > cv.schema.json"


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    (tmp_path / "q.bib").write_text("@misc{k, title={A Title}, author={Bo Lind}}\n", encoding="utf-8")
    profile = tmp_path / "cv.yaml"
    profile.write_text("person: {name: Bo Lind}\nsections:\n  - title: Papers\n    bib: q.bib\n", encoding="utf-8")
    loud = run_cli("render", profile, "-o", tmp_path / "a", "-f", "html")
    assert loud.returncode == 0 and "has no year" in loud.stderr  # the warning exists
    quiet = run_cli("render", profile, "-o", tmp_path / "b", "-f", "html", "-q")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""


def test_every_command_has_examples_and_a_whole_summary() -> None:
    top = run_cli("-h")
    assert top.returncode == 0 and "--install-completion" in top.stdout
    commands = ["render", "serve", "import", "hook", "validate", "themes", "schema", "new", "export"]
    summaries = top.stdout.split("Commands:")[1]
    assert "..." not in summaries  # click cuts long summaries with "...": each command has a short one
    for command in [*commands, "theme new"]:
        shown = run_cli(*command.split(), "-h")
        assert shown.returncode == 0, command
        assert "Examples:" in shown.stdout and f"cvbuild {command}" in shown.stdout, command
