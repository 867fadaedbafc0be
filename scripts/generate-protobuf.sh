#!/usr/bin/env bash
# Regenerates Sources/SibylWire/Protobuf/*.pb.swift from Protos/*.proto.
# Needs protoc (Debian: protobuf-compiler) and protoc-gen-swift on PATH
# (build it from swift-protobuf: `swift build -c release --product protoc-gen-swift`).
# The normal build never runs this; the generated files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v protoc >/dev/null || { echo "protoc not found (apt-get install protobuf-compiler)" >&2; exit 1; }
command -v protoc-gen-swift >/dev/null || { echo "protoc-gen-swift not found on PATH" >&2; exit 1; }
out=Sources/SibylWire/Protobuf
mkdir -p "$out"
protoc --proto_path=Protos \
    --swift_opt=Visibility=Public \
    --swift_opt=FileNaming=PathToUnderscores \
    --swift_opt=UseAccessLevelOnImports=true \
    --swift_out="$out" \
    Protos/types.proto Protos/remote.proto Protos/write_v2.proto
# House naming: Remote.pb.swift, Types.pb.swift, WriteV2.pb.swift.
mv "$out/remote.pb.swift" "$out/Remote.pb.swift"
mv "$out/types.pb.swift" "$out/Types.pb.swift"
mv "$out/write_v2.pb.swift" "$out/WriteV2.pb.swift"
echo "generated: $(ls "$out")"
