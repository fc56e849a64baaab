#!/usr/bin/env bash
# Installs Debian packages with apt-get, as root or through sudo:
#   scripts/apt-install.sh PACKAGE...
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "error: $* missing, and this user is not root and has no sudo." >&2
  echo "       Install it yourself (apt-get install $*) and run again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "$@" >/dev/null
