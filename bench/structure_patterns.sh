#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# The targets of the structure patterns (docs/BENCHMARKS.md), each measured within one run.
# Loopback only, every load bounded.
#   bench/structure_patterns.sh [threadpool|once|cond|all] [build-dir]
#     threadpool  threadpool vs fanout, C = 15, an exact 20 ms server (bench_fixed_server 20),
#                 3,000 requests, three interleaved rounds per engine: total time ratio; then
#                 100,000 requests against an instant server: what the unbounded queue costs
#     once        --once-mode once vs naive, bundled server (fixed 10 ms, /token 200 ms), C = 15:
#                 the server's tokens_issued for each, three rounds
#     cond        cond vs fanout on the stall profile with a timeout shorter than the freeze
#                 (the Breaker preset): failed requests and requests started during a freeze
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
source bench/lib.sh structure_patterns "${2:-build/dev}"

threadpool() {
    start_fixed_server 20
    for engine in curl qt; do
        for round in 1 2 3; do
            "$cli" --url "$url/data" --patterns fanout,threadpool --engine $engine --requests 3000 --concurrency 15 \
                --quiet --json "$tmp/t.json"
            python3 - "$tmp/t.json" $engine $round <<'PY'
import json, sys
r = {x["pattern"]: x for x in json.load(open(sys.argv[1]))["results"]}
f, t = r["fanout"], r["threadpool"]
print("threadpool %-4s round %s: total fanout %.3f s, threadpool %.3f s (ratio %.3f, target within 5 %%); "
      "ideal 4.000 s; threads %d vs %d; peak RSS %.1f vs %.1f MiB; queued at most %d"
      % (sys.argv[2], sys.argv[3], f["total_time_s"], t["total_time_s"], t["total_time_s"] / f["total_time_s"],
         f["resources"]["threads_peak"], t["resources"]["threads_peak"], f["resources"]["peak_rss_bytes"] / 2**20,
         t["resources"]["peak_rss_bytes"] / 2**20, t["notes"]["threadpool.max_queued"]))
PY
        done
    done
    kill "$server_pid"
    # What the unbounded queue costs: 100,000 requests against an instant server.
    start_fixed_server 0
    for round in 1 2; do
        "$cli" --url "$url/data" --patterns fanout,threadpool --engine curl --requests 100000 --concurrency 15 \
            --quiet --json "$tmp/m.json"
        python3 - "$tmp/m.json" $round <<'PY'
import json, sys
r = {x["pattern"]: x for x in json.load(open(sys.argv[1]))["results"]}
f, t = r["fanout"], r["threadpool"]
print("threadpool memory round %s, 100,000 x 15, instant server: RSS growth fanout %.1f MiB, threadpool %.1f MiB; "
      "threadpool queued at most %d tasks" % (sys.argv[2], f["resources"]["rss_delta_bytes"] / 2**20,
                                               t["resources"]["rss_delta_bytes"] / 2**20, t["notes"]["threadpool.max_queued"]))
PY
    done
    kill "$server_pid"
}

once() {
    for engine in curl qt; do
        for round in 1 2 3; do
            for mode in once naive; do
                "$cli" --patterns once --once-mode $mode --engine $engine --requests 600 --concurrency 15 \
                    --profile fixed --latency-ms 10 --token-ms 200 --seed $round --quiet --json "$tmp/o-$mode.json"
            done
            python3 - "$tmp" $engine $round <<'PY'
import json, sys
def one(mode):
    return json.load(open(f"{sys.argv[1]}/o-{mode}.json"))["results"][0]
o, n = one("once"), one("naive")
print("once %-4s round %s: server logins once %d (client %d), naive %d (client %d); total %.3f s vs %.3f s"
      % (sys.argv[2], sys.argv[3], o["server"]["tokens_issued"], o["notes"]["once.logins"], n["server"]["tokens_issued"],
         n["notes"]["once.logins"], o["total_time_s"], n["total_time_s"]))
PY
        done
    done
}

cond() {
    for engine in curl qt; do
        "$cli" --preset breaker --engine $engine --seed 1 --quiet --json "$tmp/b.json" --samples-csv "$tmp/b.csv" > /dev/null
        python3 - "$tmp/b.json" "$tmp/b.csv" $engine <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1]))
every, freeze = d["config"]["stall_every_s"] * 1000, d["config"]["stall_ms"]
# The server's freezes start `every` ms after its /reset, which comes just before each
# pattern's clock starts: a start inside [k*every, k*every + freeze) met a frozen server.
def in_freeze(ms):
    k = int(ms // every)
    return k >= 1 and ms - k * every < freeze
rows = list(csv.DictReader(open(sys.argv[2])))
r = {x["pattern"]: x for x in d["results"]}
for p in ("fanout", "cond"):
    mine = [x for x in rows if x["pattern"] == p]
    during = sum(1 for x in mine if in_freeze(float(x["start_ms"])))
    failed = sum(1 for x in mine if x["error"] not in ("none", "cancelled"))
    b = r[p]["breaker"] or {}
    print("cond %-4s %-6s: sent during freezes %4d, failed %3d (of them probes %d), total %.2f s%s"
          % (sys.argv[3], p, during, failed, sum(1 for x in mine if x["kind"] == "probe" and x["error"] != "none"),
             r[p]["total_time_s"], "; opens %d, open %.2f s, held back %d" % (b["opens"], b["open_s"], b["held_back"]) if b else ""))
PY
    done
}

case "$what" in
threadpool | once | cond) "$what" ;;
all) threadpool; once; cond ;;
*) echo "usage: bench/structure_patterns.sh [threadpool|once|cond|all] [build-dir]" >&2; exit 2 ;;
esac
