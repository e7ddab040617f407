#!/usr/bin/env bash
# Installs the system packages Filon needs to build, test and run, when they are missing.
# Runs as root (apt-get) on Debian/Ubuntu; asks for nothing, so CI can run it unattended.
set -euo pipefail

packages=(libncursesw5-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev sqlite3 tmux locales)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "swift is not installed: install the Swift 6 toolchain (https://www.swift.org/install/linux/) and run again." >&2
  exit 1
fi
