"""What embedding the fonts costs the web page: time to render cv.html and its size, per theme.

The web page embeds the shipped faces cut to the characters it uses (cvbuild/render/fonts.py).
Three cases per theme, each the median of several in-process renders of the HTML alone:
  cold    no subset cached anywhere (an empty cache folder, the process's memory cleared)
  disk    the subsets in the cache folder, none in memory (the next `cvbuild render` of the same CV)
  memory  the subsets in memory (--watch, batch renders, the second variant of a run)
and, for scale, the same page with the font rules left out (what embedding adds on top of templating).
Run:  python benchmarks/bench_fonts.py [--runs 5] [--profile examples/academic/cv.yaml]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_seconds(action: Callable[[], object], runs: int, before: Callable[[], None] = lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, default=ROOT / "examples" / "academic" / "cv.yaml")
    options = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")

    from cvbuild.errors import Warnings
    from cvbuild.load.registry import load_profile
    from cvbuild.pipeline import BuildOptions, prepare
    from cvbuild.render import fonts, html
    from cvbuild.render.theme import list_themes
    from cvbuild.resolve.sections import resolve

    loaded = load_profile(options.profile)
    columns = ("cold ms", 8), ("disk ms", 8), ("memory ms", 10), ("no fonts ms", 12), ("page KB", 8), ("fonts KB", 9)
    print(f"{'theme':<9} " + " ".join(f"{name:>{width}}" for name, width in columns))
    with tempfile.TemporaryDirectory() as cache:
        os.environ["CVBUILD_CACHE_DIR"] = cache
        for theme in [t.name for t in list_themes()]:
            profile, setup = prepare(loaded, BuildOptions(theme=theme), Warnings())
            cv = resolve(profile)

            def render(cv=cv, setup=setup) -> str:  # type: ignore[no-untyped-def]
                return html.render_html(cv, setup, for_print=False, pdf_href="cv.pdf")

            render()  # templates compiled, font metrics read: what every case shares

            def clear_all() -> None:
                fonts._memory.clear()
                for file in Path(cache).glob("*"):
                    file.unlink()

            cold = median_seconds(render, options.runs, clear_all)
            disk = median_seconds(render, options.runs, fonts._memory.clear)
            memory = median_seconds(render, options.runs)
            real = html._web_fonts
            html._web_fonts = lambda *args, **kwargs: ""  # type: ignore[assignment]
            try:
                bare = median_seconds(render, options.runs)
                bare_size = len(render().encode())
            finally:
                html._web_fonts = real  # type: ignore[assignment]
            size = len(render().encode())
            print(
                f"{theme:<9} {cold * 1000:>8.0f} {disk * 1000:>8.0f} {memory * 1000:>10.0f} {bare * 1000:>12.0f} "
                f"{size / 1024:>8.0f} {(size - bare_size) / 1024:>9.0f}"
            )


if __name__ == "__main__":
    main()
