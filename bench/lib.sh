# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
# Sourced by the bench scripts, from the repository root:
#   source bench/lib.sh NAME BUILD-DIR
# sets $cli (that build's patternlab-cli, which must exist), $tmp (a scratch folder) and
# $pids (background servers), all removed or stopped on exit, and offers start_fixed_server.
bench_name=$1
build=$2
cli="$build/app/patternlab-cli"
tmp=$(mktemp -d)
pids=()
bench_cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap bench_cleanup EXIT
export QT_NO_GLIB=1
[ -x "$cli" ] || { echo "$bench_name: build first (scripts/setup.sh dev), $cli is missing" >&2; exit 1; }

# start_fixed_server LATENCY_MS: bench_fixed_server in the background; sets $url (its base
# URL) and $server_pid once it printed READY, or exits saying why.
start_fixed_server() {
    local ready="$tmp/ready.$RANDOM"
    "$build/bench/bench_fixed_server" "$1" > "$ready" 2> "$ready.log" &
    server_pid=$!
    pids+=("$server_pid")
    url=""
    for _ in $(seq 50); do
        url=$(sed -n 's/^READY //p' "$ready")
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    echo "$bench_name: bench_fixed_server $1 did not start: $(cat "$ready.log")" >&2
    exit 1
}
