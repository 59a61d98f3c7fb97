"""Shared pytest options."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-references",
        action="store_true",
        default=False,
        help="Re-render the visual regression references in tests/references/ instead of comparing with them.",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Caches (output stamps outside git, web-font subsets) go to a fresh folder per test run.

    A stamp left in ~/.cache by an earlier run could otherwise make a render report "unchanged".
    """
    import os
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cvbuild-test-cache-")
