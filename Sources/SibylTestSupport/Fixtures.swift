public import Foundation
import Synchronization

/// The data tests read, kept in the repository under `Tests/Fixtures/` so that a clone alone runs every test.
///
/// Large files are stored gzipped: ``data(_:)`` reads `<path>` or else `<path>.gz`, so callers always name the
/// uncompressed file. `SIBYL_FIXTURES_DIR` names a folder laid out the same way whose files come first (a larger
/// set of oracle cases, say); files it lacks are still read from `Tests/Fixtures/`.
public enum Fixtures {
    /// The repository root (the folder holding `Package.swift`).
    public static var repository: URL {
        // This file is Sources/SibylTestSupport/Fixtures.swift; the repository is three levels up.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The repository's own `Tests/Fixtures/`, whatever `SIBYL_FIXTURES_DIR` says.
    public static var bundled: URL {
        repository.appendingPathComponent("Tests/Fixtures", isDirectory: true)
    }

    /// The folder searched first: `SIBYL_FIXTURES_DIR` when set, else ``bundled``.
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["SIBYL_FIXTURES_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return bundled
    }

    /// The folders searched, in order: ``root``, then ``bundled`` when the environment overrides it.
    public static var folders: [URL] {
        isBundled(root) ? [bundled] : [root, bundled]
    }

    /// The file that stores `relativePath` (e.g. `"remote-read/expected_series.json"`): the first of `<path>` and
    /// `<path>.gz` that exists, searching ``folders`` in order; `<path>` under ``root`` when there is none.
    public static func url(_ relativePath: String) -> URL {
        existing(relativePath, in: folders) ?? root.appendingPathComponent(relativePath)
    }

    /// The uncompressed bytes of `relativePath`, read from `<path>` or else decompressed from `<path>.gz`.
    /// - Throws: ``FixtureError`` naming the file when neither exists or it cannot be decompressed.
    public static func data(_ relativePath: String) throws -> Data {
        try data(relativePath, in: folders)
    }

    /// ``data(_:)`` from the given folders only, searched in order, so that a test can check one folder
    /// whatever `SIBYL_FIXTURES_DIR` says.
    /// - Throws: ``FixtureError`` naming the file when no folder has either form or it cannot be decompressed.
    public static func data(_ relativePath: String, in folders: [URL]) throws -> Data {
        guard let file = existing(relativePath, in: folders) else {
            let name = (relativePath as NSString).lastPathComponent
            let others = folders.dropFirst().map(display)
            let elsewhere = others.isEmpty ? "" : ", nor under \(others.joined(separator: ", "))"
            let first = folders.first.map(display) ?? "."
            throw FixtureError("\(first)/\(relativePath): missing (no \(name).gz either\(elsewhere))")
        }
        if file.pathExtension == "gz" && !relativePath.hasSuffix(".gz") {
            // Many parameterised tests read the same case: gzip runs once per file and process.
            if let cached = unpacked.withLock({ $0[file] }) { return cached }
            let data = try gunzip(file)
            unpacked.withLock { $0[file] = data }
            return data
        }
        return try Data(contentsOf: file)
    }

    /// The decompressed `.gz` files read so far.
    private static let unpacked = Mutex<[URL: Data]>([:])

    /// The first stored form of `relativePath` in `folders`, if any.
    static func existing(_ relativePath: String, in folders: [URL]) -> URL? {
        for folder in folders {
            for candidate in [relativePath, relativePath + ".gz"] {
                let file = folder.appendingPathComponent(candidate)
                if FileManager.default.fileExists(atPath: file.path) { return file }
            }
        }
        return nil
    }

    /// Whether `folder` is the repository's own fixtures.
    static func isBundled(_ folder: URL) -> Bool {
        folder.standardizedFileURL.path == bundled.standardizedFileURL.path
    }

    /// How messages name a folder: the repository's as `Tests/Fixtures`, any other by its path.
    static func display(_ folder: URL) -> String {
        isBundled(folder) ? "Tests/Fixtures" : folder.path
    }

    /// Decompresses with the system's gzip, which every machine the tests run on has, rather than with a package.
    static func gunzip(_ file: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Drain stdout before waiting: a case is far larger than a pipe's buffer.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError("\(file.path): gzip -dc exited with \(process.terminationStatus): \(message)")
        }
        return data
    }
}
