"""The README's two commands are the ones that work: .ci/run runs exactly the test command."""

from __future__ import annotations

import re
import subprocess

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    test_command = next(c for c in _commands() if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == test_command


def test_both_commands_use_a_virtual_environment_and_the_setup_script() -> None:
    install, tests = _commands()[0], next(c for c in _commands() if "pytest" in c)
    for command in (install, tests):
        assert command.startswith("bash scripts/setup-system.sh")
        assert "python3 -m venv .venv && . .venv/bin/activate && pip install" in command  # PEP 668 systems
    assert "cvbuild render examples/academic/cv.yaml" in install


def test_the_setup_script_is_valid_bash() -> None:
    assert subprocess.run(["bash", "-n", str(ROOT / "scripts" / "setup-system.sh")]).returncode == 0
