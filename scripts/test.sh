#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# Sets up (installs, builds) and runs the tests of one preset: dev by default; tsan runs the
# concurrency tests under ThreadSanitizer, asan everything under Address+UB sanitizers.
#   scripts/test.sh [dev|asan|tsan]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"
scripts/setup.sh "$preset"
export QT_QPA_PLATFORM=offscreen
# The pattern tests start hundreds of threads; the glib event dispatcher adds nothing here.
export QT_NO_GLIB=1
ctest --preset "$preset" -j2
