import Foundation
import Testing

/// Compares output byte for byte with a file in `Fixtures/exposition`, or rewrites the file when the environment
/// variable `SIBYL_UPDATE_GOLDEN` is `1`.
enum GoldenFile {
    /// `Tests/SibylWireTests/Fixtures/exposition`, found from this source file.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("exposition")

    /// Whether golden files are being rewritten instead of compared.
    static var isUpdating: Bool {
        ProcessInfo.processInfo.environment["SIBYL_UPDATE_GOLDEN"] == "1"
    }

    /// The contents of a fixture file.
    static func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// Expects `bytes` to equal the golden file `name`, or rewrites it when updating.
    static func expect(
        _ bytes: [UInt8],
        matches name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if isUpdating {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
            return
        }
        let expected = try read(name)
        guard bytes != expected else {
            return
        }
        let actualLines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let line =
            zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let want = line < expectedLines.count ? String(decoding: expectedLines[line], as: UTF8.self) : "<end>"
        let got = line < actualLines.count ? String(decoding: actualLines[line], as: UTF8.self) : "<end>"
        Issue.record(
            """
            output differs from \(name) at line \(line + 1) (rerun with SIBYL_UPDATE_GOLDEN=1 to accept):
            expected: \(want.debugDescription)
              actual: \(got.debugDescription)
            """,
            sourceLocation: sourceLocation
        )
    }
}
