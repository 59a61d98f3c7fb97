"""How the command talks: results on stdout, warnings, notes and errors on stderr.

User errors (:class:`~cvbuild.errors.CvError`) print as ``error: file:line:col: path: message
(hint)`` with no traceback and exit 1; usage errors exit 2; ``--debug`` re-raises for a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import NoReturn, TypeVar

import typer

from ..errors import CvError, Problem, UsageError

T = TypeVar("T")
debug = {"on": False}


def say(message: str) -> None:
    print(message, file=sys.stderr)


def show(message: str) -> None:
    print(message, flush=True)


def warn(problems: Iterable[Problem]) -> None:
    for problem in problems:
        say(f"warning: {problem}")


def fail(error: CvError) -> NoReturn:
    count = len(error.problems)
    for problem in error.problems:
        say(f"error: {problem}")
    if count > 1:
        say(f"{count} problems; nothing was written.")
    raise typer.Exit(2 if isinstance(error, UsageError) else 1)


def run(action: Callable[[], T]) -> T:
    """Call ``action``; show user errors without a traceback unless --debug."""
    try:
        return action()
    except CvError as error:
        if debug["on"]:
            raise
        fail(error)
    except KeyboardInterrupt:
        say("interrupted; outputs left as they were")
        raise typer.Exit(130) from None
