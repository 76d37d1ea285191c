#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# Installs what PatternLab needs from Debian's packages (only what is missing), then
# configures and builds a CMake preset (default: dev). Safe to run again.
#   scripts/setup.sh [dev|release|asan|tsan]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"

packages=(build-essential cmake ninja-build pkg-config
          qt6-base-dev qt6-base-dev-tools qt6-charts-dev libgl-dev libcurl4-openssl-dev
          # Qt6Charts' CMake package needs Qt6OpenGL, which qt6-base-dev only recommends
          libqt6opengl6-dev
          xvfb xauth fonts-dejavu-core python3
          # the bundled server's WSGI server (docs/SERVER.md); werkzeug is its slow fallback
          python3-waitress
          # .ci/run checks the formatting with the repository's .clang-format
          clang-format git)
# Flask: the machine's python3 may have it already; otherwise Debian's package.
python3 -c 'import flask' >/dev/null 2>&1 || packages+=(python3-flask)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
python3 -c 'import flask' >/dev/null 2>&1 || /usr/bin/python3 -c 'import flask' >/dev/null 2>&1 || {
    echo "setup: Flask is not importable by python3: apt-get install python3-flask" >&2
    exit 1
}

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
