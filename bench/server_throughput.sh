#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# bench/server_throughput.sh [N]
#
# The bundled server's own throughput, old way against new way, in one run:
# server/server.py --profile zero --port 0 --seed 1, started fresh for every run,
# once with --wsgi werkzeug (the threaded development server it used to be) and once
# with --wsgi auto (the default: waitress when installed), alternately, ROUNDS rounds
# each, `hey -n N -c 15` against GET /data on 127.0.0.1. Prints one line per run and
# the medians and the median of the per-round ratios new/old.
#
#   N               requests per run (default 6000, at least the concurrency)
#   PYTHON          interpreter for server.py (default python3, as the app finds it)
#   ROUNDS          rounds (default 3)
#   CONCURRENCY     hey -c (default 15)
#   WITH_GUNICORN=1 also run the same app under Debian's gunicorn (gthread worker, one
#                   process, as many threads as waitress gets) in every round, for the
#                   WSGI server comparison in docs/SERVER.md.
#
# Needs hey (apt-get install hey). Loopback only; every server is stopped on exit.
set -euo pipefail

N=${1:-6000}
PYTHON=${PYTHON:-python3}
ROUNDS=${ROUNDS:-3}
C=${CONCURRENCY:-15}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER="$ROOT/server/server.py"

die() { echo "server_throughput.sh: $*" >&2; exit 2; }
[[ $N =~ ^[0-9]+$ ]] && (( N >= C )) || die "N must be an integer >= $C, got '$N'"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
command -v hey >/dev/null || die "hey not found: apt-get install hey"
command -v "$PYTHON" >/dev/null || die "$PYTHON not found"

TMP=$(mktemp -d)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server NAME: starts one server, sets URL and SPID
start_server() {
    local name=$1 out="$TMP/$1.out" i
    : > "$out"
    if [[ $name == gunicorn ]]; then
        local port
        port=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        "$PYTHON" - "$ROOT/server" "$port" > "$out" 2> "$TMP/$name.err" <<'EOF' &
import sys
sys.path.insert(0, sys.argv[1])
try:
    import gunicorn  # noqa: F401
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")   # Debian's gunicorn
from gunicorn.app.base import BaseApplication
import server as S

class App(BaseApplication):
    def load_config(self):
        cfg = S.Config(profile="zero", seed=1)
        for k, v in dict(bind=f"127.0.0.1:{sys.argv[2]}", workers=1, worker_class="gthread",
                         threads=S.waitress_threads(cfg.capacity, cfg.max_queue), backlog=128,
                         accesslog=None, loglevel="warning", graceful_timeout=1,
                         post_worker_init=lambda w: print(f"READY http://127.0.0.1:{sys.argv[2]}",
                                                           flush=True)).items():
            self.cfg.set(k, v)

    def load(self):
        return S.create_app(S.Config(profile="zero", seed=1))

App().run()
EOF
    else
        "$PYTHON" "$SERVER" --profile zero --port 0 --seed 1 --wsgi "$name" \
            > "$out" 2> "$TMP/$name.err" &
    fi
    SPID=$!
    PIDS+=("$SPID")
    for i in $(seq 100); do
        if grep -q '^READY ' "$out"; then
            URL=$(awk '/^READY /{print $2; exit}' "$out")
            return 0
        fi
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1
    done
    echo "server.py --wsgi $name did not start:" >&2
    cat "$TMP/$name.err" >&2
    exit 4
}

stop_server() {
    kill "$SPID" 2>/dev/null || true
    wait "$SPID" 2>/dev/null || true
}

server_kind() {   # what /stats says serves the app (gunicorn: not known to the app)
    "$PYTHON" - "$1/stats" <<'EOF'
import json, sys, urllib.request
d = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))
print(f"wsgi_server={d['wsgi_server']}, threads={d['threads']}, cpu_s={d['cpu_s']}")
EOF
}

MODES=(werkzeug auto)
[[ ${WITH_GUNICORN:-0} == 1 ]] && MODES+=(gunicorn)
declare -A RES
echo "bundled server, profile zero, hey -n $N -c $C, $ROUNDS rounds, python: $("$PYTHON" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
for r in $(seq "$ROUNDS"); do
    for m in "${MODES[@]}"; do
        start_server "$m"
        # hey in the background and `wait` for it: a signal to this script then ends it
        # at once (its trap stops hey and the server) instead of after hey finishes
        hey -n "$N" -c "$C" "$URL/data" > "$TMP/hey.out" 2>&1 &
        PIDS+=("$!")
        wait "$!" || true
        rps=$(awk '/Requests\/sec:/{print $2}' "$TMP/hey.out")
        [[ -n $rps ]] || { echo "server_throughput.sh: hey measured nothing ($m)" >&2; exit 3; }
        kind=$(server_kind "$URL" 2>/dev/null) || kind="no /stats"
        stop_server
        RES[$m]+="$rps "
        printf 'round %d/%d  %-9s %9.1f req/s  (%s)\n' "$r" "$ROUNDS" "$m" "$rps" "$kind"
    done
done

"$PYTHON" - "${MODES[*]}" "${RES[werkzeug]}" "${RES[auto]}" "${RES[gunicorn]:-}" <<'EOF'
import statistics, sys
modes = sys.argv[1].split()
runs = dict(zip(["werkzeug", "auto", "gunicorn"], [[float(x) for x in a.split()] for a in sys.argv[2:]]))
for m in modes:
    print(f"median {m}: {statistics.median(runs[m]):.1f} req/s")
for m in modes[1:]:
    ratios = [b / a for a, b in zip(runs["werkzeug"], runs[m])]
    print(f"{m}/werkzeug: median of per-round ratios {statistics.median(ratios):.2f} "
          f"(rounds: {', '.join(f'{x:.2f}' for x in ratios)}), ratio of medians "
          f"{statistics.median(runs[m]) / statistics.median(runs['werkzeug']):.2f}")
EOF
