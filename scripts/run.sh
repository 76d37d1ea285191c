#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# Sets up (installs, builds) and starts PatternLab. With --cli, runs the headless
# patternlab-cli instead, passing the remaining arguments on:
#   scripts/run.sh                 the desktop app
#   scripts/run.sh --cli --requests 600
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
export QT_NO_GLIB=1
if [ "${1:-}" = "--cli" ]; then
    shift
    exec build/dev/app/patternlab-cli "$@"
fi
if [ -x build/dev/app/patternlab ]; then
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "run: no display found; starting the app under Xvfb (xvfb-run)" >&2
        exec xvfb-run -a build/dev/app/patternlab "$@"
    fi
    exec build/dev/app/patternlab "$@"
fi
echo "run: this build has no desktop app yet; running the headless comparison (patternlab-cli)" >&2
exec build/dev/app/patternlab-cli "$@"
