"""Resolve a publications section: author highlighting, links, grouping and numbering.

Part of the resolve stage (see :mod:`cvbuild.resolve`); kept apart because publications
have the most rules of any section kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .markdown import inline
from .names import is_owner

if TYPE_CHECKING:
    from .model import Profile, PublicationsSection
    from .resolve import ResolvedSection


def _authors(authors: list[str], owner: list[str]) -> Markup:
    shown = [Markup('<strong class="me">{}</strong>').format(a) if is_owner(a, owner) else escape(a) for a in authors]
    if len(shown) <= 2:
        return Markup(" and ").join(shown)
    return Markup(", ").join(shown[:-1]) + Markup(", and ") + shown[-1]


def _doi_links(pub: Any) -> list[tuple[str, str]]:
    links = []
    if pub.doi:
        links.append(("DOI", f"https://doi.org/{pub.doi}"))
    if pub.arxiv:
        links.append(("arXiv", f"https://arxiv.org/abs/{pub.arxiv}"))
    for label, url in (("PDF", pub.pdf), ("Code", pub.code), ("Slides", pub.slides), ("Video", pub.video)):
        if url:
            links.append((label, url))
    if pub.url and not links:
        links.append(("Link", pub.url))
    return links


def resolve_publications(section: PublicationsSection, profile: Profile, out: ResolvedSection) -> None:
    """Fill ``out.rows`` with one Row per publication, newest first unless the section says otherwise."""
    from .resolve import Row, _sorted

    owner = [profile.person.name, *profile.person.name_variants, *section.highlight]
    for pub in _sorted(section.publications, section.sort):
        when = pub.when()
        out.rows.append(
            Row(
                title=inline(pub.title),
                subtitle=inline(pub.venue),
                authors=_authors(pub.authors, owner),
                date=str(when.year) if when else "",
                url=pub.url,
                note=inline(pub.note),
                links=_doi_links(pub),
                details=[x for x in (pub.volume and f"vol. {pub.volume}", pub.pages and f"pp. {pub.pages}") if x],
                tags=pub.tags,
            )
        )
