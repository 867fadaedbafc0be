import Foundation
import GRDB
import Logging
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// The archive's size per source series and cycle with the shipped analyses defaults: the real window statistics,
/// metadata and forecasts of a node's series, archived as `/metrics` shows them at each cycle.
struct ArchiveDefaultsSizeTests {
    /// The source series: a node's series as the shipped `sibyl.yml` selects them (12, of which 3 get a forecast).
    static let sources: [[Label]] = {
        var sources: [[Label]] = []
        func add(_ name: String, _ extra: [Label] = []) {
            sources.append(([Label("__name__", name), Label("instance", "host-1:9100"), Label("job", "node")] + extra))
        }
        for memory in ["MemAvailable", "MemFree", "Cached", "Buffers"] { add("node_memory_\(memory)_bytes") }
        add("node_load1")
        for direction in ["receive", "transmit"] {
            for device in ["eth0", "eth1"] { add("node_network_\(direction)_bytes_total", [Label("device", device)]) }
        }
        for mount in ["/", "/boot", "/home"] {
            add("node_filesystem_avail_bytes", [Label("fstype", "ext4"), Label("mountpoint", mount)])
        }
        return sources.map { $0.sorted() }
    }()

    /// The shipped configuration's selectors; everything else at its default (60 s cycles, metadata every 5 min,
    /// forecasts every minute, windows 1 h / 3 h / 12 h) but the forecast's model, pinned to the first system's:
    /// the archived families are the same whatever the model, and 120 cycles of the model choice in a debug build
    /// cost minutes of CPU that starve the tests running beside this one.
    static let configuration = """
        source: {url: 'http://127.0.0.1:9/api/v1/read'}
        selectors: ['{job="node"}']
        forecast:
          selectors:
            - '{job="node", __name__=~"node_memory_(MemAvailable|MemFree)_bytes"}'
            - 'node_load1{job="node"}'
          season_length: 5
          model: holt_winters
        """

    /// Cycles archived: two hours at the default interval.
    static let cycles = 120
    /// The history before the first cycle (longer than the forecasts' default `min_history`).
    static let history: Int64 = 40 * 60_000

    @Test("with the default analyses, one source series costs at most 320 bytes a cycle")
    func bytesPerSeriesAndCycleWithDefaults() async throws {
        let configuration = try SibylConfiguration(yaml: Self.configuration, file: "defaults.yml")
        let step = Int64(configuration.evaluation.step.milliseconds)
        let interval = Int64(configuration.evaluation.interval.milliseconds)
        let windows = configuration.evaluation.windows.map { Int64($0.milliseconds) }
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let start: Int64 = 1_795_000_000_000
        let writer = ArchiveWriter(
            archive: fixture.archive, retention: ArchiveRetention(age: .init(milliseconds: .max)),
            capacity: Self.cycles + 1, logger: ArchiveFixture.quiet, now: { start })
        let writing = Task { await writer.run() }
        let board = ExpositionBoard(publisher: ExpositionPublisher(), archive: writer)
        let runner = AnalysisRunner(
            configuration: try AnalysisRunner.Configuration(configuration), board: board, logger: ArchiveFixture.quiet)
        var signals = Self.sources.indices.map { SourceSignal(index: $0) }
        var store = SeriesStore(maxSeries: 100)
        var derived = WindowSeries(windows: windows)
        var newest = start - Self.history
        func ingest(through end: Int64) {
            let times = Array(stride(from: newest + step, through: end, by: Int(step)))
            for (index, labels) in Self.sources.enumerated() {
                let samples = times.map { Sample(timestamp: $0, value: signals[index].next()) }
                _ = store.ingest(TimeSeries(labels: labels, samples: samples))
            }
            newest = times.last ?? newest
        }
        var lastMetadata: Int64?
        var lastForecast: Int64?
        for cycle in 0..<Self.cycles {
            let time = start + Int64(cycle) * interval
            ingest(through: time - 1000)
            _ = store.expire(now: time, retention: windows.last ?? 0)
            let statistics = await WindowEvaluator(windows: windows).evaluate(store, at: time)
            board.update([.windows: derived.families(for: statistics)], succeeded: true, cycle: (time, 0.05))
            // The analyses that are due start after the cycle, and show from the next cycle on.
            let slack = runner.configuration.slack
            if lastMetadata.map({ time - $0 >= runner.configuration.metadataInterval - slack }) ?? true {
                lastMetadata = time
                await runner.runMetadata(store, at: time)
            }
            if lastForecast.map({ time - $0 >= runner.configuration.forecastInterval - slack }) ?? true {
                lastForecast = time
                await runner.runForecasts(store, at: time)
            }
        }
        writer.finish()
        await writing.value
        #expect(writer.statistics.cycles == Self.cycles)
        #expect(writer.statistics.dropped == 0)
        let (bytes, total) = try await fixture.archive.pool.read { db in
            // The pages of each table of values with its indexes, and of the whole file.
            let bytes = try Dictionary(
                Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.tbl_name, sum(d.pgsize) FROM dbstat d JOIN sqlite_master m ON m.name = d.name
                        WHERE m.tbl_name IN ('evaluations', 'point_samples', 'window_samples', 'held_samples')
                        GROUP BY m.tbl_name
                        """
                ).map { ($0[0] as String, $0[1] as Int64) }, uniquingKeysWith: +)
            return (bytes, try Int64.fetchOne(db, sql: "SELECT sum(pgsize) FROM dbstat") ?? 0)
        }
        let series = Double(Self.sources.count * Self.cycles)
        func perSeries(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / series) }
        let values = bytes.values.reduce(0, +)
        print(
            "archive with the default analyses: \(perSeries(values)) bytes per source series and cycle (window "
                + "statistics \(perSeries(bytes["window_samples"] ?? 0)), other values "
                + "\(perSeries((bytes["held_samples"] ?? 0) + (bytes["point_samples"] ?? 0))); whole file "
                + "\(perSeries(total)), series and labels included) over \(Self.cycles) cycles of "
                + "\(Self.sources.count) source series")
        let bytesPerSeries = Double(values) / series
        // Before values were held (every cycle wrote every value): 731 bytes. Packing the values of one analysis run
        // into one row, as the window statistics are, would take this under 250.
        #expect(bytesPerSeries <= 320, "\(bytesPerSeries) bytes per source series and cycle")
        #expect(bytesPerSeries > 100, "\(bytesPerSeries): the measurement covers the window statistics")
    }
}

/// A source series' values: a seeded random walk around a level, a counter for the `_total` series.
private struct SourceSignal {
    var random: SeededRandom
    var value: Double
    let isCounter: Bool

    init(index: Int) {
        random = SeededRandom(seed: UInt64(index + 1))
        value = 1e6 * Double(index + 1)
        isCounter = ArchiveDefaultsSizeTests.sources[index].contains { $0.value.hasSuffix("_total") }
    }

    mutating func next() -> Double {
        let step = Double(Int.random(in: 0...1000, using: &random))
        value += isCounter ? step : step - 500
        return value
    }
}
