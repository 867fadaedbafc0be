public import Foundation

/// Locates the project's read-only `shared/` folder (oracle, fixtures, docs) beside the repository.
///
/// The folder is `../shared` relative to the repository root, both on a developer's
/// machine and in CI; `SIBYL_SHARED_DIR` overrides it.
public enum SharedFiles {
    /// The `shared/` folder.
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["SIBYL_SHARED_DIR"] {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        // This file is Sources/SibylTestSupport/SharedFiles.swift; the repository is three levels up.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
    }

    /// The repository root (the folder holding `Package.swift`).
    public static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A file under `shared/`, e.g. `url("fixtures/remote-read/expected_series.json")`.
    /// - Parameter relativePath: path below `shared/`.
    /// - Returns: its URL.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The bytes of a file under `shared/`.
    /// - Parameter relativePath: path below `shared/`.
    /// - Returns: the file's contents.
    /// - Throws: when the file cannot be read.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }
}
