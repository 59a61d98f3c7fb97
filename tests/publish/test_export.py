"""``cvbuild export``: profiles written as JSON Resume and RenderCV files that their schemas accept and
that ``cvbuild import`` turns back into the same CV.

The schemas are the published ones, vendored under ``tests/fixtures/schemas/`` (see its README for
where they came from and their licences), so the tests run offline. Fixtures (fictional people) under
``tests/fixtures/interop/``: ``json-resume-shaped/`` (sections that are JSON Resume's own lists),
``rendercv-shaped/`` (every cvbuild section kind, publications from a ``.bib`` file) and
``resume-v0.json`` (a JSON Resume in the old names, shaped like the JSON Resume project's complete
example).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import EXAMPLE, FIXTURES, build, pdf_text, run_cli, write

from cvbuild.load.registry import load_profile
from cvbuild.publish.export import FORMATS, kind_by_title, section_kinds
from cvbuild.publish.export.common import (
    MappingError,
    file_text_as_markdown,
    file_text_as_plain,
    plain,
    plain_block,
    split_list,
)

INTEROP = FIXTURES / "interop"
JSON_RESUME_SHAPED = INTEROP / "json-resume-shaped" / "cv.yaml"
RENDERCV_SHAPED = INTEROP / "rendercv-shaped" / "cv.yaml"
RESUME_V0 = INTEROP / "resume-v0.json"
SCHEMAS = FIXTURES / "schemas"
EPOCH = "1780000000"  # the same "last updated" month in or out of git

# Every shape of input: cvbuild profiles, a JSON Resume in both generations' names, RenderCV files.
PROFILES = [
    JSON_RESUME_SHAPED,
    RENDERCV_SHAPED,
    EXAMPLE,
    RESUME_V0,
    FIXTURES / "json" / "alfolio-resume.json",
    FIXTURES / "rendercv" / "complete.yaml",
]


def exported(profile: Path, to: str, mapping: dict[str, str] | None = None) -> tuple[dict[str, Any], str]:
    """The format's data, as its text parses back, and the warning line (or "")."""
    chosen = FORMATS[to]
    result = chosen.write(load_profile(profile).profile, mapping)
    text = chosen.text(result.data, profile.name)
    data = json.loads(text) if to == "json-resume" else yaml.safe_load(text)
    return data, result.lost.message(chosen.name) if result.lost else ""


def validator(to: str) -> jsonschema.protocols.Validator:
    folder = "json-resume" if to == "json-resume" else "rendercv"
    schema = json.loads((SCHEMAS / folder / "schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)  # dates and emails are checked too


def urls(value: Any, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in urls(v, k)]
    if isinstance(value, list):
        return [u for v in value for u in urls(v, key)]
    return [value] if key in ("url", "website") and isinstance(value, str) else []


def flat(pdf: Path) -> str:
    """The PDF's words in order, whitespace normalised (line breaks may fall elsewhere, words may not)."""
    return " ".join(pdf_text(pdf).split())


# ---- valid against the published schemas ---------------------------------------------------------


@pytest.mark.parametrize("to", list(FORMATS))
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_export_is_valid_against_the_published_schema(profile: Path, to: str) -> None:
    data, _ = exported(profile, to)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(to).iter_errors(data)]
    assert not errors, errors
    # "format: uri" needs a package jsonschema does not bundle: check the addresses by hand.
    assert all(u.startswith(("https://", "http://", "mailto:")) for u in urls(data)), urls(data)


def test_rendercv_sections_hold_one_entry_type_each() -> None:
    data, _ = exported(RENDERCV_SHAPED, "rendercv")
    kinds = {
        title: {tuple(sorted(e)) if isinstance(e, dict) else "text" for e in entries}
        for title, entries in data["cv"]["sections"].items()
    }
    assert {"company", "position"} <= set(next(iter(kinds["Appointments"])))
    assert all("institution" in keys and "area" in keys for keys in kinds["Education"])
    assert all("name" in keys for keys in kinds["Invited Talks"]), "entries without an organisation: NormalEntry"
    assert kinds["Research Statement"] == {"text"}
    assert all("bullet" in keys for keys in kinds["Service"])
    assert all(set(keys) == {"details", "label"} for keys in kinds["Skills"])


# ---- the round trip ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "to", "suffix"),
    [(JSON_RESUME_SHAPED, "json-resume", ".json"), (RENDERCV_SHAPED, "rendercv", ".yaml")],
    ids=["json-resume", "rendercv"],
)
def test_import_of_the_export_renders_the_same_cv(
    profile: Path, to: str, suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    written = tmp_path / f"exported{suffix}"
    result = run_cli("export", profile, "--to", to, "-o", written)
    assert result.returncode == 0, result.stderr
    imported = tmp_path / "cv.yaml"
    result = run_cli("import", written, "-o", imported)
    assert result.returncode == 0, result.stderr
    original = flat(build(profile, tmp_path / "original", formats=("pdf",)).outputs["pdf"])
    again = flat(build(imported, tmp_path / "again", formats=("pdf",)).outputs["pdf"])
    assert again == original
    assert "Okonkwo-Lindgren" in original or "Tidal Harmonics from Sparse Moorings" in original


# ---- what is written -----------------------------------------------------------------------------


def test_publications_from_bib_files_are_written_as_entries() -> None:
    resume, _ = exported(RENDERCV_SHAPED, "json-resume")
    [first, second] = resume["publications"]
    assert first["name"] == "Tidal Harmonics from Sparse Moorings"
    assert first["publisher"] == "Journal of Physical Oceanography, vol. 54(3), pp. 411–429"
    assert first["releaseDate"] == "2024-04" and first["url"] == "https://doi.org/10.5555/jpo.2024.0411"
    assert first["authors"] == ["Chidera Okafor", "Maren Halvorsen", "Linnea Bergström"]  # decoded, given name first
    assert second["summary"] == "Best student paper"
    rendercv, _ = exported(RENDERCV_SHAPED, "rendercv")
    entry = rendercv["cv"]["sections"]["Publications"][0]
    assert entry["authors"] == ["Chidera Okafor", "**Maren Halvorsen**", "Linnea Bergström"]  # the owner in bold
    assert entry["doi"] == "10.5555/jpo.2024.0411" and entry["journal"].startswith("Journal of Physical")


def test_json_resume_text_is_plain_and_rendercv_keeps_markdown() -> None:
    resume, _ = exported(RENDERCV_SHAPED, "json-resume")
    assert resume["basics"]["summary"].startswith("I study how tides and internal waves mix")
    assert "open models (https://tides-lab.example.org/models)" in resume["basics"]["summary"], "a link's address stays"
    assert "Leads the Coastal Tides Lab (3 PhD students)." in resume["work"][0]["highlights"]
    assert "*" not in json.dumps(resume)
    rendercv, _ = exported(RENDERCV_SHAPED, "rendercv")
    sections = rendercv["cv"]["sections"]
    assert sections["Research Statement"][0].startswith("I study how **tides and internal waves** mix")
    assert sections["Service"][0] == {"bullet": "Associate editor, *Journal of Coastal Instruments*"}


def test_dates_keep_their_precision() -> None:
    rendercv, _ = exported(RENDERCV_SHAPED, "rendercv")
    talks = rendercv["cv"]["sections"]["Invited Talks"]
    assert [t["date"] for t in talks] == ["2024-06-12", "2023-11"]
    assert rendercv["cv"]["sections"]["Appointments"][0]["end_date"] == "present"
    resume, _ = exported(JSON_RESUME_SHAPED, "json-resume")
    assert resume["certificates"][0]["date"] == "2022-11-07"
    assert resume["work"][0]["startDate"] == "2021-04" and "endDate" not in resume["work"][0], "ongoing: no end"
    assert resume["awards"][0]["date"] == "2023-06"


def test_the_person_and_links_travel() -> None:
    resume, _ = exported(JSON_RESUME_SHAPED, "json-resume")
    basics = resume["basics"]
    assert basics["label"] == "Senior Ocean Data Engineer · Blue Meridian Institute"
    networks = {p["network"]: p for p in basics["profiles"]}
    assert networks["GitHub"]["url"] == "https://github.com/inesok"
    assert networks["ORCID"]["username"] == "0000-0001-5109-3700"
    assert networks["Google Scholar"]["url"].endswith("user=XyZ123abcDEF")
    assert networks["Blog"]["url"] == "https://blog.ines.example.org"
    rendercv, _ = exported(RENDERCV_SHAPED, "rendercv")
    cv = rendercv["cv"]
    assert {"network": "ORCID", "username": "0000-0002-9079-593X"} in cv["social_networks"]
    assert cv["custom_connections"] == [
        {"placeholder": "Lab page", "url": "https://tides-lab.example.org", "fontawesome_icon": "link"}
    ]
    assert rendercv["design"]["page"]["size"] == "us-letter" and rendercv["settings"]["current_date"] == "2025-03-01"


def test_a_json_resume_in_old_names_comes_out_in_v1_names() -> None:
    resume, _ = exported(RESUME_V0, "json-resume")
    work = resume["work"][0]
    assert work["name"] == "Kelp Signal Ltd" and work["url"] == "https://kelpsignal.example.com"
    assert "company" not in work and "website" not in work
    assert resume["education"][0]["gpa"] == "3.8" and "highlights" not in resume["education"][0]
    assert resume["education"][0]["courses"] == ["MA501 Underwater Sound", "MA512 Signal Processing"]
    assert {"network": "Twitter", "url": "https://twitter.com/twrenfield"} in resume["basics"]["profiles"]


# ---- sections become kinds: the rule and --map -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "held", "kind"),
    [
        ("Academic Positions", "entries", "work"),
        ("Education and Training", "entries", "education"),
        ("Professional Service", "entries", "volunteer"),
        ("Grants and Funding", "entries", "projects"),
        ("Invited Talks", "entries", "projects"),
        ("Honours and Awards", "items", "awards"),
        ("Certifications", "items", "certificates"),
        ("News", "items", "awards"),
        ("Research Interests", "bullets", "interests"),
        ("Memberships", "bullets", "projects"),
        ("Programming Languages", "skills", "skills"),
        ("Languages", "skills", "languages"),
        ("Hobbies", "skills", "interests"),
        ("Research Interests", "text", "summary"),
    ],
)
def test_the_title_rule(title: str, held: str, kind: str) -> None:
    assert kind_by_title(title, held) == kind


def test_map_overrides_the_rule_and_refuses_what_cannot_be() -> None:
    profile = load_profile(RENDERCV_SHAPED).profile
    kinds = section_kinds(profile, {"invited talks": "awards"})
    assert kinds[[s.title for s in profile.sections].index("Invited Talks")] == "awards"
    with pytest.raises(MappingError, match="no section titled 'Talks'"):
        section_kinds(profile, {"Talks": "awards"})
    with pytest.raises(MappingError, match="cannot|can become"):
        section_kinds(profile, {"Skills": "work"})


def test_map_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "resume.json"
    result = run_cli("export", RENDERCV_SHAPED, "--to", "json-resume", "-o", out, "--map", "Invited Talks=awards")
    assert result.returncode == 0, result.stderr
    awards = json.loads(out.read_text(encoding="utf-8"))["awards"]
    assert {"title": "Mixing at the Sill", "date": "2024-06-12"} in awards
    bad = run_cli("export", RENDERCV_SHAPED, "--to", "json-resume", "--map", "Invited Talks")
    assert bad.returncode == 2 and "TITLE=KIND" in bad.stderr and "Traceback" not in bad.stderr


# ---- what a format cannot hold: one warning line ---------------------------------------------------


def test_what_a_format_cannot_hold_is_named_in_one_warning_line(tmp_path: Path) -> None:
    result = run_cli("export", EXAMPLE, "--to", "json-resume", "-o", tmp_path / "resume.json")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "not held by JSON Resume" in line]
    assert len(lines) == 1, result.stderr
    for named in ("'Invited Talks'→projects", "group_by", "numbering", "person.affiliation", "publication links"):
        assert named in lines[0]
    result = run_cli("export", EXAMPLE, "--to", "rendercv", "-o", tmp_path / "cv.yaml")
    lines = [line for line in result.stderr.splitlines() if "not held by RenderCV" in line]
    assert len(lines) == 1 and "group_by" in lines[0] and "section titles" not in lines[0], result.stderr


def test_the_warning_names_only_what_is_lost() -> None:
    _, lost = exported(RENDERCV_SHAPED, "rendercv")
    assert lost == "not held by RenderCV: person.affiliation (joined to cv.headline)"
    _, lost = exported(JSON_RESUME_SHAPED, "json-resume")
    assert lost == "not held by JSON Resume: person.affiliation (joined to basics.label)"


# ---- the command ---------------------------------------------------------------------------------


def test_stdout_by_default_and_no_silent_overwrite(tmp_path: Path) -> None:
    result = run_cli("export", JSON_RESUME_SHAPED, "--to", "json-resume")
    assert result.returncode == 0 and json.loads(result.stdout)["basics"]["name"] == "Inês Okonkwo-Lindgren"
    existing = write(tmp_path / "cv.yaml", "cv:\n  name: Someone Else\n")
    refused = run_cli("export", JSON_RESUME_SHAPED, "--to", "rendercv", "-o", existing)
    assert refused.returncode == 1 and "already exists" in refused.stderr
    assert existing.read_text(encoding="utf-8") == "cv:\n  name: Someone Else\n"
    forced = run_cli("export", JSON_RESUME_SHAPED, "--to", "rendercv", "-o", existing, "--force")
    assert forced.returncode == 0 and "written (RenderCV, 11 sections)" in forced.stdout
    unknown = run_cli("export", JSON_RESUME_SHAPED, "--to", "europass")
    assert unknown.returncode == 2 and "--to json-resume or --to rendercv" in unknown.stderr


def test_a_broken_profile_is_a_located_error(tmp_path: Path) -> None:
    broken = write(tmp_path / "cv.yaml", "person:\n  name: A. Person\nsections:\n  - title: X\n    entries: 3\n")
    result = run_cli("export", broken, "--to", "rendercv")
    assert result.returncode == 1 and "cv.yaml:5:" in result.stderr and "Traceback" not in result.stderr


# ---- text helpers --------------------------------------------------------------------------------


def test_markdown_to_plain_text() -> None:
    assert plain("**Bold** and *it* -- [site](https://x.example.org) and <https://y.example.org>") == (
        "Bold and it – site (https://x.example.org) and https://y.example.org"
    )
    assert plain_block("One *para*.\n\n- first\n- second\n\n1. one\n2. two") == (
        "One para.\n\n- first\n- second\n\n1. one\n2. two"
    )


def test_skill_values_split_only_where_joining_gives_them_back() -> None:
    assert split_list("Python, R (tidyverse, ggplot2), SQL") == ["Python", "R (tidyverse, ggplot2)", "SQL"]
    assert split_list("a,b") == ["a,b"] and split_list("a,  b") == ["a,  b"]
    assert split_list(["x", "y"]) == ["x", "y"]


def test_text_from_publication_files() -> None:
    rich = 'A <em>new</em> bound for x_1 * y, see <a href="https://z.example.org">here</a>'
    assert file_text_as_markdown(rich) == r"A *new* bound for x\_1 \* y, see [here](https://z.example.org)"
    assert file_text_as_plain(rich) == "A new bound for x_1 * y, see here (https://z.example.org)"
