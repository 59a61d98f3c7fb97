"""Where to publish, read from the user's files: one parser for every place settings live.

The pre-commit hook runs with no arguments at a site's root, so it finds its settings itself,
in order: ``cvbuild.yaml``; ``[tool.cvbuild]`` in ``pyproject.toml``; a ``cvbuild:`` section in
Jekyll's ``_config.yml``; else ``cv.yaml`` at the root, whose own ``site:`` block may say where
the site is. ``cvbuild render cv.yaml`` reads that ``site:`` block too.

All of them go through :func:`parse_settings`, which types each value the way the profile
model does (``html_page: "false"`` is False here exactly as it is for the model; a test keeps
:data:`SITE_BLOCK_FIELDS` equal to :class:`cvbuild.model.profile.SiteBlock`), and reports a
wrong value at its file and line. It needs no model: the hook's no-op path stays fast.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import CvError, Problem
from ...source import SourceMap, format_path, load_yaml
from ...util.files import is_within, read_text
from ...util.links import is_safe_link, shown_link
from ..stamp import git_dir
from .kinds import SiteOptions
from .registry import SITE_KINDS

# Field → type, as the profile model types them: "text", "bool", or "kind" (a SITE_KINDS name).
SITE_BLOCK_FIELDS = {"dir": "text", "kind": "kind", "pdf_path": "text", "link_base": "link", "html_page": "bool"}
HOOK_FIELDS = {
    "profile": "text",
    "site": "text",
    "kind": "kind",
    "pdf_path": "text",
    "link_base": "link",
    "html_page": "bool",
    "theme": "text",
    "force": "bool",
    "allow_network": "bool",
}
# The words pydantic accepts for a bool (lax mode), so both readers agree on every spelling.
_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


@dataclass
class HookConfig:
    profile: Path
    site: Path
    options: SiteOptions
    source: str  # where the settings came from, for messages


Locate = Any  # (key path, key?) -> (line, column); see _locator


def _typed(name: str, kind: str, value: Any) -> tuple[Any, str]:
    """(value as the model would type it, why not: "" when fine)."""
    if kind == "bool":
        if isinstance(value, bool):
            return value, ""
        if isinstance(value, int) and value in (0, 1):
            return bool(value), ""
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE, ""
        return None, f"{value!r} is not true or false"
    if value is None:
        return None, ""
    if not isinstance(value, str):
        return None, f"{value!r} is not text" + (" (put it in quotes)" if kind == "text" else "")
    text = value.strip()
    if kind == "link" and not is_safe_link(text):
        return None, f"'{shown_link(text)}' is not a web address or a path"
    if kind == "kind" and text not in SITE_KINDS:
        return None, f"'{text}' is not a site kind; use one of: " + ", ".join(SITE_KINDS)
    return text, ""


def parse_settings(
    data: Any, fields: dict[str, str], file: Path, where: tuple[str | int, ...], locate: Locate
) -> dict[str, Any]:
    """Check and type one settings mapping; every problem at its line, all of them in one error."""
    shown = format_path(where) or file.name
    if not isinstance(data, dict):
        line, column = locate(where, False)
        raise CvError(Problem(f"{shown} must be a mapping (key: value lines)", file, line, column, shown))
    problems = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        path = (*where, str(key))
        kind = fields.get(str(key))
        if kind is None:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(sorted(fields))
            line, column = locate(path, True)
            problems.append(Problem(f"unknown key '{key}'", file, line, column, format_path(path), hint))
            continue
        typed, why = _typed(str(key), kind, value)
        if why:
            line, column = locate(path, False)
            problems.append(Problem(why, file, line, column, format_path(path), _HINTS[kind]))
            continue
        values[str(key)] = typed
    if problems:
        raise CvError(problems)
    return values


_HINTS = {
    "bool": "write true or false",
    "text": "write text, in quotes if unsure",
    "kind": "or leave it out to detect",
    "link": "e.g. https://me.example.org/ or /",
}


def _yaml_locator(source: SourceMap) -> Locate:
    return lambda path, key: source.locate(path, key=key)


def _toml_locator(text: str, table: str) -> Locate:
    """Lines of ``key = value`` inside ``[table]`` (tomllib keeps no positions)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == f"[{table}]"), None)

    def locate(path: tuple[str | int, ...], key: bool) -> tuple[int | None, int | None]:
        if start is None or not path:
            return (start + 1 if start is not None else None), 1
        name = str(path[-1])
        for i in range(start + 1, len(lines)):
            if lines[i].lstrip().startswith("["):
                break
            match = re.match(rf"\s*{re.escape(name)}\s*=\s*", lines[i])
            if match:
                return i + 1, (len(lines[i]) - len(lines[i].lstrip()) if key else match.end()) + 1
        return start + 1, 1

    return locate


def _read_yaml(path: Path) -> tuple[Any, SourceMap]:
    return load_yaml(read_text(path), path)


def _confined(key: str, value: str, root: Path, file: Path, locate: Locate) -> Path:
    """``root / value``, refused when it leaves ``root`` (the repository the hook runs in)."""
    path = (root / value).resolve()
    if not is_within(path, root):
        line, column = locate((key,), False)
        raise CvError(
            Problem(
                f"'{value}' is outside {root}",
                file,
                line,
                column,
                key,
                hint="the hook reads and writes only inside the repository it runs in; give a path inside it",
            )
        )
    return path


def _hook_config(values: dict[str, Any], root: Path, file: Path, label: str, locate: Locate) -> HookConfig:
    profile_name = values.get("profile") or "cv.yaml"
    profile = _confined("profile", profile_name, root, file, locate)
    site = _confined("site", values.get("site") or ".", root, file, locate)
    if not profile.is_file():
        line, column = locate(("profile",), False) if "profile" in values else (None, None)
        raise CvError(
            Problem(
                f"the profile '{profile_name}' does not exist",
                file,
                line,
                column,
                "profile",
                hint="give the path of your cv.yaml relative to the site root",
            )
        )
    options = SiteOptions(
        kind=values.get("kind"),
        pdf_path=values.get("pdf_path"),
        link_base=values.get("link_base"),
        html_page=values.get("html_page") or False,
        force=values.get("force") or False,
        theme=values.get("theme"),
        allow_network=values.get("allow_network") or False,
    )
    return HookConfig(profile, site, options, f"{file.name} ({label})")


def find_hook_config(root: Path) -> HookConfig:
    """Where the profile is and how to publish, for a run with no arguments at a site's root."""
    root = root.resolve()
    for name in ("cvbuild.yaml", "cvbuild.yml"):
        path = root / name
        if path.is_file():
            data, source = _read_yaml(path)
            values = parse_settings(data or {}, HOOK_FIELDS, path, (), _yaml_locator(source))
            return _hook_config(values, root, path, name, _yaml_locator(source))
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        text = read_text(pyproject)
        if "[tool.cvbuild]" in text:
            data = _read_toml(text, pyproject)
            locate = _toml_locator(text, "tool.cvbuild")
            values = parse_settings(data["tool"]["cvbuild"], HOOK_FIELDS, pyproject, (), locate)
            return _hook_config(values, root, pyproject, "[tool.cvbuild]", locate)
    for name in ("_config.yml", "_config.yaml"):
        config = root / name
        if config.is_file() and re.search(r"^cvbuild\s*:", read_text(config), re.M):
            data, source = _read_yaml(config)
            block = data.get("cvbuild") if isinstance(data, dict) else None
            values = parse_settings(block, HOOK_FIELDS, config, ("cvbuild",), _yaml_locator(source))
            return _hook_config(values, root, config, "cvbuild:", _yaml_locator(source))
    for name in ("cv.yaml", "cv.yml"):
        if (root / name).is_file():
            return site_block_of(root / name) or HookConfig(root / name, root, SiteOptions(), name)
    if _has_cv_source(root):  # no cv.yaml: the site's own CV data (al-folio's _data/cv.yml, ...) is the profile
        return HookConfig(root, root, SiteOptions(), "the site's own CV sources")
    raise CvError(
        Problem(
            f"no CV profile found in {root}",
            hint="put cv.yaml at the site root, or say where in cvbuild.yaml (profile: path/to/cv.yaml)",
        )
    )


# The site's CV sources (cvbuild.load.site.CANDIDATES, without importing the model: a test ties them).
SITE_SOURCES = (
    "_data/cv.yml",
    "_data/cv.yaml",
    "assets/json/resume.json",
    "_data/cv.json",
    "_pages/cv.md",
    "data/authors",
    "content/_index.md",
    "content/authors/admin/_index.md",
    "_pages/about.md",
    "about.md",
    "index.md",
    "README.md",
)


def _has_cv_source(root: Path) -> bool:
    return any((root / name).exists() for name in SITE_SOURCES)


def _read_toml(text: str, path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CvError(Problem(f"cannot read pyproject.toml: {exc}", path, hint="fix the TOML syntax")) from None


def site_block_of(profile: Path) -> HookConfig | None:
    """The ``site:`` block of a YAML profile, typed as the model types it (the hook's fast path).

    A profile that is not valid YAML has no block here: the real load reports it, with its line.
    """
    if profile.suffix.lower() not in (".yaml", ".yml") or not profile.is_file():
        return None
    try:
        data, source = _read_yaml(profile)
    except CvError:
        return None
    block = data.get("site") if isinstance(data, dict) else None
    if block is None:
        return None
    values = parse_settings(block, SITE_BLOCK_FIELDS, profile, ("site",), _yaml_locator(source))
    options = SiteOptions(
        kind=values.get("kind"),
        pdf_path=values.get("pdf_path"),
        link_base=values.get("link_base"),
        html_page=values.get("html_page") or False,
    )
    # The site may hold the profile (cv/cv.yaml inside the site), never leave the profile's repository;
    # outside git, it is the profile's own folder, one below it, or a folder that holds the profile.
    gitdir = git_dir(profile.parent)
    folder = profile.parent.resolve()
    repository = gitdir.parent if gitdir is not None and gitdir.name == ".git" else None
    site = (profile.parent / (values.get("dir") or ".")).resolve()
    inside = is_within(site, repository) if repository else is_within(site, folder) or is_within(folder, site)
    if not inside:
        line, column = source.locate(("site", "dir"))
        raise CvError(
            Problem(
                f"site.dir '{values.get('dir')}' is outside {repository or folder}",
                profile,
                line,
                column,
                "site.dir",
                hint="publish into a site inside the profile's repository (or its folder, outside git)",
            )
        )
    return HookConfig(profile, site, options, f"{profile.name} (site:)")
