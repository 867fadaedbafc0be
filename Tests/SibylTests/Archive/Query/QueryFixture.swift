import Foundation
import Sibyl
import SibylTestSupport
import SibylWire

/// An archive holding ``cycles`` cycles of every kind of result, written by the real ``ArchiveWriter``, and the
/// values each cycle holds, to compare the query answers with.
struct QueryFixture {
    let archive: ArchiveFixture
    var path: String { archive.path }
    var store: ResultStore { archive.archive.results }

    /// The first cycle's time: 2026-11-27T10:00:00Z.
    static let start: Int64 = 1_795_773_600_000
    /// The time between cycles.
    static let step: Int64 = 60_000
    /// How many cycles ``make()`` writes.
    static let cycles = 12

    /// The time of cycle `index`.
    static func time(_ index: Int) -> Int64 { start + Int64(index) * step }

    /// A fresh archive with cycles `0..<cycles`.
    static func make(cycles: Int = cycles) async throws -> QueryFixture {
        let fixture = QueryFixture(archive: try ArchiveFixture())
        try await fixture.write(0..<cycles)
        return fixture
    }

    /// Writes the cycles of `indices` through an ``ArchiveWriter``.
    func write(_ indices: Range<Int>) async throws {
        let statistics = await archive.write(try indices.map { try Self.cycle($0) })
        guard statistics.cycles == indices.count else { throw FixtureError("archived \(statistics.cycles) cycles") }
    }

    func remove() { archive.remove() }

    /// A derived series of the fixture: its name, labels (without the name) and value at each cycle.
    struct Series: Sendable {
        var name: String
        var labels: [(String, String)]
        var value: @Sendable (Int) -> Double

        /// The labels with the name under `__name__`.
        var metric: [String: String] {
            Dictionary(uniqueKeysWithValues: labels + [("__name__", name)])
        }
    }

    static let a = [("metric", "node_load1"), ("instance", "a:9100"), ("job", "node")]
    static let b = [("metric", "node_load1"), ("instance", "b:9100"), ("job", "node")]
    /// A hostile value and a Prometheus 3 UTF-8 label name.
    static let quoted = [("metric", "node_load1"), ("instance", "c,\"q\""), ("job", "node"), ("service.name", "api")]
    static let memory = [("metric", "node_memory_MemFree_bytes"), ("instance", "a:9100"), ("job", "node")]

    /// Every series, in the order the first cycle writes them (so in row-id order).
    static let series: [Series] = [
        Series(name: "sibyl_acf", labels: a + [("lag", "1")]) { 0.9 - 0.01 * Double($0) },
        Series(name: "sibyl_acf", labels: a + [("lag", "2")]) { 0.8 - 0.02 * Double($0) },
        Series(name: "sibyl_adf_critical_value", labels: a + [("level", "5%")]) { _ in -2.86 },
        Series(name: "sibyl_adf_pvalue", labels: a) { 0.01 * Double($0) },
        Series(name: "sibyl_forecast_avg", labels: a + [("horizon", "10m")]) { 1.0 / 3.0 + Double($0) },
        Series(name: "sibyl_histogram_quantile", labels: a + [("quantile", "0.9"), ("window", "1h")]) {
            0.25 * Double($0)
        },
        Series(name: "sibyl_seasonal_component", labels: a + [("phase", "0")]) { _ in -0.0 },
        Series(name: "sibyl_seasonal_strength", labels: a) { $0 == 5 ? .infinity : 0.5 },
        Series(name: "sibyl_slo_min", labels: [("objective", "load")]) { _ in 0 },
        Series(name: "sibyl_slo_violations", labels: [("objective", "load")] + a + [("window", "1h")]) {
            Double($0)
        },
        Series(name: "sibyl_stationary", labels: a) { Double($0 % 2) },
        Series(name: "sibyl_window_avg", labels: a + [("window", "3h")]) { $0 == 3 ? .nan : 0.1 * Double($0) },
        Series(name: "sibyl_window_avg", labels: memory + [("window", "1h")]) { 1e9 + Double($0) },
        Series(name: "sibyl_window_max", labels: a + [("window", "1h")]) { 1.5 + Double($0) },
        Series(name: "sibyl_window_max", labels: b + [("window", "1h")]) { 2.25 * Double($0) },
        Series(name: "sibyl_window_max", labels: quoted + [("window", "1h")]) { -Double($0) },
        // Window statistics share one window_samples row per cycle: a NaN is an INTEGER of its bits there, and a
        // count is an INTEGER when whole, a REAL otherwise, and goes to point_samples when it is a NaN.
        Series(name: "sibyl_window_min", labels: a + [("window", "1h")]) { $0 == 4 ? .nan : -1.5 * Double($0) },
        Series(name: "sibyl_window_samples", labels: a + [("window", "1h")]) {
            switch $0 {
            case 2: .nan
            case 6: 2.5
            case 7: -0.0
            case 8: 1e300
            default: Double(720 + $0)
            }
        },
        Series(name: "sibyl_window_stddev", labels: a + [("window", "1h")]) { 0.125 * Double($0) },
    ]

    /// Cycle `index`: every series' value, grouped in families in name order.
    static func cycle(_ index: Int) throws -> CycleSnapshot {
        var families: [MetricFamily] = []
        for name in Set(series.map(\.name)).sorted() {
            families.append(
                try ArchiveFixture.family(
                    name, series.filter { $0.name == name }.map { ($0.labels, $0.value(index)) }))
        }
        return CycleSnapshot(time: time(index), duration: 0.25 + Double(index), families: families)
    }

    /// Selectors that pick every fixture series: the source series of job `node`, and the objective's range.
    static let everything = ["{job=\"node\"}", "sibyl_slo_min"]

    /// The series of ``everything`` of one kind.
    static func everything(of kind: ResultKind) -> @Sendable (Series) -> Bool {
        { kind.contains(family: $0.name) && ($0.metric["job"] == "node" || $0.name == "sibyl_slo_min") }
    }

    /// What a results query should answer: the selected series, in row-id order, with their values at the cycles
    /// `indices` (a series without values left out).
    static func expected(_ selected: (Series) -> Bool, _ indices: some Sequence<Int>) -> [ResultSeries] {
        let indices = Array(indices)
        return series.filter(selected).compactMap { entry in
            guard !indices.isEmpty else { return nil }
            return ResultSeries(
                metric: entry.metric, values: indices.map { ResultSample(time: time($0), value: entry.value($0)) })
        }
    }
}

/// Results as comparable text: labels and every value's time and bit pattern.
func bits(_ answer: QueryAnswer) -> [String] {
    switch answer {
    case .results(let list):
        list.map { entry in
            entry.metric.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + ": "
                + entry.values.map { "\($0.time)=\(String($0.value.bitPattern, radix: 16))" }.joined(separator: " ")
        }
    case .series(let list):
        list.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
    case .evaluations(let list):
        list.map { "\($0.time) \($0.durationSeconds.map { "\($0)" } ?? "-") \($0.status)" }
    }
}
