"""Publications written on a page, as structured :class:`~cvbuild.model.Publication` fields.

A page lists papers in a handful of shapes, all of them inline markdown by the time they get here
(see :mod:`.blocks`):

* ``*Title.* Authors, **Me\\***, Other. **Venue** workshop, 2025. (* equal contribution)``;
* AcadHomepage's ``` ``ICML 2024`` [Title](url), **Me**, Other. [Code](github)``, or its paper-box
  card (venue badge, title, author list, "Paper"/"Code"/"Slides" buttons, notes);
* ``[NeurIPS 2024] Title. Authors. Venue.`` or a citation ``Authors. (2023). "Title." *Venue*.``

:func:`parse_publication` finds the title (a long link, an italic or quoted span, else the first
sentence that is not a list of names), the authors (a comma/"and" list of names: each printed
name keeps its marks ``*`` ``†`` — ``✉`` becomes ``†`` — so the resolver can set the owner in bold
and print the legend, exactly as for BibTeX entries), the venue and year (a badge, ``ICML'24``,
``[NeurIPS 2024]``, the text left over), the links (paper, code, project, slides …) and a note
(what is left: "Oral", a one-line summary). The owner is NOT recognised here: the load layer sits
below the resolver, which matches names the same way for page and BibTeX publications.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# A markdown link; labels may hold escaped brackets.
LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\[\]\\])*)\]\(([^)\s]*)\)")
_YEAR_IN_PARENS = re.compile(r"\(\s*((?:19|20)\d{2})[a-z]?\s*\)")
_VOLUME_PAGES = re.compile(r"^(?:(?:vol\.?|no\.?|pp?\.?|pages?)\s*)?[\d\s(),:.\-–]+$", re.I)
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d])")
_SHORT_YEAR = re.compile(r"['’‘](\d{2})\b")  # ICML'24
_VENUE_BRACKET = re.compile(r"^\s*\\?\[((?:(?!\\?\]).){2,60}?)\\?\](?!\()\s*")

# Link labels (lower case, without brackets) → the publication field they fill.
LINK_WORDS = {
    "pdf": "pdf", "paper": "pdf", "full paper": "pdf", "full text": "pdf", "preprint": "pdf", "manuscript": "pdf",
    "arxiv": "arxiv", "abs": "arxiv", "abstract": "url", "code": "code", "github": "code", "source": "code",
    "source code": "code", "repo": "code", "repository": "code", "project": "project", "project page": "project",
    "website": "project", "webpage": "project", "page": "project", "homepage": "project", "demo": "project",
    "slides": "slides", "slide": "slides", "talk": "video", "video": "video", "youtube": "video",
    "poster": "poster", "blog": "blog", "post": "blog", "doi": "doi", "link": "url", "url": "url",
    "openreview": "url", "acm": "url", "ieee": "url", "springer": "url", "publisher": "url", "html": "url",
    "proceedings": "url", "dataset": "project", "data": "project", "model": "project", "huggingface": "project",
    "hugging face": "project", "supplementary": "url", "supp": "url", "bibtex": "", "bib": "", "cite": "",
    "citation": "", "pwc": "", "media": "url", "press": "url", "news": "url",
}  # fmt: skip
_CODE_HOSTS = re.compile(r"^https?://(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/[^/]+/[^/]+", re.I)
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7})", re.I)
_DOI = re.compile(r"^https?://(dx\.)?doi\.org/(10\.\S+)$", re.I)

# "(* equal contribution)", "†: corresponding author": the resolver prints the legend itself.
_LEGEND = re.compile(
    r"\(?\s*(?:\\?[*†‡#✉§]|\^)+\s*[:：=]?\s*(?:denotes\s+|indicates\s+)?"
    r"(?:equal(?:ly)?\s+contribut\w*|co-?first\s+authors?|corresponding(?:\s+authors?)?|equal\s+advising)\s*\)?\.?",
    re.I,
)
_MARKS = "*∗†‡§¶#^✉"
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-À-ÿĀ-ſ]*|[A-ZÀ-Þ]\.(?:-?[A-ZÀ-Þ]\.)*|"
    r"van|von|der|den|de|di|da|del|della|des|du|la|le|ten|ter|dos|das|do|zu|af|bin|ibn|al|el|y)$"
)
_CJK_NAME = re.compile(r"^[\u3400-\u9fff\uac00-\ud7af]{2,4}$")
# Words that never occur in a person's name: they make a segment a venue or a title.
_NOT_NAME = re.compile(
    r"\b(conference|proceedings|journal|workshop|symposium|transactions|letters|review|international|annual|"
    r"university|institute|arxiv|preprint|ieee|acm|press|the|of|on|for|in|with|and|to|a|an|via|using|towards|"
    r"learning|network|networks|model|models|analysis|systems?|approach|method|data|deep|neural|large|language|"
    r"accepted|submitted|under|paper|award|oral|spotlight|poster|nature|science|vol|pp|no)\b",
    re.I,
)
_VENUE_WORDS = re.compile(
    r"\b(conference|proceedings|proc\.|journal|workshop|symposium|transactions|trans\.|letters|review|arxiv|"
    r"preprint|ieee|acm|springer|elsevier|nature|science|annals|bulletin|magazine|meeting|congress|forum|"
    r"ICML|NeurIPS|NIPS|ICLR|CVPR|ICCV|ECCV|AAAI|IJCAI|ACL|EMNLP|NAACL|KDD|WWW|SIGIR|SIGMOD|VLDB|OSDI|SOSP|"
    r"NSDI|EuroSys|ASPLOS|ISCA|MICRO|HPCA|PLDI|POPL|OOPSLA|ICRA|IROS|RSS|CoRL|MLSys|Interspeech|ICASSP|CHI|"
    r"UIST|SIGGRAPH|TPAMI|IJCV|JMLR|TMLR|COLING|ICDE|ATC|FAST|SC|PPoPP|DAC|ICCAD|MobiCom|SenSys|INFOCOM)\b",
    re.I,
)
_JOURNAL = re.compile(
    r"\btrans\.|\b(journal|transactions|letters|review|magazine|annals|bulletin|TPAMI|IJCV|JMLR|TMLR)\b", re.I
)
_CONFERENCE = re.compile(
    r"\bproc\.|\b(conference|proceedings|symposium|congress|meeting|ICML|NeurIPS|NIPS|ICLR|CVPR|ICCV|ECCV|AAAI|"
    r"IJCAI|ACL|EMNLP|NAACL|KDD|WWW|SIGIR|SIGMOD|VLDB|OSDI|SOSP|NSDI|EuroSys|ASPLOS|ISCA|MICRO|HPCA|PLDI|POPL|"
    r"OOPSLA|ICRA|IROS|CoRL|MLSys|Interspeech|ICASSP|CHI|UIST|SIGGRAPH|COLING|ICDE|PPoPP|DAC|ICCAD|MobiCom|"
    r"SenSys|INFOCOM)\b",
    re.I,
)
_PREPRINT = re.compile(r"\b(arxiv|preprint|biorxiv|medrxiv|ssrn|under review|submitted|in submission)\b", re.I)
_THESIS = re.compile(r"\b(thesis|dissertation)\b", re.I)
_PATENT = re.compile(r"\bpatent\b", re.I)
_BOOK_CHAPTER = re.compile(r"\bchapter\b", re.I)


@dataclass
class PaperParts:
    """What a paper card's HTML already tells apart (see :meth:`.blocks.Walker.paper_box`)."""

    title: str = ""
    title_url: str = ""
    authors: str = ""  # inline markdown of the author list, the owner in **bold**
    badges: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    lines: list[str] = field(default_factory=list)  # everything else, in order


def plain(text: str) -> str:
    """Inline markdown as plain text: links become their label, marks and escapes go."""
    text = LINK.sub(lambda m: m.group(1), text)
    text = re.sub(r"(?<!\\)(\*\*|__|~~|`)", "", text)
    text = re.sub(r"(?<![\\\w])\*(?=\S)|(?<=\S)(?<!\\)\*(?!\w)", "", text)
    text = re.sub(r"(?<!\w)_(?=\S)|(?<=\S)_(?!\w)", "", text)
    text = re.sub(r"\\([\\*_`\[\]|])", r"\1", text)
    return " ".join(text.split())


def link_kind(label: str, url: str) -> str | None:
    """The publication field a link fills ('pdf', 'code' …), '' for links to drop, None for a title link."""
    word = re.sub(r"[^\w\s]", "", plain(label)).strip().lower()
    word = re.sub(r"^(?:the|our|view|see|read|get|download|open)\s+", "", word)
    if word in LINK_WORDS:
        kind = LINK_WORDS[word]
        if kind in ("pdf", "url") and _ARXIV.search(url):
            return "arxiv"
        if kind == "code" and not url:
            return ""
        return kind
    return None


def _url_kind(url: str) -> str:
    if _ARXIV.search(url):
        return "arxiv"
    if _DOI.match(url):
        return "doi"
    if _CODE_HOSTS.match(url):
        return "code"
    if re.search(r"\.pdf(\?|#|$)", url, re.I):
        return "pdf"
    return "url"


def _put_link(pub: dict[str, Any], kind: str, url: str) -> None:
    if not url or not kind:
        return
    if kind in ("url", "pdf") and _url_kind(url) in ("arxiv", "doi"):
        kind = _url_kind(url)
    if kind == "arxiv":
        found = _ARXIV.search(url)
        if found:
            pub.setdefault("arxiv", found.group(1))
            return
        kind = "url"
    if kind == "doi":
        found = _DOI.match(url)
        if found:
            pub.setdefault("doi", found.group(2))
            return
        kind = "url"
    pub.setdefault(kind, url)


# ---- names --------------------------------------------------------------------------------------


def _name(token: str) -> tuple[str, bool] | None:
    """('Jian Chen*', bold?) for one author token, or None when it is not a person's name."""
    bold = "**" in token or "__" in token
    linked = LINK.search(token)
    if linked and _url_kind(linked.group(2)) != "url":
        return None  # a link to a paper, its code or a PDF is a title, not an author's homepage
    text = plain(token).replace("✉", "†").replace("📧", "†")
    text = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+", "", text).strip(" .,;:")
    marks = "".join(c for c in text if c in _MARKS)
    name = "".join(c for c in text if c not in _MARKS).strip(" .,;:")
    if re.fullmatch(r"(?i)et\.?\s*al\.?|others|and others", name):
        return "others", False
    if not name or len(name) > 60 or re.search(r"\d|[()\[\]{}:!?\"“”]", name):
        return None
    if _CJK_NAME.match(name):
        return name + marks, bold
    words = name.split()
    if not 1 <= len(words) <= 6 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if _NOT_NAME.search(name) and not all(len(w) <= 3 for w in words):
        return None
    if any(len(w) >= 3 and w.isupper() and "." not in w for w in words):
        return None  # an acronym: a venue (ICML), not a person
    if name[-1] == "." and len(words[-1]) > 2 and not re.fullmatch(r"(?:[A-Z]\.)+", words[-1]):
        name = name[:-1]
    return name + marks, bold


def parse_names(text: str) -> list[str] | None:
    """``A*, **B C**, D and E`` → ['A*', 'B C', 'D', 'E']; None when ``text`` is not a list of names."""
    text = re.sub(r"^\s*(?:by|authors?\s*:)\s*", "", text.strip(), flags=re.I).strip(" .;:")
    if not text:
        return None
    tokens = [t for t in re.split(r"\s*(?:,|;|，|、|\band\b|&|\s+und\s+)\s*", text) if t.strip()]
    if not tokens:
        return None
    # "Smith, J., Doe, A." and "Ibáñez, Rosa": family, given pairs.
    if len(tokens) >= 2 and len(tokens) % 2 == 0:
        firsts, seconds = tokens[0::2], tokens[1::2]
        initials = all(re.fullmatch(r"(?:[A-ZÀ-Þ]\.?\s*-?)+[*†‡#✉]*", plain(s).strip()) for s in seconds)
        single = all(len(plain(t).split()) == 1 for t in tokens)
        if initials or (single and len(tokens) == 2):
            tokens = [f"{f}, {s}" for f, s in zip(firsts, seconds, strict=True)]
    names: list[str] = []
    bold_any = False
    for token in tokens:
        if "," in token:  # a family, given pair
            family, given = (t.strip() for t in token.split(",", 1))
            one = _name(family)
            other = _name(given)
            if one is None or other is None:
                return None
            names.append(_tidy_pair(family, given))
            bold_any = bold_any or one[1] or other[1]
            continue
        found = _name(token)
        if found is None:
            return None
        names.append(found[0])
        bold_any = bold_any or found[1]
    real = [n for n in names if n != "others"]
    if not real:
        return None
    marked = any(c in n for n in real for c in _MARKS)
    if len(real) == 1 and not (bold_any or marked or "," in real[0]):
        return None  # one capitalised phrase could be anything
    return names


def _names_run(segment: str) -> tuple[str, list[str], str] | None:
    """``Title, **Me**, Other, ICML'24`` → (title, names, venue): a run of names inside a comma list."""
    tokens = [t.strip() for t in re.split(r",\s+(?![^()]*\))", segment)]
    if not 2 <= len(tokens) <= 60:  # a longer comma list is no citation (and would cost n² checks)
        return None
    best: tuple[int, int] | None = None
    for first in range(len(tokens)):
        last = first
        while last < len(tokens) and parse_names(", ".join(tokens[first : last + 1]) + ", X Y*") is not None:
            last += 1
        if last > first and (best is None or last - first > best[1] - best[0]):
            best = (first, last)
    if best is None:
        return None
    names = parse_names(", ".join(tokens[best[0] : best[1]]))
    if names is None:
        return None
    head = ", ".join(tokens[: best[0]])
    if head and len(plain(head).split()) < 2:
        return None
    return head, names, ", ".join(tokens[best[1] :])


def _tidy_pair(family: str, given: str) -> str:
    f, g = plain(family), plain(given)
    marks = "".join(c for c in f + g if c in _MARKS).replace("✉", "†")
    f = "".join(c for c in f if c not in _MARKS).strip(" .,")
    g = "".join(c for c in g if c not in _MARKS).strip(" ,")
    return f"{f}, {g}{marks}"


# ---- venue, year, kind ---------------------------------------------------------------------------


def venue_year(text: str) -> tuple[str, int | None]:
    """``ICML 2024`` → ('ICML', 2024); ``NeurIPS'24`` → ('NeurIPS', 2024); anything else as written."""
    text = re.sub(
        r"^(?:in|appeared in|published in|to appear in|accepted (?:at|by|to))\s*:?\s+", "", plain(text), flags=re.I
    )
    text = text.strip(" .,;:")
    year: int | None = None
    in_parens = _YEAR_IN_PARENS.search(text)
    if in_parens:
        year = int(in_parens.group(1))
        text = _YEAR_IN_PARENS.sub("", text).strip(" ,.;:")
    found = _YEAR.search(text)
    if found:
        year = year or int(found.group(1))
        text = (text[: found.start()] + text[found.end() :]).strip(" ,.;:'’")
        text = re.sub(r"\s+,", ",", text)
    elif (short := _SHORT_YEAR.search(text)) and year is None:
        year = 2000 + int(short.group(1))
        text = (text[: short.start()] + text[short.end() :]).strip(" ,.;:")
    return " ".join(text.split()), year


def guess_kind(*texts: str) -> str:
    """conference / journal / workshop / preprint … from the venue's words, as a .bib entry type would say."""
    joined = " ".join(t for t in texts if t)
    if not joined.strip():
        return "other"
    if _PATENT.search(joined):
        return "patent"
    if _THESIS.search(joined):
        return "thesis"
    if re.search(r"\bworkshops?\b", joined, re.I):
        return "workshop"
    if _PREPRINT.search(joined):
        return "preprint"
    if _BOOK_CHAPTER.search(joined):
        return "chapter"
    if _JOURNAL.search(joined):
        return "journal"
    if _CONFERENCE.search(joined):
        return "conference"
    return "other"


# ---- the record -----------------------------------------------------------------------------------


def _split_sentences(line: str) -> list[str]:
    """A line cut at sentence ends, but not after an initial (``J. Smith``), ``et al.`` or ``Proc.``."""
    parts = re.split(
        r"(?<!\b[A-ZÀ-Þ])(?<!\bal)(?<!\bet)(?<!\bvs)(?<!\bNo)(?<!\bVol)(?<!\bpp)(?<!\bProc)(?<!\bIntl)(?<!\bConf)"
        r"(?<!\bTrans)(?<!\bJ)\.\s+(?=\S)",
        line,
    )
    return [p.strip() for p in parts if p.strip()]


def _strip_edges(text: str) -> str:
    text = re.sub(r"^[\s,.;:|·•\-–—]+|[\s,;:|·•\-–—]+$", "", text)
    text = re.sub(r"(?:\s*\\?\[\s*\\?\])+", "", text)  # "[ ]" left by a removed link
    return text.strip()


def _extract_links(text: str, pub: dict[str, Any], counts: dict[str, int]) -> str:
    """Take labelled links (``[PDF](…)``, ``[Code](…)``) out of ``text`` into ``pub``."""

    def take(match: re.Match[str]) -> str:
        label, url = match.group(1), match.group(2)
        kind = link_kind(label, url)
        if kind is None:
            return match.group(0)
        if kind == "":
            counts["link"] = counts.get("link", 0) + 1
            return " "
        if not re.match(r"https?://", url):
            counts["link that works only on the site"] = counts.get("link that works only on the site", 0) + 1
            return " "
        _put_link(pub, kind, url)
        return " "

    text = LINK.sub(take, text)
    # "[[PDF](…)]" / "\[PDF\]" leftovers and the separators between removed links
    text = re.sub(r"\\?\[\s*\\?\]|\(\s*\)", " ", text)
    text = re.sub(r"(?:\s*[|·•]\s*){2,}", " | ", text)
    return text


def _title_span(text: str) -> tuple[str, str, int, int] | None:
    """(title markdown, url, start, end) of the title written as a link, in italics or in quotes."""
    for match in LINK.finditer(text):
        label = match.group(1)
        if len(plain(label).split()) >= 3 and parse_names(label) is None:
            return label, match.group(2), match.start(), match.end()
    for pattern in (
        r"(?<![\\*])\*(?!\*)((?:\\.|[^*])+?)(?<!\\)\*(?!\*)",
        r"(?<![\\\w])_(?!_)((?:\\.|[^_])+?)_(?!\w)",
        r"[“\"]([^”\"]{8,}?)[”\"]",
        r"(?<!\\)\*\*((?:\\.|[^*])+?)(?<!\\)\*\*",
    ):
        for match in re.finditer(pattern, text):
            inner = match.group(1)
            words = plain(inner).split()
            if len(words) >= 3 and parse_names(inner) is None and not _looks_like_venue(inner):
                return inner, "", match.start(), match.end()
    return None


def _looks_like_venue(text: str) -> bool:
    return bool(_VENUE_WORDS.search(plain(text))) and len(plain(text).split()) <= 14


def _badge(text: str) -> tuple[str, str]:
    """A venue badge at the start (``ICML 2024`` in code, ``[NeurIPS 2024]``) → (badge, rest)."""
    stripped = text.lstrip()
    code = re.match(r"``?\s*([^`]{2,60}?)\s*``?\s*", stripped)
    if code:
        return code.group(1), stripped[code.end() :]
    bracket = _VENUE_BRACKET.match(stripped)
    if bracket and (_YEAR.search(bracket.group(1)) or _SHORT_YEAR.search(bracket.group(1))):
        return plain(bracket.group(1)), stripped[bracket.end() :]
    return "", text


def parse_publication(
    text: str, details: list[str] | None = None, parts: PaperParts | None = None
) -> tuple[dict[str, Any], bool, dict[str, int]]:
    """Publication fields from one list item or paper card; whether the authors were found; links dropped.

    ``text`` is the item's inline markdown (``" \\\\\\n"`` between its lines), ``details`` its sub-items;
    a paper card passes the parts its HTML names (title, author list, badges, buttons) in ``parts``.
    """
    counts: dict[str, int] = {}
    pub: dict[str, Any] = {}
    if len(text) > 4000:  # a page's wall of text in a list item is not one paper: left as written
        return {}, False, counts
    parts = parts or PaperParts()
    badges = [b for b in parts.badges if b]
    for label, url in parts.links:
        kind = link_kind(label, url)
        if kind is None:
            kind = _url_kind(url)
        if not re.match(r"https?://", url):
            counts["link that works only on the site"] = counts.get("link that works only on the site", 0) + 1
            continue
        _put_link(pub, kind, url)
    lines = [x for x in re.split(r"\s*\\\n\s*|\n", text) if x.strip()] + list(parts.lines)
    lines = [_extract_links(x, pub, counts) for x in lines]
    lines = [_LEGEND.sub(" ", x) for x in lines]
    if lines:
        badge, lines[0] = _badge(lines[0])
        if badge:
            badges.insert(0, badge)
    # a badge at the end: "Title. Authors. `NeurIPS 2024`"
    for index, line in enumerate(lines):
        trailing = re.search(r"\s*``?\s*([^`]{2,60}?)\s*``?\s*$", line)
        if trailing and (_YEAR.search(trailing.group(1)) or _VENUE_WORDS.search(trailing.group(1))):
            badges.append(trailing.group(1))
            lines[index] = line[: trailing.start()]
    lines = [_strip_edges(x) for x in lines]
    lines = [x for x in lines if x]

    # the title
    title, title_url = parts.title, parts.title_url
    if not title:
        for index, line in enumerate(lines):
            span = _title_span(line)
            if span is not None:
                title, title_url = span[0], span[1]
                lines[index : index + 1] = [
                    x for x in (_strip_edges(line[: span[2]]), _strip_edges(line[span[3] :])) if x
                ]
                break
    # the authors
    authors: list[str] | None = parse_names(parts.authors) if parts.authors else None
    segments: list[str] = []
    for line in lines:
        segments.extend(_split_sentences(line))
    segments = [_strip_edges(s) for s in segments]
    year: int | None = None
    for index, segment in enumerate(segments):  # "Smith, J. (2022)": the citation's year in parentheses
        found = _YEAR_IN_PARENS.search(segment)
        rest = _YEAR_IN_PARENS.sub("", segment).strip(" .,;:")
        if found and (not rest or parse_names(segment[: found.start()]) is not None):
            year = year or int(found.group(1))
            segments[index] = _strip_edges(_YEAR_IN_PARENS.sub(" ", segment))
    segments = [s for s in segments if s]
    if authors is None:
        for index, segment in enumerate(segments):
            authors = parse_names(segment)
            head, colon, tail = segment.partition(": ")
            if authors is None and colon and (names := parse_names(head)) is not None:
                authors = names  # "Li, B., Wu, C.: Fast tides" (Springer's style)
                segments[index] = tail
                break
            if authors is None:
                run = _names_run(segment)
                if run is None:
                    continue
                head, names, tail = run
                if head and title:
                    continue
                authors = names
                if head:  # "Title, **Me**, Other, ICML'24": the names between the title and the venue
                    title = head
                    linked = LINK.fullmatch(head.strip())
                    if linked:
                        title, title_url = linked.group(1), linked.group(2)
                segments[index : index + 1] = [tail] if tail else []
                break
            segments.pop(index)
            break
    if not title and segments:
        first = next((s for s in segments if not _YEAR.fullmatch(plain(s))), "")
        if first:
            title = first
            segments.remove(first)
    if not title:
        return {}, False, counts
    pub["title"] = _strip_edges(re.sub(r"\s*\\?\.\s*$", "", title.strip())).strip() or title.strip()
    pub["title"] = re.sub(r"^(\*\*|\*)(.*)\1$", r"\2", pub["title"]).strip()
    if title_url:
        if re.match(r"https?://", title_url):
            kind = _url_kind(title_url)
            _put_link(pub, kind, title_url)
        else:
            counts["link that works only on the site"] = counts.get("link that works only on the site", 0) + 1
    if authors:
        pub["authors"] = authors
    # venue and year from what is left: the first segment with a venue's words or a year, and the badges
    venue = ""
    notes: list[str] = []
    for segment in segments:
        if re.fullmatch(r"\(?\s*((?:19|20)\d{2})\s*\)?", plain(segment)):
            year = year or int(re.sub(r"\D", "", plain(segment)))
            continue
        text_only, found_year = venue_year(segment)
        if not venue and (found_year or _looks_like_venue(segment)):
            venue = text_only
            year = year or found_year
        elif venue and _VOLUME_PAGES.match(plain(segment)):
            venue += ", " + plain(segment)
        else:
            notes.append(segment)
    if not venue and notes and not badges and len(plain(notes[0]).split()) <= 10:
        venue, found_year = venue_year(notes.pop(0))  # "*Title*, Oecologia": what follows the title
        year = year or found_year
    badge_names: list[str] = []
    for badge in badges:
        name, found_year = venue_year(badge)
        year = year or found_year
        if name:
            badge_names.append(name)
    if not venue and badge_names:
        venue = badge_names.pop(0)
    elif badge_names and badge_names[0].lower() not in venue.lower():
        pub["abbr"] = badge_names.pop(0)
    notes += [b for b in badge_names if b.lower() not in venue.lower()]  # "CoRL" beside "… (CoRL)": said
    if venue:
        pub["venue"] = venue
    if year:
        pub["year"] = year
    pub["kind"] = guess_kind(venue, pub.get("abbr", ""), *badges)
    notes += [d for d in (details or []) if d.strip()]
    notes = [_strip_edges(_LEGEND.sub(" ", n)) for n in notes]
    notes = [n for n in notes if n and plain(n)]
    if "venue" in pub:
        pub["venue"] = pub["venue"].rstrip(" .")
    if notes:
        pub["note"] = "; ".join(n.rstrip(".") for n in notes) + "."
    return pub, bool(authors), counts
