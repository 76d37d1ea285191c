#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# The targets of the patterns that wait, race and get cancelled (docs/BENCHMARKS.md), each as a
# ratio measured within one run, contenders interleaved. Loopback only, every load bounded.
#   bench/time_patterns.sh [async|ratelimit|stall|hedged|all] [build-dir]
#     async      async vs fanout, --engine curl, C = 64, zero-latency server (bench_fixed_server 0),
#                five interleaved rounds: throughput ratio and threads
#     ratelimit  achieved start rate against --rate 100..2000 on a fixed 5 ms server (the bundled
#                one, --profile fixed --latency-ms 5), both engines
#     stall      the Stall preset: ratelimit's p99 from the intended start against its service p99
#                and fanout's p99
#     hedged     the Tail preset (heavy-tail profile): hedged p99 against fanout's, extra requests
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
source bench/lib.sh time_patterns "${2:-build/dev}"

# pick FILE PATTERN EXPR: EXPR over the result `r` of PATTERN in the JSON run FILE
pick() {
    python3 - "$@" <<'PY'
import json, sys
path, pattern, expr = sys.argv[1:]
r = next(x for x in json.load(open(path))["results"] if x["pattern"] == pattern)
print(eval(expr))
PY
}

async() {
    start_fixed_server 0
    local n=60000
    for round in 1 2 3 4 5; do
        for pattern in fanout async; do
            "$cli" --url "$url/data" --patterns $pattern --engine curl --requests $n --concurrency 64 --quiet \
                --json "$tmp/$pattern-$round.json"
            printf 'async round %d %-7s C=64 curl: %8.0f req/s, %3d threads, peak RSS %5.1f MiB\n' "$round" $pattern \
                "$(pick "$tmp/$pattern-$round.json" $pattern "r['throughput_rps']")" \
                "$(pick "$tmp/$pattern-$round.json" $pattern "r['resources']['threads_peak']")" \
                "$(pick "$tmp/$pattern-$round.json" $pattern "r['resources']['peak_rss_bytes'] / 2**20")"
        done
        python3 -c "
a = $(pick "$tmp/async-$round.json" async "r['throughput_rps']"); f = $(pick "$tmp/fanout-$round.json" fanout "r['throughput_rps']")
t = $(pick "$tmp/async-$round.json" async "r['resources']['threads_peak']")
print(f'async round $round: async / fanout throughput = {a / f:.2f} (target >= 1), async threads {t} (target <= 4)')"
    done
    python3 - "$tmp" <<'PY'
import json, statistics, sys
def rps(p, i): return json.load(open(f"{sys.argv[1]}/{p}-{i}.json"))["results"][0]["throughput_rps"]
a = statistics.median(rps("async", i) for i in range(1, 6)); f = statistics.median(rps("fanout", i) for i in range(1, 6))
print(f"async medians of 5: async {a:.0f} req/s, fanout {f:.0f} req/s, ratio {a / f:.2f} (target >= 1)")
PY
    kill "$server_pid"
}

ratelimit() {
    for engine in curl qt; do
        for rate in 100 500 1000 2000; do
            local n=$((rate * 3)) # three seconds of schedule
            "$cli" --patterns ratelimit --engine $engine --profile fixed --latency-ms 5 --seed 1 --rate $rate \
                --requests $n --quiet --json "$tmp/r.json"
            python3 - "$tmp/r.json" $rate $engine <<'PY'
import json, sys
path, rate, engine = sys.argv[1], float(sys.argv[2]), sys.argv[3]
r = json.load(open(path))["results"][0]
got = r["start_rate_per_s"]
print("ratelimit %-4s --rate %5.0f: started %7.1f/s (%+.2f %%, target within 1 %%), late %d (p99 %.2f ms late), "
      "service p99 %.2f ms, from intended p99 %.2f ms, %d errors"
      % (engine, rate, got, 100 * (got - rate) / rate, r["late"], r["late_ms"]["p99"],
         r["latency_ms"]["p99"], r["latency_from_intended_ms"]["p99"], r["errors"]))
PY
        done
    done
}

stall() {
    for engine in curl qt; do
        "$cli" --preset stall --engine $engine --seed 1 --quiet --json "$tmp/s.json" > /dev/null
        python3 - "$tmp/s.json" $engine <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = {x["pattern"]: x for x in d["results"]}
o, f = r["ratelimit"], r["fanout"]
stall = d["config"]["stall_ms"]
gap = o["latency_from_intended_ms"]["p99"] - o["latency_ms"]["p99"]
print("stall %-4s (freeze %d ms): ratelimit p99 service %.1f ms, from intended %.1f ms (gap %.0f ms = %.2f x the freeze, "
      "%.0f x the service p99), late %d; fanout p99 %.1f ms"
      % (sys.argv[2], stall, o["latency_ms"]["p99"], o["latency_from_intended_ms"]["p99"], gap, gap / stall,
         o["latency_from_intended_ms"]["p99"] / o["latency_ms"]["p99"], o["late"], f["latency_ms"]["p99"]))
PY
    done
}

hedged() {
    for engine in curl qt; do
        for seed in 1 2 3; do
            "$cli" --preset tail --engine $engine --seed $seed --quiet --json "$tmp/h.json" > /dev/null
            python3 - "$tmp/h.json" $engine $seed <<'PY'
import json, sys
r = {x["pattern"]: x for x in json.load(open(sys.argv[1]))["results"]}
h, f = r["hedged"], r["fanout"]
print("hedged %-4s seed %s: p99 fanout %.1f ms, hedged %.1f ms (ratio %.3f, target <= 0.5); p99.9 %.1f vs %.1f ms; "
      "extra requests %.2f %% (target <= 10 %%), hedge wins %d of %d hedges"
      % (sys.argv[2], sys.argv[3], f["latency_ms"]["p99"], h["latency_ms"]["p99"], h["latency_ms"]["p99"] / f["latency_ms"]["p99"],
         f["latency_ms"]["p999"], h["latency_ms"]["p999"], h["extra_requests_pct"], h["hedge_wins"], h["hedges"]))
PY
        done
    done
}

case "$what" in
async | ratelimit | stall | hedged) "$what" ;;
all) async; ratelimit; stall; hedged ;;
*) echo "usage: bench/time_patterns.sh [async|ratelimit|stall|hedged|all] [build-dir]" >&2; exit 2 ;;
esac
