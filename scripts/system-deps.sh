#!/usr/bin/env bash
# Install the Debian packages Liaison and its tests need, when they are missing: PostgreSQL (a real
# server for the PostgreSQL run), Redis (the two-node test's shared cache), Chromium (for the Playwright browser tests; never a downloaded
# browser), Pango (for WeasyPrint's PDFs), the DejaVu fonts, the Noto fonts for Arabic and Chinese (pages
# and PDFs: Noto Naskh Arabic in fonts-noto-core, Noto Sans/Serif CJK SC in fonts-noto-cjk; never a
# downloaded font) and GNU gettext (translation catalogues).
set -euo pipefail

# With --runtime, only what the application itself needs (for `make run`).
missing=()
if [ "${1:-}" != "--runtime" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v redis-server >/dev/null || missing+=(redis-server)   # the two-node test's shared cache
fi
# The installed font families, read once (grep -q on fc-list's long output would cut its pipe).
fonts="$(fc-list : family 2>/dev/null || true)"
grep -qi dejavu <<<"$fonts" || missing+=(fonts-dejavu-core)
grep -qi "Noto Naskh Arabic" <<<"$fonts" || missing+=(fonts-noto-core)
grep -qi "Noto Sans CJK SC" <<<"$fonts" || missing+=(fonts-noto-cjk)
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v msgfmt >/dev/null || missing+=(gettext)   # compiles the translation catalogues (make messages)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Need root or sudo to install ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
