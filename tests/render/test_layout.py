"""Layout regressions measured in the PDF: rows carry no blank space, whatever their length.

WeasyPrint 70 sizes a flex row by a trial layout at another width, so a row whose text wraps
can reserve a line too many (a blank gap under it). Themes lay rows out as tables instead;
this test renders rows of growing length in every theme and compares the line pitch.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pdfplumber
import pytest
from helpers import FIXTURES, build

from cvbuild.render.theme import list_themes

FIXTURE = FIXTURES / "layout" / "cv.yaml"
YEARS = {str(y) for y in range(2001, 2017)}  # the item dates; each starts a row


def _pitch_per_line(pdf_path: Path) -> list[float]:
    """For each pair of consecutive rows on a page: distance between them / text lines in the first."""
    pitches = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            starts = sorted(round(w["top"], 1) for w in words if w["text"] in YEARS)
            # Count lines of the main column only (a sidebar has lines of its own beside the rows).
            row_words = [w for w in words if round(w["top"], 1) in starts and w["text"] == "alpha"]  # texts start so
            left = min((w["x0"] for w in row_words), default=0) - 1
            lines = sorted({round(w["top"], 1) for w in words if w["x0"] >= left})
            for top, following in zip(starts, starts[1:], strict=False):
                count = len([line for line in lines if top <= line < following - 0.5])
                pitches.append((following - top) / count)
    return pitches


@pytest.mark.parametrize("theme", [t.name for t in list_themes()])
def test_rows_have_no_blank_lines(theme: str, tmp_path: Path) -> None:
    result = build(FIXTURE, tmp_path, formats=("pdf",), theme=theme)
    pitches = _pitch_per_line(result.outputs["pdf"])
    assert len(pitches) >= 10
    typical = statistics.median(pitches)
    assert max(pitches) < 1.2 * typical, f"{theme}: a row has blank space: {[round(p, 1) for p in pitches]}"


def _many_sections() -> str:
    """Sections of 1-5 entries each, so that headings fall at every height of the page."""
    lines = ["person: {name: Page Break Test}", "sections:"]
    for number in range(1, 31):
        lines += [f"  - title: Heading Number {number}", "    entries:"]
        for entry in range(1 + number % 5):
            lines.append(
                f"      - {{title: Entry {number}.{entry}, organisation: Some Place, date: {1990 + entry},"
                f" details: [first detail of this entry, a second detail line]}}"
            )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("theme", [t.name for t in list_themes()])
def test_no_heading_is_stranded_at_a_page_bottom_and_entries_stay_whole(theme: str, tmp_path: Path) -> None:
    profile = tmp_path / "cv.yaml"
    profile.write_text(_many_sections(), encoding="utf-8")
    result = build(profile, tmp_path, formats=("pdf",), theme=theme)
    assert result.pages >= 3
    with pdfplumber.open(result.outputs["pdf"]) as pdf:
        for page in pdf.pages:
            text = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
            body = [line for line in text if "Page Break Test" not in line and "/" not in line]  # no footer
            assert body, "empty page"
            last = body[-1]
            assert not last.upper().startswith("HEADING NUMBER"), f"{theme}: heading stranded: {last!r}"
            assert not last.startswith("Entry "), f"{theme}: entry split from its details: {last!r}"
