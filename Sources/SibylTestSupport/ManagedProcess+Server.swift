public import Foundation

extension ManagedProcess {
    /// Starts a server on a loopback port, waits until `readyPath` answers 200, runs `body`, and stops it.
    ///
    /// A port taken between probing and binding gets another try (three in all) unless `port` is given.
    /// - Parameters:
    ///   - name: the server's name, for errors.
    ///   - executable: the program.
    ///   - arguments: its arguments for a given port.
    ///   - readyPath: the path that answers 200 once it serves, e.g. `/-/ready`.
    ///   - logFile: where its output goes.
    ///   - timeout: seconds to wait for readiness.
    ///   - port: the port to use; `nil` picks a free one.
    ///   - body: the test, given the port and the process.
    /// - Returns: what `body` returns.
    /// - Throws: ``FixtureError`` when the server does not become ready, or what `body` throws.
    public static func withServer<T>(
        name: String, executable: String, arguments: (Int) -> [String], readyPath: String, logFile: URL,
        timeout: TimeInterval = 60, port requestedPort: Int? = nil,
        _ body: (Int, ManagedProcess) async throws -> T
    ) async throws -> T {
        var lastFailure: (any Error)?
        for _ in 0..<(requestedPort == nil ? 3 : 1) {
            let port = try requestedPort ?? FreePort.next()
            let process = try ManagedProcess(executable: executable, arguments: arguments(port), logFile: logFile)
            defer { process.stop() }
            do {
                try await TestHTTP.waitUntilOK("http://127.0.0.1:\(port)\(readyPath)", timeout: timeout) {
                    process.isRunning
                }
            } catch {
                lastFailure = FixtureError("\(name) did not become ready: \(error)\n\(process.logTail())")
                continue
            }
            return try await body(port, process)
        }
        throw lastFailure ?? FixtureError("\(name) could not be started")
    }
}
