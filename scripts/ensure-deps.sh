#!/usr/bin/env bash
# Installs what FloatLab needs from the system when it is missing: libmpfr-dev
# (MPFR and GMP headers and libraries, used by the MPFRReference module).
set -euo pipefail

have_mpfr() {
  if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists mpfr 2>/dev/null; then
    return 0
  fi
  for dir in /usr/include /usr/local/include /usr/include/x86_64-linux-gnu /usr/include/aarch64-linux-gnu; do
    [ -f "$dir/mpfr.h" ] && [ -f "$dir/gmp.h" ] && return 0
  done
  return 1
}

if have_mpfr; then
  exit 0
fi

echo "FloatLab: libmpfr-dev is missing; installing it with apt-get." >&2
"$(dirname "$0")/apt-install.sh" libmpfr-dev pkg-config
if ! have_mpfr; then
  echo "error: apt-get finished but mpfr.h is still not found." >&2
  exit 1
fi
echo "FloatLab: libmpfr-dev installed." >&2
