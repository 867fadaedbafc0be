#!/usr/bin/env bash
# Installs the dependencies, builds Sibyl, starts a node exporter (:9100) and a Prometheus (:9090)
# on loopback with the repository's prometheus.yml (reusing either when it already runs), and
# then runs `sibyl run --config.file=sibyl.yml --web.listen-address=127.0.0.1:9798` against them: every
# server it starts listens on loopback only. Ctrl-C stops everything this script started.
#
# The admin token of the mutating API (objectives, POST /api/v1/evaluate): SIBYL_ADMIN_TOKEN when exported, else
# the file $state/admin-token (mode 600), created with a random token on the first run and kept across runs.
# State (Prometheus' data, the logs, the token) goes to SIBYL_STATE_DIR, default .run.
# Extra arguments go to `sibyl run` after the script's own, and win over them (e.g. --log.level=debug, or
# --web.listen-address=:9798 to listen on every interface: a repeated option keeps its last value).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The debug build of Sibyl and its tests, the very command ./scripts/test.sh runs, so that either script reuses the
# other's build: after `swift build --product sibyl`, `swift build --build-tests` rebuilt nearly everything
# (20 minutes on a busy 2-core machine). The debug binary keeps up with the shipped sibyl.yml (docs/benchmarks.md,
# "Debug build"); a release build (about 4 minutes on 2 idle cores) would be a second build beside test.sh's.
echo "run: building Sibyl and its tests (debug, the build ./scripts/test.sh uses too): the first build takes 3 to 6" \
    "minutes on 2 idle cores, up to 20 on a busy machine; later builds only what changed" >&2
swift build --build-tests
sibyl=.build/debug/sibyl
state=${SIBYL_STATE_DIR:-.run}
mkdir -p "$state/prometheus"

token_file=$state/admin-token
if [ -n "${SIBYL_ADMIN_TOKEN:-}" ]; then
    echo "run: the admin token is SIBYL_ADMIN_TOKEN from your environment"
else
    if [ ! -s "$token_file" ]; then
        (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$token_file" && echo >>"$token_file")
    fi
    chmod 600 "$token_file"
    SIBYL_ADMIN_TOKEN=$(cat "$token_file")
    export SIBYL_ADMIN_TOKEN
    echo "run: the admin token is in $token_file (mode 600, kept across runs; delete it for a new one). Use it as"
    echo "run:   $sibyl slo set load --selector 'node_load1{job=\"node\"}' --max 4 --token-file $token_file"
    echo "run:   curl -X POST -H \"Authorization: Bearer \$(cat $token_file)\" http://127.0.0.1:9798/api/v1/evaluate"
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

up() { curl -fsS -o /dev/null "$1" 2>/dev/null; }
wait_for() {
    for _ in $(seq 1 100); do up "$1" && return 0; sleep 0.2; done
    echo "run: $1 did not come up" >&2
    return 1
}

if up http://127.0.0.1:9100/metrics; then
    echo "run: using the node exporter already on :9100"
else
    prometheus-node-exporter --web.listen-address=127.0.0.1:9100 >"$state/node-exporter.log" 2>&1 &
    pids+=($!)
    wait_for http://127.0.0.1:9100/metrics
fi
if up http://127.0.0.1:9090/-/ready; then
    echo "run: using the Prometheus already on :9090"
else
    prometheus --config.file=prometheus.yml --storage.tsdb.path="$state/prometheus" \
        --web.listen-address=127.0.0.1:9090 >"$state/prometheus.log" 2>&1 &
    pids+=($!)
    wait_for http://127.0.0.1:9090/-/ready
fi
# Let Prometheus scrape the node exporter once, so Sibyl's first cycle already has series.
for _ in $(seq 1 60); do
    curl -fsS 'http://127.0.0.1:9090/api/v1/query?query=up%7Bjob%3D%22node%22%7D' 2>/dev/null | grep -q '"value"' && break
    sleep 0.5
done
echo "run: Prometheus http://127.0.0.1:9090, node exporter http://127.0.0.1:9100/metrics"
echo "run: Sibyl on http://127.0.0.1:9798/metrics (try the PromQL query sibyl_window_avg{window=\"1h\"} in Prometheus)"
"$sibyl" run --config.file=sibyl.yml --web.listen-address=127.0.0.1:9798 "$@"
