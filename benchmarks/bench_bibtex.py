"""How long do BibTeX publications take? Generates a bib file in a temp folder and times each stage.

    python benchmarks/bench_bibtex.py            # 1,000 entries
    python benchmarks/bench_bibtex.py 150 1000   # several sizes

The entries mix the shapes real exports have: DBLP and Google Scholar author styles, LaTeX
accents, marks, @string macros, month macros, arXiv preprints, DOIs and links. Load+resolve
is timed cold (first run, empty LaTeX cache) and as the median of three runs; the full
render (HTML + PDF, as ``cvbuild render`` does) runs once.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvbuild.load.registry import load_profile  # noqa: E402
from cvbuild.pipeline import BuildOptions, build  # noqa: E402
from cvbuild.resolve.sections import resolve  # noqa: E402

SURNAMES = ["M{\\'a}rquez", "Okafor", 'M{\\"u}ller', "Zhang", "Natarajan", "Lindqvist", "Ruiz", "Keller", "Bello"]
GIVEN = ["Elena", "Hannah", "Jonas", "Wei", "Priya", "Sofia", "Tom{\\'a}s", "Aisha", "Kenji"]
WORDS = ["sparse", "tensor", "compiler", "learned", "cost", "model", "GPU", "kernel", "fusion", "verified"]


def _entry(i: int, rng: random.Random) -> str:
    authors = [f"{rng.choice(SURNAMES)}{'*' if j == 0 and i % 7 == 0 else ''}, {rng.choice(GIVEN)}" for j in range(3)]
    authors.insert(rng.randrange(len(authors) + 1), "Wang, Zhuoran" if i % 2 else "Z. Wang")
    title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize() + f" {{GPU}} -- Part {i}"
    year = 2000 + i % 25
    shape = i % 4
    if shape == 0:
        return (
            f"@article{{a{i},\n  author = {{{' and '.join(authors)}}},\n  title = {{{title}}},\n"
            f"  journal = jmlr,\n  volume = {{{i % 30}}},\n  pages = {{{i}--{i + 20}}},\n  year = {{{year}}},\n"
            f"  month = mar,\n  doi = {{10.5555/{i}}},\n}}\n"
        )
    if shape == 1:
        return (
            f"@inproceedings{{c{i},\n  Author = {{{' and '.join(authors)}}},\n  Title = {{{title}}},\n"
            f"  Booktitle = {{Proceedings of the International Conference on Things}},\n  abbr = {{ICT}},\n"
            f"  Year = {{{year}}},\n  code = {{https://github.com/example/p{i}}},\n}}\n"
        )
    if shape == 2:
        return (
            f"@misc{{p{i},\n  author = {{{' and '.join(authors)} and others}},\n  title = {{{title}}},\n"
            f"  year = {{{year}}},\n  eprint = {{2401.{i:05d}}},\n  archivePrefix = {{arXiv}},\n}}\n"
        )
    return (
        f'@conference{{w{i},\n  author = "{" and ".join(authors)}",\n  title = "{title}",\n'
        f'  booktitle = "Workshop on Efficient Systems",\n  year = "{year}",\n  url = "https://example.org/{i}",\n}}\n'
    )


def write_case(folder: Path, count: int) -> Path:
    rng = random.Random(count)
    bib = '@string{jmlr = "Journal of Machine Learning Research"}\n\n'
    bib += "\n".join(_entry(i, rng) for i in range(count))
    (folder / "papers.bib").write_text(bib, encoding="utf-8")
    profile = folder / "cv.yaml"
    profile.write_text(
        "person: {name: Zhuoran Wang}\nupdated: 2026-01\nsections:\n  - title: Publications\n"
        "    bib: papers.bib\n    group_by: kind\n    numbering: per-group\n",
        encoding="utf-8",
    )
    return profile


def measure(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        profile = write_case(Path(tmp), count)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            cv = resolve(load_profile(profile).profile)
            runs.append(time.perf_counter() - start)
        rows = len(cv.sections[0].rows)
        start = time.perf_counter()
        build(profile, BuildOptions(formats=("html",)))
        html = time.perf_counter() - start
        start = time.perf_counter()
        result = build(profile)
        full = time.perf_counter() - start
        return {
            "rows": rows,
            "cold": runs[0],
            "load": statistics.median(runs),
            "html": html,
            "full": full,
            "pages": result.pages,
        }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1000]
    build(write_case(Path(tempfile.mkdtemp()), 5))  # warm up imports (WeasyPrint ≈ 1 s)
    columns = ["entries", "rows", "first load", "load+resolve", "html build", "full render", "pages"]
    print("  ".join(f"{c:>12}" for c in columns))
    for size in sizes:
        m = measure(size)
        cells = [str(size), str(m["rows"])] + [f"{m[k]:.2f} s" for k in ("cold", "load", "html", "full")]
        print("  ".join(f"{c:>12}" for c in [*cells, str(m["pages"])]))


if __name__ == "__main__":
    main(sys.argv[1:])
