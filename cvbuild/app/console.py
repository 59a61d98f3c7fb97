"""How the command talks: results on stdout, warnings, notes and errors on stderr.

User errors (:class:`~cvbuild.errors.CvError`) print as ``error: file:line:col: path: message
(hint)`` with no traceback and exit 1; usage errors exit 2; ``--debug`` re-raises for a traceback.
"""

from __future__ import annotations

import re
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


MAX_WARNINGS = 25  # more are counted, not printed: a page with 50,000 empty headings is one problem
MAX_MESSAGE = 600  # characters of one message


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _short(text: str) -> str:
    """At most MAX_MESSAGE characters, control characters shown as '?': a key like "\\e[2J" quoted
    from a hostile file must not clear the user's terminal."""
    text = _CONTROL.sub("?", text)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def warn(problems: Iterable[Problem]) -> None:
    shown = 0
    for problem in problems:
        shown += 1
        if shown <= MAX_WARNINGS:
            say(f"warning: {_short(str(problem))}")
    if shown > MAX_WARNINGS:
        say(f"warning: … and {shown - MAX_WARNINGS} more warnings")


def fail(error: CvError) -> NoReturn:
    count = len(error.problems)
    for problem in error.problems[:MAX_WARNINGS]:
        say(f"error: {_short(str(problem))}")
    if count > MAX_WARNINGS:
        say(f"error: … and {count - MAX_WARNINGS} more problems")
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
