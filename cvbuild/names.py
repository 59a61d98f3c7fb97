"""Recognising the CV owner's name in author lists, so it can be set in bold.

An author matches when the family names are equal and every given-name part agrees with
the owner's (a full name, or an initial of it): ``Lovelace, Ada``, ``A. Lovelace``,
``Ada K. Lovelace`` all match Ada Lovelace; ``B. Lovelace`` does not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def _fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: 'Mérouane' and 'Merouane' compare equal."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w\s-]", " ", text).lower()


@dataclass(frozen=True)
class Name:
    given: tuple[str, ...]
    family: str

    @classmethod
    def parse(cls, text: str) -> Name:
        text = re.sub(r"[*†‡^§¶#]+", "", text).strip()
        if "," in text:
            family, _, given = text.partition(",")
        else:
            parts = text.split()
            family, given = (parts[-1], " ".join(parts[:-1])) if parts else ("", "")
        given_parts = tuple(p for p in re.split(r"[\s.\-]+", _fold(given)) if p)
        return cls(given_parts, _fold(family).strip())

    def matches(self, other: Name) -> bool:
        if not self.family or self.family != other.family:
            return False
        if not self.given or not other.given:
            return True
        for mine, theirs in zip(self.given, other.given, strict=False):
            if mine == theirs:
                continue
            if len(mine) == 1 or len(theirs) == 1:
                if mine[0] != theirs[0]:
                    return False
                continue
            return False
        return True


def is_owner(author: str, owner_names: list[str]) -> bool:
    candidate = Name.parse(author)
    return any(Name.parse(owner).matches(candidate) for owner in owner_names if owner)
