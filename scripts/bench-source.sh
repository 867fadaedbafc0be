#!/usr/bin/env bash
# The series store against a real Prometheus: scripts/bench-source.sh [SERIES] [HOURS] [CYCLES]
# (defaults 2000 series, 12 h, 60 cycles).
#
# Makes SERIES series of HOURS hours (plus one hour more, for the steady-state cycles) from the real node-exporter
# fixture (scripts/bench-source-history.py), pre-fills a Prometheus with them (promtool tsdb
# create-blocks-from openmetrics), starts it on 127.0.0.1:19190 and runs the release build's
# `sibyl bench --source` against it: Prometheus' streamed bytes and serve time for the window, Sibyl's first load,
# stored and resident bytes per held sample, then CYCLES one-minute cycles with the resident size every tenth.
# Work files go to $SIBYL_BENCH_DIR (default /tmp/sibyl-bench-source, emptied first; about 100 bytes of
# OpenMetrics text per sample while it runs).
set -euo pipefail
cd "$(dirname "$0")/.."
series=${1:-2000}
hours=${2:-12}
cycles=${3:-60}
state=${SIBYL_BENCH_DIR:-/tmp/sibyl-bench-source}
scripts/install-deps.sh
swift build -c release --product sibyl
sibyl=$PWD/.build/release/sibyl
rm -rf "$state"
mkdir -p "$state/prometheus"

pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# The first load ends on a whole minute a little in the past, so that Prometheus' own clock never matters.
end=$(($(date +%s) / 60 * 60 - 3600))
python3 scripts/bench-source-history.py --fixture Tests/Fixtures/real-node-exporter/first-48min.om.gz \
    --series "$series" --hours "$hours" --after $((cycles + 1)) --end "$end" >"$state/history.om"
promtool tsdb create-blocks-from openmetrics "$state/history.om" "$state/prometheus" >"$state/promtool.log"
rm "$state/history.om"
printf 'global:\n  scrape_interval: 1m\n' >"$state/prometheus.yml"
prometheus --config.file="$state/prometheus.yml" --storage.tsdb.path="$state/prometheus" \
    --storage.tsdb.retention.time=3650d --web.listen-address=127.0.0.1:19190 >"$state/prometheus.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -fsS -o /dev/null http://127.0.0.1:19190/-/ready 2>/dev/null && break; sleep 0.2; done
"$sibyl" bench --source http://127.0.0.1:19190/api/v1/read --selector '{job="node"}' --at "$end" \
    --window-hours "$hours" --cycles "$cycles"
