"""Every site kind cvbuild publishes into, in the order detection prefers them on a tie."""

from __future__ import annotations

from . import academicpages, alfolio, generic, hugo
from .kinds import SiteKind

SITE_KINDS: dict[str, SiteKind] = {
    kind.name: kind for kind in (academicpages.KIND, alfolio.KIND, hugo.KIND, generic.KIND)
}
