"""YAML reading that remembers where every value came from.

PyYAML's safe constructor forgets line numbers, and it turns ``2023.09`` into the float
2023.09 (and ``2023.10`` into 2023.1), which ruins dates. So we compose the node tree with
the safe loader and build plain Python values ourselves: floats and timestamps stay the text
the user wrote, and a :class:`SourceMap` maps each field path to its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import CvError, Problem

Path_ = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (10x faster); its nodes carry the same marks.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TEXT_TAGS = {"tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}


@dataclass
class SourceMap:
    """Field path → (line, column), both 1-based; ``keys`` points at mapping keys."""

    file: Path | None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0  # for YAML embedded in a larger file (front matter)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                line, column = table[probe]
                return line + self.line_offset, column
            if not key and probe in self.keys:
                line, column = self.keys[probe]
                return line + self.line_offset, column
            probe = probe[:-1]
        return (1 + self.line_offset, 1) if self.file else (None, None)

    def problem(self, message: str, path: Path_, *, key: bool = False, hint: str = "") -> Problem:
        line, column = self.locate(path, key=key)
        return Problem(message, self.file, line, column, format_path(path), hint)


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# Bounds: a 537-byte file of nested aliases ("billion laughs") would otherwise expand to
# billions of values; a real CV has a few thousand. Nesting deeper than this is no CV either.
MAX_VALUES = 200_000
MAX_DEPTH = 60


class _Builder:
    def __init__(self, source: SourceMap):
        self.source = source
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self.count = 0
        self.open: set[int] = set()  # nodes being built: an alias back into one of them is a cycle

    def _refuse(self, message: str, node: yaml.Node, path: Path_, hint: str) -> CvError:
        return CvError(Problem(message, self.source.file, *_mark(node), format_path(path), hint))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self._refuse(
                f"the file expands to more than {MAX_VALUES:,} values",
                node,
                path,
                "aliases (*name) that repeat large blocks multiply; write the values out instead",
            )
        if len(path) > MAX_DEPTH:
            raise self._refuse(f"values nest more than {MAX_DEPTH} levels deep", node, path, "flatten the structure")
        if id(node) in self.open:
            raise self._refuse("an alias refers to a block that contains it", node, path, "remove the alias (*name)")
        self.source.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self.open.add(id(node))
            try:
                return self._build_collection(node, path)
            finally:
                self.open.discard(id(node))
        if node.tag in _TEXT_TAGS:
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self._refuse(
                f"YAML tag {node.tag} is not supported", node, path, "cvbuild reads plain YAML: remove the tag"
            ) from exc
        if isinstance(value, bytes):  # !!binary: no field of a CV holds bytes
            raise self._refuse(f"YAML tag {node.tag} is not supported", node, path, "write the text itself")
        return value

    def _build_collection(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise CvError(self.source.problem("YAML merge keys (<<) are not supported", path))
                key = self.build_scalar_key(key_node, path)
                if key in result:
                    raise CvError(
                        Problem(
                            f"key '{key}' appears twice in this mapping",
                            self.source.file,
                            *_mark(key_node),
                            format_path((*path, key)),
                            "keep one of them",
                        )
                    )
                self.source.keys[path + (key,)] = _mark(key_node)
                result[key] = self.build(value_node, path + (key,))
            return result
        return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]

    def build_scalar_key(self, node: yaml.Node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise CvError(
                Problem("mapping keys must be plain words", self.source.file, *_mark(node), format_path(path))
            )
        return str(node.value)


def _syntax_problem(exc: yaml.MarkedYAMLError, file: Path | None, line_offset: int) -> Problem:
    """The first line that is wrong: where the broken construct starts (PyYAML's context mark) when
    that is earlier than where the parser gave up (its problem mark: an unclosed quote is only
    noticed at the end of the file)."""
    problem, context = exc.problem_mark, exc.context_mark
    mark = problem or context
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{exc.context}, {what}"
    if problem is not None and context is not None and context.line < problem.line:
        mark = context
        what += f" (noticed at line {problem.line + 1 + line_offset})"
    hint = (
        "check indentation and quoting on this line or the one above; "
        "values containing ': ' or starting with '*', '&', '[' or '{' need quotes"
    )
    if "block scalar" in (exc.context or "") + (exc.problem or ""):
        hint = "a line inside a '|' or '>' block is indented less than the block's first line; indent it as far"
    elif "quoted scalar" in (exc.context or ""):
        hint = "a quote opened here is never closed; close it on the same line (or use a '|' block)"
    line = mark.line + 1 + line_offset if mark else None
    column = mark.column + 1 if mark else None
    return Problem(f"YAML syntax error: {what}", file, line, column, hint=hint)


def load_yaml(text: str, file: Path | None, *, line_offset: int = 0) -> tuple[Any, SourceMap]:
    """Parse YAML text safely; return the data and where each value sits."""
    source = SourceMap(file, line_offset=line_offset)
    try:
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise CvError(_syntax_problem(exc, file, line_offset)) from None
    except yaml.reader.ReaderError as exc:  # a control character or NUL: PyYAML gives a position, not a line
        before = text[: exc.position]
        line, column = before.count("\n") + 1 + line_offset, len(before) - (before.rfind("\n") + 1) + 1
        raise CvError(
            Problem(
                f"the file holds a control character (#x{exc.character:04x}) YAML does not allow",
                file,
                line,
                column,
                hint="delete it (it is invisible in most editors; it often comes from copy and paste)",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise CvError(Problem(f"YAML error: {exc}", file)) from None
    if node is None:
        return None, source
    return _Builder(source).build(node, ()), source


# ---- a profile converted from another format ------------------------------------------------


@dataclass
class ConvertedSource(SourceMap):
    """A source map for the converted profile that answers with the user's file.

    ``origins`` maps a path of the converted profile (``sections.0.entries.1.start``) to the
    path it was read from (``work.1.startDate``); a problem is located at the origin's line and
    column *and* names the origin's path, which is the one the user can find in the file.
    """

    original: SourceMap = field(default_factory=lambda: SourceMap(None))
    origins: dict[Path_, Path_] = field(default_factory=dict)

    def origin(self, path: Path_) -> Path_:
        probe = tuple(path)
        while probe:
            if probe in self.origins:
                return self.origins[probe]
            probe = probe[:-1]
        return ()

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        return self.original.locate(self.origin(path), key=key)

    def problem(self, message: str, path: Path_, *, key: bool = False, hint: str = "") -> Problem:
        theirs = self.origin(path)
        line, column = self.original.locate(theirs, key=key)
        return Problem(message, self.original.file, line, column, format_path(theirs), hint)


def converted_source(source: SourceMap, origins: dict[Path_, Path_]) -> ConvertedSource:
    """The converted profile's source map: positions *and* paths are those of the user's file."""
    mapped = ConvertedSource(source.file, original=source, origins=dict(origins))
    for ours, theirs in origins.items():
        line, column = source.locate(theirs)
        if line is not None and column is not None:
            mapped.values[ours] = (line, column)
    return mapped
