#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# Regenerates the README screenshots from the real app, offscreen: the Classroom preset's
# run (the window while the first pattern runs, the comparison, the worker timeline), and the
# Overload preset's run on a 1280x720 projector in presenter mode (comparison and
# where the time went), the other presets' lessons, and the experiments (bench/experiments.sh).
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

# The open model's two curves (Stall preset) and the hedges' race (Tail preset), zoomed on the
# first hedge so single requests show.
QT_QPA_PLATFORM=$projector $app --preset stall --run --save-run "$config/stall.json"
QT_QPA_PLATFORM=$projector $app --open "$config/stall.json" --presenter --tab latency \
    --screenshot "$out/ratelimit-latency.png"
QT_QPA_PLATFORM=$projector $app --preset tail --run --save-run "$config/tail.json"
window=$(python3 - "$config/tail.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
hedged = next(r for r in run["results"] if r["pattern"] == "hedged")
rows = hedged["samples"]["rows"]  # index, worker, start_ns, end_ns, status, error, ..., kind
primary = {r[0]: r for r in rows if r[-1] != "hedge"}
# Hedges that won: their request ended when they did. From the primary's start on.
won = sorted(primary[r[0]][2] for r in rows if r[-1] == "hedge" and r[5] == "none" and primary[r[0]][3] == r[3])
start = won[len(won) // 2] if won else 0
print(f"{max(0, start - 5e6) / 1e9:.3f},0.04")
PY
)
QT_QPA_PLATFORM=$projector $app --open "$config/tail.json" --presenter --tab timeline --timeline-window "$window" \
    --screenshot "$out/hedged-timeline.png"
# The pipeline's stage lanes (Pipeline preset), 80 ms of it: one parser busy, fetchers waiting.
QT_QPA_PLATFORM=$projector $app --preset pipeline --run --save-run "$config/pipeline.json"
QT_QPA_PLATFORM=$projector $app --open "$config/pipeline.json" --presenter --tab timeline --timeline-window 1.0,0.08 \
    --screenshot "$out/pipeline-timeline.png"
QT_QPA_PLATFORM=$projector $app --open "$config/pipeline.json" --presenter --tab live --screenshot "$out/pipeline-live.png"
# The circuit breaker's open time (Breaker preset), shaded on the timeline.
QT_QPA_PLATFORM=$projector $app --preset breaker --run --save-run "$config/breaker.json"
QT_QPA_PLATFORM=$projector $app --open "$config/breaker.json" --presenter --tab timeline \
    --screenshot "$out/breaker-timeline.png"
# Experiments: bench/experiments.sh's runs (their figures are in docs/BENCHMARKS.md): the
# concurrency sweep against the bundled server, ten trials' error bars, curl against qt.
bench/experiments.sh all build/dev "$config/experiments" > "$config/experiments.log"
QT_QPA_PLATFORM=$projector $app --open "$config/experiments/sweep-bundled.json" --presenter --tab experiments \
    --screenshot "$out/experiments.png"
QT_QPA_PLATFORM=$projector $app --open "$config/experiments/repeat-curl.json" --presenter --tab comparison \
    --screenshot "$out/trials-comparison.png"
QT_QPA_PLATFORM=$projector $app --compare "$config/experiments/repeat-curl.json" \
    --compare "$config/experiments/repeat-qt.json" --size 1280x720 --screenshot "$out/compare.png"
echo "screenshots: $(ls "$out" | tr '\n' ' ')"
