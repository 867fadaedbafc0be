#!/usr/bin/env bash
# Installs the dependencies and runs every test. The tests start their own Prometheus, promtool,
# node exporter and HTTP servers on free loopback ports; nothing needs to be running before.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
