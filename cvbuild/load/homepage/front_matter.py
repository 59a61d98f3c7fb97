"""A page's front matter: YAML between ``---`` lines or TOML between ``+++`` lines (Hugo).

Errors in it point at the page's own line numbers. The parsing itself lives in
:mod:`cvbuild.load.hugo_data`, because the Hugo author-file reader reads the same front matter
(publication pages, author pages) and readers may not import each other.
"""

from __future__ import annotations

from ..hugo_data import read_front_matter, split_front_matter

__all__ = ["read_front_matter", "split_front_matter"]
