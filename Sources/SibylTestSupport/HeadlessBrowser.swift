public import Foundation

/// Debian's Chromium in headless mode: loads a page and dumps its DOM or takes a screenshot, then exits.
///
/// Each run gets its own temporary `HOME` and `--user-data-dir` (Chromium writes its profile there; as root it
/// needs `--no-sandbox`), is killed by its process id when it outlives the timeout, and never touches the network
/// beyond the URL it is given.
public struct HeadlessBrowser: Sendable {
    /// The Chromium binary.
    public let path: String
    /// The longest a run may take, in seconds.
    public let timeout: TimeInterval

    /// Finds Chromium.
    /// - Parameter timeout: the longest a run may take, in seconds.
    /// - Throws: ``FixtureError/missingBinary(_:)`` when Chromium is not installed.
    public init(timeout: TimeInterval = 60) throws {
        path = try TestBinaries.require(.chromium)
        self.timeout = timeout
    }

    /// The DOM of `url` once loaded, serialised as HTML (`--dump-dom`): after the page's scripts ran, laid out in
    /// a window of `width` × `height` pixels.
    /// - Parameters:
    ///   - url: the page.
    ///   - width: the window width.
    ///   - height: the window height.
    /// - Returns: the serialised DOM.
    /// - Throws: ``FixtureError`` when Chromium fails or times out.
    public func dumpDOM(_ url: String, width: Int = 1280, height: Int = 900) async throws -> String {
        String(decoding: try await run(["--dump-dom", "--window-size=\(width),\(height)", url]), as: UTF8.self)
    }

    /// Takes a PNG screenshot of `url` in a window of `width` × `height` pixels (`--screenshot`).
    /// - Parameters:
    ///   - url: the page.
    ///   - file: where the PNG goes.
    ///   - width: the window width.
    ///   - height: the window height.
    /// - Throws: ``FixtureError`` when Chromium fails, times out, or writes no file.
    public func screenshot(_ url: String, to file: URL, width: Int = 1280, height: Int = 900) async throws {
        try? FileManager.default.removeItem(at: file)
        _ = try await run(["--screenshot=\(file.path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url])
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw FixtureError("chromium wrote no screenshot to \(file.path)")
        }
    }

    /// Runs Chromium headless with `arguments` and returns its standard output.
    private func run(_ arguments: [String]) async throws -> Data {
        let directory = try TemporaryDirectory(prefix: "sibyl-chromium")
        defer { directory.remove() }
        let output = directory.file("stdout")
        let log = directory.file("stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--user-data-dir=\(directory.file("profile").path)",
            ] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.url.path
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        // Polls without blocking a thread: the server under test may run in this process.
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw FixtureError("chromium did not finish in \(timeout) s: \(Self.tail(log))")
        }
        guard process.terminationStatus == 0 else {
            throw FixtureError("chromium exited with \(process.terminationStatus): \(Self.tail(log))")
        }
        return (try? Data(contentsOf: output)) ?? Data()
    }

    private static func tail(_ file: URL) -> String {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }
}
