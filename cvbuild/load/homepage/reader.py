"""Reader for homepage pages: an about page or profile README becomes a :class:`Profile`.

Handles academicpages / minimal-mistakes / al-folio / AcadHomepage ``about.md``, Hugo Blox author
pages (``content/authors/admin/_index.md``) and landing pages (``content/_index.md`` built from
blocks, see :mod:`.hugo`), and GitHub profile ``README.md``: markdown with YAML front matter, mixed
with raw HTML. Steps, each in its own module:

1. :mod:`.front_matter` splits the YAML or TOML front matter (errors at the page's line);
   :mod:`.includes` follows ``{% include_relative %}`` lines (AcadHomepage) into the body;
2. :mod:`.clean` removes comments (where the HTML5 tokenizer ends them), template code,
   attribute lists, style/script and repairs mojibake;
3. markdown-it renders the body to HTML and :mod:`.blocks` walks it into blocks (site paths
   become links on the published site, ``url`` + ``baseurl`` of _config.yml);
4. headings become sections (see :mod:`.sections`; a section word as the only H1 is a section,
   not the headline): dates from :mod:`.dates`, publications structured by :mod:`.papers`,
   degrees and positions split by :mod:`.entries`, prose kept with its lists;
5. the person comes from command-line overrides, the front matter, the site config
   (:mod:`.identity`) or the page text, in that order.

"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...errors import CvError, Problem, Warnings
from ...model import Profile
from ...util.files import read_text
from ..bibtex import attach_bibliographies
from ..hugo_data import (
    Author,
    config_files,
    hugo_sections,
    publication_pages,
    read_author,
    site_config,
    unmapped_keys,
)
from ..hugo_data import find_site_root as find_hugo_root
from ..identity import (
    NAME_HINT,
    Identity,
    find_site_config,
    front_identity,
    hugo_author_page_near,
    hugo_identity,
    is_hugo_author_page,
    jekyll_identity,
    merge_identity,
    plain_title,
    read_yaml_file,
    site_title_identity,
    text_identity,
)
from ..loaded import Loaded, Overrides
from .blocks import Heading, Para, parse_blocks, render_markdown
from .clean import clean_source
from .collections import expand_collections
from .front_matter import read_front_matter
from .hugo import HugoPage, is_landing_page, publications_section, read_landing, shown_path
from .includes import expand_includes
from .sections import about_title, body_sections, is_section_title

_GERMAN = re.compile(r"\b(und|der|die|das|mit|für|von|im|seit|laufend|bei|zur|zum|ich|Universität)\b")
_ENGLISH = re.compile(r"\b(and|the|of|with|for|at|in|since|present|my|university)\b")


def guess_locale(front: dict[str, Any], config: dict[str, Any], body: str) -> str:
    for value in (front.get("lang"), front.get("locale"), config.get("lang"), config.get("locale")):
        if isinstance(value, str) and re.fullmatch(r"[a-zA-Z]{2,3}([-_][A-Za-z0-9]{2,8})*", value.strip()):
            return value.strip().replace("-", "_")
    if len(_GERMAN.findall(body)) > 2 * max(3, len(_ENGLISH.findall(body))):
        return "de"
    return "en"


def _summary(counts: Counter[str], emoji: Counter[str]) -> str:
    parts = [f"{n} {what}{'s' if n > 1 and not what.endswith('s') else ''}" for what, n in counts.items() if n]
    if emoji:
        parts.append(f"{sum(emoji.values())} emoji no font can draw ({' '.join(emoji)})")
    return ", ".join(parts)


def _hugo_locale(config: dict[str, Any]) -> dict[str, Any]:
    """A Hugo config's ``languageCode`` (``en-us``) as the language guess_locale reads."""
    code = config.get("languageCode") or config.get("defaultContentLanguage")
    return {"lang": code.split("-")[0].split("_")[0]} if isinstance(code, str) and code.strip() else {}


def message_root(path: Path) -> Path:
    """The folder messages name files from: the site's root (Jekyll or Hugo), else the page's folder."""
    config = find_site_config(path)
    if config is not None:
        return config.parent
    return find_hugo_root(path) or path.resolve().parent


def shown(file: Path, root: Path) -> str:
    """``_pages/includes/news.md``: a file as a message names it (relative to the site root)."""
    return shown_path(file, root)


def _relative(problem: Problem, root: Path) -> Problem:
    if problem.file is None:
        return problem
    try:
        relative = Path(problem.file).resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return problem
    return replace(problem, file=relative)


def site_url(config: dict[str, Any]) -> str:
    """The published site's address (``url`` + ``baseurl`` of _config.yml), for links written as site paths."""
    url = config.get("url")
    if not isinstance(url, str) or not re.match(r"https?://[^\s/]+\.[^\s]", url.strip()):
        return ""
    base = config.get("baseurl")
    base = base.strip().strip("/") if isinstance(base, str) else ""
    return url.strip().rstrip("/") + (f"/{base}" if base else "")


def read(path: Path, overrides: Overrides | None = None) -> Loaded:
    """Read a homepage page (and the site's config around it) into a profile.

    Every message names its file relative to the site's root (``_pages/about.md:12``), as the
    user sees the site, whatever path the command was given.
    """
    path = Path(path)
    root = message_root(path)
    try:
        loaded = _read(path, overrides, root)
    except CvError as error:
        raise type(error)([_relative(p, root) for p in error.problems]) from None
    loaded.warnings.items = [_relative(p, root) for p in loaded.warnings.items]
    return loaded


def _read(path: Path, overrides: Overrides | None, root: Path) -> Loaded:
    text = read_text(path)
    front, body, front_source = read_front_matter(text, path)
    warnings = Warnings()
    inputs = [path]
    notes: list[str] = []
    counts: Counter[str] = Counter()
    emoji: Counter[str] = Counter()
    page_links: list[str] = []
    config_path = find_site_config(path)
    site_root = config_path.parent if config_path is not None else None
    # AcadHomepage: the page is a list of {% include_relative %} lines; follow them before the Liquid goes.
    body_line = text[: len(text) - len(body)].count("\n") + 1
    included = expand_includes(body, path, site_root or path.parent, warnings, first_line=body_line)
    body = included.text
    inputs += [f for f in included.files if f not in inputs]
    if included.files:
        names = ", ".join(shown(f, root) for f in included.files)
        notes.append(f"{shown(path, root)}: {len(included.files)} included file(s) read: {names}")
    # academicpages' CV page lists _publications/, _talks/ … with Liquid loops: read them first.
    body, collections = expand_collections(body, site_root, inputs, warnings)
    notes += [f"{n} entries read from the site's {name}" for name, n in collections.items()]
    config: dict[str, Any] = read_yaml_file(config_path, Warnings()) if config_path is not None else {}
    html = render_markdown(clean_source(body, counts))
    blocks = parse_blocks(html, counts, emoji, page_links, site_url(config))

    title_text = ""
    h1 = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    first_heading = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), None)
    # The page's only H1 is its title (the person's name or headline) unless it names a section:
    # "# Publications" over "## Robotics" is a section with sub-sections, never a headline.
    if len(h1) == 1 and h1[0] == first_heading and not is_section_title(blocks[h1[0]].text):  # type: ignore[union-attr]
        title_text = blocks.pop(h1[0]).text  # type: ignore[union-attr]
    tagline = ""
    if title_text and h1[0] < len(blocks) and isinstance(blocks[h1[0]], Heading):
        words = plain_title(blocks[h1[0]].text).split()  # type: ignore[union-attr]
        if len(words) >= 4:  # "A curious systems engineer from Lagos" under the title: a tagline, not a section
            tagline = " ".join(words)
            blocks.pop(h1[0])

    hugo_root = find_hugo_root(path)
    hugo_config = site_config(hugo_root, warnings) if hugo_root is not None else {}
    inputs += config_files(hugo_root) if hugo_root is not None else []
    landing = is_landing_page(front)
    hugo = not landing and is_hugo_author_page(path, front)
    sources: list[Identity] = [Identity("the command line", {k: v for k, v in (overrides or {}).items() if v})]
    sources.append(hugo_identity(front, "the page's front matter") if hugo else front_identity(front, "front matter"))
    if config_path is not None:
        inputs.append(config_path)
        sources.append(jekyll_identity(config_path, warnings))
    locale = guess_locale(front, config or _hugo_locale(hugo_config), body)
    intro_title = about_title({} if hugo or landing else front, locale)
    extra = HugoPage()
    if landing:
        extra = read_landing(path, front, front_source, hugo_root or path.parent, intro_title, counts, emoji, warnings)
        sources += extra.identities
    elif hugo and hugo_root is not None and publication_pages(hugo_root):
        author = Author(path.parent.name if path.stem in ("_index", "index") else path.stem, path, front, body)
        pubs = publications_section(hugo_root, author, warnings, extra)
        extra.sections += [pubs] if pubs else []
    inputs += [f for f in extra.inputs if f not in inputs]
    notes += extra.notes
    author_page = None if hugo or landing else hugo_author_page_near(path)
    if author_page is not None:
        try:
            author = read_author(author_page)
            inputs.append(author_page)
            sources.append(hugo_identity(author.data, shown_path(author_page, hugo_root or author_page.parent)))
        except CvError as error:
            warnings.extend(error.problems)
    intro = [b.text for b in blocks if isinstance(b, Para)][:3]
    sources.append(text_identity([title_text, *intro], page_links, body))
    sources.append(site_title_identity(config or hugo_config))
    counts["'Download CV' link"] += sum(i.cv_links for i in sources)
    person = merge_identity(sources, path, warnings, notes, shown(path, root))
    if tagline and "headline" not in person:
        person["headline"] = tagline
    elif tagline:
        blocks.insert(0, Para(tagline))

    unplaced: list[str] = list(extra.unplaced)
    sections = body_sections(blocks, unplaced, intro_title, counts)
    if landing:
        sections = extra.sections + sections  # the body (rarely used on a landing page) after the blocks
    if hugo:
        mapped = [b.section for b in hugo_sections(front)]
        at = 1 if sections and sections[0]["title"] == intro_title else 0
        sections[at:at] = mapped
        has_intro = bool(sections) and sections[0]["title"] == intro_title
        if not has_intro and isinstance(front.get("bio"), str) and front["bio"].strip():
            sections.insert(0, {"title": intro_title, "text": front["bio"].strip()})  # no body: the short bio
        sections += extra.sections
        left = unmapped_keys(front)
        if left:
            unplaced.append(f"front matter {', '.join(left)}")
    if title_text:
        plain = plain_title(title_text)
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

    site_root = site_root or hugo_root
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

    if not person.get("name"):
        # a CV needs a name, and neither the page, its front matter nor the site gave one
        problem = Problem("no name found in the page, its front matter or the site config", path, hint=NAME_HINT)
        raise CvError(problem)
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
