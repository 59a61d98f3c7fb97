#!/usr/bin/env bash
# Install the system packages cvbuild needs, only when they are absent (Debian/Ubuntu).
#   libpango-1.0-0, libpangoft2-1.0-0  WeasyPrint's text layout                    (~3 MB)
#   libharfbuzz-subset0                fast, byte-stable font subsetting            (<1 MB)
#   fonts-noto-cjk                     Chinese/Japanese/Korean text                 (~91 MB)
#   poppler-utils                      pdftotext/pdftoppm, used by the tests and the gallery
#   python3-venv                       only when this Python cannot make a virtual environment
# With --test also:
#   chromium                           headless browser: the web CV is checked     (~290 MB)
# Runs apt-get through sudo when not root; prints apt's own progress.
set -euo pipefail
wanted=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk poppler-utils)
if [ "${1:-}" = "--test" ]; then
  wanted+=(chromium)
fi
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  wanted+=(python3-venv)  # Debian/Ubuntu ship venv without ensurepip: "python3 -m venv" fails without it
fi
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "cvbuild setup: please install: ${missing[*]} (no apt-get here)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
  echo "cvbuild setup: installing ${missing[*]} with sudo (you may be asked for your password)" >&2
else
  echo "cvbuild setup: installing ${missing[*]}" >&2
fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
