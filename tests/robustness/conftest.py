"""Fixtures of the hostile-input corpus: one previous good render, and the cases run ahead, a core each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import Case, Corpus, make_previous_render


@pytest.fixture(scope="session")
def previous(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The bytes of a good render (cv.pdf, cv.html) that every bad input must leave untouched."""
    return make_previous_render(tmp_path_factory.mktemp("previous"))


@pytest.fixture(scope="session")
def corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, previous: dict[str, bytes]
) -> Iterator[Corpus]:
    """Every selected case, submitted at once so that CLI processes overlap; tests judge them in order."""

    def make_root(name: str) -> Path:
        return tmp_path_factory.mktemp(re.sub(r"[^A-Za-z0-9_-]", "_", name)[:40])

    runner = Corpus(previous, make_root)
    selected = [getattr(item, "callspec", None) for item in request.session.items]
    runner.submit([spec.params["case"] for spec in selected if spec and isinstance(spec.params.get("case"), Case)])
    yield runner
    runner.close()
