import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// Sibyl over a pre-filled Prometheus, writing its cycles into a real store: every derived series of the cycle comes
/// back from the store's API with the archived value and timestamp, bit for bit (NaN as NaN), and the window
/// statistics with the value `/metrics` showed.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool, .victoriaMetrics)))
struct RemoteWriteStoreTests {
    /// One sample as compared: labels (with `__name__`), time and value bits (every NaN alike).
    static func key(_ labels: [String: String], _ time: Int64, _ value: Double) -> String {
        let bits = value.isNaN ? "NaN" : String(value.bitPattern, radix: 16)
        return "\(labels.sorted { $0.key < $1.key }) \(time) \(bits)"
    }

    /// The archived cycle's samples as keys.
    static func keys(_ cycle: CycleSnapshot) -> Set<String> {
        Set(
            cycle.families.flatMap { family in
                family.samples.map { sample in
                    var labels = Dictionary(uniqueKeysWithValues: sample.labels.labels.map { ($0.name, $0.value) })
                    labels["__name__"] = family.name.rawValue
                    return key(labels, cycle.time, sample.value)
                }
            })
    }

    /// Runs Sibyl, evaluating at T, over a pre-filled Prometheus with one `remote_write` entry, until the store
    /// acknowledged the cycle at T; then gives `check` the archived cycle, the `/metrics` samples and T.
    static func withCycleSent(
        to url: String, version: String, _ check: (CycleSnapshot, [ExposedSample], Int64) async throws -> Void
    ) async throws {
        let time = ServiceFixture.evaluationTime()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await ServiceFixture.withPrometheus(at: time) { source in
            let yaml = """
                source: {url: '\(source.remoteReadURL)'}
                evaluation: {interval: 1h}
                selectors: ['{job="fixture"}']
                archive: {path: '\(directory.file("sibyl.db").path)'}
                remote_write:
                  - url: '\(url)'
                    protocol: \(version)
                    queue: {batch_send_deadline: 100ms, min_backoff: 10ms, max_backoff: 500ms}
                """
            try await SibylServiceTests.withService(yaml, at: time) { service, port in
                let endpoint = try #require(service.remoteWrite.endpoints.first)
                let deadline = ContinuousClock.now + .seconds(120)
                while endpoint.statistics.highestSentTime < time {
                    guard ContinuousClock.now < deadline else {
                        throw FixtureError("the cycle was not acknowledged in 120 s: \(endpoint.statistics)")
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(endpoint.statistics.failed == 0)
                let text = try await TestHTTP.get("http://127.0.0.1:\(port)/metrics").text
                let cycle = try #require(try service.archive.results.snapshot(at: time))
                try await check(cycle, ExposedSample.parse(text), time)
            }
        }
    }

    /// Every window statistic of the cycle has the value `/metrics` shows, bit for bit.
    static func expectWindowsAsShown(_ cycle: CycleSnapshot, _ exposed: [ExposedSample]) {
        let shown = Set(
            exposed.filter { $0.name.hasPrefix("sibyl_window_") }.map { sample in
                var labels = sample.labels
                labels["__name__"] = sample.name
                return key(labels, cycle.time, sample.value)
            })
        let archived = keys(
            CycleSnapshot(
                time: cycle.time, duration: 0,
                families: cycle.families.filter { $0.name.rawValue.hasPrefix("sibyl_window_") }))
        #expect(!archived.isEmpty)
        #expect(archived == shown)
    }

    @Test("into Prometheus' remote-write receiver (1.0): every derived series of the cycle, bit for bit")
    func prometheus() async throws {
        try await PrometheusFixture.with { store in
            try await Self.withCycleSent(to: store.remoteWriteURL, version: "auto") { cycle, exposed, time in
                Self.expectWindowsAsShown(cycle, exposed)
                let stored = try await store.query(#"{__name__=~"sibyl_.+"}"#, at: time)
                let keys = Set(
                    stored.flatMap { series in
                        series.points.map { Self.key(series.labels, $0.0, $0.1) }
                    })
                #expect(keys == Self.keys(cycle))
                #expect(keys.count > 10)
            }
        }
    }

    @Test("into VictoriaMetrics (auto falls back to 1.0): every derived series of the cycle, at its time")
    func victoriaMetrics() async throws {
        try await VictoriaMetricsFixture.with { store in
            try await Self.withCycleSent(to: store.remoteWriteURL, version: "auto") { cycle, exposed, _ in
                Self.expectWindowsAsShown(cycle, exposed)
                // VictoriaMetrics keeps no NaN sample.
                var expected: [String: Double] = [:]
                for family in cycle.families {
                    for sample in family.samples where !sample.value.isNaN {
                        var labels = Dictionary(uniqueKeysWithValues: sample.labels.labels.map { ($0.name, $0.value) })
                        labels["__name__"] = family.name.rawValue
                        expected["\(labels.sorted { $0.key < $1.key }) \(cycle.time)"] = sample.value
                    }
                }
                // New series become searchable a moment after they are written: look until they all are.
                var stored: [String: Double] = [:]
                let deadline = ContinuousClock.now + .seconds(60)
                while stored.count < expected.count, ContinuousClock.now < deadline {
                    stored = [:]
                    for series in try await store.export(#"{__name__=~"sibyl_.+"}"#) {
                        for (time, value) in series.points {
                            stored["\(series.labels.sorted { $0.key < $1.key }) \(time)"] = value
                        }
                    }
                    if stored.count < expected.count { try await Task.sleep(for: .milliseconds(500)) }
                }
                #expect(Set(stored.keys) == Set(expected.keys))
                #expect(stored.count > 10)
                // VictoriaMetrics keeps a value as a decimal, and its export and query APIs render 12 significant
                // digits: a double with more digits comes back rounded, so bit for bit is Prometheus' test.
                for (key, value) in expected {
                    guard let got = stored[key] else { continue }
                    #expect(isClose(got, value, rtol: 1e-11), "\(key): \(got) stored, \(value) sent")
                }
            }
        }
    }

    @Test("VictoriaMetrics down for three cycles, then started: the cycles arrive, in order, none twice")
    func outageIntoVictoriaMetrics() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let now = ServiceFixture.evaluationTime()
        let cycles = try (0..<4).map { index in
            try ArchiveFixture.windowCycle(
                time: now - Int64(3 - index) * 15_000, series: 0..<3, base: Double(index) * 10 + 0.5)
        }
        await fixture.write([cycles[0]])
        // Nothing listens on the port yet: every request fails to connect and is retried.
        let port = try FreePort.next()
        let endpoint = RemoteWriteEndpointTests.endpoint("http://127.0.0.1:\(port)/api/v1/write", fixture)
        let task = Task { await endpoint.run() }
        defer { task.cancel() }
        try await RemoteWriteEndpointTests.waitUntil { endpoint.statistics.retried > 0 }
        await fixture.write(Array(cycles[1...]))
        try await VictoriaMetricsFixture.with(port: port) { store in
            try await RemoteWriteEndpointTests.waitUntil {
                try fixture.archive.results.remoteWriteCursor("test") == cycles[3].time
            }
            var series: [VictoriaMetricsFixture.ExportedSeries] = []
            let deadline = ContinuousClock.now + .seconds(60)
            while series.reduce(0, { $0 + $1.points.count }) < 12, ContinuousClock.now < deadline {
                series = try await store.export(#"{__name__="sibyl_window_avg"}"#)
                try await Task.sleep(for: .milliseconds(500))
            }
            #expect(series.count == 3)
            for one in series {
                #expect(one.points.map(\.0) == cycles.map(\.time), "\(one.labels)")
            }
        }
        #expect(endpoint.statistics.sent == 12)
    }
}
