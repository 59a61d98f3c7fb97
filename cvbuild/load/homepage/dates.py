"""Dates at the start of list items, in the many ways homepages write them.

``[2023.09 - 2025.11] MSc …``, ``{2023.06-Now} …``, ``**May 2025**: …``, ``Sep 2023 – present …``,
``05/2023 – laufend …``, ``2022-2026 (expected) …``. :func:`split_leading_date` finds such a
prefix and returns the date fields for the model plus the remaining text.

A date the model can read (``parse_date``) becomes ``date`` or ``start``/``end``, so the theme
prints it in the CV's format. Anything else that is still clearly a date — a season, an
academic year, ``(expected)``, a German month, a typo such as ``Februray 2025`` — becomes
``date_text`` and is printed exactly as written: we never guess a wrong date.
"""

from __future__ import annotations

import difflib
import re

from ...model.dates import MONTHS, PRESENT_WORDS, parse_date

_MONTH_WORDS = set(MONTHS) | {
    # German and French month names (and common abbreviations) seen on European homepages.
    *("januar", "jänner", "jän", "februar", "märz", "maerz", "mär", "mai", "juni", "juli", "oktober", "okt"),
    *("dezember", "dez", "janvier", "février", "fevrier", "mars", "avril", "juin", "juillet", "août", "aout"),
    *("septembre", "octobre", "novembre", "décembre"),
}
_FULL_MONTHS = [m for m in MONTHS if len(m) > 4] + ["januar", "februar", "oktober", "dezember"]
_SEASONS = {"spring", "summer", "fall", "autumn", "winter", "sommer", "herbst", "frühjahr", "ws", "ss", "sose", "wise"}

_W = r"[A-Za-zÀ-ÿ]{2,10}"
# "until now" in every language of cvbuild/i18n/words/, longest first so "至今" wins over "今".
_PRESENT = "(?:" + "|".join(re.escape(w) for w in sorted(PRESENT_WORDS, key=lambda w: (-len(w), w))) + ")"
_ATOM = (
    rf"(?:\d{{1,2}}\.\s*\d{{1,2}}\.\s*\d{{4}}"  # 15.05.2023
    rf"|\d{{1,2}}\.?\s+{_W}\.?,?\s+\d{{4}}"  # 15 Sep 2023, 15. März 2023
    rf"|{_W}\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}}"  # Sep 2023, September 15, 2023, Fall 2023
    rf"|\d{{4}}[./-]\d{{1,2}}(?:[./-]\d{{1,2}})?(?!\d)"  # 2023.09, 2024/9, 2023-09-15
    rf"|\d{{1,2}}[/.]\d{{4}}"  # 05/2023
    rf"|(?:19|20)\d{{2}}(?!\d))"  # 2023
)
_SEP = r"\s*(?:-{1,2}|–|—|~|→|\bto\b|\buntil\b|\btill\b|\bbis\b)\s*"
_SUFFIX = (
    rf"(?:\s+{_W})?(?:\s*\((?:expected|exp\.?|anticipated|est\.?|planned|voraussichtlich|geplant)\)|\s+expected)?"
    rf"(?:\s*\({_PRESENT}\))?"  # "2024.08 - 2025.12 (now)": still going on
)
_ONGOING = re.compile(rf"\s*\({_PRESENT}\)$", re.I)
_EXPR = rf"{_ATOM}(?:{_SEP}(?:{_ATOM}|{_PRESENT}\b))?{_SUFFIX}"
_EXPR_RE = re.compile(_EXPR, re.I)
_LIST_RE = re.compile(rf"{_EXPR}(?:\s*[,;&/]\s*{_EXPR})*", re.I)
_RANGE_RE = re.compile(rf"^({_ATOM}){_SEP}({_ATOM}|{_PRESENT})$", re.I)

_BRACKETS = {"[": "]", "{": "}", "(": ")", "【": "】"}
_WRAPPERS = ("**", "__", "*", "_")
_AFTER = re.compile(r"^\s*(?:[:|,–—]|-{1,2}(?=\s))?\s*")


def _words_ok(expr: str) -> bool:
    """Every word in a date expression is a month, season, present word or suffix."""
    for word in re.findall(r"[A-Za-zÀ-ÿ]{2,}", expr):
        low = word.lower().rstrip(".")
        if low in _MONTH_WORDS or low in _SEASONS or low in PRESENT_WORDS or re.fullmatch(_PRESENT, low):
            continue
        if low in {"to", "until", "till", "bis", "expected", "exp", "anticipated", "est", "planned", "st", "nd"}:
            continue
        if low in {"rd", "th", "voraussichtlich", "geplant"}:
            continue
        if len(low) >= 5 and difflib.get_close_matches(low, _FULL_MONTHS, n=1, cutoff=0.8):
            continue  # a misspelt month ("Februray"): still a date, kept as written
        return False
    return True


def date_fields(expr: str) -> dict[str, str]:
    """Model fields for one date expression: date, start/end, or date_text as written."""
    expr = " ".join(expr.split())
    ongoing = _ONGOING.search(expr)
    if ongoing:  # "2024.08 - 2025.12 (now)" is the range as written; "2024.08 (now)" runs until now
        expr = expr[: ongoing.start()]
        fields = date_fields(expr)
        if "date" in fields:
            return {"start": fields["date"], "end": "present"}
        return fields
    try:
        return {"date": str(parse_date(expr))}
    except ValueError:
        pass
    if match := _RANGE_RE.match(expr):
        try:
            start, end = parse_date(match.group(1)), parse_date(match.group(2))
        except ValueError:
            return {"date_text": expr}
        if not start.present and (end.present or end.end_key() >= start.sort_key()):
            return {"start": str(start), "end": str(end)}
    return {"date_text": expr}


def _bracketed(text: str) -> tuple[str, str] | None:
    """``[2023.09 - 2025.11] rest`` → (date, rest); a markdown link ``[x](url)`` is not a date."""
    close = _BRACKETS.get(text[:1])
    if close is None:
        return None
    end = text.find(close, 1)
    if end < 0 or end > 80 or text[end + 1 : end + 2] == "(":
        return None
    inner = text[1:end].strip()
    if inner and _LIST_RE.fullmatch(inner) and _words_ok(inner):
        return inner, text[end + 1 :]
    return None


def _plain(text: str) -> tuple[str, str] | None:
    """``Sep 2023 – present: rest`` → (date, rest); a bare year needs a separator or a capital after it."""
    match = _EXPR_RE.match(text)
    if not match:
        return None
    expr = match.group().strip()
    rest = text[match.end() :]
    # The suffix word may have swallowed the first word of the text ("2019 Best Paper").
    while expr and not _words_ok(expr):
        shorter = _EXPR_RE.match(expr[: expr.rfind(" ")] if " " in expr else "")
        if not shorter or shorter.end() == 0:
            return None
        rest = expr[shorter.end() :] + rest
        expr = shorter.group().strip()
    if not expr:
        return None
    if re.fullmatch(r"(?:19|20)\d{2}", expr) and not re.match(r"\s*(?:[:|,–—*_]|-\s|\s+[A-Z\W])", rest):
        return None
    if rest and not re.match(r"[\s:|,–—\-.)*_]", rest):
        return None  # "2023abc" is not a date
    return expr, rest


def _find(text: str) -> tuple[str, str] | None:
    return _bracketed(text) or _plain(text)


def split_leading_date(text: str) -> tuple[dict[str, str], str]:
    """Split a date written at the start of ``text``; ({}, text) when there is none.

    Bold or italic wrapped around the date (``**May 2025**:``) or around date and text
    (``**{2025.04-Now} Ambassador**``) is handled: the wrapper stays on the remaining text.
    """
    stripped = text.strip()
    decoration = re.match(r"[^\w\s\[{(*_\\【<]+\s*", stripped)  # "★ 2024.05: …", "► [2023] …"
    if decoration:
        fields, rest = split_leading_date(stripped[decoration.end() :])
        return (fields, rest) if fields else ({}, text)
    if stripped.startswith("\\[") and "\\]" in stripped[:90]:  # brackets escaped by the HTML → markdown step
        stripped = "[" + stripped[2:].replace("\\]", "]", 1)
    for wrapper in _WRAPPERS:
        if stripped.startswith(wrapper) and not stripped.startswith(wrapper * 2 if len(wrapper) == 1 else "\0"):
            inner = stripped[len(wrapper) :].lstrip()
            found = _find(inner)
            if not found:
                continue
            expr, rest = found
            rest_stripped = re.sub(r"^\s*[:.]?\s*", "", rest)
            if rest_stripped.startswith(wrapper):  # the wrapper held only the date
                return date_fields(expr), _AFTER.sub("", rest_stripped[len(wrapper) :], count=1).strip()
            return date_fields(expr), wrapper + _AFTER.sub("", rest, count=1).strip()
    found = _find(stripped)
    if not found:
        return {}, text
    expr, rest = found
    rest = _AFTER.sub("", rest, count=1).strip()
    if not rest:
        return {}, text  # a line that is only a date is text, not a date column entry
    return date_fields(expr), rest


_TRAILING = re.compile(rf"(?:,\s*|\s+[-–—|]\s+|\s*\()((?:{_EXPR}))\)?\.?\s*$", re.I)


def split_trailing_date(text: str) -> tuple[dict[str, str], str]:
    """``PhD in Physics, MIT, 2019–2024`` → the range and ``PhD in Physics, MIT``.

    Only after a comma, a spaced dash or inside final parentheses, and only when the rest
    keeps balanced parentheses: ``Dan Wu (MSc, 2021–2023)`` stays as it is.
    """
    match = _TRAILING.search(text)
    if not match or not _words_ok(match.group(1)):
        return {}, text
    opened = "(" in text[match.start() : match.start(1)]
    if opened != (")" in text[match.end(1) :]):
        return {}, text
    rest = text[: match.start()].rstrip(" ,;:-–—|")
    if len(rest) < 3 or rest.count("(") != rest.count(")"):
        return {}, text
    return date_fields(match.group(1)), rest
