"""``cvbuild.assets``: the data files cvbuild ships must be there, licensed, and usable as is.

The PDF never uses the machine's fonts, so every file named in :data:`cvbuild.render.fonts.FAMILIES`
must be in :data:`FONT_DIR` as a real font (not, say, a Git LFS pointer), and the OFL obliges us to
ship each family's licence beside it. ``cvbuild new`` copies :data:`STARTER_PROFILE` for a user's
first run, so it must validate without a single warning, and ``new`` must write it unchanged along
with a JSON Schema editors can parse.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import run_cli

from cvbuild.assets import ASSETS_DIR, FONT_DIR, STARTER_PROFILE
from cvbuild.render.fonts import FAMILIES

# How a TrueType/OpenType file starts: TrueType outlines, Apple's 'true', or CFF outlines.
FONT_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO")


def font_files() -> dict[str, list[str]]:
    """Family key → the file names FAMILIES gives for it."""
    return {kind: [file for file, _weight, _style in faces] for kind, (_css, faces) in FAMILIES.items()}


def test_the_asset_paths_are_inside_the_package() -> None:
    assert ASSETS_DIR.is_dir() and ASSETS_DIR.name == "assets"
    assert FONT_DIR.parent == ASSETS_DIR and STARTER_PROFILE.parent == ASSETS_DIR


def test_every_named_font_file_is_shipped_and_is_a_font() -> None:
    named = [file for files in font_files().values() for file in files]
    assert named, "FAMILIES names no fonts"
    missing = [file for file in named if not (FONT_DIR / file).is_file()]
    assert not missing, f"named in FAMILIES but not in {FONT_DIR}: {missing}"
    not_fonts = [file for file in named if (FONT_DIR / file).read_bytes()[:4] not in FONT_MAGIC]
    assert not not_fonts, f"not TrueType/OpenType data (an LFS pointer?): {not_fonts}"


def test_no_font_is_shipped_that_no_family_uses() -> None:
    named = {file for files in font_files().values() for file in files}
    shipped = {p.name for p in FONT_DIR.iterdir() if p.suffix.lower() in (".ttf", ".otf", ".woff", ".woff2")}
    assert shipped - named == set(), "fonts in the wheel that FAMILIES never loads"


def test_every_family_has_its_ofl_licence() -> None:
    licences = FONT_DIR / "LICENSES"
    assert licences.is_dir()
    for kind, files in font_files().items():
        # A family's files share a prefix (CvbuildSerif-Bold.ttf → CvbuildSerif); its licence is
        # named after it, possibly with the upstream vendor in front (IBMPlexMono-OFL.txt for PlexMono-*).
        prefixes = {file.split("-")[0] for file in files}
        assert len(prefixes) == 1, f"{kind}: files of one family with different prefixes: {files}"
        [prefix] = prefixes
        found = sorted(licences.glob(f"*{prefix}-OFL.txt"))
        assert len(found) == 1, f"{kind}: expected one {prefix}-OFL.txt licence in {licences}, found {found}"
        text = found[0].read_text(encoding="utf-8")
        assert "SIL OPEN FONT LICENSE VERSION 1.1" in text.upper(), f"{found[0].name} is not the OFL 1.1"
        assert "Copyright" in text.splitlines()[0], f"{found[0].name} does not start with the copyright line"


def test_the_starter_profile_validates_without_warnings(tmp_path: Path) -> None:
    profile = tmp_path / "cv.yaml"
    shutil.copyfile(STARTER_PROFILE, profile)
    result = run_cli("validate", "--strict", "cv.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout
    assert result.stderr.strip() == "", "the starter should not produce a single warning"


def test_new_writes_the_starter_and_a_schema(tmp_path: Path) -> None:
    result = run_cli("new", "my-cv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "my-cv"
    assert sorted(p.name for p in folder.iterdir()) == ["cv.schema.json", "cv.yaml"]
    assert (folder / "cv.yaml").read_text(encoding="utf-8") == STARTER_PROFILE.read_text(encoding="utf-8")
    schema = json.loads((folder / "cv.schema.json").read_text(encoding="utf-8"))
    assert isinstance(schema, dict) and {"person", "sections"} <= set(schema.get("properties", {}))
    first_line = STARTER_PROFILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.endswith("$schema=cv.schema.json"), "the starter points editors at the schema written beside it"
