#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# Regenerates the README screenshots from the real app, offscreen: the Classroom preset's
# run (the window while the first pattern runs, the comparison, the worker timeline), and the
# Overload preset's run on a 1280x720 projector in presenter mode (comparison and
# where the time went).
#   scripts/screenshots.sh [OUTDIR]      (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
scripts/setup.sh dev >/dev/null
mkdir -p "$out"
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
export XDG_CONFIG_HOME="$config" QT_NO_GLIB=1
app=build/dev/app/patternlab
# A 1600x1000 desktop, and a 1280x720 projector.
printf '{"screens": [{"name": "desk", "x": 0, "y": 0, "width": 1600, "height": 1000, "logicalDpi": 96}]}' > "$config/desk.json"
printf '{"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96}]}' > "$config/720.json"
desk="offscreen:configfile=$config/desk.json"
projector="offscreen:configfile=$config/720.json"
mkdir -p "$config/PatternLab"
# Fixed settings, so the pictures do not depend on whoever ran the app last.
printf '[run]\nseed=42\nbundledServer=true\n' > "$config/PatternLab/patternlab.conf"

QT_QPA_PLATFORM=$desk $app --preset classroom --run --size 1600x1000 --screenshot-live "$out/live.png" \
    --tab comparison --screenshot "$out/comparison.png" --save-run "$config/classroom.json"
QT_QPA_PLATFORM=$desk $app --open "$config/classroom.json" --size 1600x1000 --tab timeline --screenshot "$out/timeline.png"

QT_QPA_PLATFORM=$projector $app --preset overload --run --save-run "$config/overload.json"
for tab in comparison time; do
    QT_QPA_PLATFORM=$projector $app --open "$config/overload.json" --presenter --tab "$tab" \
        --screenshot "$out/presenter-$tab.png"
done
echo "screenshots: $(ls "$out" | tr '\n' ' ')"
