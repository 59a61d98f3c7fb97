"""``cvbuild render a.yaml b.yaml …``: several CVs in one command, one failing profile stops no other."""

from __future__ import annotations

from pathlib import Path

from helpers import pdf_text, run_cli, write

EPOCH = "1767225600"


def profile(folder: Path, stem: str, name: str, award: str = "", date: str = "2024") -> Path:
    return write(
        folder / f"{stem}.yaml",
        f"person: {{name: {name}}}\nsections:\n  - title: Awards\n    items:\n"
        f"      - {{date: {date}, text: {award or 'Prize for ' + name}}}\n",
    )


def env(tmp_path: Path) -> dict[str, str]:
    return {"SOURCE_DATE_EPOCH": EPOCH, "XDG_CACHE_HOME": str(tmp_path / "cache")}


def test_a_batch_renders_every_good_profile_and_reports_the_bad_one(tmp_path: Path) -> None:
    folder = tmp_path / "cvs"
    good = [profile(folder, stem, name) for stem, name in [("ines", "Ines Vollrath"), ("kofi", "Kofi Annerley")]]
    bad = profile(folder, "pim", "Pim Oosterbeek", date="Smarch 2024")
    late = profile(folder, "zoe", "Zoe Marchetti-Lund")
    out = tmp_path / "out"

    done = run_cli("render", *good, bad, late, "-o", out, env=env(tmp_path))
    assert done.returncode == 1, done.stderr
    for stem, name in [("ines", "Ines Vollrath"), ("kofi", "Kofi Annerley"), ("zoe", "Zoe Marchetti-Lund")]:
        assert f"Prize for {name}" in pdf_text(out / stem / "cv.pdf")  # -o DIR/<stem>/
        assert f"{out / stem / 'cv.pdf'}: written" in done.stdout
    assert not (out / "pim").exists()
    assert "pim.yaml:5:" in done.stderr and "unknown month 'Smarch'" in done.stderr  # located
    assert "1 of 4 profiles failed" in done.stderr

    again = run_cli("render", *good, late, "-o", out, "-f", "pdf", "-f", "html", env=env(tmp_path))
    assert again.returncode == 0, again.stderr
    assert again.stdout.count(": unchanged") == 6 and ": written" not in again.stdout

    check = run_cli("render", *good, late, "-o", out, "--check", env=env(tmp_path))
    assert check.returncode == 0 and "all outputs are up to date" in check.stdout
    write(good[0], good[0].read_text(encoding="utf-8").replace("Prize for", "Medal for"))
    check = run_cli("render", *good, late, "-o", out, "--check", env=env(tmp_path))
    assert check.returncode == 1
    assert f"{out / 'ines' / 'cv.pdf'}: out of date" in check.stdout
    assert "kofi" not in check.stdout


def test_outputs_go_next_to_each_profile_without_o(tmp_path: Path) -> None:
    first = profile(tmp_path / "a", "cv", "Ada Quennell")
    second = profile(tmp_path / "b", "cv", "Bram Tielemans")
    done = run_cli("render", first, second, "-f", "html", env=env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Ada Quennell" in (tmp_path / "a" / "cv.html").read_text(encoding="utf-8")
    assert "Bram Tielemans" in (tmp_path / "b" / "cv.html").read_text(encoding="utf-8")

    named_alike = run_cli("render", first, second, "-f", "html", "-o", tmp_path / "out", env=env(tmp_path))
    assert named_alike.returncode == 0, named_alike.stderr  # both are cv.yaml: their folders name them
    assert "Bram Tielemans" in (tmp_path / "out" / "b" / "cv.html").read_text(encoding="utf-8")


def test_what_a_batch_refuses_before_rendering(tmp_path: Path) -> None:
    first = profile(tmp_path, "one", "Una Oyelaran")
    second = profile(tmp_path, "two", "Teodor Brask")
    clash = run_cli("render", first, second, env=env(tmp_path))  # both would write ./cv.pdf
    assert clash.returncode == 2 and "would both write" in clash.stderr and "-o DIR" in clash.stderr
    watch = run_cli("render", first, second, "--watch", env=env(tmp_path))
    assert watch.returncode == 2 and "one profile" in watch.stderr
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.html"))
