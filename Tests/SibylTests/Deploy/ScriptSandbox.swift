import Foundation
import SibylTestSupport

/// A copy of one of the repository's scripts in a temporary repository layout, with `scripts/install-deps.sh` a
/// no-op and fake `swift` and `curl` first on the `PATH`, so that a test runs the real script's logic in seconds.
///
/// The fake `swift` appends its arguments to `swift.log`, one call a line, and exits 1 when they contain a line of
/// `fail` (a substring); `swift build` also installs a fake `sibyl` as `.build/debug/sibyl` and
/// `.build/release/sibyl`, which writes its arguments to `sibyl.args` (one a line) and `SIBYL_ADMIN_TOKEN` to
/// `sibyl.token`. The fake `curl` succeeds and prints `"value"` (every server looks up, Prometheus has scraped).
struct ScriptSandbox {
    /// The sandbox's root, the script's repository.
    let directory: TemporaryDirectory

    /// Copies `script` (`scripts/run.sh`) into a new sandbox and writes the fakes.
    /// - Throws: when a file cannot be written.
    init(_ script: String) throws {
        directory = try TemporaryDirectory(prefix: "sibyl-script")
        let root = directory.url.path
        let manager = FileManager.default
        for folder in ["scripts", "bin", "Sources", "Tests", "Fuzz/Sources"] {
            try manager.createDirectory(at: directory.file(folder), withIntermediateDirectories: true)
        }
        try manager.copyItem(
            at: Fixtures.repository.appendingPathComponent(script), to: directory.file(script))
        try Self.executable(directory.file("scripts/install-deps.sh"), "exit 0\n")
        try Self.executable(
            directory.file("bin/swift"),
            """
            echo "$*" >>'\(root)/swift.log'
            if [ "$1" = build ]; then
                for configuration in debug release; do
                    mkdir -p '\(root)/.build/'$configuration
                    cp '\(root)/fake-sibyl' '\(root)/.build/'$configuration/sibyl
                done
            fi
            if [ -f '\(root)/fail' ]; then
                while IFS= read -r pattern; do
                    if [ -n "$pattern" ] && [[ "$*" == *"$pattern"* ]]; then exit 1; fi
                done <'\(root)/fail'
            fi
            exit 0

            """)
        try Self.executable(directory.file("bin/curl"), "echo '\"value\"'\n")
        try Self.executable(
            directory.file("fake-sibyl"),
            """
            printf '%s\\n' "$@" >'\(root)/sibyl.args'
            printf '%s' "${SIBYL_ADMIN_TOKEN:-}" >'\(root)/sibyl.token'

            """)
    }

    /// Deletes the sandbox.
    func remove() {
        directory.remove()
    }

    /// Makes `swift` fail for calls whose arguments contain one of `patterns`.
    func failSwift(on patterns: [String]) throws {
        try patterns.map { $0 + "\n" }.joined().write(to: directory.file("fail"), atomically: true, encoding: .utf8)
    }

    /// The text of a file in the sandbox, `nil` when it does not exist.
    func text(_ name: String) -> String? {
        try? String(contentsOf: directory.file(name), encoding: .utf8)
    }

    /// The fake `swift`'s calls, in order.
    var swiftCalls: [String] {
        (text("swift.log") ?? "").split(separator: "\n").map(String.init)
    }

    /// Runs the script with bash, off the cooperative pool, and waits for it.
    /// - Parameters:
    ///   - script: the script's path in the sandbox.
    ///   - arguments: its arguments.
    ///   - environment: variables set beside `PATH` (the fakes, then `/usr/bin:/bin`) and `HOME`.
    /// - Returns: its exit status and its output (stdout and stderr together).
    func run(
        _ script: String, _ arguments: [String] = [], environment: [String: String] = [:]
    ) async throws -> (status: Int32, output: String) {
        let root = directory.url
        return try await offThePool {
            try ProcessOutput.run(
                "/bin/bash", [root.appendingPathComponent(script).path] + arguments, in: root,
                environment: environment.merging(
                    ["PATH": root.appendingPathComponent("bin").path + ":/usr/bin:/bin", "HOME": root.path]
                ) { mine, _ in mine })
        }
    }

    /// Writes an executable bash script.
    private static func executable(_ url: URL, _ body: String) throws {
        try ("#!/bin/bash\n" + body).write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }
}
