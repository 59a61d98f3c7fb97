"""Render a resolved CV to one HTML document with a theme's Jinja2 templates.

Templates run in Jinja2's sandbox with autoescaping, and StrictUndefined turns a typo in a
template into an error that names the template's file and line.

Besides the CV, templates get what only Python can work out (docs/themes.md lists it all):
``layout`` (the header's contact lines and a column theme's sections, measured in
:mod:`.layout`), ``palette`` (text colours that keep 4.5:1 contrast whatever the accent colour),
``fit`` (the fit-to-pages step: see :mod:`.fit`) and ``pdf_href`` (the PDF beside the web page).
The finished page then goes through :func:`.typeset.typeset` (nothing breaks inside "pp. 12–19"),
and the web page gets the shipped fonts embedded, cut to the characters it uses.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import CvError, Problem
from ..i18n import cjk_lang
from ..resolve import view
from ..resolve.view import ResolvedCV
from .fonts import FAMILIES, ICONS, font_face_css, icon_css, stack, web_font_face_css
from .glyphs import text_of
from .layout import FitStep, plan
from .theme import Theme, ThemeSetup, builtin_themes_dir
from .typeset import typeset

_CSS_SLOT = "/*cvbuild:css*/"


def _environment(theme: Theme, fit: FitStep) -> jinja2.Environment:
    """Templates are looked up in the theme, then in classic (a theme may override any single one),
    then among the built-in themes, for the shared ``_base/`` templates every theme extends.

    Two filters scale the theme's numbers for fit-to-pages: ``{{ 0.55 | space }}em`` (vertical
    spacing) and ``{{ 1.32 | leading }}`` (line height); both are the identity unless fitting.
    """
    fallback = builtin_themes_dir() / "classic"
    paths = [str(theme.path)] + ([str(fallback)] if theme.path.resolve() != fallback.resolve() else [])
    paths.append(str(builtin_themes_dir()))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["space"] = lambda value: f"{float(value) * fit.space:.4g}"
    env.filters["leading"] = lambda value: f"{float(value) * fit.leading:.4g}"
    return env


def web_lang(lang: str) -> str:
    """The ``lang`` attribute: CJK regional forms (zh → zh-Hans) and American English for plain ``en``
    (hyphenation patterns for "en" are British: "applic-ation"); "en-GB" stays British."""
    lang = cjk_lang(lang)
    return "en-US" if lang.lower() == "en" else lang


# ---------------------------------------------------------------------------------------------
# Colours


def _rgb(color: str) -> tuple[float, float, float]:
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(color: str, background: str, ratio: float = 4.5) -> str:
    """``color``, darkened or lightened (towards black or white, whichever the background is not) just
    enough to reach ``ratio`` against ``background``: an accent the user picked stays recognisable."""
    if contrast(color, background) >= ratio:
        return color
    target = (0.0, 0.0, 0.0) if luminance(background) > 0.18 else (1.0, 1.0, 1.0)
    rgb = _rgb(color)
    for step in range(1, 21):
        share = step / 20
        mixed = _hex(tuple(c + (t - c) * share for c, t in zip(rgb, target, strict=True)))  # type: ignore[arg-type]
        if contrast(mixed, background) >= ratio:
            return mixed
    return _hex(target)


PAPER, NIGHT = "#ffffff", "#16181d"


def palette(accent: str) -> dict[str, str]:
    """Colours the themes use for text, each ≥ 4.5:1 against its background (see docs/themes.md)."""
    return {
        "accent": accent,
        "accent_text": readable(accent, PAPER),  # accent-coloured text on paper / the web page
        "accent_night": readable(accent, NIGHT),  # the same in dark mode
        "on_accent": "#ffffff" if contrast("#ffffff", accent) >= contrast("#111111", accent) else "#111111",
        "muted": "#5c6370",  # secondary text: 6.1:1 on white
        "night": NIGHT,
    }


def _template_problem(exc: Exception, theme: Theme) -> Problem:
    """Point at the template line: syntax errors carry it; runtime errors are in the traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(f"template error: {exc.message}", Path(exc.filename or exc.name or "?"), exc.lineno)
    tb = sys.exc_info()[2]
    file, line = None, None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            file, line = Path(name), tb.tb_lineno
        tb = tb.tb_next
    return Problem(f"template error in theme '{theme.name}': {exc}", file, line, hint=_attribute_hint(str(exc)))


def _attribute_hint(message: str) -> str:
    """For "'…ResolvedPerson object' has no attribute 'x'": the names it does have (see docs/themes.md)."""
    match = re.search(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'", message)
    cls = getattr(view, match.group(1), None) if match else None
    if match is None or not dataclasses.is_dataclass(cls):
        return "the template context is described in docs/themes.md"
    names = [f.name for f in dataclasses.fields(cls)]
    close = difflib.get_close_matches(match.group(2), names, n=1)
    return (f"did you mean '{close[0]}'? " if close else "") + "it has: " + ", ".join(names)


def render_html(
    cv: ResolvedCV,
    setup: ThemeSetup,
    *,
    for_print: bool,
    fit: FitStep | None = None,
    pdf_href: str | None = None,
) -> str:
    """The whole CV as one HTML document with its CSS inline.

    ``for_print`` adds @font-face rules for the shipped fonts (file URLs the PDF stage may read);
    the web page instead embeds the same fonts, cut to its characters, as data: URLs, so it has no
    machine-specific paths and loads nothing from the network. ``fit`` is a fit-to-pages step
    (:mod:`.fit`); ``pdf_href`` the PDF's address relative to the web page, when it is published beside it.
    """
    theme, design = setup.theme, setup.design
    fit = fit or FitStep()
    env = _environment(theme, fit)
    font_kind = design.font or theme.font
    # zh → zh-Hans: the lang attribute and the font order pick Chinese, Japanese or Korean glyph forms
    cv = dataclasses.replace(cv, meta=dataclasses.replace(cv.meta, lang=web_lang(cv.meta.lang)))
    lang = cv.meta.lang
    fonts = {
        "body": stack(font_kind, for_print=for_print, lang=lang),
        "serif": stack("serif", for_print=for_print, lang=lang),
        "sans": stack("sans", for_print=for_print, lang=lang),
        "mono": stack("mono", for_print=for_print, lang=lang),
    }
    layout = plan(cv, setup, icons=design.icons, kind=font_kind, leading=fit.leading)
    context = {
        "cv": cv,
        "design": design,
        "margins": design.margin_box(),
        "options": setup.options,
        "theme": {"name": theme.name, "description": theme.description},
        "fonts": fonts,
        "words": cv.words,
        "for_print": for_print,
        "layout": layout,
        "icons": design.icons,
        "palette": palette(design.accent_color),
        "fit": fit,
        "pdf_href": None if for_print else pdf_href,
    }
    try:
        css = env.get_template("style.css.j2").render(context)
        css = icon_css() + "\n" + css
        if for_print:
            css = font_face_css() + "\n" + css
        html = env.get_template("cv.html.j2").render(context, css=jinja2.utils.markupsafe.Markup(_CSS_SLOT))
    except jinja2.TemplateError as exc:
        raise CvError(_template_problem(exc, theme)) from None
    except Exception as exc:  # a bug in a user's template, e.g. a wrong attribute
        if any(tb.tb_frame.f_code.co_filename.endswith(".j2") for tb in _walk(sys.exc_info()[2])):
            raise CvError(_template_problem(exc, theme)) from None
        raise
    html = typeset(_trim_block_whitespace(html))
    if not for_print:
        css = _web_fonts(html, css) + "\n" + css
    return html.replace(_CSS_SLOT, css, 1)


def _web_fonts(html: str, css: str) -> str:
    """@font-face rules embedding the families the CSS names, cut to the characters the page shows
    (its text and the CSS's quoted strings: separators, "[", "]" …) and the icons it uses."""
    kinds = [kind for kind, (family, _faces) in FAMILIES.items() if f'"{family}"' in css]
    chars = text_of(html.replace(_CSS_SLOT, "")) + "".join(re.findall(r'"([^"\\]*)"', css))
    used_icons = set(re.findall(r'class="icon icon-([a-z]+)"', html))
    chars += "".join(chr(ICONS[name][1]) for name in used_icons if name in ICONS)
    return web_font_face_css(chars, kinds)


_BLOCK_TAGS = "div|li|dd|dt|p|h[1-6]|td|th|section|header|footer"
_SPACE_BEFORE_CLOSE = re.compile(rf"[ \t\r\n]+(</(?:{_BLOCK_TAGS})>)")
_SPACE_AFTER_OPEN = re.compile(rf"(<(?:{_BLOCK_TAGS})(?:\s[^>]*)?>)[ \t\r\n]+")


def _trim_block_whitespace(html: str) -> str:
    """Drop whitespace at the inner edges of block elements.

    It never shows in print, but WeasyPrint 70 lays out a flex item ending in a newline as
    two lines (a blank gap under every dated line). Templates stay readable; the output is
    what a careful hand would write. ``<pre>`` is not a block tag here, so it is left alone.
    """
    return _SPACE_AFTER_OPEN.sub(r"\1", _SPACE_BEFORE_CLOSE.sub(r"\1", html))


def _walk(tb: Any) -> list[Any]:
    out = []
    while tb is not None:
        out.append(tb)
        tb = tb.tb_next
    return out
