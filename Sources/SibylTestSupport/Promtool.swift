import Foundation

/// Runs `promtool` checks on text a test produced.
public enum Promtool {
    /// The exit status and combined output of `promtool check metrics` on `exposition`.
    /// - Parameter exposition: the text exposition.
    /// - Returns: promtool's exit status (0 clean, 3 lint problems, 1 parse error) and what it printed.
    /// - Throws: ``FixtureError`` when promtool is missing or does not finish.
    public static func checkMetrics(_ exposition: String) throws -> (status: Int32, output: String) {
        let promtool = try TestBinaries.require(.promtool)
        let directory = try TemporaryDirectory(prefix: "sibyl-promtool")
        defer { directory.remove() }
        let input = directory.file("metrics.txt")
        try exposition.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
