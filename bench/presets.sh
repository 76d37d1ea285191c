#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# Does each preset show its lesson on this machine? Runs every preset through patternlab-cli
# against the bundled server and checks the effect it promises (the same check the app makes
# after a preset's run, Presets::check), with the figures. Exit 1 if one did not show.
#   bench/presets.sh [qt|curl] [build-dir]      (PRESETS="once breaker" bench/presets.sh: only those)
set -uo pipefail
cd "$(dirname "$0")/.."
engine="${1:-qt}"
build="${2:-build/dev}"
cli="$build/app/patternlab-cli"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QT_NO_GLIB=1
[ -x "$cli" ] || { echo "presets: build first (scripts/setup.sh), $cli is missing" >&2; exit 1; }
failed=0
for preset in ${PRESETS:-classroom overload backpressure async stall deadline tail pipeline once breaker}; do
    "$cli" --preset "$preset" --engine "$engine" --seed 1 --quiet --json "$tmp/$preset.json" 2> "$tmp/$preset.err"
    python3 - "$tmp/$preset.json" "$preset" "$engine" <<'PY' || failed=1
import json, sys
path, preset, engine = sys.argv[1:]
d = json.load(open(path))
r = {x["pattern"]: x for x in d["results"]}
c = d["config"]["concurrency"]
def cpu(p): return r[p]["server"]["cpu_percent_peak"] if r[p].get("server") else float("nan")
if preset == "classroom":
    ratio = r["sequential"]["total_time_s"] / r["fanout"]["total_time_s"]
    ok = ratio >= 0.6 * c
    detail = "sequential %.2f s / fanout %.3f s = %.1fx (pool %d, need >= %.1fx); server CPU peak %.0f %%" % (
        r["sequential"]["total_time_s"], r["fanout"]["total_time_s"], ratio, c, 0.6 * c, cpu("fanout"))
elif preset == "overload":
    shed = {p: r[p]["status_counts"].get("503", 0) for p in ("waitgroup", "fanout", "backpressure")}
    ok = shed["fanout"] >= 1 and shed["backpressure"] >= 1
    detail = "503s: " + ", ".join("%s %d" % kv for kv in shed.items()) + "; server shed %s" % (
        {p: r[p]["server"]["shed"] for p in shed})
elif preset == "async":
    a, f = r["async"], r["fanout"]
    at, ft = a["resources"]["threads_peak"], f["resources"]["threads_peak"]
    speed = a["throughput_rps"] / f["throughput_rps"]
    ok = 0 < at and 3 * at <= ft and speed >= 0.8
    detail = "async %.0f req/s on %d threads, fanout %.0f req/s on %d threads (speed %.2f, need >= 0.8; threads <= 1/3)" % (
        a["throughput_rps"], at, f["throughput_rps"], ft, speed)
elif preset == "stall":
    o, f = r["ratelimit"], r["fanout"]
    freeze = d["config"]["stall_ms"]
    waited = o["latency_from_intended_ms"]["p99"]
    ok = waited >= freeze / 4 and waited >= 10 * f["latency_ms"]["p99"]
    detail = "ratelimit p99 from intended %.0f ms (service %.1f ms, late %d), fanout p99 %.1f ms, freeze %d ms" % (
        waited, o["latency_ms"]["p99"], o["late"], f["latency_ms"]["p99"], freeze)
elif preset == "deadline":
    b = r["deadline"]
    never = b["requests"] - b["sent"]
    ok = b["aborted_in_flight"] > 0 and never > 0
    detail = "%d aborted in flight, %d never sent, %d answered, cancelled at %.3f s" % (
        b["aborted_in_flight"], never, b["ok"], b["notes"].get("deadline.cancelled_at_s", float("nan")))
elif preset == "tail":
    h, f = r["hedged"], r["fanout"]
    ok = h["latency_ms"]["p99"] <= f["latency_ms"]["p99"] / 2 and h["extra_requests_pct"] <= 10
    detail = "p99 hedged %.1f ms vs fanout %.1f ms, extra requests %.2f %% (%d hedges, %d won)" % (
        h["latency_ms"]["p99"], f["latency_ms"]["p99"], h["extra_requests_pct"], h["hedges"], h["hedge_wins"])
elif preset == "pipeline":
    p, f = r["pipeline"], r["fanout"]
    parse = next(s for s in p["stages"] if s["name"] == "parse")
    fetch = next(s for s in p["stages"] if s["name"] == "fetch")
    ok = parse["max_queue"] >= c and fetch["blocked_s"] > 0 and p["throughput_rps"] < f["throughput_rps"]
    detail = "pipeline %.0f req/s vs fanout %.0f; parse queue max %d of %d, fetchers blocked %.1f s, parse busy %.1f s" % (
        p["throughput_rps"], f["throughput_rps"], parse["max_queue"], c, fetch["blocked_s"], parse["busy_s"])
elif preset == "once":
    o = r["once"]
    ok = o["notes"].get("once.logins") == 1 and o["server"]["tokens_issued"] == 1
    detail = "logins %d, server tokens_issued %d; once %.2f s vs fanout %.2f s (login %s ms)" % (
        o["notes"].get("once.logins", -1), o["server"]["tokens_issued"], o["total_time_s"], r["fanout"]["total_time_s"],
        d["config"]["token_ms"])
elif preset == "breaker":
    b, f = r["cond"], r["fanout"]
    ok = f["errors"] > 0 and 2 * b["errors"] <= f["errors"] and b["breaker"]["held_back"] > 0
    detail = "not answered: cond %d (%d failed, %d rejected) vs fanout %d; breaker opens %d, open %.1f s, held back %d, probes %.2f %% extra" % (
        b["errors"], b["errors"] - (b["requests"] - b["sent"]), b["requests"] - b["sent"], f["errors"], b["breaker"]["opens"], b["breaker"]["open_s"], b["breaker"]["held_back"],
        b["extra_requests_pct"])
else:
    blocked = r["backpressure"]["notes"].get("backpressure.blocked_sends", 0)
    fan, bp = r["fanout"]["throughput_rps"], r["backpressure"]["throughput_rps"]
    ok = blocked > 0 and bp < fan
    detail = "blocked sends %d, backpressure %.0f req/s vs fanout %.0f req/s (max delay %s ms)" % (
        blocked, bp, fan, r["backpressure"]["notes"].get("backpressure.max_delay_ms"))
print("%s preset %-12s engine %-4s %s" % ("SHOWN" if ok else "NOT SHOWN", preset, engine, detail))
sys.exit(0 if ok else 1)
PY
done
exit $failed
