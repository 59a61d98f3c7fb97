"""HTML → PDF with WeasyPrint. The only module that imports WeasyPrint (≈1 s to import),
so ``--help`` and ``validate`` stay instant.

Three things WeasyPrint does not do by default, done here:
- confine reading: a URL fetcher that serves ``file:`` only under the allowed folders
  (the profile's folder, the theme, the shipped fonts) and ``data:``; never the network;
- surface warnings: WeasyPrint logs missing glyphs, refused URLs and CSS errors to its
  logger, invisible unless a handler is attached; we collect them for the user;
- reproducible bytes: ``pdf_identifier`` derives the /ID from the content, no dates are
  written, and SOURCE_DATE_EPOCH pins the font subsetter's timestamps.

And one thing about loading it: on Linux, WeasyPrint 70 finds Pango, HarfBuzz and friends
by trying Windows and macOS names first, and every miss runs ``ctypes.util.find_library``,
which forks ``ldconfig``, ``gcc`` and ``ld`` (22 look-ups, ~55 processes, a fifth of a
second or more of a cold render). :func:`_import_weasyprint` answers those look-ups from the
libraries' Linux sonames for the duration of the import (see
benchmarks/NOTES-weasyprint-find-library.md): the same libraries are loaded, without forking.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

# Every name WeasyPrint 70 (weasyprint/text/ffi.py) tries for a library → that library's Linux soname.
# Sonames are the ABI's name, the same on every Linux distribution (glibc and musl alike).
_LINUX_SONAMES = {
    "libgobject-2.0.so.0": (
        "libgobject-2.0-0",
        "gobject-2.0-0",
        "gobject-2.0",
        "libgobject-2.0.0.dylib",
        "libgobject-2.0-0.dll",
    ),
    "libpango-1.0.so.0": ("libpango-1.0-0", "pango-1.0-0", "pango-1.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"),
    "libharfbuzz.so.0": ("libharfbuzz-0", "harfbuzz", "harfbuzz-0.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
    "libharfbuzz-subset.so.0": (
        "libharfbuzz-subset-0",
        "harfbuzz-subset",
        "harfbuzz-subset-0.0",
        "libharfbuzz-subset.0.dylib",
        "libharfbuzz-subset-0.dll",
    ),
    "libharfbuzz-vector.so.0": (
        "libharfbuzz-vector-0",
        "harfbuzz-vector",
        "harfbuzz-vector-0.0",
        "libharfbuzz-vector.0.dylib",
        "libharfbuzz-vector-0.dll",
    ),
    "libfontconfig.so.1": (
        "libfontconfig-1",
        "fontconfig-1",
        "fontconfig",
        "libfontconfig.1.dylib",
        "libfontconfig-1.dll",
    ),
    "libpangoft2-1.0.so.0": (
        "libpangoft2-1.0-0",
        "pangoft2-1.0-0",
        "pangoft2-1.0",
        "libpangoft2-1.0.dylib",
        "libpangoft2-1.0-0.dll",
    ),
}
# Libraries WeasyPrint loads only if present (allow_fail): when the soname does not load, they are
# absent, and the answer "not found" needs no search. For the others a miss asks the real search.
_OPTIONAL = {"libharfbuzz-subset.so.0", "libharfbuzz-vector.so.0"}


def _soname_finder(real: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """A ``find_library`` that answers WeasyPrint's names from :data:`_LINUX_SONAMES` without forking.

    Each soname is checked by loading it (WeasyPrint loads it next anyway); a name it does not
    know, or a required library whose soname does not load, goes to the real search.
    """
    import ctypes

    by_name = {name: soname for soname, names in _LINUX_SONAMES.items() for name in (soname, *names)}
    loads: dict[str, bool] = {}

    def find_library(name: str) -> str | None:
        soname = by_name.get(name)
        if soname is None:
            return real(name)
        if soname not in loads:
            try:
                ctypes.CDLL(soname)
                loads[soname] = True
            except OSError:
                loads[soname] = False
        if loads[soname]:
            return soname
        return None if soname in _OPTIONAL else real(name)

    return find_library


def _import_weasyprint() -> None:
    """``import weasyprint`` with its library search answered from Linux sonames (see the module's docs).

    Everything is put back afterwards; if the quick import fails in any way, the half-imported
    modules are dropped and WeasyPrint is imported the normal way, which reports what is missing.
    """
    if not sys.platform.startswith("linux") or "weasyprint" in sys.modules:
        return
    import ctypes.util

    real = ctypes.util.find_library
    ctypes.util.find_library = _soname_finder(real)  # type: ignore[assignment]  # same signature
    try:
        import weasyprint  # noqa: F401
    except Exception:
        for module in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[module]
    finally:
        ctypes.util.find_library = real


_import_weasyprint()

import weasyprint  # noqa: E402 (after the quick import above, which it reuses)
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

from ..errors import Warnings  # noqa: E402

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
