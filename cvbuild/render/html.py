"""Render a resolved CV to one HTML document with a theme's Jinja2 templates.

Templates run in Jinja2's sandbox with autoescaping, and StrictUndefined turns a typo in a
template into an error that names the template's file and line.
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
from .fonts import font_face_css, stack
from .theme import Theme, ThemeSetup, builtin_themes_dir


def _environment(theme: Theme) -> jinja2.Environment:
    """Templates are looked up in the theme, then in classic (a theme may override any single one),
    then among the built-in themes, for the shared ``_base/cv.html.j2`` every theme extends."""
    fallback = builtin_themes_dir() / "classic"
    paths = [str(theme.path)] + ([str(fallback)] if theme.path.resolve() != fallback.resolve() else [])
    paths.append(str(builtin_themes_dir()))
    return ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


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


def render_html(cv: ResolvedCV, setup: ThemeSetup, *, for_print: bool) -> str:
    """The whole CV as one HTML document with its CSS inline.

    ``for_print`` adds @font-face rules for the shipped fonts (file URLs the PDF stage may
    read); the web page instead names the same families with common fallbacks, so it has no
    machine-specific paths and loads nothing from the network.
    """
    theme, design = setup.theme, setup.design
    env = _environment(theme)
    font_kind = design.font or theme.font
    # zh → zh-Hans: the lang attribute and the font order pick Chinese, Japanese or Korean glyph forms
    cv = dataclasses.replace(cv, meta=dataclasses.replace(cv.meta, lang=cjk_lang(cv.meta.lang)))
    lang = cv.meta.lang
    fonts = {
        "body": stack(font_kind, for_print=for_print, lang=lang),
        "serif": stack("serif", for_print=for_print, lang=lang),
        "sans": stack("sans", for_print=for_print, lang=lang),
        "mono": stack("mono", for_print=for_print, lang=lang),
    }
    context = {
        "cv": cv,
        "design": design,
        "margins": design.margin_box(),
        "options": setup.options,
        "theme": {"name": theme.name, "description": theme.description},
        "fonts": fonts,
        "words": cv.words,
        "for_print": for_print,
    }
    try:
        css = env.get_template("style.css.j2").render(context)
        if for_print:
            css = font_face_css() + "\n" + css
        html = env.get_template("cv.html.j2").render(context, css=jinja2.utils.markupsafe.Markup(css))
    except jinja2.TemplateError as exc:
        raise CvError(_template_problem(exc, theme)) from None
    except Exception as exc:  # a bug in a user's template, e.g. a wrong attribute
        if any(tb.tb_frame.f_code.co_filename.endswith(".j2") for tb in _walk(sys.exc_info()[2])):
            raise CvError(_template_problem(exc, theme)) from None
        raise
    return _trim_block_whitespace(html)


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
