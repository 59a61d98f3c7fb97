"""Flat lines as CV entries: "PhD in Physics, University of Nowhere, Nowhere City" → title / organisation / location.

A CV made from a page should read like one made from YAML, where a degree or a position prints its
title, then the institution and the place. Pages write these as one line; :func:`split_entry`
splits it only when the pattern is clear, else the line stays as written (never a wrong split):

* ``Role at Organisation[, Place]`` and ``Role @ Organisation``;
* a comma list ``Title, Organisation[, Place…]`` whose organisation part names an institution
  (University, Institute, Lab, Inc …), is linked or bold, or is followed by a place;
* ``**Organisation**, Title`` (the organisation first, in bold or linked) is turned around.

Places are the last one or two short comma parts made of capitalised words (``Delft``, ``The
Netherlands``, ``Cambridge, MA``); an acronym such as ``ICLR`` is not a place.
"""

from __future__ import annotations

import re

from .papers import LINK, plain

_ORG_WORDS = re.compile(
    r"\b(universit\w*|univ\.|institut\w*|college|school|academy|academia|laborator\w*|lab|labs|centre|center|"
    r"department|dept\.?|faculty|hospital|clinic|foundation|society|council|agency|ministry|bureau|office|"
    r"company|corporation|corp\.?|inc\.?|ltd\.?|gmbh|ag|llc|plc|s\.a\.|group|team|division|research|"
    r"technolog\w*|polytechnic|politecnico|hochschule|universität|université|universidad|università|"
    r"eth|epfl|mit|caltech|cnrs|inria|max planck|fraunhofer|google|microsoft|meta|amazon|apple|nvidia|"
    r"ibm|intel|deepmind|openai|baidu|alibaba|tencent|huawei|bytedance|samsung|sony|"
    r"大学|学院|研究所|研究院|实验室|公司)\b",
    re.I,
)
_DEGREE_OR_ROLE = re.compile(
    r"\b(ph\.?d|phd|doctor\w*|m\.?sc|msc|m\.?s\.?|m\.?a\.?|m\.?eng|meng|b\.?sc|bsc|b\.?s\.?|b\.?a\.?|b\.?eng|beng|"
    r"bachelor\w*|master\w*|diploma|degree|candidate|student|intern\w*|researcher|engineer|scientist|"
    r"professor|lecturer|fellow|postdoc\w*|assistant|associate|director|manager|developer|analyst|consultant|"
    r"head|lead|chair|member|visiting|teaching|ta|tutor|editor|ambassador|volunteer|founder|officer)\b",
    re.I,
)
_PLACE_WORD = re.compile(r"^(?:[A-ZÀ-Þ][\w'’.\-À-ÿ]*|of|the|and|de|la|del|am|an|der|upon|on|sur|[A-Z]{2}\.?)$")
_ACRONYM_PLACES = {"USA", "UK", "UAE", "US", "U.S.", "U.K.", "U.S.A.", "PRC", "HK", "NYC", "DC", "EU", "ROC"}


def _parts(text: str) -> list[str]:
    """Comma parts at the top level: not inside parentheses, brackets or a link."""
    out: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char in ",，" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return [p.strip() for p in out]


def _is_place(part: str) -> bool:
    text = plain(part).strip(" .")
    if not text or LINK.search(part) or "**" in part or re.search(r"\d", text):
        return False
    words = text.split()
    if not 1 <= len(words) <= 3 or _ORG_WORDS.search(text) or _DEGREE_OR_ROLE.search(text):
        return False
    for word in words:
        if word.isupper() and len(word) >= 3 and word not in _ACRONYM_PLACES:
            return False
    return all(_PLACE_WORD.match(w) for w in words) and text[0].isupper()


def _is_organisation(part: str) -> bool:
    text = plain(part).strip(" .")
    if not text or len(text.split()) > 12:
        return False
    if re.match(r"^[a-z]", text) and not re.match(r"^(?:i[A-Z]|e[A-Z])", text):  # "supervised by …": prose
        return False
    wrapped = bool(re.fullmatch(r"\s*(\*\*|\*|__)?\s*\[.*\]\(.*\)\s*\1?\s*\.?\s*|\s*\*\*[^*]+\*\*\s*\.?\s*", part))
    return wrapped or bool(_ORG_WORDS.search(text))


def _tidy(part: str) -> str:
    """A part without its final period and without bold/italics wrapped around all of it (the theme styles it)."""
    part = re.sub(r"\s*\.\s*$", "", part.strip()).strip()
    wrapped = re.fullmatch(r"(\*\*|__|\*|_)(?!\1)(.+?)\1", part)
    return wrapped.group(2).strip() if wrapped and "**" not in wrapped.group(2) else part


def split_entry(text: str) -> dict[str, str] | None:
    """{'title', 'organisation', 'location'?} when ``text`` clearly has that shape, else None."""
    if not text or "\n" in text or len(plain(text)) > 220:
        return None
    at = re.match(r"^(?P<title>[^,@]{2,120}?)\s+(?:at|@)\s+(?P<rest>.+)$", text)
    if at and not re.search(r"\b(?:at|@)\b", plain(at.group("title"))):
        title = at.group("title").strip()
        parts = _parts(at.group("rest"))
        if plain(title) and _DEGREE_OR_ROLE.search(plain(title)) or _is_organisation(parts[0]):
            return _fields(title, parts[0], parts[1:])
    parts = _parts(text)
    if len(parts) < 2 or any(not plain(p) for p in parts):
        return None
    first, rest = parts[0], parts[1:]
    if (
        len(rest) >= 1
        and _is_organisation(first)
        and _ORG_WORDS.search(plain(first))
        and not _DEGREE_OR_ROLE.search(plain(first))
        and _DEGREE_OR_ROLE.search(plain(rest[0]))
    ):
        return _fields(rest[0], first, rest[1:])  # "**University of X**, PhD in Physics"
    if len(plain(first).split()) > 16:
        return None
    places: list[str] = []
    while rest and len(places) < 2 and len(rest) > 1 and _is_place(rest[-1]):
        places.insert(0, rest.pop())
    if not rest:
        return None
    organisation = rest
    if not all(plain(p)[:1].isupper() or LINK.match(p.strip(" *")) or not plain(p)[:1].isalpha() for p in organisation):
        return None
    if not any(_is_organisation(p) for p in organisation) and not (places and len(organisation) == 1):
        return None
    return _fields(first, ", ".join(organisation), places)


def _fields(title: str, organisation: str, places: list[str]) -> dict[str, str] | None:
    title, organisation = _tidy(title), _tidy(organisation)
    place = _tidy(", ".join(plain(p) for p in places))
    if not plain(title) or not plain(organisation):
        return None
    out = {"title": title, "organisation": organisation}
    if place:
        if not all(_is_place(p) for p in _parts(place)):
            return None
        out["location"] = place
    return out
