// swift-tools-version:5.4
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM links every executable with `--defsym main=<Module>_main`
// (testable executables), a symbol a `-parse-as-library` module never defines, so libFuzzer's own `main` cannot be
// the entry point and the link fails. The language mode and upcoming features are set below instead.
import PackageDescription

/// libFuzzer targets for Sibyl's decoders and parsers: a package of its own so that the normal build never sees the
/// sanitizer flags. Build and run them with `scripts/fuzz.sh TARGET SECONDS`; each target sees only public API.
let swiftSettings: [SwiftSetting] = [
    .unsafeFlags([
        "-enable-upcoming-feature", "ExistentialAny",
        "-enable-upcoming-feature", "MemberImportVisibility",
        "-enable-upcoming-feature", "InternalImportsByDefault",
        // The entry point is libFuzzer's `main`; the sources hold only `LLVMFuzzerTestOneInput`.
        "-parse-as-library",
    ])
]

/// One executable per fuzz target: `(name, library product it exercises)`.
let targets: [(name: String, product: String)] = [
    ("FuzzSnappy", "SibylWire"),
    ("FuzzStreamedResponse", "SibylWire"),
    ("FuzzXORChunk", "SibylWire"),
    ("FuzzXOR2Chunk", "SibylWire"),
    ("FuzzHistogramChunk", "SibylWire"),
    ("FuzzSamplesResponse", "SibylWire"),
    ("FuzzReadRequest", "SibylWire"),
    ("FuzzSelector", "SibylWire"),
    ("FuzzConfiguration", "Sibyl"),
]

let package = Package(
    name: "sibyl-fuzz",
    platforms: [.macOS("15.0")],
    dependencies: [.package(name: "sibyl", path: "..")],
    targets: targets.map { target in
        .executableTarget(
            name: target.name,
            dependencies: [.product(name: target.product, package: "sibyl")],
            swiftSettings: swiftSettings
        )
    },
    swiftLanguageVersions: [.version("6")]
)
