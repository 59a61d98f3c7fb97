"""A preprint and its published version, listed once: the published entry, with the arXiv link.

DBLP lists a paper's CoRR preprint beside its conference version; Google Scholar and
al-folio files keep the arXiv entry after the paper appears. A CV lists the paper once. A
preprint is the same paper as a published entry (journal, conference, workshop, chapter or
book) when both name the same arXiv id, or when their titles are equal (ignoring case,
accents, punctuation and markup) and one author list contains the other (by family names:
exporters spell given names differently, and authors are sometimes added on the way to
publication). The published entry is kept; the preprint's arXiv id and any link the
published entry lacks (code, slides, …) move onto it. Each merge is reported; the section's
``keep_preprints: true`` keeps both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..model import Publication
from ..model.names import ET_AL, Name, split_marks
from ..model.publications import LINK_KINDS, plain_text

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NOT_KEY = re.compile(r"[^0-9a-z\u0080-\uffff]+")
PUBLISHED_KINDS = ("journal", "conference", "chapter", "book", "workshop")  # preferred in this order


@dataclass(frozen=True)
class Merge:
    """One preprint folded into its published version."""

    preprint: Publication
    published: Publication  # as it was before the merge
    by: str  # "arXiv id" or "title and authors"

    def describe(self) -> str:
        where = f" ({self.preprint.source})" if self.preprint.source else ""
        into = f" ({self.published.source})" if self.published.source else ""
        return (
            f"the preprint '{_short(self.preprint.title)}'{where} is listed once, as its {self.published.kind} "
            f"version{into} (same {self.by}), with the arXiv link"
        )


def _short(title: str) -> str:
    text = plain_text(title)
    return text if len(text) <= 70 else text[:69] + "…"


@lru_cache(maxsize=4096)
def title_key(title: str) -> str:
    """'{GPU}s: A <em>Survey</em>.' and 'GPUs - a survey' compare equal."""
    text = plain_text(title)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _NOT_KEY.sub("", text.lower())


def _families(pub: Publication) -> frozenset[str]:
    out = set()
    for author in pub.authors:
        if author.strip().lower() in ET_AL:
            continue
        family = Name.parse(split_marks(author)[0]).family
        if family:
            out.add(family)
    return frozenset(out)


def _same_authors(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def merge_preprints(pubs: list[Publication]) -> tuple[list[Publication], list[Merge]]:
    """The list with each preprint that has a published version folded into it; the merges, in order."""
    published = [p for p in pubs if p.kind in PUBLISHED_KINDS]
    preprints = [p for p in pubs if p.kind == "preprint"]
    if not published or not preprints:
        return pubs, []
    by_arxiv: dict[str, list[int]] = {}
    by_title: dict[str, list[int]] = {}
    for index, pub in enumerate(published):
        if pub.arxiv:
            by_arxiv.setdefault(_bare_arxiv(pub.arxiv), []).append(index)
        by_title.setdefault(title_key(pub.title), []).append(index)
    families: dict[int, frozenset[str]] = {}
    merged: dict[int, Publication] = {}  # index in published → the merged entry
    dropped: set[int] = set()  # id() of preprints folded away
    merges: list[Merge] = []
    for pre in preprints:
        target, by = None, ""
        if pre.arxiv and _bare_arxiv(pre.arxiv) in by_arxiv:
            target, by = _best(by_arxiv[_bare_arxiv(pre.arxiv)], published), "arXiv id"
        else:
            mine = _families(pre)
            candidates = []
            for index in by_title.get(title_key(pre.title), []):
                other = published[index]
                if other.arxiv and pre.arxiv and _bare_arxiv(other.arxiv) != _bare_arxiv(pre.arxiv):
                    continue  # two different arXiv papers with one title
                if index not in families:
                    families[index] = _families(other)
                if _same_authors(mine, families[index]):
                    candidates.append(index)
            if candidates:
                target, by = _best(candidates, published), "title and authors"
        if target is None:
            continue
        current = merged.get(target, published[target])
        merges.append(Merge(pre, published[target], by))
        merged[target] = _fold_into(current, pre)
        dropped.add(id(pre))
    if not merges:
        return pubs, []
    replaced = {id(published[i]): new for i, new in merged.items()}
    out = [replaced.get(id(p), p) for p in pubs if id(p) not in dropped]
    return out, merges


def _bare_arxiv(identifier: str) -> str:
    return re.sub(r"v\d+$", "", identifier.strip().lower())


def _best(indices: list[int], published: list[Publication]) -> int:
    """The journal version before the conference one, then the newest."""

    def rank(index: int) -> tuple[int, tuple[int, ...]]:
        pub = published[index]
        return (PUBLISHED_KINDS.index(pub.kind), tuple(-x for x in pub.sort_key()))

    return min(indices, key=rank)


def _fold_into(published: Publication, preprint: Publication) -> Publication:
    """The published entry, plus the preprint's arXiv id and the links it lacks."""
    update: dict[str, object] = {}
    for kind in LINK_KINDS:
        if not getattr(published, kind) and getattr(preprint, kind):
            update[kind] = getattr(preprint, kind)
    if preprint.selected and not published.selected:
        update["selected"] = True
    if not update:
        return published
    return published.model_copy(update=update)


def duplicates(pubs: list[Publication]) -> list[tuple[Publication, Publication]]:
    """Entries listed twice (the same kind, title and authors), e.g. a paper in both a .bib and a Zotero export.

    Both are kept (which one is right is the author's call); the reader warns about each pair.
    """
    by_title: dict[tuple[str, str], list[Publication]] = {}
    for pub in pubs:
        key = title_key(pub.title)
        if key:
            by_title.setdefault((pub.kind, key), []).append(pub)
    pairs = []
    for same in by_title.values():
        if len(same) < 2:
            continue  # most titles: no author list is parsed at all
        first: dict[frozenset[str], Publication] = {}
        for pub in same:
            families = _families(pub)
            if families in first:
                pairs.append((first[families], pub))
            else:
                first[families] = pub
    return pairs
