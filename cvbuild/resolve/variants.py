"""Variants: several CVs from one profile (a full CV, a 2-page resume, a grant version).

Part of the resolve stage: a variant is applied to the validated profile before dates and
markdown are resolved, and yields an ordinary :class:`~cvbuild.model.Profile`, so themes
never know variants exist.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from ..errors import CvError, Problem
from ..model import Design, Profile, PublicationsSection, SectionBase, in_order
from ..model.profile import Variant

# The list field holding each section kind's entries (text and skills sections have none).
ROWS = {"entries": "entries", "items": "items", "publications": "publications", "bullets": "bullets"}


def _rows_field(section: SectionBase) -> str | None:
    return next((name for name in ROWS.values() if name in type(section).model_fields), None)


def _tags(thing: Any) -> set[str]:
    return set(getattr(thing, "tags", []) or [])


def _where(profile_source: Any, path: tuple[Any, ...], *, key: bool = False) -> dict[str, Any]:
    if profile_source is None:
        return {"path": ".".join(str(p) for p in path)}
    problem = profile_source.problem("", path, key=key)
    return {"file": problem.file, "line": problem.line, "column": problem.column, "path": problem.path}


def apply_variant(profile: Profile, name: str, source: Any = None) -> Profile:
    """The profile as variant ``name`` shows it; unknown names and titles are located errors."""
    if name not in profile.variants:
        known = list(profile.variants)
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else ("variants: " + ", ".join(known) if known else "")
        raise CvError(Problem(f"no variant named '{name}'", hint=hint or "add a 'variants:' block to the profile"))
    variant: Variant = profile.variants[name]
    titles = [s.title for s in profile.sections]
    problems = []
    for field in ("sections", "limits"):
        for i, title in enumerate(getattr(variant, field)):
            if title not in titles:
                close = difflib.get_close_matches(title, titles, n=1)
                path = ("variants", name, field, i) if field == "sections" else ("variants", name, field, title)
                problems.append(
                    Problem(
                        f"no section titled '{title}'",
                        hint=f"did you mean '{close[0]}'?" if close else "section titles: " + ", ".join(titles),
                        **_where(source, path, key=field == "limits"),
                    )
                )
    if problems:
        raise CvError(problems)

    sections = [_filter_section(s, variant) for s in profile.sections]
    kept = [s for s in sections if s is not None]
    if variant.sections:
        by_title = {s.title: s for s in kept}
        kept = [by_title[t] for t in variant.sections if t in by_title]
    design = profile.design
    if variant.theme or variant.design:
        merged = {**profile.design.model_dump(exclude_unset=True), **variant.design}
        if variant.theme:
            merged["theme"] = variant.theme
        try:
            design = Design.model_validate(merged)
        except ValidationError as error:
            first = error.errors()[0]
            raise CvError(
                Problem(first["msg"], **_where(source, ("variants", name, "design", *first["loc"])))
            ) from None
    return profile.model_copy(
        update={"sections": kept, "design": design, "locale": variant.locale or profile.locale, "variants": {}}
    )


def _filter_section(section: SectionBase, variant: Variant) -> SectionBase | None:
    if _tags(section) & set(variant.exclude_tags):
        return None
    field = _rows_field(section)
    section_chosen = not variant.only_tags or bool(_tags(section) & set(variant.only_tags))
    if field is None:  # text / skills: all or nothing
        return section if section_chosen else None
    rows = [r for r in getattr(section, field) if not (_tags(r) & set(variant.exclude_tags))]
    if not section_chosen:
        rows = [r for r in rows if _tags(r) & set(variant.only_tags)]
        if not rows:
            return None
    if variant.selected_publications and isinstance(section, PublicationsSection):
        rows = [r for r in rows if r.selected]
    limit = variant.limits.get(section.title)
    if limit is not None:
        rows = in_order(rows, section.sort)[:limit]
    if not rows:
        return None
    return section.model_copy(update={field: rows})
