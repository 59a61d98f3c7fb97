"""Files cvbuild ships as data: the fonts (with their licences) and the starter profile.

Only paths live here (pathlib, nothing else), so the pre-commit hook's fast path can name the
font files without importing anything that renders.
"""

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent
FONT_DIR = ASSETS_DIR / "fonts"
STARTER_PROFILE = ASSETS_DIR / "starter.yaml"
