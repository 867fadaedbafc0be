#!/usr/bin/env bash
# Installs the dependencies and runs every test. The tests start their own Prometheus, promtool,
# node exporter and HTTP servers on free loopback ports; nothing needs to be running before.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# Format and lint first (.swift-format, the house style): the generated protobuf code is left as protoc writes it.
# Fuzz/Sources holds the libFuzzer targets (scripts/fuzz.sh), which the normal build skips but the style covers.
find Sources Tests Fuzz/Sources -name '*.swift' ! -name '*.pb.swift' -print0 | xargs -0 swift format lint --strict
swift build --build-tests
if [ $# -gt 0 ]; then
    exec swift test --skip-build "$@"
fi
# Two runs: the CPU-bound numerics first, then everything else. Swift Testing runs tests in parallel on the
# cooperative pool (one thread per core), which also serves the tests' HTTP servers: numerics running beside
# them can hold every thread for minutes and time their requests out.
# DashboardQueryTests (a Prometheus scraping a live Sibyl every second) and ConnectionLimitsTests (every scrape
# within 1 s among 300 slow clients) run alone last for the same reason.
swift test --skip-build --filter '^SibylAnalysisTests\.'
swift test --skip-build --skip '^SibylAnalysisTests\.|DashboardQueryTests|ConnectionLimitsTests'
swift test --skip-build --filter 'DashboardQueryTests'
swift test --skip-build --filter 'ConnectionLimitsTests'

