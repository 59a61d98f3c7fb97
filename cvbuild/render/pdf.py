"""HTML → PDF with WeasyPrint. The only module that imports WeasyPrint (≈1 s to import),
so ``--help`` and ``validate`` stay instant.

Three things WeasyPrint does not do by default, done here:
- confine reading: a URL fetcher that serves ``file:`` only under the allowed folders
  (the profile's folder, the theme, the shipped fonts) and ``data:``; never the network;
- surface warnings: WeasyPrint logs missing glyphs, refused URLs and CSS errors to its
  logger, invisible unless a handler is attached; we collect them for the user;
- reproducible bytes: ``pdf_identifier`` derives the /ID from the content, no dates are
  written, and SOURCE_DATE_EPOCH pins the font subsetter's timestamps.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..errors import Warnings

MAX_FILE_BYTES = 20 * 1024 * 1024  # an image or font larger than this is refused


class ConfinedFetcher(URLFetcher):
    """Serve ``data:`` URLs and regular files under ``roots``; refuse everything else."""

    def __init__(self, roots: list[Path], warnings: Warnings, allow_network: bool = False):
        super().__init__(allowed_protocols={"file", "data", "http", "https"} if allow_network else {"file", "data"})
        self.roots = [r.resolve() for r in roots]
        self.warnings = warnings
        self.allow_network = allow_network

    def _refuse(self, url: str, why: str) -> None:
        self.warnings.add(f"refused to load {url}: {why}")
        raise ValueError(f"refused: {url}")

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme in ("http", "https") and self.allow_network:
            return super().fetch(url, headers)
        if scheme != "file":
            self._refuse(url, "cvbuild does not use the network (pass --allow-network to let it)")
        path = Path(unquote(urlparse(url).path)).resolve()  # resolves symlinks and ../
        if not any(path.is_relative_to(root) for root in self.roots):
            self._refuse(url, "it is outside the profile's folder and the theme")
        if not path.is_file():
            self._refuse(url, "not a regular file")
        if path.stat().st_size > MAX_FILE_BYTES:
            self._refuse(url, f"larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), status=200)


class _Collector(logging.Handler):
    def __init__(self, warnings: Warnings):
        super().__init__(level=logging.WARNING)
        self.warnings = warnings

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "refused:" in message:  # already reported by the fetcher, with the reason
            return
        if "notdef" in message.lower() or "glyph" in message.lower():
            message = "some characters have no glyph in any available font and show as boxes: " + message
        self.warnings.add(message.splitlines()[0])


_font_config: FontConfiguration | None = None


def _shared_font_config() -> FontConfiguration:
    """One FontConfiguration per process: reuse makes batch rendering ~3× faster."""
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


def render_pdf(
    html: str,
    *,
    base_url: Path,
    roots: list[Path],
    allow_network: bool = False,
    standard: str | None = None,
) -> tuple[bytes, int, Warnings]:
    """Lay out ``html``; return the PDF bytes, the page count and WeasyPrint's warnings.

    Reads only files under ``roots``.
    """
    warnings = Warnings()
    fetcher = ConfinedFetcher(roots, warnings, allow_network)
    handler = _Collector(warnings)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher)
        laid_out = document.render(font_config=_shared_font_config())
        # Without hb-subset, the font subsetter stamps the current time into each font; pin it.
        # Set only around the write, and restored: the "last updated" date reads SOURCE_DATE_EPOCH.
        saved = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = saved or "0"
        try:
            pdf = laid_out.write_pdf(pdf_identifier=True, pdf_variant=standard)
        finally:
            if saved is None:
                del os.environ["SOURCE_DATE_EPOCH"]
    finally:
        logger.removeHandler(handler)
    return pdf, len(laid_out.pages), warnings
