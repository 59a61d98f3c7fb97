"""What a venue's name says about a publication: conference, workshop, journal or preprint.

Exporters type many conference papers as ``@article`` (Google Scholar and al-folio put
``journal = {International Conference on …}``) and Springer's LNCS papers as
``@incollection``; ``@inproceedings{booktitle = {arXiv}}`` is a preprint. The entry type
alone files such papers in the wrong group, so the readers ask :func:`venue_kind` too. The
words and the table of known conferences are data (``venues.yaml``, read once) so that a
venue is added without touching code; the order of the rules is documented there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

VENUES_FILE = Path(__file__).resolve().parent / "venues.yaml"
_YEAR = r"(?:\s?'?\d{2}(?:\d{2})?)?"  # "NeurIPS 2024", "ICML'23", "CVPR2024"


@dataclass(frozen=True)
class _Rules:
    preprint: re.Pattern[str]
    workshop: re.Pattern[str]
    conference_strong: re.Pattern[str]
    journal: re.Pattern[str]
    known_names: re.Pattern[str]
    known_acronyms: re.Pattern[str]
    conference_weak: re.Pattern[str]


def _words(words: list[str]) -> str:
    return r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)"


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = yaml.load(VENUES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    servers = [re.escape(s) for s in data["preprint_servers"]]
    acronyms = sorted(data["conference_acronyms"], key=len, reverse=True)
    return _Rules(
        preprint=re.compile(r"^\s*(?:" + "|".join(servers) + r")\b|\bpre-?print\b", re.I),
        workshop=re.compile(_words(data["workshop_words"]), re.I),
        conference_strong=re.compile(_words(data["conference_words"]), re.I),
        journal=re.compile("|".join(f"(?:{p})" for p in data["journal_patterns"]), re.I),
        known_names=re.compile(_words(data["conference_names"]), re.I),
        known_acronyms=re.compile(
            r"(?<![A-Za-z])(?:" + "|".join(re.escape(a) for a in acronyms) + r")" + _YEAR + r"(?![A-Za-z])"
        ),
        conference_weak=re.compile(r"(?<!\w)(?:proceedings|proc\.|in proc\b)", re.I),
    )


def is_preprint_venue(venue: str) -> bool:
    """arXiv, CoRR, bioRxiv, …, or a venue that says "preprint"."""
    return bool(venue) and bool(_rules().preprint.search(venue))


def venue_kind(venue: str, abbr: str = "") -> str | None:
    """preprint, workshop, conference or journal as the name says; None when it says nothing.

    ``abbr`` is the short name (al-folio's ``abbr``, DBLP's acronym): it can only make a venue
    a conference ("NeurIPS" for "Advances in Neural Information Processing Systems"), never
    outweigh a journal's own name (OOPSLA papers appear in PACMPL, a journal).
    """
    rules = _rules()
    venue = re.sub(r"\s+", " ", venue or "").strip()
    if not venue and not abbr:
        return None
    if venue and rules.preprint.search(venue):
        return "preprint"
    if rules.workshop.search(venue):
        return "workshop"
    if rules.conference_strong.search(venue):
        return "conference"
    if venue and rules.journal.search(venue):
        return "journal"
    if rules.known_names.search(venue) or rules.known_acronyms.search(venue) or rules.known_acronyms.search(abbr):
        return "conference"
    if rules.conference_weak.search(venue):
        return "conference"
    return None


_NON_WORD = re.compile(r"[^\w&]+")


def mapped_kind(venue: str, abbr: str, mapping: Mapping[str, str]) -> str | None:
    """The profile's own ``venue_kinds``: a key equal to the short name, or a whole phrase of the venue."""
    if not mapping:
        return None
    short = strip_year(abbr).lower()
    text = " " + _NON_WORD.sub(" ", venue.lower()) + " "
    for name, kind in mapping.items():
        key = name.strip().lower()
        if not key:
            continue
        if key == short or key == venue.strip().lower():
            return kind
        phrase = _NON_WORD.sub(" ", key).strip()
        if phrase and f" {phrase} " in text:
            return kind
    return None


_ABBR_YEAR = re.compile(r"(?:[\s\-_/]*'?\d{2}|[\s\-_/]*(?:19|20)\d{2})$")


def strip_year(abbr: str) -> str:
    """'NeurIPS 2024' → 'NeurIPS', "ICML'23" → 'ICML', 'CVPR-2024' → 'CVPR'; '3DV' stays."""
    abbr = (abbr or "").strip()
    stripped = _ABBR_YEAR.sub("", abbr).strip()
    return stripped if re.search(r"[A-Za-z]", stripped) else abbr
