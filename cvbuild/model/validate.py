"""Validation with messages a person can act on, and the JSON Schema for editors.

pydantic reports errors by location tuple; we turn each into a :class:`~cvbuild.errors.Problem`
at the YAML line and column (from the loader's source map), with "did you mean …" for a
misspelt key. All errors of a file are reported together.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import CvError, Problem
from .profile import SECTION_KINDS, Profile

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "float_type": "a number",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return f"'{value}'"


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Follow a pydantic error location through the model classes."""
    current: list[Any] = [Profile]
    for part in loc:
        following: list[Any] = []
        if isinstance(part, str) and part.endswith(" section") and part.split()[0] in SECTION_KINDS:
            following = [SECTION_KINDS[part.split()[0]]]
        for kind in current:
            if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(part, str):
                field = kind.model_fields.get(part)
                if field is not None:
                    following.extend(_unwrap(field.annotation))
            elif (
                typing.get_origin(kind) in (list, dict)
                and not isinstance(part, str)
                or (typing.get_origin(kind) is dict)
            ):
                following.extend(_unwrap(typing.get_args(kind)[-1]))
        current = following
    models = [k for k in current if isinstance(k, type) and issubclass(k, BaseModel)]
    return models[0] if models else None


def _field_names(model: type[BaseModel]) -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        names.append(name)
        alias = field.validation_alias
        if alias is not None and hasattr(alias, "choices"):
            names.extend(str(c) for c in alias.choices if str(c) != name)
    return names


def _suggest(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "allowed keys: " + ", ".join(candidates)


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """The part of a pydantic location that names keys and indexes in the user's data.

    pydantic also puts union members ('str', 'list[str]') and our section tags in the
    location; those are not places in the file and are dropped.
    """
    path: list[Any] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
        elif isinstance(current, dict | list) or current is None:
            if isinstance(current, dict) and isinstance(part, str) and not _is_member_tag(part):
                path.append(part)  # a missing or unknown key: still a place to point at
                current = None
            continue
        else:
            continue
        path.append(part)
    return tuple(path)


def _is_member_tag(part: str) -> bool:
    return (
        part.endswith(" section")
        or "[" in part
        or part in {"str", "int", "float", "bool", "constrained-str"}
        or (part.startswith("function-"))
        or (part[:1].isupper() and part.isidentifier())  # a model in a union: "Margins" in str | Margins
    )


def _merge_union_errors(problems: list[Problem]) -> list[Problem]:
    """One message per place: 'expected text' + 'expected a list' → 'expected text or a list'."""
    merged: dict[tuple[Any, ...], Problem] = {}
    for problem in problems:
        key = (problem.file, problem.line, problem.column, problem.path)
        earlier = merged.get(key)
        if earlier is None:
            merged[key] = problem
        elif earlier.message.startswith("expected ") and problem.message.startswith("expected "):
            wanted = earlier.message.split(", got ")[0] + " or " + problem.message.removeprefix("expected ")
            merged[key] = Problem(wanted, problem.file, problem.line, problem.column, problem.path, problem.hint)
    return list(merged.values())


def problems_from(error: ValidationError, data: Any, source: Any) -> list[Problem]:
    """Translate pydantic's errors into located problems (``source`` is a SourceMap)."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        path = _data_path(loc, data)
        kind = item["type"]
        if kind == "extra_forbidden":
            key = path[-1]
            model = _model_at(loc[:-1])
            hint = _suggest(str(key), _field_names(model)) if model else ""
            problems.append(source.problem(f"unknown key '{key}'", path, key=True, hint=hint))
        elif kind == "missing":
            problems.append(
                source.problem(f"'{path[-1]}' is required here", path[:-1], hint=f"add a '{path[-1]}:' line")
            )
        elif kind == "section_kind":
            value = item.get("input")
            keys = [k for k in SECTION_KINDS if isinstance(value, dict) and k in value]
            if len(keys) > 1:
                message = f"a section holds one kind of content, but this one has {', '.join(keys)}"
                hint = "split it into one section per kind"
            else:
                message = "this section has no content key"
                unknown = [k for k in (value or {}) if k not in ("title", "tags", "sort", "highlight")]
                guesses = [difflib.get_close_matches(str(k), list(SECTION_KINDS), n=1, cutoff=0.6) for k in unknown]
                named = [f"'{k}' → '{g[0]}'" for k, g in zip(unknown, guesses, strict=True) if g]
                hint = (
                    ("did you mean " + ", ".join(named) + "?")
                    if named
                    else ("add one of: entries, items, publications, skills, bullets, text")
                )
            problems.append(source.problem(message, path, hint=hint))
        elif kind in _TYPE_WORDS:
            problems.append(source.problem(f"expected {_TYPE_WORDS[kind]}, got {_describe(item.get('input'))}", path))
        else:
            message = item["msg"].removeprefix("Value error, ")
            if kind == "literal_error" or kind == "string_pattern_mismatch":
                message = f"{_describe(item.get('input'))} is not allowed: {message[0].lower()}{message[1:]}"
            problems.append(source.problem(message, path))
    return problems


def validate_profile(data: Any, source: Any) -> Profile:
    """Validate loaded data into a :class:`Profile`, or raise one CvError listing every problem."""
    if not isinstance(data, dict):
        raise CvError(source.problem(f"a profile is a mapping with a 'person:' key, got {_describe(data)}", ()))
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        problems = _merge_union_errors(problems_from(error, data, source))
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise CvError(problems) from None


def json_schema() -> dict[str, Any]:
    schema = Profile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
