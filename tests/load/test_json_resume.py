"""JSON Resume files render like native profiles, and their errors point into the JSON."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import FIXTURES, pdf_links, pdf_text, run_cli

FIXTURE = FIXTURES / "json" / "resume.json"


def test_json_resume_renders_every_section(tmp_path: Path) -> None:
    result = run_cli("render", FIXTURE, "-o", tmp_path, "-f", "pdf")
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(tmp_path / "cv.pdf").split())
    for fact in (
        "Kofi Mensah",
        "Data Scientist",
        "Accra, GH",
        "Senior Data Scientist",
        "Example Analytics",
        "Mar 2021 – present",
        "Built the forecasting platform",
        "MSc in Statistics",
        "Score: First class",
        "Best Poster, Ghana Stats Society",
        "Forecasting Rainfall",
        "Python, R, SQL",
        "Twi",
    ):
        assert fact in text, fact
    assert "**" not in text  # the summary's markdown is rendered
    links = pdf_links(tmp_path / "cv.pdf")
    assert "https://github.com/kofim" in links and "https://mastodon.example/@kofi" in links


def test_json_resume_errors_point_into_the_json(tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["work"][1]["endDate"] = "2017-02"
    data["education"][0]["startDate"] = "Smarch 2016"
    bad = tmp_path / "resume.json"
    bad.write_text(json.dumps(data, indent=2), encoding="utf-8")
    lines = bad.read_text(encoding="utf-8").splitlines()
    result = run_cli("validate", bad)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    end_line = next(i for i, t in enumerate(lines, 1) if '"2017-02"' in t)
    start_line = next(i for i, t in enumerate(lines, 1) if "Smarch" in t)
    assert f"resume.json:{end_line}:" in result.stderr and "before it starts" in result.stderr
    assert f"resume.json:{start_line}:" in result.stderr and "unknown month 'Smarch'" in result.stderr


def test_json_without_basics_name_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "resume.json"
    bad.write_text('{"basics": {"email": "x@example.org"}}', encoding="utf-8")
    result = run_cli("validate", bad)
    assert result.returncode == 1 and "basics.name is missing" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"basics": {"name": "X",}\n', encoding="utf-8")
    result = run_cli("validate", broken)
    assert result.returncode == 1 and "broken.json:1:" in result.stderr and "Traceback" not in result.stderr
