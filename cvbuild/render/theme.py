"""Themes: find one, check its options against the profile, apply its design defaults.

A theme is a folder with ``theme.yaml`` (name, description, options), ``cv.html.j2`` (the
page), ``sections/<kind>.html.j2`` (one template per section kind) and ``style.css.j2``.
A custom theme may override any single template; missing ones fall back to ``classic``.
All of it is checked once per build (:func:`setup_theme`); the HTML stage only renders.

A theme declares its options in ``theme.yaml`` (type, default, description). A profile sets
them under ``design.options``; a typo there must not silently do nothing, and a wrong type
must not reach the CSS (where it would silently break the layout), so both are errors
located at ``design.options.<name>`` in the profile. A theme may also declare ``design:``
defaults (a compact theme wants small type), used only for fields the profile leaves unset.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import CvError, Problem, Warnings
from ..model import Design
from ..source import SourceMap, load_yaml
from ..util.files import read_text


def builtin_themes_dir() -> Path:
    """The built-in themes ship inside the package, next to this module."""
    return Path(__file__).resolve().parent / "themes"


@dataclass(frozen=True)
class Theme:
    name: str
    path: Path
    description: str = ""
    font: str = "serif"
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → {type, default, ...}
    design_defaults: dict[str, Any] = field(default_factory=dict)  # theme.yaml ``design:``


def list_themes() -> list[Theme]:
    root = builtin_themes_dir()
    return [load_theme(p) for p in sorted(root.iterdir()) if (p / "theme.yaml").is_file()]


def load_theme(path: Path) -> Theme:
    meta_file = path / "theme.yaml"
    text = read_text(meta_file)
    load_yaml(text, meta_file)  # the bounded reader first: located syntax errors, no alias bombs
    meta = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # numbers as numbers
    if not isinstance(meta, dict):
        raise CvError(Problem("theme.yaml must be a mapping (name:, description:, options: …)", meta_file, 1, 1))
    for key in ("options", "design"):
        if meta.get(key) is not None and not isinstance(meta[key], dict):
            raise CvError(Problem(f"'{key}' in theme.yaml must be a mapping of name: value lines", meta_file))
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


OPTION_TYPES = ("bool", "choice", "string", "color", "length", "number")
_COLOR = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_LENGTH = re.compile(r"0|\d+(\.\d+)?\s*(mm|cm|in|pt|px|em|rem)")
_EXAMPLES = {
    "bool": "true or false",
    "string": "some text in quotes",
    "color": "a hex colour like '#1f3f6e'",
    "length": "a length like 12mm, 0.5in, 10pt or 1.2em",
    "number": "a number like 1.25",
}


def _type_error(spec: dict[str, Any], value: Any) -> str:
    """Why ``value`` does not fit the option ``spec`` ("" when it fits)."""
    kind = spec.get("type", "string")
    if value is None:
        return "" if spec.get("default") is None else "needs a value"
    if kind == "bool":
        return "" if isinstance(value, bool) else f"{value!r} is not true or false"
    if kind == "choice":
        choices = [str(c) for c in spec.get("choices") or []]
        return "" if str(value) in choices else f"{value!r} is not one of: {', '.join(choices)}"
    if kind == "color":
        return "" if isinstance(value, str) and _COLOR.fullmatch(value.strip()) else f"{value!r} is not a hex colour"
    if kind == "length":
        ok = isinstance(value, str | int) and not isinstance(value, bool) and _LENGTH.fullmatch(str(value).strip())
        return "" if ok else f"{value!r} is not a length with a unit"
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{value!r} is not a number"
        low, high = spec.get("min"), spec.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            return f"{value} is outside {low if low is not None else '…'}–{high if high is not None else '…'}"
        return ""
    return "" if isinstance(value, str) else f"{value!r} is not text"


def _hint(spec: dict[str, Any]) -> str:
    kind = spec.get("type", "string")
    if kind == "choice":
        return "use one of: " + ", ".join(str(c) for c in spec.get("choices") or [])
    default = spec.get("default")
    shown = "none" if default is None else str(default).lower() if isinstance(default, bool) else repr(default)
    return "use " + _EXAMPLES.get(kind, "a value") + f"; default {shown}"


def check_spec(theme: Theme) -> None:
    """A theme's own ``theme.yaml`` must declare usable options; its author sees errors at once."""
    where = theme.path / "theme.yaml"
    problems = []
    for name, spec in theme.options.items():
        if not isinstance(spec, dict):
            problems.append(Problem(f"option '{name}' must be a mapping with type and default", where))
            continue
        kind = spec.get("type", "string")
        if kind not in OPTION_TYPES:
            problems.append(
                Problem(f"option '{name}' has unknown type '{kind}'", where, hint="types: " + ", ".join(OPTION_TYPES))
            )
        elif kind == "choice" and not spec.get("choices"):
            problems.append(Problem(f"option '{name}' is a choice but lists no choices", where))
        elif why := _type_error(spec, spec.get("default")):
            problems.append(Problem(f"option '{name}': default {why}", where, hint=_hint(spec)))
    if problems:
        raise CvError(problems)


def check_options(
    theme: Theme,
    given: dict[str, Any],
    source: SourceMap | None = None,
    *,
    warnings: Warnings | None = None,
) -> dict[str, Any]:
    """The theme's option values: its defaults overlaid with ``given`` (``design.options``).

    Unknown names and wrong types are errors at ``design.options.<name>``; with ``warnings``
    (the theme was chosen on the command line, so the profile's options may be meant for
    another theme) unknown names are only reported and ignored.
    """
    check_spec(theme)
    problems: list[Problem] = []
    values = {name: spec.get("default") for name, spec in theme.options.items()}
    for name, value in given.items():
        spec = theme.options.get(name)
        path = ("design", "options", name)
        if spec is None:
            close = difflib.get_close_matches(name, list(theme.options), n=1)
            message = f"theme '{theme.name}' has no option '{name}'" + (
                f" (did you mean '{close[0]}'?)" if close else ""
            )
            hint = "its options are: " + (", ".join(theme.options) or "none")
            if warnings is not None:
                warnings.add(message + "; ignored", path=".".join(path), hint=hint)
            else:
                problems.append(_problem(message, path, source, hint, key=True))
            continue
        why = _type_error(spec, value)
        if why:
            problems.append(_problem(f"theme '{theme.name}': {why}", path, source, _hint(spec)))
            continue
        values[name] = value.strip() if isinstance(value, str) and spec.get("type", "string") != "string" else value
    if problems:
        raise CvError(problems)
    return values


def _problem(message: str, path: tuple[str, ...], source: SourceMap | None, hint: str, key: bool = False) -> Problem:
    if source is not None:
        return source.problem(message, path, key=key, hint=hint)
    return Problem(message, path=".".join(path), hint=hint)


def design_with_defaults(design: Design, defaults: dict[str, Any]) -> Design:
    """``design`` with the theme's ``design:`` defaults filled in where the profile set nothing."""
    unset = {
        k: v for k, v in (defaults or {}).items() if k not in design.model_fields_set and k in type(design).model_fields
    }
    if not unset:
        return design
    try:
        return type(design).model_validate({**design.model_dump(exclude_unset=True), **unset})
    except ValidationError as exc:
        raise CvError(Problem(f"theme design defaults are invalid: {exc.errors()[0]['msg']}")) from None


@dataclass(frozen=True)
class ThemeSetup:
    """A theme ready to render: found, its options checked, its design defaults applied. Made once per build."""

    theme: Theme
    design: Design  # the profile's design, with the theme's defaults where the profile set nothing
    options: dict[str, Any] = field(default_factory=dict)  # every option of the theme, checked


def setup_theme(
    design: Design,
    base_dir: Path,
    source: SourceMap | None = None,
    *,
    warnings: Warnings | None = None,
    theme_path: tuple[str | int, ...] | None = None,
) -> ThemeSetup:
    """Find ``design.theme`` and check ``design.options`` against it.

    With ``warnings`` (the theme was chosen on the command line or by a variant, so the
    profile's options may be meant for another theme) unknown option names are only reported.
    ``theme_path`` is where the theme was named in the profile (a variant's ``theme:``), for errors.
    """
    try:
        theme = find_theme(design.theme, base_dir)
    except CvError as error:
        if source is None:
            raise
        where = theme_path or ("design", "theme")
        raise CvError([source.problem(p.message, where, hint=p.hint) for p in error.problems]) from None
    options = check_options(theme, design.options, source, warnings=warnings)
    return ThemeSetup(theme, design_with_defaults(design, theme.design_defaults), options)
