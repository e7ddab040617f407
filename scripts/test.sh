#!/usr/bin/env bash
# Runs every test: unit, integration and end-to-end (the binaries under tmux and through their
# command line). Installs what is missing first, so a fresh clone needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# The end-to-end tests run the built filon and filond: build every product first.
swift build
swift test
