"""Languages: built-in words, month names and page numbers in ten languages; German and Chinese CVs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import Built, build, pdf_fonts, pdf_text, write
from pypdf import PdfReader

from cvbuild.i18n import cjk_lang, format_range, languages, page_css, table, word_keys
from cvbuild.model import PartialDate

LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "zh", "ja", "ko")

PROFILE = """\
person:
  name: {name}
  headline: {headline}
  email: person@example.org
locale: {locale}
updated: 2026-01
design:
  theme: {theme}
sections:
  - title: {positions}
    entries:
      - {{title: {role}, organisation: {org}, start: 2022-09, end: present}}
      - {{title: {role2}, organisation: {org}, start: 2019-03, end: 2022-08}}
  - title: {publications}
    publications:
      - {{title: {paper}, authors: [{name}], venue: {venue}, year: 2024, kind: journal, doi: 10.1000/x1}}
"""

GERMAN = {
    "name": "Jürgen Weiß",
    "headline": "Professor für Physik",
    "locale": "de",
    "positions": "Berufserfahrung",
    "role": "Professor",
    "role2": "Wissenschaftlicher Mitarbeiter",
    "org": "Universität Göttingen",
    "publications": "Veröffentlichungen",
    "paper": "Über Quantenpunkte",
    "venue": "Physikalische Blätter",
}
CHINESE = {
    "name": "李晓雯",
    "headline": "物理学教授",
    "locale": "zh",
    "positions": "工作经历",
    "role": "教授",
    "role2": "博士后",
    "org": "复旦大学",
    "publications": "论文",
    "paper": "量子点研究",
    "venue": "物理学报",
}


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    out = subprocess.run([fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, check=False).stdout
    return "CJK" in out


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("de")
    path = write(folder / "cv.yaml", PROFILE.format(theme="modern", **GERMAN))
    return build(path, folder / "out")


@pytest.fixture(scope="module")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> Built:
    if not _has_cjk_font():
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk; .ci/run installs it)")
    folder = tmp_path_factory.mktemp("zh")
    path = write(folder / "cv.yaml", PROFILE.format(theme="sidebar", **CHINESE))
    return build(path, folder / "out")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_built_in_word(language: str) -> None:
    own = table(language)  # the language's file alone, without the English fallback
    assert set(word_keys()) <= set(own)
    assert all(own[key].strip() for key in word_keys())
    assert "{page}" in own["page_of"] and "{pages}" in own["page_of"]
    if language != "en":
        english = table("en")
        assert own["present"] != english["present"] and own["pub_journal"] != english["pub_journal"]
        assert own["site_download"] != english["site_download"]


def test_every_word_file_is_a_supported_language() -> None:
    assert sorted(languages()) == sorted(LANGUAGES)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Sep 2022 – present"),
        ("de", "Sept. 2022 – heute"),
        ("fr", "sept. 2022 – présent"),
        ("es", "sept 2022 – actualidad"),
        ("pt", "set. de 2022 – presente"),
        ("it", "set 2022 – oggi"),
        ("nl", "sep 2022 – heden"),
        ("zh", "2022年9月 – 至今"),
        ("ja", "2022年9月 – 現在"),
        ("ko", "2022년 9월 – 현재"),
    ],
)
def test_month_names_and_present_come_from_the_locale(language: str, expected: str) -> None:
    assert format_range(PartialDate(2022, 9), PartialDate.today_marker(), language) == expected


def test_long_and_numeric_date_formats_follow_cldr() -> None:
    assert format_range(PartialDate(2019, 3), PartialDate(2022, 8), "de", "long") == "März 2019 – August 2022"
    assert format_range(PartialDate(2019, 3), PartialDate(2022, 8), "fr", "numeric") == "03/2019 – 08/2022"


def test_page_numbers_become_css_counters() -> None:
    assert page_css("{page} / {pages}") == 'counter(page) " / " counter(pages)'
    assert page_css("Seite {page} von {pages}") == '"Seite " counter(page) " von " counter(pages)'
    assert page_css("第 {page} 页，共 {pages} 页") == '"第 " counter(page) " 页，共 " counter(pages) " 页"'


def test_chinese_gets_simplified_forms_unless_traditional() -> None:
    assert cjk_lang("zh") == "zh-Hans" and cjk_lang("zh_CN") == "zh-Hans"
    assert cjk_lang("zh-TW") == "zh-Hant" and cjk_lang("ja") == "ja"


def test_german_cv_speaks_german(german: Built) -> None:
    text = pdf_text(german.outputs["pdf"])
    for phrase in ("Jürgen Weiß", "Sept. 2022 – heute", "März 2019 – Aug. 2022", "Stand Januar 2026", "Seite 1 von 1"):
        assert phrase in " ".join(text.split()), phrase
    assert 'lang="de"' in german.outputs["html"].read_text(encoding="utf-8")


def test_chinese_cv_uses_a_simplified_chinese_font(chinese: Built) -> None:
    text = pdf_text(chinese.outputs["pdf"])
    for phrase in ("李晓雯", "2022年9月 – 至今", "更新于 2026年1月", "第 1 页，共 1 页"):
        assert phrase in text, phrase
    fonts = pdf_fonts(chinese.outputs["pdf"])
    assert any("CJK-SC" in name for name in fonts), fonts  # SC glyph forms, not the JP default
    assert all(fonts.values())
    assert not list(chinese.warnings), list(chinese.warnings)
    assert 'lang="zh-Hans"' in chinese.outputs["html"].read_text(encoding="utf-8")
    assert len(PdfReader(chinese.outputs["pdf"]).pages) == 1


def test_japanese_cv_prefers_the_japanese_font(tmp_path: Path) -> None:
    if not _has_cjk_font():
        pytest.skip("no CJK font installed")
    values = dict(CHINESE, locale="ja", name="山田花子", org="東京大学")
    result = build(write(tmp_path / "cv.yaml", PROFILE.format(theme="modern", **values)), tmp_path / "out")
    assert any("CJK-JP" in name for name in pdf_fonts(result.outputs["pdf"]))
    assert "2022年9月 – 現在" in pdf_text(result.outputs["pdf"])


def test_classic_german_publications_and_page_numbers(tmp_path: Path) -> None:
    """Classic prints German page numbers, the German marks legend and 'und' between authors."""
    profile = PROFILE.format(theme="classic", **GERMAN).replace(
        "authors: [{name}]".format(**GERMAN), "authors: ['Weiß*, Jürgen', 'Anna Berg*', 'Karl Roth']"
    )
    path = write(tmp_path / "cv.yaml", profile)
    text = " ".join(pdf_text(build(path, tmp_path / "out").outputs["pdf"]).split())
    assert "Seite 1 von 1" in text
    assert "Jürgen Weiß*, Anna Berg* und Karl Roth" in text
    assert "* Gleicher Beitrag" in text
    assert ", and " not in text and "Equal contribution" not in text
