"""The one rule for the date a CV describes ("last updated"), and what it is derived from.

Never the wall clock: rendering the same inputs must give the same bytes. The date is
``SOURCE_DATE_EPOCH`` when set, else the newest git commit of an input, else none (the profile
may set ``updated:``). The stamp (the hook's up-to-date check) records :func:`date_ingredients`
to notice when that date could have changed without rendering. Standard library only: the
hook's fast path imports this.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from ..errors import CvError, Problem


def last_commit_time(path: Path) -> str:
    """Unix time of the last commit that touched ``path`` ("" outside git or if never committed)."""
    try:
        out = subprocess.run(
            ["git", "--literal-pathspecs", "log", "-1", "--format=%ct", "--", path.name],  # "cv[1].yaml" is a name
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def source_date(inputs: list[Path]) -> dt.date | None:
    """The date the CV describes: SOURCE_DATE_EPOCH, else the last git commit of an input."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise CvError(
                Problem(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp", hint="unset it or give seconds")
            ) from None
    times = [last_commit_time(path) for path in inputs]
    newest = max((int(t) for t in times if t.isdigit()), default=0)
    return dt.datetime.fromtimestamp(newest, tz=dt.timezone.utc).date() if newest else None


def date_ingredients(inputs: list[Path]) -> str:
    """What :func:`source_date` derives the date from, without computing it.

    SOURCE_DATE_EPOCH when set, else the last commit time of each input. If either changes,
    the stamp is stale and a real build decides whether the bytes changed.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return f"epoch:{epoch}"
    # Sorted: the same order when re-read from the stamp.
    return "git:" + ",".join(last_commit_time(path) for path in sorted(inputs, key=str))
