#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# The experiments of docs/BENCHMARKS.md ("Experiments"), each one patternlab-cli run.
# Loopback only, every load bounded (requests x values x trials).
#   bench/experiments.sh [sweep|repeat|all] [build-dir] [out-dir]
#     sweep   --sweep concurrency=1,2,4,8,16,32,64, fanout and waitgroup, 1,000 requests, curl:
#             against an exact 20 ms server with no capacity limit (bench_fixed_server 20), then
#             against the bundled server (fixed 20 ms, its default capacity 32)
#     repeat  --repeat 10 of the four original patterns, 2,000 requests, bundled server (seed
#             profile), curl; then --repeat 5 with qt, and the two compared (--compare)
# The JSON files stay in out-dir (default: a temporary folder, removed) for the README's charts
# (scripts/screenshots.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
out="${3:-}"
source bench/lib.sh experiments "${2:-build/dev}"
[ -n "$out" ] || out="$tmp"
mkdir -p "$out"
values="1,2,4,8,16,32,64"

sweep() {
    start_fixed_server 20
    echo "== sweep: exact 20 ms server, no capacity limit"
    /usr/bin/time -f "elapsed %e s" "$cli" --url "$url/data" --patterns fanout,waitgroup --engine curl --requests 1000 \
        --sweep "concurrency=$values" --json "$out/sweep-exact.json" | sed -n '/=== Sweep/,$p'
    kill "$server_pid"
    echo "== sweep: bundled server, fixed 20 ms, capacity 32"
    /usr/bin/time -f "elapsed %e s" "$cli" --profile fixed --latency-ms 20 --seed 7 --patterns fanout,waitgroup \
        --engine curl --requests 1000 --sweep "concurrency=$values" --json "$out/sweep-bundled.json" |
        sed -n '/=== Sweep/,$p'
}

repeat() {
    echo "== repeat: the four original patterns, 10 trials, curl"
    /usr/bin/time -f "elapsed %e s" "$cli" --engine curl --requests 2000 --seed 11 --repeat 10 \
        --json "$out/repeat-curl.json" | sed -n '/=== 10 trials/,$p'
    echo "== repeat: the same, 5 trials, qt"
    "$cli" --engine qt --requests 2000 --seed 11 --repeat 5 --json "$out/repeat-qt.json" | sed -n '/=== 5 trials/,/^$/p'
    echo "== compare: curl vs qt"
    "$cli" --compare "$out/repeat-curl.json" "$out/repeat-qt.json"
}

case "$what" in
sweep) sweep ;;
repeat) repeat ;;
all) sweep; repeat ;;
*) echo "usage: bench/experiments.sh [sweep|repeat|all] [build-dir] [out-dir]" >&2; exit 2 ;;
esac
