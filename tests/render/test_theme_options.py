"""Theme option checking and design defaults, table by table, so a regression names the option, not a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cvbuild.errors import CvError, Warnings
from cvbuild.model import Design
from cvbuild.render.theme import Theme, check_options, check_spec, design_with_defaults, list_themes
from cvbuild.source import SourceMap

SPEC: dict[str, dict[str, Any]] = {
    "show_photo": {"type": "bool", "default": True},
    "heading_style": {"type": "choice", "choices": ["rule", "band", "plain"], "default": "rule"},
    "separator": {"type": "string", "default": " · "},
    "tagline": {"default": "Researcher"},  # no type: a string
    "accent": {"type": "color", "default": "#1f3f6e"},
    "sidebar_color": {"type": "color", "default": None},  # may stay unset
    "gutter": {"type": "length", "default": "6mm"},
    "line_height": {"type": "number", "default": 1.25, "min": 1.0, "max": 2.0},
    "columns": {"type": "number", "default": 2, "min": 1},
    "scale": {"type": "number", "default": 1},
}
DEFAULTS = {name: spec["default"] for name, spec in SPEC.items()}
THEME = Theme(name="demo", path=Path("themes/demo"), options=SPEC)

# (option, value given, value returned)
ACCEPTED: list[tuple[str, Any, Any]] = [
    ("show_photo", True, True),
    ("show_photo", False, False),
    ("heading_style", "rule", "rule"),
    ("heading_style", "band", "band"),
    ("heading_style", "plain", "plain"),
    ("separator", " | ", " | "),  # a string keeps its spaces
    ("separator", "", ""),
    ("tagline", "Data scientist", "Data scientist"),
    ("accent", "#abc", "#abc"),
    ("accent", "#A1B2C3", "#A1B2C3"),
    ("accent", "#a1b2c3ff", "#a1b2c3ff"),
    ("accent", " #8c1515 ", "#8c1515"),  # other types are stripped
    ("sidebar_color", None, None),
    ("sidebar_color", "#123456", "#123456"),
    ("gutter", "12mm", "12mm"),
    ("gutter", "2cm", "2cm"),
    ("gutter", "0.5in", "0.5in"),
    ("gutter", "10pt", "10pt"),
    ("gutter", "4px", "4px"),
    ("gutter", "1.2em", "1.2em"),
    ("gutter", "3rem", "3rem"),
    ("gutter", "12 mm", "12 mm"),
    ("gutter", " 12mm ", "12mm"),
    ("gutter", "0", "0"),
    ("gutter", 0, 0),
    ("line_height", 1.5, 1.5),
    ("line_height", 1, 1),
    ("line_height", 1.0, 1.0),  # bounds are inclusive
    ("line_height", 2.0, 2.0),
    ("columns", 1, 1),
    ("columns", 100, 100),  # no max
    ("scale", -3.5, -3.5),  # no bounds at all
    ("scale", 1e6, 1e6),
]


@pytest.mark.parametrize(("name", "value", "expected"), ACCEPTED, ids=[f"{n}={v!r}" for n, v, _ in ACCEPTED])
def test_accepted_values(name: str, value: Any, expected: Any) -> None:
    values = check_options(THEME, {name: value})
    assert values == {**DEFAULTS, name: expected}
    assert type(values[name]) is type(expected)


# (option, value given, fragment of the message, fragment of the hint)
REJECTED: list[tuple[str, Any, str, str]] = [
    ("show_photo", "yes", "'yes' is not true or false", "use true or false; default true"),
    ("show_photo", "true", "'true' is not true or false", "true or false"),
    ("show_photo", 1, "1 is not true or false", "true or false"),
    ("show_photo", None, "needs a value", "true or false"),
    ("heading_style", "Band", "'Band' is not one of: rule, band, plain", "use one of: rule, band, plain"),
    ("heading_style", "boxed", "'boxed' is not one of: rule, band, plain", "use one of: rule, band, plain"),
    ("heading_style", True, "True is not one of", "use one of: rule, band, plain"),
    ("separator", 3, "3 is not text", "use some text in quotes; default ' · '"),
    ("separator", True, "True is not text", "some text in quotes"),
    ("separator", ["a"], "['a'] is not text", "some text in quotes"),
    ("separator", None, "needs a value", "some text in quotes"),
    ("accent", "red", "'red' is not a hex colour", "use a hex colour like '#1f3f6e'; default '#1f3f6e'"),
    ("accent", "1f3f6e", "'1f3f6e' is not a hex colour", "hex colour"),
    ("accent", "#abcd", "'#abcd' is not a hex colour", "hex colour"),
    ("accent", "#ggg", "'#ggg' is not a hex colour", "hex colour"),
    ("accent", 0x1F3F6E, "2047854 is not a hex colour", "hex colour"),
    ("accent", None, "needs a value", "hex colour"),
    ("sidebar_color", "navy", "'navy' is not a hex colour", "use a hex colour like '#1f3f6e'; default none"),
    ("gutter", "12", "'12' is not a length with a unit", "use a length like 12mm, 0.5in, 10pt or 1.2em; default '6mm'"),
    ("gutter", 12, "12 is not a length with a unit", "a length like"),
    ("gutter", 1.5, "1.5 is not a length with a unit", "a length like"),
    ("gutter", "12MM", "'12MM' is not a length with a unit", "a length like"),
    ("gutter", "-3mm", "'-3mm' is not a length with a unit", "a length like"),
    ("gutter", ".5in", "'.5in' is not a length with a unit", "a length like"),
    ("gutter", "50%", "'50%' is not a length with a unit", "a length like"),
    ("gutter", True, "True is not a length with a unit", "a length like"),
    ("line_height", 0.9, "0.9 is outside 1.0–2.0", "use a number like 1.25; default 1.25"),
    ("line_height", 2.5, "2.5 is outside 1.0–2.0", "a number like"),
    ("line_height", "1.5", "'1.5' is not a number", "a number like"),
    ("line_height", True, "True is not a number", "a number like"),
    ("line_height", None, "needs a value", "a number like"),
    ("columns", 0, "0 is outside 1–…", "use a number like 1.25; default 2"),
]


@pytest.mark.parametrize(("name", "value", "message", "hint"), REJECTED, ids=[f"{n}={v!r}" for n, v, _, _ in REJECTED])
def test_rejected_values(name: str, value: Any, message: str, hint: str) -> None:
    with pytest.raises(CvError) as caught:
        check_options(THEME, {name: value})
    [problem] = caught.value.problems
    assert problem.path == f"design.options.{name}"
    assert problem.message.startswith("theme 'demo': ")
    assert message in problem.message
    assert hint in problem.hint


# (misspelt name, the suggestion or None)
UNKNOWN: list[tuple[str, str | None]] = [
    ("heading_styl", "heading_style"),
    ("headingstyle", "heading_style"),
    ("show_photos", "show_photo"),
    ("line-height", "line_height"),
    ("colour_scheme", None),
]


@pytest.mark.parametrize(("name", "suggestion"), UNKNOWN, ids=[n for n, _ in UNKNOWN])
def test_unknown_option_is_an_error(name: str, suggestion: str | None) -> None:
    with pytest.raises(CvError) as caught:
        check_options(THEME, {name: "x"})
    [problem] = caught.value.problems
    assert problem.path == f"design.options.{name}"
    assert problem.message.startswith(f"theme 'demo' has no option '{name}'")
    if suggestion:
        assert f"(did you mean '{suggestion}'?)" in problem.message
    else:
        assert "did you mean" not in problem.message
    assert problem.hint == "its options are: " + ", ".join(SPEC)


@pytest.mark.parametrize(("name", "suggestion"), UNKNOWN, ids=[n for n, _ in UNKNOWN])
def test_unknown_option_with_warnings_is_only_reported(name: str, suggestion: str | None) -> None:
    warnings = Warnings()
    values = check_options(THEME, {name: "x", "heading_style": "band"}, warnings=warnings)
    assert values == {**DEFAULTS, "heading_style": "band"}  # the unknown name is ignored, the known one applied
    [warning] = warnings.items
    assert warning.path == f"design.options.{name}"
    assert warning.message.endswith("; ignored")
    assert (f"did you mean '{suggestion}'" in warning.message) is (suggestion is not None)


def test_warnings_do_not_excuse_a_wrong_type() -> None:
    warnings = Warnings()
    with pytest.raises(CvError) as caught:
        check_options(THEME, {"show_photo": "yes", "nonsense": 1}, warnings=warnings)
    assert [p.path for p in caught.value.problems] == ["design.options.show_photo"]
    assert [w.path for w in warnings] == ["design.options.nonsense"]


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(CvError) as caught:
        check_options(THEME, {"show_photo": "yes", "gutter": "12", "heading_styl": "rule"})
    assert [p.path for p in caught.value.problems] == [
        "design.options.show_photo",
        "design.options.gutter",
        "design.options.heading_styl",
    ]


def test_a_theme_without_options_says_so() -> None:
    bare = Theme(name="bare", path=Path("themes/bare"))
    assert check_options(bare, {}) == {}
    with pytest.raises(CvError) as caught:
        check_options(bare, {"anything": 1})
    assert caught.value.problems[0].hint == "its options are: none"


def test_no_options_given_returns_the_defaults() -> None:
    assert check_options(THEME, {}) == DEFAULTS


def test_problems_are_located_in_the_profile() -> None:
    source = SourceMap(
        file=Path("cv.yaml"),
        values={("design", "options", "gutter"): (7, 13)},
        keys={("design", "options", "gutter"): (7, 5), ("design", "options", "gutr"): (8, 5)},
    )
    with pytest.raises(CvError) as caught:
        check_options(THEME, {"gutter": "12"}, source)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column, problem.path) == (
        Path("cv.yaml"),
        7,
        13,
        "design.options.gutter",
    )
    with pytest.raises(CvError) as caught:
        check_options(THEME, {"gutr": "12mm"}, source)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (8, 5)  # an unknown name points at the key


# (options spec, a fragment of the error, a fragment of its hint)
BAD_SPECS: list[tuple[dict[str, Any], str, str]] = [
    ({"x": "bool"}, "option 'x' must be a mapping with type and default", ""),
    ({"x": None}, "option 'x' must be a mapping with type and default", ""),
    (
        {"x": {"type": "colour", "default": "#000"}},
        "option 'x' has unknown type 'colour'",
        "types: bool, choice, string, color, length, number",
    ),
    ({"x": {"type": "integer", "default": 1}}, "option 'x' has unknown type 'integer'", "types: "),
    ({"x": {"type": "choice", "default": "a"}}, "option 'x' is a choice but lists no choices", ""),
    ({"x": {"type": "choice", "choices": [], "default": "a"}}, "option 'x' is a choice but lists no choices", ""),
    (
        {"x": {"type": "choice", "choices": ["a", "b"], "default": "c"}},
        "option 'x': default 'c' is not one of: a, b",
        "use one of: a, b",
    ),
    ({"x": {"type": "bool", "default": "yes"}}, "option 'x': default 'yes' is not true or false", "true or false"),
    ({"x": {"type": "color", "default": "blue"}}, "option 'x': default 'blue' is not a hex colour", "hex colour"),
    ({"x": {"type": "length", "default": "12"}}, "option 'x': default '12' is not a length with a unit", "length"),
    ({"x": {"type": "number", "default": 5, "min": 0, "max": 3}}, "option 'x': default 5 is outside 0–3", "number"),
    ({"x": {"type": "number", "default": "1.5"}}, "option 'x': default '1.5' is not a number", "number"),
    ({"x": {"type": "string", "default": 3}}, "option 'x': default 3 is not text", "some text"),
]


@pytest.mark.parametrize(("options", "message", "hint"), BAD_SPECS, ids=[m for _, m, _ in BAD_SPECS])
def test_invalid_spec(options: dict[str, Any], message: str, hint: str) -> None:
    theme = Theme(name="broken", path=Path("themes/broken"), options=options)
    for check in (lambda: check_spec(theme), lambda: check_options(theme, {})):
        with pytest.raises(CvError) as caught:
            check()
        [problem] = caught.value.problems
        assert problem.file == Path("themes/broken/theme.yaml")
        assert message in problem.message
        assert hint in problem.hint


def test_every_spec_problem_is_reported_at_once() -> None:
    theme = Theme(
        name="broken",
        path=Path("themes/broken"),
        options={"a": {"type": "colour"}, "b": {"type": "choice"}, "c": {"type": "bool", "default": 1}},
    )
    with pytest.raises(CvError) as caught:
        check_spec(theme)
    assert len(caught.value.problems) == 3


@pytest.mark.parametrize(
    "options",
    [
        SPEC,
        {},
        {"x": {}},  # a string without a default
        {"x": {"type": "bool"}},  # no default: the option stays None
        {"x": {"type": "choice", "choices": [1, 2], "default": 1}},
        {"x": {"type": "number", "default": 0, "min": 0, "max": 0}},
        {"x": {"type": "length", "default": None}},
    ],
    ids=["demo", "empty", "bare-string", "bool-no-default", "numeric-choices", "pinned-number", "length-none"],
)
def test_valid_spec(options: dict[str, Any]) -> None:
    theme = Theme(name="fine", path=Path("themes/fine"), options=options)
    check_spec(theme)
    assert check_options(theme, {}) == {name: spec.get("default") for name, spec in options.items()}


BUILTIN = list_themes()


def test_the_four_builtin_themes_are_listed() -> None:
    assert sorted(t.name for t in BUILTIN) == ["classic", "compact", "modern", "sidebar"]


@pytest.mark.parametrize("theme", BUILTIN, ids=[t.name for t in BUILTIN])
def test_builtin_theme_spec_is_valid(theme: Theme) -> None:
    check_spec(theme)
    assert theme.options, f"{theme.name} declares no options"


@pytest.mark.parametrize("theme", BUILTIN, ids=[t.name for t in BUILTIN])
def test_builtin_theme_defaults(theme: Theme) -> None:
    defaults = {name: spec.get("default") for name, spec in theme.options.items()}
    assert check_options(theme, {}) == defaults
    assert check_options(theme, defaults) == defaults  # each default is also a valid value to give


# (design fields the profile set, the theme's design defaults, expected fields of the result)
DESIGN_DEFAULTS: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    ({}, {"font_size": "9.5pt", "margins": "14mm"}, {"font_size": "9.5pt", "margins": "14mm"}),
    ({"font_size": "11pt"}, {"font_size": "9.5pt", "margins": "14mm"}, {"font_size": "11pt", "margins": "14mm"}),
    # set to the model's own default is still set: the profile wins
    ({"font_size": "10.5pt"}, {"font_size": "9.5pt"}, {"font_size": "10.5pt"}),
    ({"margins": "20mm"}, {"margins": "14mm"}, {"margins": "20mm"}),
    ({}, {"font_size": 9}, {"font_size": "9pt"}),  # a default goes through the same validation
    ({}, {"accent_color": "#8C1515"}, {"accent_color": "#8c1515"}),
    ({"theme": "compact"}, {"date_format": "year"}, {"theme": "compact", "date_format": "year"}),
    ({"options": {"a": 1}}, {"show_updated": False}, {"options": {"a": 1}, "show_updated": False}),
]


@pytest.mark.parametrize(("given", "defaults", "expected"), DESIGN_DEFAULTS)
def test_design_defaults_fill_only_unset_fields(
    given: dict[str, Any], defaults: dict[str, Any], expected: dict[str, Any]
) -> None:
    design = Design.model_validate(given)
    result = design_with_defaults(design, defaults)
    assert {name: getattr(result, name) for name in expected} == expected
    untouched = set(Design.model_fields) - set(expected)
    assert {n: getattr(result, n) for n in untouched} == {n: getattr(design, n) for n in untouched}


@pytest.mark.parametrize(
    "defaults",
    [{}, None, {"not_a_field": 1}, {"font_size": "9pt"}],
    ids=["empty", "none", "unknown-field", "already-set"],
)
def test_design_unchanged_when_nothing_to_fill(defaults: dict[str, Any] | None) -> None:
    design = Design.model_validate({"font_size": "11pt"})
    assert design_with_defaults(design, defaults) is design  # type: ignore[arg-type]


def test_invalid_design_default_is_an_error() -> None:
    with pytest.raises(CvError, match="theme design defaults are invalid"):
        design_with_defaults(Design(), {"font_size": "30pt"})


def test_compact_theme_defaults_apply_to_an_empty_design() -> None:
    [compact] = [t for t in BUILTIN if t.name == "compact"]
    assert compact.design_defaults
    result = design_with_defaults(Design(), compact.design_defaults)
    for name, value in compact.design_defaults.items():
        assert getattr(result, name) == value
    kept = design_with_defaults(Design.model_validate({"font_size": "11pt"}), compact.design_defaults)
    assert kept.font_size == "11pt"
