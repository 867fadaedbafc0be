import Foundation
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

/// The acceptance test of remote read over the archive: Sibyl (the real ``SibylService``) archives several cycles
/// read from a pre-filled Prometheus into a real SQLite file; then a fresh Prometheus, whose only connection to Sibyl
/// is a `remote_read` entry for `/api/v1/read`, answers `query_range` with exactly the archived values.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct RemoteReadAPIEndToEndTests {
    /// The evaluation time of the next cycle, set by the test.
    final class CycleClock: Sendable {
        private let time: Mutex<Int64>

        init(_ time: Int64) { self.time = Mutex(time) }

        var now: Int64 { time.withLock { $0 } }

        func set(_ value: Int64) { time.withLock { $0 = value } }
    }

    static let cycles = 4
    static let spacing: Int64 = 60_000
    static let lookback: Int64 = 300_000
    static let metrics = ["sibyl_window_max", "sibyl_adf_pvalue", "sibyl_forecast_avg"]

    /// What `query_range` must answer for `metric` at the cycle times, from the archived snapshots: per label set
    /// (`__name__` included), the newest archived value within Prometheus' 5-minute lookback at each cycle time.
    static func expected(_ metric: String, _ snapshots: [CycleSnapshot]) -> [[String: String]: [(Int64, Double)]] {
        var samples: [[String: String]: [(Int64, Double)]] = [:]
        for snapshot in snapshots {
            for family in snapshot.families where family.name.rawValue == metric {
                for sample in family.samples {
                    var labels = Dictionary(uniqueKeysWithValues: sample.labels.labels.map { ($0.name, $0.value) })
                    labels["__name__"] = metric
                    samples[labels, default: []].append((snapshot.time, sample.value))
                }
            }
        }
        return samples.mapValues { archived in
            snapshots.compactMap { snapshot in
                archived.last { $0.0 <= snapshot.time && $0.0 > snapshot.time - lookback }
                    .map { (snapshot.time, $0.1) }
            }
        }
    }

    @Test("a fresh Prometheus with only remote_read to Sibyl answers query_range with the archived values")
    func freshPrometheusReadsTheArchive() async throws {
        let last = ServiceFixture.evaluationTime()
        let first = last - Int64(Self.cycles - 1) * Self.spacing
        let times = (0..<Self.cycles).map { first + Int64($0) * Self.spacing }
        let clock = CycleClock(first)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await ServiceFixture.withPrometheus(at: last) { source in
            let configuration = try SibylConfiguration(
                yaml: """
                    source: {url: '\(source.remoteReadURL)'}
                    evaluation: {interval: 1h}
                    selectors: ['{job="fixture", shape=~"sine|big"}']
                    forecast: {selectors: ['{job="fixture", shape="sine"}']}
                    archive: {path: '\(directory.file("sibyl.db").path)'}
                    """, file: "sibyl.yml")
            var logger = Logger(label: "sibyl-test")
            logger.logLevel = .warning
            let service = try SibylService(
                configuration: configuration, configurationFile: "sibyl.yml", adminToken: nil, logger: logger,
                now: { clock.now })
            try await SibylServerFixture.serve(
                {
                    service.application(
                        server: ServerConfiguration(host: "127.0.0.1", port: 0), logger: logger,
                        onServerRunning: $0)
                }
            ) { port in
                // The first cycle runs at start; the metadata (ADF) and forecast runs follow it in the background,
                // and the later cycles archive their results.
                _ = try await SibylServerFixture.metrics(port: port) {
                    $0.contains("sibyl_analysis_runs_total{analysis=\"metadata\"} 1")
                        && $0.contains("sibyl_analysis_runs_total{analysis=\"forecast\"} 1")
                }
                for time in times {
                    clock.set(time)
                    if time != first { service.trigger.fire() }
                    try await ArchiveFixture.waitUntil {
                        (try? service.archive.results.evaluationTimes().contains(time)) ?? false
                    }
                }
                let store = service.archive.results
                #expect(try store.evaluationTimes() == times)
                let snapshots = try times.map { time in try #require(try store.snapshot(at: time)) }

                // The fresh Prometheus has an empty data directory and no scrape job. With read_recent: false,
                // Prometheus 2.42's PreferLocalStorageFilter sends a query to the remote only for the part of its
                // range before the local start time, and for a TSDB without blocks that is now + 4h (the start-time
                // margin): the whole range here. So read_recent: false, the setting of the repository's
                // prometheus.yml, already reads every archived cycle; true would read the same.
                let remote = PrometheusFixture.RemoteReadTarget(
                    url: "http://127.0.0.1:\(port)/api/v1/read", readRecent: false)
                try await PrometheusFixture.with(remoteRead: [remote]) { reader in
                    for metric in Self.metrics {
                        let expected = Self.expected(metric, snapshots)
                        #expect(
                            expected.values.contains { $0.count >= Self.cycles - 1 }, "\(metric) archived by the cycles"
                        )
                        let answer = try await reader.queryRange(
                            metric, start: first, end: last, step: Self.spacing)
                        #expect(Set(answer.map(\.labels)) == Set(expected.keys), "\(metric)")
                        for series in answer {
                            let want = expected[series.labels] ?? []
                            #expect(series.points.map(\.0) == want.map(\.0), "\(series.labels)")
                            for (got, archived) in zip(series.points, want) {
                                #expect(
                                    got.1.bitPattern == archived.1.bitPattern || (got.1.isNaN && archived.1.isNaN),
                                    "\(series.labels) at \(got.0): \(got.1) != \(archived.1)")
                            }
                        }
                    }
                }
            }
            try service.archive.close()
        }
    }
}
