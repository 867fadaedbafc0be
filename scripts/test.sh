#!/usr/bin/env bash
# Installs the dependencies and runs every test. The tests start their own Prometheus, promtool,
# node exporter and HTTP servers on free loopback ports; nothing needs to be running before.
#
# Every step after the build runs even when an earlier one failed: the lint, the four test batches, the release build. The script
# ends with a summary naming the steps that failed and exits 1 when any did. A failed install or build stops it
# (there is nothing to test then). With arguments, they go to one `swift test --skip-build` instead of the batches.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1

failed=()
# step NAME COMMAND…: runs the command, and records NAME when it fails.
step() {
    local name=$1
    shift
    echo "test: $name" >&2
    "$@" || failed+=("$name")
}

# Format and lint (.swift-format, the house style): the generated protobuf code is left as protoc writes it.
# Fuzz/Sources holds the libFuzzer targets (scripts/fuzz.sh), which the normal build skips but the style covers.
# A lint failure is reported with the rest rather than first, so a formatting slip does not hide the tests' results.
lint() { find Sources Tests Fuzz/Sources -name '*.swift' ! -name '*.pb.swift' -print0 | xargs -0 swift format lint --strict; }
step lint lint

# The debug build ./scripts/run.sh makes too (the same command): whichever runs second builds nothing new.
echo "test: building Sibyl and its tests (debug, the build ./scripts/run.sh uses too): the first build takes 3 to 6" \
    "minutes on 2 idle cores, up to 20 on a busy machine; later builds only what changed" >&2
swift build --build-tests || { echo "test: the build failed" >&2; exit 1; }
if [ $# -gt 0 ]; then
    step "swift test $*" swift test --skip-build "$@"
else
    # Four batches: the CPU-bound numerics first, then everything else. Swift Testing runs tests in parallel on the
    # cooperative pool (one thread per core), which also serves the tests' HTTP servers: numerics running beside
    # them can hold every thread for minutes and time their requests out.
    # DashboardQueryTests (a Prometheus scraping a live Sibyl every second) and ConnectionLimitsTests (every scrape
    # within 1 s among 300 slow clients) run alone last for the same reason.
    step numerics swift test --skip-build --filter '^SibylAnalysisTests\.'
    step rest swift test --skip-build --skip '^SibylAnalysisTests\.|DashboardQueryTests|ConnectionLimitsTests'
    step DashboardQueryTests swift test --skip-build --filter 'DashboardQueryTests'
    step ConnectionLimitsTests swift test --skip-build --filter 'ConnectionLimitsTests'
    # The release build the Dockerfile, the soak and the benchmarks use: the optimiser has crashed on code the debug
    # build compiles (Swift 6.3.1), so it is built here too, last, after the tests have their results.
    step "release build" swift build -c release --product sibyl
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "test: FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "test: every step passed" >&2
