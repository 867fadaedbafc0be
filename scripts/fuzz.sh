#!/usr/bin/env bash
# Runs one libFuzzer campaign: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#
# TARGET is a folder under Tests/Fixtures/fuzz/: snappy, streamed-response, xor-chunk, xor2-chunk,
# histogram-chunk, samples-response, read-request, selector, configuration. The fuzz package (Fuzz/) is built in release with libFuzzer and
# AddressSanitizer; the run starts from the committed seeds and grows a scratch corpus outside the repository
# ($SIBYL_FUZZ_DIR, default /tmp/sibyl-fuzz/TARGET/corpus). Crash, timeout and leak inputs land in
# $SIBYL_FUZZ_DIR/TARGET/crashes/; to keep one as a regression, fix the bug and copy the input to
# Tests/Fixtures/fuzz/TARGET/crashes/, which FuzzCorpusTests replays.
# Add new seeds worth keeping with: fuzzer -merge=1 Tests/Fixtures/fuzz/TARGET <scratch corpus> (keep it small).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
    echo "usage: $0 TARGET SECONDS [libFuzzer flags...]" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2

case $target in
    snappy) product=FuzzSnappy ;;
    streamed-response) product=FuzzStreamedResponse ;;
    xor-chunk) product=FuzzXORChunk ;;
    xor2-chunk) product=FuzzXOR2Chunk ;;
    histogram-chunk) product=FuzzHistogramChunk ;;
    samples-response) product=FuzzSamplesResponse ;;
    read-request) product=FuzzReadRequest ;;
    selector) product=FuzzSelector ;;
    configuration) product=FuzzConfiguration ;;
    *)
        echo "$0: unknown target '$target'" >&2
        exit 2
        ;;
esac

seeds=Tests/Fixtures/fuzz/$target
work=${SIBYL_FUZZ_DIR:-/tmp/sibyl-fuzz}/$target
mkdir -p "$work/corpus" "$work/crashes"

# -sanitize=fuzzer links libFuzzer's main and instruments every Swift module for coverage; the targets are built
# with -parse-as-library (Fuzz/Package.swift) so that their @_cdecl entry point is not top-level code.
build=(swift build -c release --package-path Fuzz --product "$product" -Xswiftc -sanitize=fuzzer,address)
"${build[@]}"
binary=$("${build[@]}" --show-bin-path)/$product

echo "fuzzing $target for ${seconds}s; crashes go to $work/crashes/"
# -max_len 65536: enough for every seed and for frames of several chunks, small enough to run fast.
exec "$binary" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/crashes/" "$@" "$work/corpus" "$seeds"
