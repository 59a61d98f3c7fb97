"""The web CV in headless Chromium, as a reader sees it: at 1280 px, at 400 px (a phone), in dark mode
and in the browser's print preview, for every theme. The page must use the fonts it embeds (the
PDF's letters, checked in ``document.fonts``), keep text contrast at 4.5:1 or more, never scroll
sideways, and (sidebar) show the name before the contact card on a phone.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from helpers import EXAMPLE, FIXTURES, build, pdf_fonts

from cvbuild.render.theme import list_themes

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (scripts/setup-system.sh --test)")
THEMES = [t.name for t in list_themes()]

# Appended to a copy of the page: once the fonts are ready, layout facts go into the title (read back with
# --dump-dom). Contrast is measured for every element with text of its own, against the first opaque
# background among its ancestors.
PROBE = """<script>
function rgba(text) { const m = text.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : [...m, 1]; }
function lum([r, g, b]) {
  const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}
function background(e) {
  for (; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0.5) return c; }
  return rgba(getComputedStyle(document.documentElement).backgroundColor)[3] > 0.5
    ? rgba(getComputedStyle(document.documentElement).backgroundColor) : [255, 255, 255, 1];
}
document.fonts.ready.then(() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1);
  const low = [];
  for (const e of document.querySelectorAll('body *')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !e.getClientRects().length) continue;
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const fg = rgba(style.color), bg = background(e);
    const a = lum(fg), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${e.tagName}.${e.className} ${ratio.toFixed(2)}`);
  }
  const box = s => { const e = document.querySelector(s); if (!e) return null;
    const r = e.getBoundingClientRect(); return {top: r.top, left: r.left}; };
  document.title = JSON.stringify({
    scroll: root.scrollWidth, client: root.clientWidth,
    overflowing: wide.slice(0, 3).map(e => e.className || e.tagName),
    font: parseFloat(getComputedStyle(document.body).fontSize),
    family: getComputedStyle(document.body).fontFamily,
    loaded: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, '')),
    low: low.slice(0, 5),
    background: getComputedStyle(root).backgroundColor,
    name: box('.name'), side: box('.sidebar'), main: box('main'),
  });
});
</script></body>"""


def _chromium(*args: str, profile_dir: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
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
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def browse(page: Path, width: int, profile_dir: Path, *, dark: bool = False) -> dict:
    probe = page.with_name(f"probe-{width}{'-dark' if dark else ''}.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE), encoding="utf-8")
    scheme = ["--force-prefers-color-scheme=dark", "--blink-settings=preferredColorScheme=0"] if dark else []
    out = _chromium(
        *scheme,
        f"--window-size={width},900",
        "--virtual-time-budget=5000",
        "--dump-dom",
        probe.as_uri(),
        profile_dir=profile_dir,
    )
    match = re.search(r"<title>(\{.*?\})</title>", out.stdout, re.S)
    assert match, out.stderr[-2000:]
    return json.loads(html.unescape(match.group(1)))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("web")
    return {
        theme: build(EXAMPLE, out, formats=("pdf", "html"), theme=theme, name=theme).outputs["html"] for theme in THEMES
    }


@pytest.mark.parametrize("theme", THEMES)
def test_desktop_page_uses_the_embedded_fonts_at_a_reading_size(
    pages: dict[str, Path], theme: str, tmp_path: Path
) -> None:
    facts = browse(pages[theme], 1280, tmp_path / "chromium")
    family = "cvbuild Serif" if theme == "classic" else "cvbuild Sans"
    assert facts["family"].startswith(f'"{family}"'), facts["family"]
    assert family in facts["loaded"], facts["loaded"]  # embedded, loaded and used for the text
    assert "cvbuild Icons" in facts["loaded"], facts["loaded"]
    assert 15 <= facts["font"] <= 17, facts["font"]
    assert not facts["low"], f"text below 4.5:1 contrast: {facts['low']}"
    assert facts["scroll"] <= facts["client"], facts
    html_text = pages[theme].read_text(encoding="utf-8")
    assert "font/woff2;base64," in html_text and "font-synthesis: none" in html_text
    assert '<a href="' + theme + '.pdf" download>' in html_text  # the PDF beside it


@pytest.mark.parametrize("theme", THEMES)
def test_phone_page_fits_and_puts_the_name_first(pages: dict[str, Path], theme: str, tmp_path: Path) -> None:
    facts = browse(pages[theme], 400, tmp_path / "chromium")
    assert facts["scroll"] <= facts["client"], f"page scrolls sideways: {facts}"
    assert not facts["overflowing"], facts
    assert facts["font"] >= 15
    assert not facts["low"], facts["low"]
    if facts["side"] is not None:
        assert facts["name"]["top"] < facts["side"]["top"], facts  # the name before the contact card


def test_sidebar_sits_beside_the_text_on_a_desktop(pages: dict[str, Path], tmp_path: Path) -> None:
    facts = browse(pages["sidebar"], 1280, tmp_path / "chromium")
    assert facts["side"]["left"] < facts["main"]["left"] and facts["side"]["top"] <= facts["main"]["top"], facts


@pytest.mark.parametrize("theme", THEMES)
def test_dark_mode_is_dark_and_readable(pages: dict[str, Path], theme: str, tmp_path: Path) -> None:
    facts = browse(pages[theme], 1280, tmp_path / "chromium", dark=True)
    red, green, blue = (int(v) for v in re.findall(r"\d+", facts["background"])[:3])
    assert red + green + blue < 150, facts["background"]
    assert not facts["low"], f"dark mode text below 4.5:1: {facts['low']}"


@pytest.mark.parametrize("theme", THEMES)
def test_print_preview_keeps_the_fonts_the_column_and_plain_links(
    pages: dict[str, Path], theme: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "printed.pdf"
    result = _chromium(
        "--no-pdf-header-footer",
        "--virtual-time-budget=5000",
        f"--print-to-pdf={pdf}",
        pages[theme].as_uri(),
        profile_dir=tmp_path / "chromium",
    )
    assert pdf.is_file(), result.stderr[-2000:]
    fonts = pdf_fonts(pdf)
    family = "cvbuildSerif" if theme == "classic" else "cvbuildSans"
    assert any(family in name.replace(" ", "").replace("-", "") for name in fonts), fonts
    with pdfplumber.open(pdf) as document:
        first = document.pages[0].extract_text() or ""
        assert len(document.pages) <= 4
    assert "elena.marquez@example.org" in first and "Elena Márquez" in first
    if theme == "sidebar":
        assert "Programming" in first  # the column's skills are printed on page one
    assert "PDF" not in first.split("Elena Márquez", 1)[1][:200]  # the PDF button is for the screen only


def test_sparse_sidebar_web_page_has_no_empty_box(tmp_path: Path) -> None:
    page = build(FIXTURES / "design" / "sparse" / "cv.yaml", tmp_path, formats=("html",), theme="sidebar")
    text = page.outputs["html"].read_text(encoding="utf-8")
    assert "<aside" not in text and "no-column" in text
    facts = browse(page.outputs["html"], 1280, tmp_path / "chromium")
    assert facts["side"] is None and facts["scroll"] <= facts["client"]
