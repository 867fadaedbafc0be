import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `sibyl run` killed with SIGKILL while its remote-write store is away resumes from its cursor after a restart:
/// every archived cycle reaches the store once, in order.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .victoriaMetrics)))
struct RunCommandRemoteWriteTests {
    /// The value of the first sample of `name` in `/metrics`, or `nil`.
    static func metric(_ port: Int, _ name: String) async -> Double? {
        guard let text = try? await TestHTTP.get("http://127.0.0.1:\(port)/metrics").text else { return nil }
        return ExposedSample.find(in: text, name).first?.value
    }

    /// Waits until `done` holds, looking every 200 ms for at most 120 s.
    static func waitUntil(_ what: String, _ done: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while try await !done() {
            guard ContinuousClock.now < deadline else { throw FixtureError("not reached in 120 s: \(what)") }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("SIGKILL during the store's outage: after a restart the missed cycles arrive in order, none twice")
    func sigkillDuringOutage() async throws {
        let binary = RunCommandShutdownTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "no sibyl binary at \(binary)")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await PrometheusFixture.with { source in
            // Five minutes of one series, written through the source's remote-write receiver.
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let samples = (0..<60).map { Sample(timestamp: now - 300_000 + Int64($0) * 5000, value: Double($0 % 7)) }
            let write = RemoteWriteRequest(series: [
                TimeSeries(labels: [Label("__name__", "rw_load"), Label("job", "rw")], samples: samples)
            ])
            let written = try await TestHTTP.send(
                source.remoteWriteURL, method: "POST",
                headers: ["Content-Encoding": "snappy", "Content-Type": "application/x-protobuf"],
                body: Data(write.encoded()))
            try #require(written.status / 100 == 2, "\(written.text)")

            let storePort = try FreePort.next()
            let port = try FreePort.next()
            let archive = directory.file("sibyl.db").path
            let config = directory.file("sibyl.yml")
            try Data(
                """
                source: {url: "\(source.remoteReadURL)"}
                evaluation: {interval: 1s}
                selectors: ['rw_load{job="rw"}']
                web: {listen_address: "127.0.0.1:\(port)"}
                archive: {path: "\(archive)"}
                remote_write:
                  - url: "http://127.0.0.1:\(storePort)/api/v1/write"
                    name: vm
                    queue: {batch_send_deadline: 100ms, min_backoff: 10ms, max_backoff: 200ms}
                """.utf8
            ).write(to: config)
            let arguments = ["run", "--config.file", config.path, "--log.level", "warn"]

            // The store is not listening yet: Sibyl archives cycles and retries.
            let first = try ManagedProcess(
                executable: binary, arguments: arguments, logFile: directory.file("sibyl-1.log"))
            try await Self.waitUntil("three cycles archived and retried") {
                guard first.isRunning else { throw FixtureError("sibyl exited:\n\(first.logTail())") }
                let cycles = await Self.metric(port, "sibyl_archive_cycles_total") ?? 0
                let retried = await Self.metric(port, "sibyl_remote_write_retried_samples_total") ?? 0
                return cycles >= 3 && retried > 0
            }
            kill(first.processIdentifier, SIGKILL)
            _ = first.waitForExit(timeout: 30)

            try await VictoriaMetricsFixture.with(port: storePort) { store in
                let second = try ManagedProcess(
                    executable: binary, arguments: arguments, logFile: directory.file("sibyl-2.log"))
                try await Self.waitUntil("the missed cycles sent") {
                    guard second.isRunning else { throw FixtureError("sibyl exited:\n\(second.logTail())") }
                    let sent = await Self.metric(port, "sibyl_remote_write_samples_total") ?? 0
                    let pending = await Self.metric(port, "sibyl_remote_write_pending_cycles") ?? 1
                    return sent > 0 && pending == 0
                }
                second.stop()

                let opened = try Archive(path: archive)
                defer { try? opened.close() }
                let times = try opened.results.cycleTimes(after: .min, limit: 100_000)
                try #require(times.count >= 4)
                // A cycle archived during the shutdown, after the sender stopped, waits for the next start.
                var exported: [VictoriaMetricsFixture.ExportedSeries] = []
                try await Self.waitUntil("VictoriaMetrics shows every cycle") {
                    exported = try await store.export(#"{__name__="sibyl_window_avg",window="1h"}"#)
                    return exported.first.map { $0.points.count >= times.count - 1 } ?? false
                }
                #expect(exported.count == 1)
                let stored = exported.first?.points.map(\.0) ?? []
                #expect(stored == Array(times.prefix(stored.count)), "every archived cycle once, in order")
            }
        }
    }
}
