import Foundation
import SibylTestSupport
import SibylWire
import Testing

struct GzipTests {
    static let inputs: [[UInt8]] = [
        [], Array("# TYPE x gauge\nx 1\n".utf8),
        Array(String(repeating: "sibyl_window_max{metric=\"up\",window=\"1h\"} 0.5\n", count: 20_000).utf8),
        (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) },
    ]

    @Test("round-trips, and refuses truncated, corrupt and oversized input")
    func roundTrips() throws {
        for input in Self.inputs {
            let compressed = try #require(Gzip.compress(input))
            #expect(compressed.starts(with: [0x1F, 0x8B]))
            #expect(Gzip.decompress(compressed, limit: input.count) == input)
            #expect(Gzip.decompress(Array(compressed.dropLast(5)), limit: input.count) == nil)
            if !input.isEmpty {
                #expect(Gzip.decompress(compressed, limit: input.count - 1) == nil)
            }
        }
        #expect(Gzip.decompress(Array("not gzip".utf8), limit: 100) == nil)
        #expect(Gzip.decompress([], limit: 100) == nil)
    }

    @Test(
        "the system's gzip decodes what Gzip writes", .enabled(if: FileManager.default.fileExists(atPath: "/bin/gzip")))
    func systemGzipDecodes() throws {
        let input = Self.inputs[2]
        let directory = try TemporaryDirectory(prefix: "sibyl-gzip")
        defer { directory.remove() }
        let file = directory.file("body.gz")
        try Data(try #require(Gzip.compress(input))).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let decoded = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(Array(decoded) == input)
    }
}
