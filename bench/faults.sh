#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# The fault suite's slow half (the fast half is in tests/: tst_resultwriter, tst_runfile's
# hostile corpus, tst_transport's hostile servers, tst_cli's interrupted runs). One line per
# case, PASS or FAIL with the figures; exit 1 if any case failed. Loopback only.
#   bench/faults.sh [build-dir]        (default build/dev; build/asan runs the app under ASan)
set -uo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
cli="$build/app/patternlab-cli"
app="$build/app/patternlab"
tmp=$(mktemp -d)
failed=0
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen QT_NO_GLIB=1
[ -x "$cli" ] || { echo "faults: build first (scripts/setup.sh), $cli is missing" >&2; exit 1; }

pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failed=1; }
field() { python3 -c "import json,sys; d=json.load(open('$1')); print(eval(sys.argv[1]))" "$2"; }

# Every request accounted for, and the resource figures handed in.
check_run() { # NAME JSON N
    local name=$1 json=$2 n=$3
    if [ ! -s "$json" ]; then fail "$name: no JSON written"; return; fi
    local ok errors rss threads
    ok=$(field "$json" "d['results'][0]['ok']")
    errors=$(field "$json" "d['results'][0]['errors']")
    rss=$(field "$json" "d['results'][0]['resources']['peak_rss_bytes']")
    threads=$(field "$json" "d['results'][0]['resources']['threads_peak']")
    local kinds
    kinds=$(field "$json" "d['results'][0]['error_counts']")
    if [ $((ok + errors)) -eq "$n" ] && [ "$rss" -gt 0 ] && [ "$threads" -gt 0 ]; then
        pass "$name: ok $ok + errors $errors = $n, peak RSS $((rss >> 20)) MiB, threads $threads, errors $kinds"
    else
        fail "$name: ok $ok + errors $errors (want $n), peak RSS $rss, threads $threads, errors $kinds"
    fi
}

# 1. A full file system: the old file survives, one line says why, exit non-zero.
full_disk() {
    local mnt="$tmp/full"
    mkdir -p "$mnt"
    if ! unshare -m true 2>/dev/null; then
        pass "full disk: skipped here (no mount namespace); tst_resultwriter and tst_cli inject the same write failure"
        return
    fi
    local out
    out=$(unshare -m bash -c '
        mount -t tmpfs -o size=96k tmpfs "$1" || exit 97
        printf "the old run\n" > "$1/run.json"
        "$2" --profile zero --patterns sequential --requests 3000 \
             --samples-csv "$1/run.json" --quiet 2> "$1.err"; code=$?
        echo "files=$(ls "$1" | wc -l) exit=$code old=$(cat "$1/run.json") err=$(tr "\n" "|" < "$1.err")"' \
        _ "$mnt" "$cli")
    case "$out" in
    *"exit=97"*) pass "full disk: skipped here (mounting a tmpfs is not permitted); tst_resultwriter injects it" ;;
    "files=1 exit=5 old=the old run err="*"No space left on device"*) pass "full disk: exit 5, old file intact, one line: ${out#*err=}" ;;
    *) fail "full disk: $out" ;;
    esac
}

# 2. Hostile saved runs through the app's offscreen export: refused or drawn, never a crash.
hostile_runs() {
    [ -x "$app" ] || { fail "hostile runs: $app is missing"; return; }
    python3 - "$tmp/corpus" <<'PY'
import json, os, sys, copy
out = sys.argv[1]; os.makedirs(out)
good = {"version": 1, "config": {"requests": 3, "concurrency": 1, "patterns": ["fanout"]},
        "results": [{"pattern": "fanout", "requests": 3, "ok": 3, "errors": 0, "total_ns": 3000000,
                     "samples": {"rows": [[0, 0, 0, 1000000, 200, "none"], [1, 0, 1000000, 2000000, 200, "none"],
                                          [2, 0, 2000000, 3000000, 200, "none"]]}}]}
def variant(name, change):
    d = copy.deepcopy(good); change(d)
    open(os.path.join(out, name + ".json"), "w").write(json.dumps(d))
variant("good", lambda d: None)
variant("negative-start", lambda d: d["results"][0]["samples"]["rows"][1].__setitem__(2, -1e9))
variant("start-1e300", lambda d: d["results"][0]["samples"]["rows"][1].__setitem__(2, 1e300))
variant("huge-summary", lambda d: d["results"][0].__setitem__("latency_ms", {"p99": 1e300, "max": 1e308}))
variant("wrong-types", lambda d: d["results"][0].__setitem__("samples", "rows"))
variant("duplicate-ids", lambda d: d["results"].append(copy.deepcopy(d["results"][0])))
variant("thousands", lambda d: d.__setitem__("results", [{"pattern": "p%d" % i, "requests": 1} for i in range(5000)]))
open(os.path.join(out, "truncated.json"), "w").write(json.dumps(good)[:120])
open(os.path.join(out, "deep.json"), "w").write('{"version": 1, "results": ' + "[" * 100000)
PY
    local f code crashed=0 opened=0 refused=0
    for f in "$tmp"/corpus/*.json; do
        mkdir -p "$tmp/charts"
        "$app" --open "$f" --export-charts "$tmp/charts" > /dev/null 2> "$tmp/app.err"
        code=$?
        if [ $code -ge 128 ] || grep -q "AddressSanitizer\|runtime error" "$tmp/app.err"; then
            crashed=1
            fail "hostile run $(basename "$f"): exit $code $(head -c 300 "$tmp/app.err")"
        elif [ $code -eq 0 ]; then opened=$((opened + 1))
        else refused=$((refused + 1))
        fi
    done
    [ $crashed -eq 0 ] && pass "hostile runs: $opened opened, $refused refused with one line, none crashed"
}

# 3. Thread per request at scale: out of descriptors and threads is the lesson, recorded.
waitgroup_scale() {
    "$cli" --patterns waitgroup --requests 20000 --profile zero --quiet --json "$tmp/wg20k.json" 2> "$tmp/wg20k.err"
    check_run "waitgroup 20,000 (qt, zero profile)" "$tmp/wg20k.json" 20000
    bash -c 'ulimit -n 256; exec "$0" "$@"' "$cli" --patterns waitgroup --requests 5000 --profile zero --quiet \
        --json "$tmp/wg256.json" 2> "$tmp/wg256.err"
    check_run "waitgroup 5,000 under ulimit -n 256" "$tmp/wg256.json" 5000
}

# 4. An absurd pool is capped with one clear line, and the run completes.
absurd_pool() {
    "$cli" --patterns fanout --requests 20000 --concurrency 100000 --profile zero --json "$tmp/pool.json" \
        > /dev/null 2> "$tmp/pool.err"
    if grep -q "concurrency 100000 is more clients" "$tmp/pool.err"; then
        check_run "fanout --concurrency 100000 ($(grep -o 'using [0-9]*' "$tmp/pool.err"))" "$tmp/pool.json" 20000
    else
        fail "fanout --concurrency 100000: no cap line: $(head -c 300 "$tmp/pool.err")"
    fi
}

# 5. Huge answers are read and thrown away, not buffered: 15 x 30 MB answers, qt engine.
huge_bodies() {
    python3 - > "$tmp/big.url" 2> /dev/null <<'PY' &
import http.server, socketserver, sys
body = b"x" * (30 << 20)
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer): daemon_threads = True
s = S(("127.0.0.1", 0), H)
print("http://127.0.0.1:%d/data" % s.server_address[1], flush=True)
s.serve_forever()
PY
    local server=$!
    for _ in $(seq 50); do [ -s "$tmp/big.url" ] && break; sleep 0.1; done
    "$cli" --url "$(cat "$tmp/big.url")" --patterns fanout --requests 45 --concurrency 15 --quiet \
        --json "$tmp/big.json" 2> /dev/null
    kill $server 2> /dev/null
    local rss ok
    rss=$(field "$tmp/big.json" "d['results'][0]['resources']['peak_rss_bytes'] >> 20")
    ok=$(field "$tmp/big.json" "d['results'][0]['ok']")
    # Under ASan or TSan the shadow memory and quarantine swamp the figure: check the answers only.
    local limit=200
    grep -qE "PATTERNLAB_SANITIZE:[A-Z]*=(address|thread)" "$build/CMakeCache.txt" 2>/dev/null && limit=100000
    if [ "$ok" -eq 45 ] && [ "$rss" -lt $limit ]; then
        pass "huge bodies: 45 x 30 MB answers ok, client peak RSS $rss MiB (15 in flight would be 450 MB if buffered)"
    else
        fail "huge bodies: ok $ok of 45, client peak RSS $rss MiB"
    fi
}

full_disk
hostile_runs
waitgroup_scale
absurd_pool
huge_bodies
exit $failed
