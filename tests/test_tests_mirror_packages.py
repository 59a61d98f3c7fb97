"""The tests mirror the package: every package of cvbuild/ has a test folder with tests in it."""

from __future__ import annotations

from helpers import ROOT


def test_every_package_has_a_test_folder() -> None:
    packages = sorted(p.parent.name for p in (ROOT / "cvbuild").glob("*/__init__.py"))
    assert packages, "no packages found under cvbuild/"
    missing = [name for name in packages if not list((ROOT / "tests" / name).glob("test_*.py"))]
    assert not missing, f"packages without tests/<name>/test_*.py: {missing}"


# Test folders that cut across packages on purpose: the hostile-input corpus runs the whole CLI.
CROSS_CUTTING = {"robustness"}


def test_every_test_folder_names_a_package() -> None:
    folders = [
        p
        for p in (ROOT / "tests").iterdir()
        if p.is_dir() and list(p.glob("test_*.py")) and p.name not in CROSS_CUTTING
    ]
    strays = [p.name for p in folders if not (ROOT / "cvbuild" / p.name / "__init__.py").is_file()]
    assert not strays, f"test folders that mirror no package: {strays}"
