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
        return try ProcessOutput.run(promtool, ["check", "metrics"], input: try FileHandle(forReadingFrom: input))
    }
}
