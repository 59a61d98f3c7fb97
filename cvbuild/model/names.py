"""Recognising the CV owner's name in author lists, so it can be set in bold.

Author lists spell one person many ways: ``Wang, Zhuoran``, ``Zhuoran Wang``, ``Z. Wang``,
``Wang, Z.``, ``Zhuo-Ran Wang``, ``M{\\'{e}}rouane`` or ``Mérouane``, with or without middle
initials, with DBLP's ``0001`` homonym numbers and with marks such as ``*`` or ``†``. An
author matches the owner when the family names are equal (ignoring accents, case, spaces,
hyphens and particles such as *van* or *de*) and every given-name part agrees with the
owner's (a full name, or an initial of it). A different person with the same family name
(``B. Wang``, ``Zhiyu Wang``) or an author written by family name only never matches.

Marks: researchers flag equal contribution and corresponding authors with characters after
the name. :func:`split_marks` takes them off and normalises them (``^`` → ``†``).

This sits in the model layer, below both stages that need it: the load stage warns about
spellings that are probably the owner's but do not match (:func:`unlisted_owner_spellings`),
the resolve stage sets the owner in bold (:mod:`cvbuild.resolve.names` re-exports it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Characters that mark an author (equal contribution, corresponding author, ...), normalised.
MARK_CHARS = {"*": "*", "∗": "*", "^": "†", "†": "†", "‡": "‡", "§": "§", "¶": "¶", "#": "#", "♯": "#"}
DEFAULT_MARK_TEXT = {
    "*": "Equal contribution",
    "†": "Corresponding author",
    "‡": "Equal advising",
    "#": "Equal contribution",
}
_MARK_RE = re.compile("[" + re.escape("".join(MARK_CHARS)) + "]")
_PARTICLES = {
    "van", "von", "der", "den", "de", "di", "da", "del", "della", "des", "du", "la", "le", "ten", "ter", "dos",
    "das", "do", "zu", "af", "av", "bin", "ibn", "al", "el",
}  # fmt: skip
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_HOMONYM = re.compile(r"\s+\d{4}$")  # DBLP: "Wei Zhang 0001"
ET_AL = {"others", "et al", "et al."}


def split_marks(author: str) -> tuple[str, str]:
    """('Yuan*, Zhihang') → ('Yuan, Zhihang', '*'): the name without marks, and the marks in order."""
    marks = "".join(dict.fromkeys(MARK_CHARS[c] for c in _MARK_RE.findall(author)))
    name = re.sub(r"\s+", " ", _MARK_RE.sub("", author)).strip().strip(",").strip()
    return name, marks


def _fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: 'Mérouane' and 'Merouane' compare equal."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ı", "i").replace("ø", "o").replace("ß", "ss").replace("ł", "l").replace("đ", "d")
    return re.sub(r"[^\w\s-]", " ", text).lower()


def _decode_latex(text: str) -> str:
    """Names in a profile may be written in LaTeX (copied from a .bib): decode them first."""
    if "\\" not in text and "{" not in text:
        return text
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text").latex_to_text(text)


def _given_parts(tokens: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for token in tokens:
        bare = token.replace(".", "")
        if bare.isalpha() and bare.isupper() and 1 < len(bare) <= 3 and "." not in token:
            out.extend(bare.lower())  # "JR Smith" (Google Scholar): initials without dots
            continue
        out.extend(p for p in re.split(r"[\s.\-]+", _fold(token)) if p)
    return tuple(out)


@dataclass(frozen=True)
class Name:
    given: tuple[str, ...]
    family: str  # folded, particles dropped, no spaces or hyphens: "van der Berg" → "berg"

    @classmethod
    def parse(cls, text: str) -> Name:
        return _parse(text)

    def matches(self, other: Name) -> bool:
        """Whether ``other`` (an author) can be this person (the owner)."""
        if not self.family:
            return False
        if self.family == other.family:
            if not other.given:
                return not self.given
            return _given_agree(self.given, other.given)
        # "Wang Zhuoran" written family-first without a comma
        return (
            bool(self.given)
            and all(len(p) > 1 for p in self.given)
            and other.family == "".join(self.given)
            and "".join(other.given) == self.family
        )


def _given_agree(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    if not mine:
        return True
    if all(len(p) > 1 for p in mine + theirs) and "".join(mine) == "".join(theirs):
        return True  # "Zhuoran" vs "Zhuo-Ran"
    for a, b in zip(mine, theirs, strict=False):
        if a == b:
            continue
        if (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
            continue
        return False
    return True


def _family_key(words: list[str]) -> str:
    folded = [w for w in re.split(r"[\s\-]+", _fold(" ".join(words))) if w]
    while len(folded) > 1 and folded[0] in _PARTICLES:
        folded.pop(0)
    return "".join(folded)


@lru_cache(maxsize=8192)
def _parse(text: str) -> Name:
    text, _ = split_marks(_decode_latex(text))
    text = _HOMONYM.sub("", text).strip()
    if text.isupper():  # "MEI LING CHEN": capitals are not initials when the whole name is in capitals
        text = text.title()
    if "," in text:
        parts = [p.strip() for p in text.split(",")]
        return Name(_given_parts(parts[-1].split()) if len(parts) > 1 else (), _family_key(parts[0].split()))
    tokens = text.split()
    while len(tokens) > 1 and tokens[-1].lower().strip(".") in _SUFFIXES:
        tokens.pop()
    if not tokens:
        return Name((), "")
    family = [tokens.pop()]
    while len(tokens) > 1 and tokens[-1].islower() and tokens[-1] in _PARTICLES:  # "Ludwig van Beethoven"
        family.insert(0, tokens.pop())
    return Name(_given_parts(tokens), _family_key(family))


class OwnerMatcher:
    """The owner's spellings, parsed once; call it with an author to ask "is this the owner?"."""

    def __init__(self, spellings: list[str]):
        self.names = [Name.parse(s) for s in spellings if s and s.strip()]

    def __call__(self, author: str) -> bool:
        if author.strip().lower() in ET_AL:
            return False
        candidate = Name.parse(author)
        return any(owner.matches(candidate) for owner in self.names)


def is_owner(author: str, owner_names: list[str]) -> bool:
    return OwnerMatcher(owner_names)(author)


# ---------------------------------------------------------------------------------------------
# The owner under a spelling the profile does not list


@dataclass(frozen=True)
class SpellingHint:
    """An author who is probably the owner under a spelling that does not match: add it to name_variants."""

    spelling: str  # "Given Family", as the files write it
    entries: int  # entries naming this spelling and not the owner
    total: int  # entries looked at


def _as_given_family(name: str) -> str:
    if "," not in name:
        return name
    family, _, given = name.partition(",")
    return f"{given.strip()} {family.strip()}".strip()


def unlisted_owner_spellings(
    author_lists: Iterable[list[str]], matcher: OwnerMatcher, min_entries: int = 3
) -> list[SpellingHint]:
    """Spellings that share the owner's family name, in entries that do not name the owner at all.

    A paper of yours whose list has no author matching you but has one with your family
    name is most likely yours under another given name ("Bob Smith" for "Robert Smith",
    an English name, a transliteration). One such entry proves little; a spelling that
    does this in ``min_entries`` entries, with your first initial, or in a quarter of all
    entries whatever its initial, is worth a warning. A namesake who writes papers with
    you is never suggested: those entries name you too.
    """
    families = {n.family for n in matcher.names if n.family}
    reversed_families = {"".join(n.given) for n in matcher.names if n.given}  # "Wang Zhuoran", family first
    initials = {n.given[0][0] for n in matcher.names if n.given and n.given[0]}
    counts: dict[Name, tuple[str, int]] = {}
    total = 0
    seen: dict[str, tuple[Name, bool]] = {}  # author as written → (parsed, is the owner): co-authors repeat
    for authors in author_lists:
        total += 1
        looked = []
        for author in authors:
            if author not in seen:
                name = split_marks(author)[0]
                parsed = Name.parse(name) if author.strip().lower() not in ET_AL else Name((), "")
                maybe_me = parsed.family in families or parsed.family in reversed_families
                seen[author] = (parsed, maybe_me and matcher(name))
            looked.append((author, *seen[author]))
        if any(me for _, _, me in looked) or not any(p.family in families for _, p, _ in looked):
            continue
        counted: set[Name] = set()
        for author, parsed, _ in looked:
            if parsed.family in families and parsed.given and parsed not in counted:
                counted.add(parsed)
                name = split_marks(author)[0]
                spelling, count = counts.get(parsed, (_as_given_family(name), 0))
                counts[parsed] = (spelling, count + 1)
    hints = []
    for parsed, (spelling, count) in counts.items():
        same_initial = bool(parsed.given[0]) and parsed.given[0][0] in initials
        if count >= min_entries and (same_initial or count * 4 >= total):
            hints.append(SpellingHint(spelling, count, total))
    return sorted(hints, key=lambda h: (-h.entries, h.spelling))
