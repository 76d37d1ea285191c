#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# Regenerates the README screenshots from the real app, offscreen: a classroom-sized run of
# the four patterns against the bundled server, the window while the first pattern runs
# (live view) and after the run (comparison), plus every chart exported as PNG.
#   scripts/screenshots.sh [OUTDIR]      (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
scripts/setup.sh dev >/dev/null
mkdir -p "$out"
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" QT_NO_GLIB=1
mkdir -p "$config/PatternLab"
# Fixed settings, so the pictures do not depend on whoever ran the app last.
printf '[run]\nrequests=600\nconcurrency=15\nseed=42\nprofile=seed\nbundledServer=true\n' \
    > "$config/PatternLab/patternlab.conf"
build/dev/app/patternlab --run --size 1600x1000 --screenshot-live "$out/live.png" \
    --tab comparison --screenshot "$out/comparison.png" --save-run "$config/run.json"
build/dev/app/patternlab --open "$config/run.json" --size 1600x1000 --tab timeline --screenshot "$out/timeline.png"
echo "screenshots: $out/live.png $out/comparison.png $out/timeline.png"
