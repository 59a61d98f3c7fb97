"""User-facing errors that point at a place in an input file.

Everything a user can get wrong (a YAML typo, an unknown key, a bad date, a missing file)
becomes a :class:`Problem` with ``file:line:column``, the field path and a hint. Several
problems travel together in one :class:`CvError`, so a single run reports all of them.
The CLI prints these without a traceback; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    message: str
    file: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str = ""  # field path such as "sections[2].entries[0].start"
    hint: str = ""

    def location(self) -> str:
        if self.file is None:
            return ""
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        parts = [p for p in (self.location(), self.path) if p]
        text = ": ".join([*parts, self.message])
        if self.hint:
            text += f" ({self.hint})"
        return text


class CvError(Exception):
    """One or more problems in the user's input; the run stops and nothing is written."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(CvError):
    """The command line itself is wrong (an unknown choice, options that exclude each other): exit 2."""


@dataclass
class Warnings:
    """Collects non-fatal remarks (dropped markup, missing glyphs, refused URLs) for the user."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        message: str,
        file: Path | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str = "",
        hint: str = "",
    ) -> None:
        self.add_problem(Problem(message, file, line, column, path, hint))

    def add_problem(self, problem: Problem) -> None:
        if problem not in self.items:
            self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add_problem(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
