"""Author marks, display styles and owner matching, table by table, so a regression names the spelling, not a PDF."""

from __future__ import annotations

import pytest

from cvbuild.resolve.names import OwnerMatcher, display_name, is_owner, split_marks

# (author as written, name without marks, marks in order)
MARKS = [
    ("Ana Lima*", "Ana Lima", "*"),
    ("Ana Lima", "Ana Lima", ""),
    ("Ana Lima^", "Ana Lima", "†"),  # ^ is how plain text writes a dagger
    ("Ana Lima†", "Ana Lima", "†"),
    ("Ana Lima∗", "Ana Lima", "*"),  # the mathematical asterisk
    ("Ana Lima‡", "Ana Lima", "‡"),
    ("Ana Lima§", "Ana Lima", "§"),
    ("Ana Lima¶", "Ana Lima", "¶"),
    ("Ana Lima#", "Ana Lima", "#"),
    ("Ana Lima♯", "Ana Lima", "#"),
    ("Ana Lima*†", "Ana Lima", "*†"),
    ("Ana Lima†*", "Ana Lima", "†*"),  # order as written
    ("Ana Lima**", "Ana Lima", "*"),  # each mark once
    ("Ana Lima*^†", "Ana Lima", "*†"),  # ^ and † are the same mark
    ("Ana Lima *", "Ana Lima", "*"),
    ("  Ana   Lima*  ", "Ana Lima", "*"),
    ("*Ana Lima", "Ana Lima", "*"),
    ("Lima*, Ana", "Lima, Ana", "*"),
    ("Lima, Ana*", "Lima, Ana", "*"),
    ("Ana Lima,*", "Ana Lima", "*"),
    ("Ana Lima§¶", "Ana Lima", "§¶"),
]


@pytest.mark.parametrize(("author", "name", "marks"), MARKS, ids=[a for a, _, _ in MARKS])
def test_split_marks(author: str, name: str, marks: str) -> None:
    assert split_marks(author) == (name, marks)


# (author as written, full, initials, last-initials)
DISPLAY = [
    ("Ana Lima", "Ana Lima", "A. Lima", "Lima, A."),
    ("Lima, Ana", "Ana Lima", "A. Lima", "Lima, A."),
    ("  Lima ,  Ana  ", "Ana Lima", "A. Lima", "Lima, A."),
    ("Lima, A.", "A. Lima", "A. Lima", "Lima, A."),
    ("Lima, Ana Beatriz", "Ana Beatriz Lima", "A. B. Lima", "Lima, A. B."),
    ("Mei Ling Chen", "Mei Ling Chen", "M. L. Chen", "Chen, M. L."),
    ("J. Rafael Ferreira", "J. Rafael Ferreira", "J. R. Ferreira", "Ferreira, J. R."),
    # hyphenated given names keep the hyphen between the initials
    ("Zhuo-Ran Wang", "Zhuo-Ran Wang", "Z.-R. Wang", "Wang, Z.-R."),
    ("Wang, Zhuo-Ran", "Zhuo-Ran Wang", "Z.-R. Wang", "Wang, Z.-R."),
    # particles stay with the family name
    ("Orsolya van der Berg", "Orsolya van der Berg", "O. van der Berg", "van der Berg, O."),
    ("van der Berg, Orsolya", "Orsolya van der Berg", "O. van der Berg", "van der Berg, O."),
    ("Ines de Souza", "Ines de Souza", "I. de Souza", "de Souza, I."),
    ("Karim al Haddad", "Karim al Haddad", "K. al Haddad", "al Haddad, K."),
    # "Family, Suffix, Given"
    ("Okafor, Jr., Tobenna", "Tobenna Okafor Jr.", "T. Okafor Jr.", "Okafor, T., Jr."),
    # DBLP's homonym number is not part of the name
    ("Wei Zhang 0001", "Wei Zhang", "W. Zhang", "Zhang, W."),
    # one word (a family name alone, or a name written without spaces) is printed as written
    ("Lima", "Lima", "Lima", "Lima"),
    ("王卓然", "王卓然", "王卓然", "王卓然"),
    # "et al." however the list spells it
    ("others", "et al.", "et al.", "et al."),
    ("Others", "et al.", "et al.", "et al."),
    ("et al", "et al.", "et al.", "et al."),
    ("et al.", "et al.", "et al.", "et al."),
]


@pytest.mark.parametrize(("author", "full", "initials", "last_initials"), DISPLAY, ids=[a for a, *_ in DISPLAY])
def test_display_name(author: str, full: str, initials: str, last_initials: str) -> None:
    assert display_name(author, "full") == full
    assert display_name(author, "initials") == initials
    assert display_name(author, "last-initials") == last_initials


def test_display_name_defaults_to_full() -> None:
    assert display_name("Lima, Ana") == "Ana Lima"


WANG = ["Wang, Zhuoran"]
BENALI = ["Mérouane Benali"]
BERG = ["Orsolya van der Berg"]

# (owner's spellings, author, is it the owner?)
OWNER = [
    # the same person, spelled many ways
    (WANG, "Wang, Zhuoran", True),
    (WANG, "Zhuoran Wang", True),
    (WANG, "Z. Wang", True),
    (WANG, "Wang, Z.", True),
    (WANG, "Z Wang", True),
    (WANG, "ZR Wang", True),  # Google Scholar's initials without dots
    (WANG, "Zhuo-Ran Wang", True),
    (WANG, "Zhuo Ran Wang", True),
    (WANG, "Z.-R. Wang", True),
    (WANG, "Wang Zhuoran", True),  # family name first, no comma
    (WANG, "zhuoran wang", True),
    (WANG, "ZHUORAN WANG", True),
    (WANG, "Zhuoran Wang*", True),
    (WANG, "Zhuoran Wang^", True),
    (WANG, "Zhuoran Wang 0001", True),
    (["Zhuoran Wang"], "Wang, Zhuoran", True),
    (["Z. Wang"], "Zhuoran Wang", True),
    (["Zhuo-Ran Wang"], "Zhuoran Wang", True),
    (["Zhuo-Ran Wang"], "Z.-R. Wang", True),
    # someone else
    (WANG, "B. Wang", False),
    (WANG, "Wang, B.", False),
    (WANG, "Zhiyu Wang", False),
    (WANG, "Zhuoran Li", False),
    (WANG, "Wang", False),  # a family name alone never matches
    (WANG, "Wang*", False),
    (["Zhuo-Ran Wang"], "Z.-Y. Wang", False),
    (WANG, "others", False),
    (WANG, "et al.", False),
    # accents, with or without, and in LaTeX
    (BENALI, "Mérouane Benali", True),
    (BENALI, "Merouane Benali", True),
    (BENALI, r"M{\'e}rouane Benali", True),
    (BENALI, r"M{\'{e}}rouane Benali", True),
    (BENALI, r"Benali, M{\'e}rouane", True),
    (BENALI, "Benali, M.", True),
    (BENALI, "MÉROUANE BENALI", True),
    ([r"M{\'e}rouane Benali"], "Mérouane Benali", True),
    ([r"M{\'e}rouane Benali"], "Merouane Benali", True),
    (BENALI, "Samir Benali", False),
    (BENALI, "Mérouane Benaly", False),
    # DBLP homonym numbers
    (["Wei Zhang"], "Wei Zhang 0001", True),
    (["Wei Zhang 0001"], "Wei Zhang", True),
    (["Wei Zhang"], "Zhang, Wei", True),
    (["Wei Zhang"], "Wen Zhang 0001", False),
    # particles
    (BERG, "Orsolya van der Berg", True),
    (BERG, "van der Berg, Orsolya", True),
    (BERG, "O. van der Berg", True),
    (BERG, "van der Berg, O.", True),
    (BERG, "Orsolya Berg", True),
    (BERG, "Berg, Orsolya", True),
    (BERG, "Orsolya Van Der Berg", True),
    (BERG, "Pieter van der Berg", False),
    (BERG, "van der Berg", False),
    # middle names and initials
    (["Ana B. Lima"], "Ana Lima", True),
    (["Ana B. Lima"], "A. B. Lima", True),
    (["Ana B. Lima"], "Ana Beatriz Lima", True),
    (["Ana B. Lima"], "A. C. Lima", False),
    # hyphenated and two-word family names: spaces and hyphens are ignored
    (["Ana Lima-Souza"], "Lima-Souza, Ana", True),
    (["Ana Lima-Souza"], "Lima Souza, Ana", True),
    (["Ana Lima-Souza"], "A. Lima-Souza", True),
    (["Ana Lima-Souza"], "Ana Souza", False),
    # suffixes
    (["Tobenna Okafor"], "Tobenna Okafor Jr.", True),
    (["Tobenna Okafor"], "Okafor, Jr., Tobenna", True),
    # several spellings: any one may match
    (["Zhuoran Wang", "王卓然"], "王卓然", True),
    (["Zhuoran Wang", "王卓然"], "王卓", False),
    (["Zhuoran Wang", "Wang Zhuoran"], "Z. Wang", True),
    # no usable spelling matches nobody
    ([], "Zhuoran Wang", False),
    (["", "   "], "Zhuoran Wang", False),
]


@pytest.mark.parametrize(("owner", "author", "expected"), OWNER, ids=[f"{'|'.join(o)}~{a}" for o, a, _ in OWNER])
def test_owner_matching(owner: list[str], author: str, expected: bool) -> None:
    assert OwnerMatcher(owner)(author) is expected
    assert is_owner(author, owner) is expected


def test_matcher_is_reusable() -> None:
    matcher = OwnerMatcher(["Wang, Zhuoran"])
    authors = ["Zhuoran Wang", "B. Wang", "Z. Wang*", "Zhiyu Wang", "Wang"]
    assert [matcher(a) for a in authors] == [True, False, True, False, False]
