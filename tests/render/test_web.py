"""The web CV in a real browser (headless Chromium): readable on a phone, for every theme."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLE, run_cli

from cvbuild.render.theme import list_themes

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (scripts/setup-system.sh --test)")

# Appended to a copy of the page: report layout facts through the title, read back with --dump-dom.
PROBE = """<script>
const root = document.documentElement;
const wide = [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1);
document.title = JSON.stringify({scroll: root.scrollWidth, client: root.clientWidth,
  overflowing: wide.slice(0, 3).map(e => e.className || e.tagName),
  font: parseFloat(getComputedStyle(document.body).fontSize)});
</script></body>"""


def browse(page: Path, width: int, profile_dir: Path) -> dict:
    import json
    import re

    probe = page.with_name("probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE), encoding="utf-8")
    out = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={profile_dir}",
            f"--window-size={width},900",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    match = re.search(r"<title>(.*?)</title>", out.stdout)
    assert match, out.stderr[-2000:]
    import html

    return json.loads(html.unescape(match.group(1)))


@pytest.mark.parametrize("theme", [t.name for t in list_themes()])
def test_web_cv_fits_a_phone_screen(theme: str, tmp_path: Path) -> None:
    result = run_cli("render", EXAMPLE, "-o", tmp_path, "-f", "html", "--theme", theme)
    assert result.returncode == 0, result.stderr
    facts = browse(tmp_path / "cv.html", 400, tmp_path / "chromium")
    assert facts["scroll"] <= facts["client"], f"page scrolls sideways: {facts}"
    assert not facts["overflowing"], facts
    assert facts["font"] >= 14  # readable without zooming
