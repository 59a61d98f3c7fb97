"""Author names as a CV prints them, and the owner's name found in author lists.

Recognising the owner (:class:`OwnerMatcher`, :func:`split_marks`, the mark tables) lives in
:mod:`cvbuild.model.names`, below the load stage, which warns about unlisted spellings of the
owner's name, and this stage, which sets the owner in bold; it is re-exported here. What is
left here is printing: :func:`display_name` in the three author formats.
"""

from __future__ import annotations

from ..model.names import (
    _HOMONYM,
    _PARTICLES,
    DEFAULT_MARK_TEXT,
    ET_AL,
    MARK_CHARS,
    Name,
    OwnerMatcher,
    SpellingHint,
    is_owner,
    split_marks,
    unlisted_owner_spellings,
)

__all__ = [
    "DEFAULT_MARK_TEXT",
    "ET_AL",
    "MARK_CHARS",
    "Name",
    "OwnerMatcher",
    "SpellingHint",
    "display_name",
    "is_owner",
    "split_marks",
    "unlisted_owner_spellings",
]


def display_name(author: str, style: str = "full") -> str:
    """How an author is printed.

    full: 'Lovelace, Ada' → 'Ada Lovelace' ('Smith, Jr., John' → 'John Smith Jr.');
    initials: 'A. Lovelace' ('Zhuo-Ran Wang' → 'Z.-R. Wang'); last-initials: 'Lovelace, A.'.
    Particles stay with the family name ('Ludwig van Beethoven' → 'L. van Beethoven'); a name
    written without spaces (Chinese, Japanese) is printed as written.
    """
    author = _HOMONYM.sub("", author.strip())
    if author.lower() in ET_AL:
        return "et al."
    given, family, suffix = _name_parts(author)
    if style == "full" or not given:
        return " ".join(p for p in (given, family, suffix) if p)
    initials = " ".join(_initial(word) for word in given.split())
    if style == "initials":
        return " ".join(p for p in (initials, family, suffix) if p)
    return f"{family}, {initials}" + (f", {suffix}" if suffix else "")


def _name_parts(author: str) -> tuple[str, str, str]:
    """(given, family, suffix) of 'Family, Given' or 'Given [particles] Family'."""
    if "," in author:
        parts = [p.strip() for p in author.split(",")]
        return parts[-1], parts[0], parts[1] if len(parts) > 2 else ""
    words = author.split()
    if len(words) < 2:
        return "", author, ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:  # "van der" Berg
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:]), ""


def _initial(word: str) -> str:
    """'Ada' → 'A.', 'Zhuo-Ran' → 'Z.-R.', 'J.' → 'J.'."""
    return "-".join(f"{part[0]}." for part in word.split("-") if part)
