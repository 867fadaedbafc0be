#!/usr/bin/env bash
# Soak: scripts/soak.sh [MINUTES]  (default 60)
#
# Runs the release build of Sibyl for MINUTES against its own node exporter (127.0.0.1:19100) and Prometheus
# (127.0.0.1:19090), analysing every node-exporter series (about 1,000–2,500, depending on the host) with short
# windows so that the series store is full after the warm-up, while scripts/soak.py scrapes /metrics 20 times a
# second and mixes in the JSON API, remote read over the archive, the status page and objective writes. At the
# end it prints errors, scrape latency, RSS after the warm-up and at the end, and cycles missed, and exits non-zero
# when errors > 0, cycles missed > 0 or RSS grew by more than 10 %. State and logs go to $SIBYL_SOAK_DIR
# (default /tmp/sibyl-soak, emptied first).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-60}
state=${SIBYL_SOAK_DIR:-/tmp/sibyl-soak}
scripts/install-deps.sh
swift build -c release --product sibyl
sibyl=$PWD/.build/release/sibyl
rm -rf "$state"
mkdir -p "$state/prometheus"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
wait_for() {
    for _ in $(seq 1 150); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
    echo "soak: $1 did not come up" >&2
    return 1
}

cat >"$state/prometheus.yml" <<'EOF'
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: node
    static_configs: [{targets: ["127.0.0.1:19100"]}]
  - job_name: sibyl
    static_configs: [{targets: ["127.0.0.1:19798"]}]
EOF

token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' "$token" >"$state/admin-token"
cat >"$state/sibyl.yml" <<EOF
source:
  url: http://127.0.0.1:19090/api/v1/read
  timeout: 30s
evaluation:
  interval: 15s
  step: 5s
  windows: [2m, 5m, 10m]
  metadata_interval: 1m
selectors:
  - '{job="node"}'
forecast:
  selectors:
    - '{job="node", __name__=~"node_(memory|load|network|filesystem).*"}'
limits:
  max_series: 20000
web:
  listen_address: 127.0.0.1:19798
archive:
  path: $state/sibyl.db
  retention: 20m
objectives:
  - name: free_memory
    selector: 'node_memory_MemFree_bytes{job="node"}'
    min: 67_108_864
  - name: received_packets
    selector: 'node_network_receive_packets_total{job="node"}'
    transform: rate
    max: 20_000
EOF

prometheus-node-exporter --web.listen-address=127.0.0.1:19100 >"$state/node-exporter.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:19100/metrics
prometheus --config.file="$state/prometheus.yml" --storage.tsdb.path="$state/prometheus" \
    --web.listen-address=127.0.0.1:19090 >"$state/prometheus.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:19090/-/ready
sleep 6
SIBYL_ADMIN_TOKEN=$token "$sibyl" run --config.file="$state/sibyl.yml" >"$state/sibyl.log" 2>&1 &
sibyl_pid=$!
pids+=("$sibyl_pid")
wait_for http://127.0.0.1:19798/-/healthy
python3 scripts/soak.py --minutes "$minutes" --pid "$sibyl_pid" --base http://127.0.0.1:19798 \
    --token-file "$state/admin-token" --interval 15 --report "$state/report.txt"
