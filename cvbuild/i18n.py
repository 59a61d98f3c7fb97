"""Words and date formats in the CV's language.

Month names and date patterns come from Babel (CLDR data), so every locale Babel knows
prints dates correctly. The words cvbuild itself prints and CLDR does not have ("present",
"Last updated", the footer, publication group headings, link labels, "page n of N") are in
the table below, for the ten languages cvbuild supports; other locales get Babel's dates
and English words.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .model import PartialDate

# Keys every language has. Section titles are the user's own and never translated.
WORD_KEYS = (
    "present",
    "last_updated",
    "page",
    "page_of",
    "cv",
    "contact",
    "email",
    "phone",
    "website",
    "location",
    "pub_journal",
    "pub_conference",
    "pub_workshop",
    "pub_preprint",
    "pub_book",
    "pub_chapter",
    "pub_thesis",
    "pub_patent",
    "pub_report",
    "pub_other",
    "link_doi",
    "link_arxiv",
    "link_pdf",
    "link_code",
    "link_slides",
    "link_video",
    "link_poster",
    "link_project",
    "link_blog",
    "link_link",
    "mark_equal_contribution",
    "mark_corresponding_author",
    "mark_equal_advising",
    "and",
)

_SHARED_LINKS = {"link_doi": "DOI", "link_arxiv": "arXiv", "link_pdf": "PDF"}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "present": "present",
        "last_updated": "Last updated",
        "page": "Page",
        "page_of": "{page} / {pages}",
        "cv": "Curriculum Vitae",
        "contact": "Contact",
        "email": "Email",
        "phone": "Phone",
        "website": "Website",
        "location": "Location",
        "pub_journal": "Journal Articles",
        "pub_conference": "Conference Papers",
        "pub_workshop": "Workshop Papers",
        "pub_preprint": "Preprints",
        "pub_book": "Books",
        "pub_chapter": "Book Chapters",
        "pub_thesis": "Theses",
        "pub_patent": "Patents",
        "pub_other": "Other Publications",
        "link_code": "Code",
        "link_slides": "Slides",
        "link_video": "Video",
        "link_link": "Link",
        "pub_report": "Technical Reports",
        "link_poster": "Poster",
        "link_project": "Project",
        "link_blog": "Blog",
        "mark_equal_contribution": "Equal contribution",
        "mark_corresponding_author": "Corresponding author",
        "mark_equal_advising": "Equal advising",
        "and": "and",
    },
    "de": {
        "present": "heute",
        "last_updated": "Stand",
        "page": "Seite",
        "page_of": "Seite {page} von {pages}",
        "cv": "Lebenslauf",
        "contact": "Kontakt",
        "email": "E-Mail",
        "phone": "Telefon",
        "website": "Webseite",
        "location": "Ort",
        "pub_journal": "Zeitschriftenartikel",
        "pub_conference": "Konferenzbeiträge",
        "pub_workshop": "Workshopbeiträge",
        "pub_preprint": "Preprints",
        "pub_book": "Bücher",
        "pub_chapter": "Buchkapitel",
        "pub_thesis": "Abschlussarbeiten",
        "pub_patent": "Patente",
        "pub_other": "Weitere Veröffentlichungen",
        "link_code": "Code",
        "link_slides": "Folien",
        "link_video": "Video",
        "link_link": "Link",
        "pub_report": "Technische Berichte",
        "link_poster": "Poster",
        "link_project": "Projekt",
        "link_blog": "Blog",
        "mark_equal_contribution": "Gleicher Beitrag",
        "mark_corresponding_author": "Korrespondenzautor",
        "mark_equal_advising": "Gleichberechtigte Betreuung",
        "and": "und",
    },
    "fr": {
        "present": "présent",
        "last_updated": "Mis à jour",
        "page": "Page",
        "page_of": "Page {page} sur {pages}",
        "cv": "Curriculum vitæ",
        "contact": "Contact",
        "email": "Courriel",
        "phone": "Téléphone",
        "website": "Site web",
        "location": "Lieu",
        "pub_journal": "Articles de revue",
        "pub_conference": "Articles de conférence",
        "pub_workshop": "Articles d’atelier",
        "pub_preprint": "Prépublications",
        "pub_book": "Livres",
        "pub_chapter": "Chapitres d’ouvrage",
        "pub_thesis": "Thèses et mémoires",
        "pub_patent": "Brevets",
        "pub_other": "Autres publications",
        "link_code": "Code",
        "link_slides": "Diapositives",
        "link_video": "Vidéo",
        "link_link": "Lien",
        "pub_report": "Rapports techniques",
        "link_poster": "Poster",
        "link_project": "Projet",
        "link_blog": "Blog",
        "mark_equal_contribution": "Contribution égale",
        "mark_corresponding_author": "Auteur correspondant",
        "mark_equal_advising": "Co-encadrement égal",
        "and": "et",
    },
    "es": {
        "present": "actualidad",
        "last_updated": "Actualizado",
        "page": "Página",
        "page_of": "Página {page} de {pages}",
        "cv": "Currículum vítae",
        "contact": "Contacto",
        "email": "Correo",
        "phone": "Teléfono",
        "website": "Sitio web",
        "location": "Ubicación",
        "pub_journal": "Artículos en revistas",
        "pub_conference": "Artículos en congresos",
        "pub_workshop": "Artículos en talleres",
        "pub_preprint": "Preprints",
        "pub_book": "Libros",
        "pub_chapter": "Capítulos de libro",
        "pub_thesis": "Tesis",
        "pub_patent": "Patentes",
        "pub_other": "Otras publicaciones",
        "link_code": "Código",
        "link_slides": "Diapositivas",
        "link_video": "Vídeo",
        "link_link": "Enlace",
        "pub_report": "Informes técnicos",
        "link_poster": "Póster",
        "link_project": "Proyecto",
        "link_blog": "Blog",
        "mark_equal_contribution": "Contribución igualitaria",
        "mark_corresponding_author": "Autor de correspondencia",
        "mark_equal_advising": "Codirección igualitaria",
        "and": "y",
    },
    "pt": {
        "present": "presente",
        "last_updated": "Atualizado",
        "page": "Página",
        "page_of": "Página {page} de {pages}",
        "cv": "Currículo",
        "contact": "Contato",
        "email": "E-mail",
        "phone": "Telefone",
        "website": "Site",
        "location": "Local",
        "pub_journal": "Artigos em periódicos",
        "pub_conference": "Artigos em conferências",
        "pub_workshop": "Artigos em workshops",
        "pub_preprint": "Preprints",
        "pub_book": "Livros",
        "pub_chapter": "Capítulos de livro",
        "pub_thesis": "Teses e dissertações",
        "pub_patent": "Patentes",
        "pub_other": "Outras publicações",
        "link_code": "Código",
        "link_slides": "Slides",
        "link_video": "Vídeo",
        "link_link": "Link",
        "pub_report": "Relatórios técnicos",
        "link_poster": "Pôster",
        "link_project": "Projeto",
        "link_blog": "Blog",
        "mark_equal_contribution": "Contribuição igual",
        "mark_corresponding_author": "Autor correspondente",
        "mark_equal_advising": "Orientação igual",
        "and": "e",
    },
    "it": {
        "present": "oggi",
        "last_updated": "Aggiornato",
        "page": "Pagina",
        "page_of": "Pagina {page} di {pages}",
        "cv": "Curriculum vitae",
        "contact": "Contatti",
        "email": "E-mail",
        "phone": "Telefono",
        "website": "Sito web",
        "location": "Luogo",
        "pub_journal": "Articoli su rivista",
        "pub_conference": "Articoli a conferenza",
        "pub_workshop": "Articoli a workshop",
        "pub_preprint": "Preprint",
        "pub_book": "Libri",
        "pub_chapter": "Capitoli di libro",
        "pub_thesis": "Tesi",
        "pub_patent": "Brevetti",
        "pub_other": "Altre pubblicazioni",
        "link_code": "Codice",
        "link_slides": "Slide",
        "link_video": "Video",
        "link_link": "Link",
        "pub_report": "Rapporti tecnici",
        "link_poster": "Poster",
        "link_project": "Progetto",
        "link_blog": "Blog",
        "mark_equal_contribution": "Contributo paritario",
        "mark_corresponding_author": "Autore corrispondente",
        "mark_equal_advising": "Supervisione paritaria",
        "and": "e",
    },
    "nl": {
        "present": "heden",
        "last_updated": "Bijgewerkt",
        "page": "Pagina",
        "page_of": "Pagina {page} van {pages}",
        "cv": "Curriculum vitae",
        "contact": "Contact",
        "email": "E-mail",
        "phone": "Telefoon",
        "website": "Website",
        "location": "Locatie",
        "pub_journal": "Tijdschriftartikelen",
        "pub_conference": "Conferentiebijdragen",
        "pub_workshop": "Workshopbijdragen",
        "pub_preprint": "Preprints",
        "pub_book": "Boeken",
        "pub_chapter": "Boekhoofdstukken",
        "pub_thesis": "Scripties en proefschriften",
        "pub_patent": "Octrooien",
        "pub_other": "Overige publicaties",
        "link_code": "Code",
        "link_slides": "Dia’s",
        "link_video": "Video",
        "link_link": "Link",
        "pub_report": "Technische rapporten",
        "link_poster": "Poster",
        "link_project": "Project",
        "link_blog": "Blog",
        "mark_equal_contribution": "Gelijke bijdrage",
        "mark_corresponding_author": "Corresponderend auteur",
        "mark_equal_advising": "Gelijke begeleiding",
        "and": "en",
    },
    "zh": {
        "present": "至今",
        "last_updated": "更新于",
        "page": "页",
        "page_of": "第 {page} 页，共 {pages} 页",
        "cv": "个人简历",
        "contact": "联系方式",
        "email": "电子邮件",
        "phone": "电话",
        "website": "网站",
        "location": "地点",
        "pub_journal": "期刊论文",
        "pub_conference": "会议论文",
        "pub_workshop": "研讨会论文",
        "pub_preprint": "预印本",
        "pub_book": "专著",
        "pub_chapter": "书籍章节",
        "pub_thesis": "学位论文",
        "pub_patent": "专利",
        "pub_other": "其他成果",
        "link_code": "代码",
        "link_slides": "幻灯片",
        "link_video": "视频",
        "link_link": "链接",
        "pub_report": "技术报告",
        "link_poster": "海报",
        "link_project": "项目",
        "link_blog": "博客",
        "mark_equal_contribution": "同等贡献",
        "mark_corresponding_author": "通讯作者",
        "mark_equal_advising": "共同指导",
        "and": "和",
    },
    "ja": {
        "present": "現在",
        "last_updated": "更新日",
        "page": "ページ",
        "page_of": "{page} / {pages} ページ",
        "cv": "履歴書",
        "contact": "連絡先",
        "email": "メール",
        "phone": "電話",
        "website": "ウェブサイト",
        "location": "所在地",
        "pub_journal": "学術論文",
        "pub_conference": "国際会議論文",
        "pub_workshop": "ワークショップ論文",
        "pub_preprint": "プレプリント",
        "pub_book": "著書",
        "pub_chapter": "分担執筆",
        "pub_thesis": "学位論文",
        "pub_patent": "特許",
        "pub_other": "その他の業績",
        "link_code": "コード",
        "link_slides": "スライド",
        "link_video": "動画",
        "link_link": "リンク",
        "pub_report": "テクニカルレポート",
        "link_poster": "ポスター",
        "link_project": "プロジェクト",
        "link_blog": "ブログ",
        "mark_equal_contribution": "同等貢献",
        "mark_corresponding_author": "責任著者",
        "mark_equal_advising": "共同指導",
        "and": "と",
    },
    "ko": {
        "present": "현재",
        "last_updated": "업데이트",
        "page": "페이지",
        "page_of": "{page} / {pages} 페이지",
        "cv": "이력서",
        "contact": "연락처",
        "email": "이메일",
        "phone": "전화",
        "website": "웹사이트",
        "location": "위치",
        "pub_journal": "학술지 논문",
        "pub_conference": "학술대회 논문",
        "pub_workshop": "워크숍 논문",
        "pub_preprint": "프리프린트",
        "pub_book": "저서",
        "pub_chapter": "공저 챕터",
        "pub_thesis": "학위 논문",
        "pub_patent": "특허",
        "pub_other": "기타 연구 실적",
        "link_code": "코드",
        "link_slides": "슬라이드",
        "link_video": "동영상",
        "link_link": "링크",
        "pub_report": "기술 보고서",
        "link_poster": "포스터",
        "link_project": "프로젝트",
        "link_blog": "블로그",
        "mark_equal_contribution": "공동 제1저자",
        "mark_corresponding_author": "교신저자",
        "mark_equal_advising": "공동 지도",
        "and": "및",
    },
}
for _table in WORDS.values():
    for _key, _value in _SHARED_LINKS.items():
        _table.setdefault(_key, _value)

# Babel skeletons per design.date_format; CLDR turns them into the locale's own pattern.
SKELETONS = {"short": ("yMMM", "yMMMd"), "long": ("yMMMM", "yMMMMd"), "numeric": ("yMM", "yMMdd")}


def language(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0].lower()


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(pattern: str) -> str:
    """A CSS ``content`` value for "page n of N": the pattern's words around the page counters.

    Page numbers exist only at layout time, so themes use this in ``@page`` margin boxes
    (``content: {{ words.page_css }}``) instead of formatting a string themselves.
    """
    parts: list[str] = []
    rest = pattern
    while rest:
        cut = min((i for i in (rest.find("{page}"), rest.find("{pages}")) if i >= 0), default=-1)
        if cut < 0:
            parts.append(_css_string(rest))
            break
        if cut:
            parts.append(_css_string(rest[:cut]))
        token = "{pages}" if rest.startswith("{pages}", cut) else "{page}"
        parts.append("counter(pages)" if token == "{pages}" else "counter(page)")
        rest = rest[cut + len(token) :]
    return " ".join(parts)


@lru_cache(maxsize=16)
def _words(lang: str) -> dict[str, str]:
    table = dict(WORDS.get(lang, WORDS["en"]))
    table["page_css"] = page_css(table["page_of"])
    return table


def words(locale: str) -> dict[str, str]:
    """Every built-in word in ``locale``'s language (English for unsupported languages).

    Also ``page_css``: "page n of N" as a CSS ``content`` value for ``@page`` margin boxes.
    """
    return dict(_words(language(locale)))


def cjk_lang(locale: str) -> str:
    """The ``lang`` value that selects the right CJK glyph forms (zh → Simplified unless TW/HK)."""
    parts = locale.replace("_", "-").split("-")
    if parts[0].lower() != "zh":
        return locale.replace("_", "-")
    rest = {p.lower() for p in parts[1:]}
    if rest & {"tw", "hk", "mo", "hant"}:
        return "zh-Hant"
    return "zh-Hans"


@lru_cache(maxsize=32)
def _babel_locale(locale: str):  # type: ignore[no-untyped-def]
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_date(date: PartialDate, locale: str = "en", style: str = "short") -> str:
    if date.present:
        return _words(language(locale))["present"]
    if date.month is None or style == "year":
        return str(date.year)
    from babel.dates import format_skeleton

    month_skeleton, day_skeleton = SKELETONS.get(style, SKELETONS["short"])
    value = dt.date(date.year, date.month, date.day or 1)
    return format_skeleton(day_skeleton if date.day else month_skeleton, value, locale=_babel_locale(locale))


def format_range(start: PartialDate | None, end: PartialDate | None, locale: str = "en", style: str = "short") -> str:
    """'Sep 2019 – Jun 2023', '2019 – present'; a single date when only one is given."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        return format_date(start or end, locale, style)  # type: ignore[arg-type]
    if start == end:
        return format_date(start, locale, style)
    return f"{format_date(start, locale, style)} – {format_date(end, locale, style)}"
