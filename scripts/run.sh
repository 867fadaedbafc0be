#!/usr/bin/env bash
# Installs the dependencies, builds Sibyl, starts a node exporter (:9100) and a Prometheus (:9090)
# on loopback with the repository's prometheus.yml (reusing either when it already runs), and
# then runs `sibyl run --config.file=sibyl.yml` against them. Ctrl-C stops everything this script started.
# Extra arguments go to `sibyl run` (e.g. --log.level=debug).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product sibyl
sibyl=.build/release/sibyl
state=${SIBYL_STATE_DIR:-.run}
mkdir -p "$state/prometheus"

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
"$sibyl" run --config.file=sibyl.yml "$@"
