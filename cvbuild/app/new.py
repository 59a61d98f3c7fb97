"""``cvbuild new``: a starter profile that renders as is and shows every section kind.

The profile's JSON Schema is written beside it, and the profile's first line points editors
at it (VS Code's YAML extension and others read that comment), so completion and checks work
from the first keystroke.
"""

from __future__ import annotations

from pathlib import Path

from ..assets import STARTER_PROFILE
from ..errors import CvError, Problem


def write_starter(folder: Path, *, force: bool = False) -> Path:
    target = folder / "cv.yaml"
    if target.exists() and not force:
        raise CvError(Problem(f"{target} already exists", hint="pass --force to overwrite it"))
    folder.mkdir(parents=True, exist_ok=True)
    import json

    from ..model import json_schema

    text = STARTER_PROFILE.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    schema = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    (folder / "cv.schema.json").write_text(schema, encoding="utf-8")
    return target
