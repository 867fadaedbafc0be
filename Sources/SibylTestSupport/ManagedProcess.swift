public import Foundation

/// A child process with its output in a log file, stopped with SIGTERM (then SIGKILL) by ``stop()``.
/// Foundation's `Process` is safe to query and signal from any thread, hence `@unchecked`.
public final class ManagedProcess: @unchecked Sendable {
    private let process: Process
    /// The file receiving the process' stdout and stderr.
    public let logFile: URL

    /// Starts `executable` with `arguments`.
    /// - Parameters:
    ///   - executable: the program's path.
    ///   - arguments: its arguments.
    ///   - logFile: where stdout and stderr go.
    ///   - environment: variables to set on top of this process' environment.
    /// - Throws: when the program cannot be started.
    public init(
        executable: String, arguments: [String], logFile: URL, workingDirectory: URL? = nil,
        environment: [String: String] = [:]
    ) throws {
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try process.run()
        self.process = process
        self.logFile = logFile
    }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// Waits up to `timeout` seconds for the process to exit.
    /// - Parameter timeout: seconds to wait.
    /// - Returns: the exit status, or `nil` when it is still running.
    public func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// The process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// The last `lines` lines of the log.
    /// - Parameter lines: how many lines.
    /// - Returns: the log's tail.
    public func logTail(_ lines: Int = 20) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// Sends SIGTERM, waits up to `grace` seconds, then SIGKILL; returns when the process is gone.
    /// - Parameter grace: seconds to wait after SIGTERM.
    public func stop(grace: TimeInterval = 10) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit {
        stop(grace: 2)
    }
}
