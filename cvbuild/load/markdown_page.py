"""Reader for homepage pages: an about page or profile README becomes a :class:`Profile`.

Handles academicpages / minimal-mistakes / al-folio ``about.md``, Hugo Blox author pages
(``content/authors/admin/_index.md``) and GitHub profile ``README.md``: markdown with YAML
front matter, mixed with raw HTML. Steps, each in its own module:

1. front matter split here (YAML errors point at the page's line);
2. :mod:`.page_clean` removes comments, template code, style/script and repairs mojibake;
3. markdown-it renders the body to HTML and :mod:`.page_html` walks it into blocks;
4. headings become sections (see :func:`_sections` for sub-headings), list items become
   dated items (:mod:`.page_dates`), paragraphs become text;
5. the person comes from command-line overrides, the front matter, the site config
   (:mod:`.site_config`) or the page text, in that order.

Sub-headings: the model has no nested sections, so a heading whose parent heading has no
content of its own is titled ``"Parent — Child"`` (``"Experiences — Interns"``); a heading
under a parent with content keeps its own title. A ``<details>`` summary is a sub-heading.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import CvError, Problem, Warnings
from ..model import Person, Profile
from . import Loaded, read_text
from .bibtex import attach_bibliographies
from .jekyll_collections import expand_collections
from .page_clean import clean_source
from .page_dates import split_leading_date, split_trailing_date
from .page_html import Block, GroupEnd, Heading, ListBlock, ListItem, Para, parse_blocks
from .site_config import (
    FIELDS,
    Identity,
    add_link,
    find_site_config,
    front_identity,
    hugo_author_page_near,
    hugo_identity,
    is_hugo_author_page,
    jekyll_identity,
    read_yaml_file,
)

NAME_HINT = (
    "set it with --person-name 'Ada Lovelace', a 'name:' line in the page's front matter, or author.name in _config.yml"
)


# ---- front matter ------------------------------------------------------------------------


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """(front matter mapping, body). Invalid YAML is an error at the page's line number."""
    from .positions import load_yaml

    match = re.match(r"\A(---|\+\+\+)[ \t]*\n(.*?)(?:\n|\A)(---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", text, re.S)
    if not match:
        if re.match(r"\A---[ \t]*\n\s*[\w-]+:(\s|$)", text):
            raise CvError(
                Problem(
                    "the front matter starting here has no closing '---' line", path, 1, 1, hint="add '---' after it"
                )
            )
        return {}, text
    body = text[match.end() :]
    if match.group(1) == "+++":
        try:
            import tomllib
        except ImportError:  # pragma: no cover - Python 3.10
            return {}, body
        try:
            return tomllib.loads(match.group(2)), body
        except tomllib.TOMLDecodeError as exc:
            raise CvError(Problem(f"TOML front matter error: {exc}", path, hint="fix the +++ block")) from None
    data, _ = load_yaml(match.group(2), path, line_offset=1)
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        raise CvError(
            Problem("the front matter between the --- lines is not a mapping of 'key: value' lines", path, 2, 1)
        )
    return data, body


# ---- sections ----------------------------------------------------------------------------


@dataclass
class _Node:
    title: str
    level: float
    parent: _Node | None = None
    blocks: list[Block] = field(default_factory=list)
    summary: bool = False


def _tree(blocks: list[Block]) -> list[_Node]:
    """Nodes in document order; each holds the blocks directly under its heading."""
    root = _Node("About", 0)
    nodes, stack = [root], [root]
    for block in blocks:
        if isinstance(block, Heading):
            summary = block.level == 0.5
            level = stack[-1].level + 0.5 if summary else block.level
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            node = _Node(block.text, level, stack[-1], summary=summary)
            nodes.append(node)
            stack.append(node)
        elif isinstance(block, GroupEnd):
            for index in range(len(stack) - 1, 0, -1):
                if stack[index].summary:
                    del stack[index:]
                    break
        else:
            stack[-1].blocks.append(block)
    return nodes


def _plain_title(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\\([\\*_`\[\]])", r"\1", re.sub(r"(?<!\\)(\*\*|\*|~~|`)", "", text))
    return " ".join(text.split()).strip(" :：-–—")


def _title(node: _Node) -> str:
    own = _plain_title(node.title)
    parent = node.parent
    if parent is not None and parent.parent is not None and (node.summary or not parent.blocks):
        return f"{_plain_title(parent.title)} — {own}"
    return own


_MARKDOWN_LINE_START = re.compile(r"^(#{1,6}\s|[-+*]\s|>|\d+[.)]\s|[-=]{3,}\s*$)")


def _text_markdown(paras: list[Para]) -> str:
    """Paragraphs as block markdown; a line that would start a list or heading is escaped."""
    out = []
    for para in paras:
        lines = [("\\" + x if _MARKDOWN_LINE_START.match(x) else x) for x in para.text.split("\n")]
        out.append(" \\\n".join(lines))
    return "\n\n".join(out)


def _para_items(para: Para) -> list[ListItem]:
    """A paragraph of ``<br>``-separated dated lines is a list in disguise (news, awards)."""
    lines = para.text.split("\n")
    dated = [line for line in lines if split_leading_date(line)[0]]
    if len(lines) >= 2 and len(dated) >= max(2, len(lines) // 2):
        return [ListItem(line) for line in lines]
    return [ListItem(" \\\n".join(lines))]


def _section(title: str, blocks: list[Block]) -> dict[str, Any] | None:
    """One section from a heading's blocks: text for prose, items for lists, bullets if undated."""
    if not blocks:
        return None
    if all(isinstance(b, Para) and len(_para_items(b)) == 1 for b in blocks):
        return {"title": title, "text": _text_markdown(blocks)}  # type: ignore[arg-type]
    raw: list[ListItem] = []
    for block in blocks:
        raw.extend(block.items if isinstance(block, ListBlock) else _para_items(block))  # type: ignore[union-attr]
    items = []
    for item in raw:
        fields, rest = split_leading_date(item.text)
        if not fields and "\n" not in item.text:
            fields, rest = split_trailing_date(item.text)
        if not rest.strip():
            continue
        items.append({**fields, "text": rest, **({"details": item.details} if item.details else {})})
    if not items:
        return None
    if not any(len(i) > 1 for i in items):  # no dates, no details: a plain list reads better
        return {"title": title, "bullets": [i["text"] for i in items]}
    return {"title": title, "sort": "none", "items": items}


ABOUT = {"de": "Über mich", "fr": "À propos", "es": "Sobre mí", "it": "Chi sono", "nl": "Over mij", "zh": "关于我"}
_ABOUT_TITLE = re.compile(r"(?i)^(about( me)?|über mich|à propos|sobre mí|bio(graphy)?|profil[e]?|关于我)$")


def about_title(front: dict[str, Any], locale: str) -> str:
    """Title of the intro section: the page's own "About me"-like title, else "About" in the CV's language."""
    title = front.get("title")
    if isinstance(title, str) and _ABOUT_TITLE.match(title.strip()):
        return title.strip()[:1].upper() + title.strip()[1:]
    return ABOUT.get(locale.split("_")[0].lower(), "About")


def body_sections(blocks: list[Block], unplaced: list[str], intro: str = "About") -> list[dict[str, Any]]:
    nodes = _tree(blocks)
    nodes[0].title = intro
    parents = {id(n.parent) for n in nodes if n.parent is not None}
    sections = []
    for node in nodes:
        section = _section(_title(node) or "About", node.blocks)
        if section:
            sections.append(section)
        elif node.parent is not None and id(node) not in parents:
            unplaced.append(f"heading '{_plain_title(node.title)}' with nothing left under it")
    return sections


# ---- Hugo author page front matter -------------------------------------------------------


def _date_of(entry: dict[str, Any], *keys: str) -> dict[str, str]:
    from .page_dates import date_fields

    values = [str(entry[k]).strip()[:10] for k in keys if entry.get(k)]
    values = [v[:7] if re.fullmatch(r"\d{4}-\d{2}-01", v) and len(keys) > 1 else v for v in values]
    if not values:
        return {}
    if len(keys) > 1 and entry.get(keys[0]):
        end = str(entry.get(keys[1]) or "present").strip()[:10]
        end = end[:7] if re.fullmatch(r"\d{4}-\d{2}-01", end) else end
        return date_fields(f"{values[0]} – {end}")
    return date_fields(values[0])


def _joined(*parts: Any) -> str:
    return ", ".join(str(p).strip() for p in parts if p and str(p).strip())


def hugo_sections(front: dict[str, Any]) -> list[dict[str, Any]]:
    """Interests, education, work, awards and skills from a Hugo Blox author page."""
    out: list[dict[str, Any]] = []
    interests = front.get("interests")
    if isinstance(interests, list) and interests:
        out.append({"title": "Interests", "bullets": [str(i) for i in interests if i]})
    education = front.get("education")
    if isinstance(education, dict):
        education = education.get("courses")
    if isinstance(education, list):
        items = []
        for e in education:
            if isinstance(e, dict):
                text = _joined(e.get("course") or e.get("area") or e.get("degree"), e.get("institution"))
                date = _date_of(e, "date_start", "date_end") if e.get("date_start") else _date_of(e, "year")
                if text:
                    items.append({**date, "text": text, **({"details": [e["summary"]]} if e.get("summary") else {})})
        if items:
            out.append({"title": "Education", "sort": "none", "items": items})
    for key, title in (("work", "Experience"), ("experience", "Experience"), ("awards", "Awards")):
        entries = front.get(key)
        if not isinstance(entries, list):
            continue
        items = []
        for e in entries:
            if not isinstance(e, dict):
                continue
            what = e.get("position") or e.get("role") or e.get("title")
            where = e.get("company_name") or e.get("company") or e.get("organization") or e.get("awarder")
            text = _joined(what, where)
            date = _date_of(e, "date_start", "date_end") if e.get("date_start") else _date_of(e, "date")
            summary = e.get("summary") or e.get("description")
            if text:
                items.append({**date, "text": text, **({"details": [str(summary).strip()]} if summary else {})})
        if items:
            out.append({"title": title, "sort": "none", "items": items})
    skills = front.get("skills")
    if isinstance(skills, list):
        table = {}
        for group in skills:
            if isinstance(group, dict) and isinstance(group.get("items"), list):
                names = [str(i.get("name")) for i in group["items"] if isinstance(i, dict) and i.get("name")]
                if names:
                    table[str(group.get("name") or group.get("title") or "Skills")] = ", ".join(names)
        if table:
            out.append({"title": "Skills", "skills": table})
    return out


# ---- identity ----------------------------------------------------------------------------

_INTRO_NAME = re.compile(
    r"\b(?i:I am|I'm|I’m|my name is|this is|ich bin|mein name ist|je suis)\s+"
    r"((?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|da|di|del|le)){1,4})"
)
_NOT_A_NAME = re.compile(
    r"\b(student|researcher|engineer|scientist|professor|developer|lab|group|about|welcome|hello|hi|"
    r"home|homepage|page|cv|resume|university|institute|phd|the|a|an|and|of|in|at)\b",
    re.I,
)


_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}\b", re.I)


def text_identity(texts: list[str], links: list[str] = (), body: str = "") -> Identity:  # type: ignore[assignment]
    """Last resort: "Hi! I am Jane Doe, …" in the intro or title; the page's contact icons and an email in it."""
    ident = Identity("page text")
    for url in links:
        add_link(ident, "", url)
    if "email" not in ident.fields and (found := _EMAIL.search(body)):
        ident.put("email", found.group())
    ident.links = []  # the page's other links are content, not contacts
    for text in texts:
        plain = _plain_title(text)
        match = _INTRO_NAME.search(plain)
        if match:
            words = match.group(1).split()
            cut = next((i for i, w in enumerate(words) if _NOT_A_NAME.fullmatch(w.strip(".,"))), len(words))
            words = words[:cut]
            end = next((i for i, w in enumerate(words) if w.endswith(".") and len(w) > 4), None)
            words = words if end is None else words[: end + 1]  # "I am Ana Lima. I work …"
            while words and not words[-1][:1].isupper():
                words.pop()
            name = " ".join(words).strip(" .,")
            if len(words) >= 2 and all(w[:1].isupper() or w in {"van", "von", "de", "der"} for w in words):
                ident.put("name", name)
                return ident
    return ident


def site_title_identity(config: dict[str, Any]) -> Identity:
    """Very last resort: a Jekyll site titled with a name ("Jane Doe"); "Jane Doe's Homepage" does not count."""
    ident = Identity("the site title in _config.yml")
    title = config.get("title")
    if isinstance(title, str):
        words = title.split()
        looks_like_name = all(re.fullmatch(r"[^\W\d_][\w'’.-]*", w) and w[:1].isupper() for w in words)
        if 2 <= len(words) <= 4 and looks_like_name and not any(_NOT_A_NAME.fullmatch(w) for w in words):
            ident.put("name", title.strip())
    return ident


def _fix_email(value: str) -> str:
    value = re.sub(r"\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+", "@", value, flags=re.I)
    return re.sub(r"\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+", ".", value, flags=re.I).replace("mailto:", "")


def merge_identity(sources: list[Identity], path: Path, warnings: Warnings, notes: list[str]) -> dict[str, Any]:
    """First source that has a field wins; each value is checked alone so one bad value drops only itself."""
    person: dict[str, Any] = {}
    chosen: dict[str, str] = {}
    for ident in sources:
        if ident.placeholders:
            warnings.add(f"ignored template placeholders in {ident.source}: {', '.join(ident.placeholders)}", file=path)
        for key in FIELDS:
            value = ident.fields.get(key)
            if not value or key in person:
                continue
            if key == "email":
                value = _fix_email(value)
            try:
                Person.model_validate({"name": "x", key: value} if key != "name" else {"name": value})
            except ValidationError as exc:
                reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
                warnings.add(f"ignored {key} from {ident.source}: {reason}", file=path)
                continue
            person[key] = value
            chosen[key] = ident.source
    links = next((i.links for i in sources if i.links), [])
    if links:
        person["links"] = links
    if "name" in person:
        notes.append(f"{path.name}: name '{person['name']}' taken from {chosen['name']}")
    else:
        person["name"] = ""
        warnings.add(f"no name found in the page, its front matter or the site config; {NAME_HINT}", file=path)
    return person


# ---- language ----------------------------------------------------------------------------

_GERMAN = re.compile(r"\b(und|der|die|das|mit|für|von|im|seit|laufend|bei|zur|zum|ich|Universität)\b")
_ENGLISH = re.compile(r"\b(and|the|of|with|for|at|in|since|present|my|university)\b")


def guess_locale(front: dict[str, Any], config: dict[str, Any], body: str) -> str:
    for value in (front.get("lang"), front.get("locale"), config.get("lang"), config.get("locale")):
        if isinstance(value, str) and re.fullmatch(r"[a-zA-Z]{2,3}([-_][A-Za-z0-9]{2,8})*", value.strip()):
            return value.strip().replace("-", "_")
    if len(_GERMAN.findall(body)) > 2 * max(3, len(_ENGLISH.findall(body))):
        return "de"
    return "en"


# ---- the reader --------------------------------------------------------------------------


def _summary(counts: Counter[str], emoji: Counter[str]) -> str:
    parts = [f"{n} {what}{'s' if n > 1 and not what.endswith('s') else ''}" for what, n in counts.items() if n]
    if emoji:
        parts.append(f"{sum(emoji.values())} emoji no font can draw ({' '.join(emoji)})")
    return ", ".join(parts)


def _render_body(body: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    return md.render(body)


def load_markdown_page(path: Path, overrides: dict[str, str] | None = None) -> Loaded:
    """Read a homepage page (and the site's config around it) into a profile."""
    path = Path(path)
    text = read_text(path)
    front, body = split_front_matter(text, path)
    warnings = Warnings()
    inputs = [path]
    counts: Counter[str] = Counter()
    emoji: Counter[str] = Counter()
    page_links: list[str] = []
    config_path = find_site_config(path)
    # academicpages' CV page lists _publications/, _talks/ … with Liquid loops: read them first.
    body, collections = expand_collections(body, config_path.parent if config_path else None, inputs, warnings)
    blocks = parse_blocks(_render_body(clean_source(body, counts)), counts, emoji, page_links)

    title_text = ""
    h1 = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    first_heading = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), None)
    if len(h1) == 1 and h1[0] == first_heading:
        title_text = blocks.pop(h1[0]).text  # type: ignore[union-attr]
    tagline = ""
    if title_text and h1[0] < len(blocks) and isinstance(blocks[h1[0]], Heading):
        words = _plain_title(blocks[h1[0]].text).split()  # type: ignore[union-attr]
        if len(words) >= 4:  # "A curious systems engineer from Lagos" under the title: a tagline, not a section
            tagline = " ".join(words)
            blocks.pop(h1[0])

    hugo = is_hugo_author_page(path, front)
    sources: list[Identity] = [Identity("the command line", {k: v for k, v in (overrides or {}).items() if v})]
    sources.append(hugo_identity(front, "the page's front matter") if hugo else front_identity(front, "front matter"))
    config: dict[str, Any] = {}
    if config_path is not None:
        inputs.append(config_path)
        sources.append(jekyll_identity(config_path, warnings))
        config = read_yaml_file(config_path, Warnings())
    author_page = None if hugo else hugo_author_page_near(path)
    if author_page is not None:
        author_front, _ = split_front_matter(read_text(author_page), author_page)
        inputs.append(author_page)
        sources.append(hugo_identity(author_front, "content/authors/admin/_index.md"))
    intro = [b.text for b in blocks if isinstance(b, Para)][:3]
    sources.append(text_identity([title_text, *intro], page_links, body))
    sources.append(site_title_identity(config))
    notes: list[str] = [f"{n} entries read from the site's {name}" for name, n in collections.items()]
    person = merge_identity(sources, path, warnings, notes)
    if tagline and "headline" not in person:
        person["headline"] = tagline
    elif tagline:
        blocks.insert(0, Para(tagline))

    unplaced: list[str] = []
    locale = guess_locale(front, config, body)
    intro_title = about_title({} if hugo else front, locale)
    sections = body_sections(blocks, unplaced, intro_title)
    if hugo:
        extra = hugo_sections(front)
        at = 1 if sections and sections[0]["title"] == intro_title else 0
        sections[at:at] = extra
        if not sections and front.get("bio"):
            sections.append({"title": intro_title, "text": str(front["bio"])})
    if title_text:
        plain = _plain_title(title_text)
        greeting = re.match(r"(?i)^(hi|hello|hey|welcome|about)\b", plain)
        if plain and (plain == person.get("name") or (greeting and person.get("name", "-") in plain)):
            counts["greeting title"] += bool(greeting)
        elif plain and "headline" not in person and not re.match(r"(?i)^(hi|hello|hey|welcome|about)\b", plain):
            person["headline"] = plain
        elif plain and not re.fullmatch(r"(?i)(hi|hello|hey|welcome|about)( there| me)?\W*", plain):
            if sections and sections[0]["title"] == intro_title and "text" in sections[0]:
                sections[0]["text"] = f"**{title_text}**\n\n" + sections[0]["text"]
            else:
                sections.insert(0, {"title": intro_title, "text": f"**{title_text}**"})
        else:
            counts["greeting title"] += 1

    site_root = config_path.parent if config_path is not None else None
    papers = site_root / "_bibliography" / "papers.bib" if site_root else None
    if front.get("selected_papers") is True and papers is not None and papers.is_file():
        # al-folio shows the entries of _bibliography/papers.bib marked selected={true}
        sections.append(
            {"title": "Selected Publications", "bib": "_bibliography/papers.bib", "filter": {"selected": True}}
        )
        front = {**front, "selected_papers": False}  # placed: not a widget we leave out
    widgets = [k for k in ("news", "selected_papers", "latest_posts") if front.get(k) is True]
    if widgets:  # al-folio fills these from _news/, _bibliography/papers.bib and _posts/, not from the page
        hint = (
            "; after 'cvbuild import', add a publications section with bib: _bibliography/papers.bib"
            if "selected_papers" in widgets
            else ""
        )
        unplaced.append(f"the site's {', '.join(widgets)} widgets (they live in other files{hint})")
    dropped = _summary(counts, emoji)
    if dropped:
        warnings.add(f"dropped from the page: {dropped}", file=path)
    if unplaced:
        warnings.add("could not place: " + "; ".join(unplaced), file=path)
    if not sections:
        warnings.add("the page has no content to put in the CV (only the header is rendered)", file=path)

    data = {"person": person, "locale": locale, "sections": sections}
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:  # a bug in this reader, but the user still gets a located message
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CvError(Problem(f"could not turn the page into a profile ({where}: {first['msg']})", path)) from None
    loaded = Loaded(profile=profile, path=path, inputs=inputs, warnings=warnings, notes=notes, root=site_root)
    attach_bibliographies(loaded)  # bib: paths are relative to the site's root
    return loaded


def apply_overrides(loaded: Loaded, overrides: dict[str, str] | None) -> Loaded:
    """Command-line identity options on any profile (a cv.yaml too): they win over the file."""
    values = {k: v for k, v in (overrides or {}).items() if v}
    if not values:
        return loaded
    data = loaded.profile.person.model_dump(exclude_unset=True)
    data.update(values)
    try:
        person = Person.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CvError(Problem(f"--{first['loc'][0]}: {first['msg'].removeprefix('Value error, ')}")) from None
    loaded.profile = loaded.profile.model_copy(update={"person": person})
    return loaded
