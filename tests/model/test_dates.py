"""parse_date and PartialDate, table by table, so a date regression names the function and the spelling, not a PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cvbuild.i18n import present_words
from cvbuild.model.dates import DATE_HINT, PartialDate, parse_date

PRESENT = PartialDate(9999, 12, 31, present=True)

# (as written, expected date)
ACCEPTED: list[tuple[Any, PartialDate]] = [
    # a bare year
    (2023, PartialDate(2023)),
    (1000, PartialDate(1000)),
    (2999, PartialDate(2999)),
    ("2023", PartialDate(2023)),
    ("  2023  ", PartialDate(2023)),
    # year and month, ISO-like with any of - . /
    ("2023-09", PartialDate(2023, 9)),
    ("2023-9", PartialDate(2023, 9)),
    ("2023.09", PartialDate(2023, 9)),
    ("2023.10", PartialDate(2023, 10)),  # YAML would make this the float 2023.1; the text keeps October
    ("2023.1", PartialDate(2023, 1)),
    ("2023/09", PartialDate(2023, 9)),
    ("2023-12", PartialDate(2023, 12)),
    ("2023-01", PartialDate(2023, 1)),
    # month first
    ("09/2023", PartialDate(2023, 9)),
    ("9/2023", PartialDate(2023, 9)),
    ("09.2023", PartialDate(2023, 9)),
    ("12/2023", PartialDate(2023, 12)),
    # month names, short and long, any case, with an optional dot
    ("Sep 2023", PartialDate(2023, 9)),
    ("Sept 2023", PartialDate(2023, 9)),
    ("Sep. 2023", PartialDate(2023, 9)),
    ("sep 2023", PartialDate(2023, 9)),
    ("SEPTEMBER 2023", PartialDate(2023, 9)),
    ("September 2023", PartialDate(2023, 9)),
    ("September, 2023", PartialDate(2023, 9)),
    ("Jan 2020", PartialDate(2020, 1)),
    ("February 2021", PartialDate(2021, 2)),
    ("Mar 2022", PartialDate(2022, 3)),
    ("April 2022", PartialDate(2022, 4)),
    ("May 2023", PartialDate(2023, 5)),
    ("June 2023", PartialDate(2023, 6)),
    ("Jul 2023", PartialDate(2023, 7)),
    ("August 2023", PartialDate(2023, 8)),
    ("Oct 2023", PartialDate(2023, 10)),
    ("November 2023", PartialDate(2023, 11)),
    ("Dec 2023", PartialDate(2023, 12)),
    # day precision
    ("2023-09-15", PartialDate(2023, 9, 15)),
    ("2023.09.15", PartialDate(2023, 9, 15)),
    ("2023/9/5", PartialDate(2023, 9, 5)),
    ("2024-02-29", PartialDate(2024, 2, 29)),  # a leap day
    ("15 Sep 2023", PartialDate(2023, 9, 15)),
    ("15. Sep 2023", PartialDate(2023, 9, 15)),
    ("15 September 2023", PartialDate(2023, 9, 15)),
    ("Sep 15, 2023", PartialDate(2023, 9, 15)),
    ("Sep 15 2023", PartialDate(2023, 9, 15)),
    ("September 5, 2023", PartialDate(2023, 9, 5)),
    ("1 Feb 2024", PartialDate(2024, 2, 1)),
    # dates that are already dates
    (dt.date(2023, 9, 15), PartialDate(2023, 9, 15)),
    (dt.datetime(2023, 9, 15, 10, 30), PartialDate(2023, 9, 15)),
    (PartialDate(2023, 9), PartialDate(2023, 9)),
    (PRESENT, PRESENT),
]


@pytest.mark.parametrize(("value", "expected"), ACCEPTED, ids=[repr(v) for v, _ in ACCEPTED])
def test_accepted_spellings(value: Any, expected: PartialDate) -> None:
    assert parse_date(value) == expected


# "until now" in every language, as listed under present_words: in cvbuild/i18n/words/<lang>.yaml
PRESENT_SPELLINGS = [
    ("en", "present"),
    ("en", "now"),
    ("en", "today"),
    ("en", "current"),
    ("en", "ongoing"),
    ("en", "date"),  # "2019 – date"
    ("de", "heute"),
    ("de", "laufend"),
    ("de", "jetzt"),
    ("de", "aktuell"),
    ("es", "actual"),
    ("es", "actualidad"),
    ("es", "presente"),
    ("fr", "aujourd'hui"),
    ("fr", "présent"),
    ("fr", "en cours"),
    ("it", "oggi"),
    ("it", "presente"),
    ("it", "in corso"),
    ("ja", "現在"),
    ("ko", "현재"),
    ("nl", "heden"),
    ("nl", "nu"),
    ("pt", "atual"),
    ("pt", "presente"),
    ("zh", "至今"),
    ("zh", "现在"),
    ("zh", "今"),
]


@pytest.mark.parametrize(
    ("lang", "word"), PRESENT_SPELLINGS, ids=[f"{lang}-{word}" for lang, word in PRESENT_SPELLINGS]
)
def test_present_in_every_language(lang: str, word: str) -> None:
    assert word in present_words(), f"{word!r} is no longer a present word of {lang}.yaml"
    assert parse_date(word) == PRESENT


@pytest.mark.parametrize("word", sorted(present_words()))
def test_every_listed_present_word_is_read_as_present(word: str) -> None:
    assert parse_date(word) == PRESENT


@pytest.mark.parametrize("written", ["Present", "PRESENT", "present.", " now ", "Heute", "Aujourd'hui", "Présent"])
def test_present_ignores_case_spaces_and_a_trailing_dot(written: str) -> None:
    assert parse_date(written) == PRESENT


# (value, a fragment the message must contain, whether it carries the spelling hint)
REJECTED: list[tuple[Any, str, bool]] = [
    ("2023-13", "month 13 in '2023-13' does not exist", True),
    ("2023-00", "month 0 in '2023-00' does not exist", True),
    ("13/2023", "month 13 in '13/2023' does not exist", True),
    ("2023-02-31", "day 31 in '2023-02-31' does not exist", False),
    ("31 Feb 2023", "day 31 in '31 Feb 2023' does not exist", False),
    ("2023-02-29", "day 29 in '2023-02-29' does not exist", False),  # 2023 is no leap year
    ("Sep 32, 2023", "day 32 in 'Sep 32, 2023' does not exist", False),
    ("2023-09-00", "day 0 in '2023-09-00' does not exist", False),
    ("Smarch 2023", "unknown month 'Smarch' in 'Smarch 2023'", True),
    ("15 Smarch 2023", "unknown month 'Smarch'", True),
    (True, "'True' is not a date", True),
    (False, "'False' is not a date", True),
    ([2023], "expected a date, got list", True),
    (None, "expected a date, got NoneType", True),
    (2023.09, "expected a date, got float", True),  # the YAML reader keeps 2023.09 as text
    ({"year": 2023}, "expected a date, got dict", True),
    (99999, "'99999' is not a year", True),
    (999, "'999' is not a year", True),
    (3000, "'3000' is not a year", True),
    (-2023, "'-2023' is not a year", True),
    ("", "cannot read '' as a date", True),
    ("23", "cannot read '23' as a date", True),
    ("2023 Sep", "cannot read '2023 Sep' as a date", True),
    ("next year", "cannot read 'next year' as a date", True),
    ("2023-09-15-01", "cannot read '2023-09-15-01' as a date", True),
    ("presently", "cannot read 'presently' as a date", True),
]


@pytest.mark.parametrize(("value", "fragment", "with_hint"), REJECTED, ids=[repr(v) for v, _, _ in REJECTED])
def test_rejected_inputs(value: Any, fragment: str, with_hint: bool) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(value)
    message = str(caught.value)
    assert fragment in message
    if with_hint:
        assert DATE_HINT in message


# (date, str, sort_key, end_key)
KEYS = [
    (PartialDate(2023), "2023", (2023, 0, 0), (2023, 12, 31)),
    (PartialDate(2023, 9), "2023-09", (2023, 9, 0), (2023, 9, 31)),
    (PartialDate(2023, 9, 5), "2023-09-05", (2023, 9, 5), (2023, 9, 5)),
    (PartialDate(987), "0987", (987, 0, 0), (987, 12, 31)),
    (PRESENT, "present", (9999, 12, 31), (9999, 12, 31)),
]


@pytest.mark.parametrize(("date", "text", "sort_key", "end_key"), KEYS, ids=[t for _, t, _, _ in KEYS])
def test_str_and_keys(
    date: PartialDate, text: str, sort_key: tuple[int, int, int], end_key: tuple[int, int, int]
) -> None:
    assert str(date) == text
    assert date.sort_key() == sort_key
    assert date.end_key() == end_key


def test_today_marker_is_present() -> None:
    marker = PartialDate.today_marker()
    assert marker == PRESENT
    assert marker.present
    assert str(marker) == "present"


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2022", "2023"),
        ("2023-09", "2023-10"),
        ("2023-09-14", "2023-09-15"),
        ("Dec 2022", "Jan 2023"),
        ("2023", "2023-01"),  # a bare year starts before its first month
        ("2023-09", "2023-09-01"),
        ("2999-12-31", "present"),
        ("1999", "now"),
    ],
)
def test_sort_key_orders_starts(earlier: str, later: str) -> None:
    assert parse_date(earlier).sort_key() < parse_date(later).sort_key()


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2023-11", "2023"),  # a bare year ends in December
        ("2023-12-30", "2023"),
        ("2023-09-30", "2023-09"),
        ("2023", "2024-01"),
        ("2999", "present"),
    ],
)
def test_end_key_orders_ends(earlier: str, later: str) -> None:
    assert parse_date(earlier).end_key() < parse_date(later).end_key()


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2022", "2023"),
        ("2023-09", "2023-10"),
        ("Dec 2022", "Jan 2023"),
        ("2023-09-14", "2023-09-15"),
        ("2023-09", "present"),
    ],
)
def test_dataclass_ordering_of_same_precision(earlier: str, later: str) -> None:
    a, b = parse_date(earlier), parse_date(later)
    assert a < b
    assert b > a
    assert sorted([b, a]) == [a, b]


def test_present_sorts_after_every_real_date() -> None:
    dates = [parse_date(v) for v in ("present", "2023-09-15", "2023", "Sep 2023", "1999")]
    ordered = sorted(dates, key=PartialDate.sort_key)
    assert ordered[-1] == PRESENT
    assert [str(d) for d in ordered] == ["1999", "2023", "2023-09", "2023-09-15", "present"]


def test_dates_are_hashable_and_equal_by_value() -> None:
    assert len({parse_date("2023-09"), parse_date("Sep 2023"), parse_date("09/2023")}) == 1
    assert parse_date("2023") != parse_date("2023-01")
