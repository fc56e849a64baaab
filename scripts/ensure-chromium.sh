#!/usr/bin/env bash
# Installs what `make report-check` needs when it is missing: Debian's
# chromium (headless, for rendering the report) and Pillow (for reading its
# screenshots).
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  echo "FloatLab: chromium is missing; installing Debian's chromium with apt-get." >&2
  "$(dirname "$0")/apt-install.sh" chromium
fi
if ! python3 -c "import PIL" >/dev/null 2>&1; then
  python3 -m pip install --quiet pillow
fi
