"""``cvbuild.load.registry``: one table of readers, chosen by suffix, imported only when used.

Every format is a module with ``read(path, overrides=None)``; the CLI calls them all the same way,
so the signature is checked on every registered reader, and suffixes must not be claimed twice (the
first match would silently win). An unknown file must say what cvbuild reads. Command-line identity
overrides must win over every format. And ``validate cv.yaml`` and the pre-commit hook must not pay
for the homepage reader's HTML parser, so importing the registry must import no reader.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from helpers import ROOT, write

from cvbuild.errors import CvError
from cvbuild.load.loaded import Loaded
from cvbuild.load.registry import READERS, Reader, load_profile, reader_for

PROFILE = "person:\n  name: Old Name\n  email: old@example.org\nsections: []\n"
RESUME = {"basics": {"name": "Old Name", "email": "old@example.org"}}


def by_name(name: str) -> str:
    [reader] = [r for r in READERS if r.name == name]
    return reader.module


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_every_reader_has_a_read_function_with_the_one_signature(reader: Reader) -> None:
    read = reader.read_function()
    assert callable(read)
    parameters = inspect.signature(read).parameters
    assert list(parameters) == ["path", "overrides"]
    assert parameters["overrides"].default is None, "overrides are optional"
    assert parameters["path"].default is inspect.Parameter.empty


def test_every_reader_has_a_name_and_dotted_lowercase_suffixes() -> None:
    assert READERS
    for reader in READERS:
        assert reader.name and reader.suffixes
        assert all(s.startswith(".") and s == s.lower() for s in reader.suffixes), reader


def test_no_suffix_is_claimed_twice_by_default() -> None:
    """Formats may share a suffix only if told apart by a signature: each suffix has exactly one fallback."""
    suffixes = {suffix for reader in READERS for suffix in reader.suffixes}
    fallbacks = Counter(suffix for reader in READERS if reader.signature is None for suffix in reader.suffixes)
    assert {suffix: fallbacks[suffix] for suffix in suffixes} == dict.fromkeys(suffixes, 1)
    assert [name for name, n in Counter(r.name for r in READERS).items() if n > 1] == []
    assert [module for module, n in Counter(r.module for r in READERS).items() if n > 1] == []


@pytest.mark.parametrize(
    ("file", "module"),
    [
        ("cv.yaml", ".yaml_profile"),
        ("CV.YAML", ".yaml_profile"),
        ("cv.Yml", ".yaml_profile"),
        ("resume.json", ".json_resume"),
        ("Resume.JSON", ".json_resume"),
        ("about.md", ".homepage.reader"),
        ("about.MD", ".homepage.reader"),
        ("_pages/about.markdown", ".homepage.reader"),
        ("my.cv.v2.yaml", ".yaml_profile"),
    ],
)
def test_reader_for_picks_by_suffix_whatever_its_case(tmp_path: Path, file: str, module: str) -> None:
    # Written out: a .yaml file's text is looked at when several formats share the suffix.
    path = write(tmp_path / file, "# About\n\nHello.\n" if module == ".homepage.reader" else PROFILE)
    assert reader_for(path).module == module


@pytest.mark.parametrize("file", ["cv.docx", "cv", "cv.yaml.bak", "cv.pdf"])
def test_an_unknown_suffix_lists_every_format(file: str) -> None:
    with pytest.raises(CvError) as info:
        reader_for(Path(file))
    [problem] = info.value.problems
    assert file in problem.message and problem.file == Path(file)
    for reader in READERS:
        assert reader.name in problem.hint
        assert all(suffix in problem.hint for suffix in reader.suffixes)


def test_load_profile_reads_a_cv_yaml(tmp_path: Path) -> None:
    profile = write(tmp_path / "cv.yaml", PROFILE)
    loaded = load_profile(profile)
    assert isinstance(loaded, Loaded)
    assert loaded.path == profile
    assert loaded.inputs[0] == profile
    assert loaded.profile.person.name == "Old Name"
    assert load_profile(str(profile)).inputs[0] == profile, "a str path works as well"


def test_load_profile_refuses_an_unknown_format_before_reading(tmp_path: Path) -> None:
    with pytest.raises(CvError, match="does not know how to read"):
        load_profile(tmp_path / "missing.docx")


@pytest.mark.parametrize("file", ["cv.yaml", "resume.json", "about.md"])
def test_a_missing_file_of_any_format_is_a_clear_error(tmp_path: Path, file: str) -> None:
    with pytest.raises(CvError) as info:
        load_profile(tmp_path / file)
    assert any(str(tmp_path / file) in str(problem) for problem in info.value.problems)


def test_overrides_win_over_a_cv_yaml(tmp_path: Path) -> None:
    profile = write(tmp_path / "cv.yaml", PROFILE)
    person = load_profile(profile, {"name": "Ana Lima"}).profile.person
    assert person.name == "Ana Lima"
    assert person.email == "old@example.org", "fields not overridden keep the file's value"
    assert load_profile(profile, {"name": ""}).profile.person.name == "Old Name", "an empty override is no override"
    assert load_profile(profile).profile.person.name == "Old Name"


def test_overrides_win_over_a_json_resume(tmp_path: Path) -> None:
    resume = write(tmp_path / "resume.json", json.dumps(RESUME))
    loaded = load_profile(resume, {"name": "Ana Lima"})
    assert loaded.inputs[0] == resume
    assert loaded.profile.person.name == "Ana Lima"
    assert loaded.profile.person.email == "old@example.org"
    assert load_profile(resume).profile.person.name == "Old Name"


def test_an_invalid_override_is_a_clear_error(tmp_path: Path) -> None:
    profile = write(tmp_path / "cv.yaml", PROFILE)
    with pytest.raises(CvError, match="--email"):
        load_profile(profile, {"email": "not an address"})


def test_importing_the_registry_imports_no_reader() -> None:
    """Checked in a fresh interpreter: this test process has long imported every reader."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "import cvbuild.load.registry as registry\n"
        "before = sorted(sys.modules)\n"
        "registry.reader_for(Path('about.md'))\n"  # choosing a reader does not import it either
        "chosen = sorted(sys.modules)\n"
        "registry.reader_for(Path('about.md')).read_function()\n"
        "after = sorted(sys.modules)\n"
        "print(json.dumps([before, chosen, after]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    before, chosen, after = (set(modules) for modules in json.loads(done.stdout))
    readers = {"cvbuild.load" + reader.module for reader in READERS}
    homepage = "cvbuild.load" + by_name("homepage page")
    assert homepage == "cvbuild.load.homepage.reader"
    for modules in (before, chosen):
        assert readers & modules == set()
        assert "tinyhtml5" not in modules
    assert homepage in after, "the check above would notice the reader being imported"
