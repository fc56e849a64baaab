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
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "error: libmpfr-dev is missing and this user is not root and has no sudo." >&2
  echo "       Install it yourself (apt-get install libmpfr-dev) and run again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libmpfr-dev pkg-config >/dev/null
if ! have_mpfr; then
  echo "error: apt-get finished but mpfr.h is still not found." >&2
  exit 1
fi
echo "FloatLab: libmpfr-dev installed." >&2
