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


class _Builder:
    def __init__(self, source: SourceMap):
        self.source = source
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.source.values[path] = _mark(node)
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
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag in _TEXT_TAGS:
            return node.value
        return self.constructor.construct_object(node, deep=True)

    def build_scalar_key(self, node: yaml.Node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise CvError(
                Problem("mapping keys must be plain words", self.source.file, *_mark(node), format_path(path))
            )
        return str(node.value)


def load_yaml(text: str, file: Path | None, *, line_offset: int = 0) -> tuple[Any, SourceMap]:
    """Parse YAML text safely; return the data and where each value sits."""
    source = SourceMap(file, line_offset=line_offset)
    try:
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        raise CvError(
            Problem(
                f"YAML syntax error: {what}",
                file,
                line,
                column,
                hint="check indentation and quoting on this line or the one above; "
                "values containing ': ' or starting with '*', '&', '[' or '{' need quotes",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise CvError(Problem(f"YAML error: {exc}", file)) from None
    if node is None:
        return None, source
    return _Builder(source).build(node, ()), source
