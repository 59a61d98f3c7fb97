#!/usr/bin/env bash
# Install the system packages cvbuild needs, only when they are absent (Debian/Ubuntu).
#   libpango-1.0-0, libpangoft2-1.0-0  WeasyPrint's text layout
#   libharfbuzz-subset0                fast, byte-stable font subsetting (fontTools fallback is 8x slower)
#   fonts-noto-cjk                     Chinese/Japanese/Korean text
#   poppler-utils                      pdftotext/pdftoppm, used by the tests and the gallery
# With --test also:
#   chromium                           headless browser: the web CV is checked at phone width
set -euo pipefail
wanted=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk poppler-utils)
if [ "${1:-}" = "--test" ]; then
  wanted+=(chromium)
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
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "cvbuild setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
