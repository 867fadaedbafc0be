public import Foundation

/// Runs a program to its end and collects what it printed, stdout and stderr together.
///
/// It blocks until the program exits: from async code, call it through ``offThePool(_:)``.
public enum ProcessOutput {
    /// Runs `executable` with `arguments` and waits for it.
    /// - Parameters:
    ///   - executable: the program's path.
    ///   - arguments: its arguments.
    ///   - directory: its working directory, or `nil` for this process's.
    ///   - environment: its whole environment, or `nil` for this process's.
    ///   - input: what it reads on stdin (nothing by default).
    /// - Returns: its exit status and its output.
    /// - Throws: when it cannot be started.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        input: FileHandle = .nullDevice
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Drain the pipe before waiting: the output can be larger than a pipe's buffer.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
