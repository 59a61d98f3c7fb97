"""Themes: find one, and render a resolved CV to an HTML document with Jinja2.

A theme is a folder with ``theme.yaml`` (name, description, options), ``cv.html.j2`` (the
page), ``sections/<kind>.html.j2`` (one template per section kind) and ``style.css.j2``.
A custom theme may override any single template; missing ones fall back to ``classic``.
Templates run in Jinja2's sandbox with autoescaping, and StrictUndefined turns a typo in a
template into an error that names the template's file and line.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import CvError, Problem, Warnings
from .fonts import font_face_css, stack
from .i18n import cjk_lang
from .model import Design
from .resolve import ResolvedCV


def builtin_themes_dir() -> Path:
    """Themes ship inside the wheel as ``cvbuild/themes``; a source checkout has them at the top."""
    packaged = Path(__file__).resolve().parent / "themes"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "themes"


@dataclass
class Theme:
    name: str
    path: Path
    description: str = ""
    font: str = "serif"
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → {type, default, ...}
    design_defaults: dict[str, Any] = field(default_factory=dict)  # theme.yaml ``design:``

    def option_values(self, given: dict[str, Any]) -> dict[str, Any]:
        """Theme defaults overlaid with ``design.options`` (already checked, with lines, by build)."""
        from .theme_new import check_options

        return check_options(self, given, warnings=Warnings())  # names meant for another theme: ignored


def list_themes() -> list[Theme]:
    root = builtin_themes_dir()
    return [load_theme(p) for p in sorted(root.iterdir()) if (p / "theme.yaml").is_file()]


def load_theme(path: Path) -> Theme:
    meta_file = path / "theme.yaml"
    try:
        meta = yaml.safe_load(meta_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CvError(Problem(f"cannot read theme description: {exc}", meta_file)) from None
    return Theme(
        name=str(meta.get("name", path.name)),
        path=path,
        description=str(meta.get("description", "")),
        font=str(meta.get("font", "serif")),
        options=dict(meta.get("options") or {}),
        design_defaults=dict(meta.get("design") or {}),
    )


def find_theme(name: str, base_dir: Path) -> Theme:
    """A built-in theme by name, or a theme folder given as a path relative to the profile."""
    builtin = builtin_themes_dir() / name
    if "/" not in name and "\\" not in name and (builtin / "theme.yaml").is_file():
        return load_theme(builtin)
    folder = (base_dir / name).resolve()
    if (folder / "theme.yaml").is_file():
        return load_theme(folder)
    names = ", ".join(t.name for t in list_themes())
    raise CvError(
        Problem(
            f"unknown theme '{name}'",
            path="design.theme",
            hint=f"built-in themes: {names}; or give a folder with a theme.yaml, e.g. ./my-theme",
        )
    )


def _environment(theme: Theme) -> jinja2.Environment:
    fallback = builtin_themes_dir() / "classic"
    paths = [str(theme.path)] + ([str(fallback)] if theme.path.resolve() != fallback.resolve() else [])
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
    from . import publications, resolve

    match = re.search(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'", message)
    cls = (getattr(resolve, match.group(1), None) or getattr(publications, match.group(1), None)) if match else None
    if match is None or not dataclasses.is_dataclass(cls):
        return "the template context is described in docs/themes.md"
    names = [f.name for f in dataclasses.fields(cls)]
    close = difflib.get_close_matches(match.group(2), names, n=1)
    return (f"did you mean '{close[0]}'? " if close else "") + "it has: " + ", ".join(names)


def render_html(cv: ResolvedCV, design: Design, theme: Theme, *, for_print: bool) -> str:
    """The whole CV as one HTML document with its CSS inline.

    ``for_print`` adds @font-face rules for the shipped fonts (file URLs the PDF stage may
    read); the web page instead names the same families with common fallbacks, so it has no
    machine-specific paths and loads nothing from the network.
    """
    from .theme_new import design_with_defaults

    env = _environment(theme)
    design = design_with_defaults(design, theme.design_defaults)
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
        "options": theme.option_values(design.options),
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
