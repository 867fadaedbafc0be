import Sibyl
import SibylWire
import Testing

struct SelfMetricsTests {
    /// The samples of one family, as `reason` value → sample value, in exposition order.
    static func reasons(_ name: String, _ metrics: SelfMetrics) -> [(String, Double)] {
        let family = metrics.families().first { $0.name.rawValue == name }
        return (family?.samples ?? []).map { sample in
            (sample.labels.labels.first { $0.name == "reason" }?.value ?? "?", sample.value)
        }
    }

    @Test("every bounded failure and drop reason is exposed at 0 before it occurs, in a stable order")
    func reasonsStartAtZero() {
        let metrics = SelfMetrics()
        let failures = Self.reasons("sibyl_evaluation_failures_total", metrics)
        #expect(failures.map(\.0) == RemoteReadError.boundedReasons.sorted())
        #expect(failures.allSatisfy { $0.1 == 0 })
        #expect(Set(failures.map(\.0)).isSuperset(of: ["unreachable", "truncated", "snappy_corrupt", "internal"]))
        let dropped = Self.reasons("sibyl_series_dropped_total", metrics)
        #expect(
            dropped.map(\.0) == [
                "corrupt_chunk", "invalid_label_name", "invalid_utf8", "label_bytes", "label_collision", "limit",
                "limit_bytes",
                "read_samples", "stale", "too_many_labels", "too_many_samples", "unselected", "unsupported_encoding",
            ])
        #expect(dropped.map(\.0) == SelfMetrics.dropReasons.sorted())
        #expect(dropped.allSatisfy { $0.1 == 0 })
    }

    @Test("counted reasons keep their counts beside the zeros, an HTTP status among them")
    func countsBesideZeros() {
        var metrics = SelfMetrics()
        metrics.failures = ["unreachable": 2, "http_503": 1]
        metrics.dropped = ["stale": 4]
        let failures = Dictionary(uniqueKeysWithValues: Self.reasons("sibyl_evaluation_failures_total", metrics))
        #expect(failures["unreachable"] == 2)
        #expect(failures["http_503"] == 1)
        #expect(failures["truncated"] == 0)
        #expect(failures.count == RemoteReadError.boundedReasons.count + 1)
        let dropped = Dictionary(uniqueKeysWithValues: Self.reasons("sibyl_series_dropped_total", metrics))
        #expect(dropped["stale"] == 4)
        #expect(dropped.count == SelfMetrics.dropReasons.count)
        #expect(dropped.filter { $0.key != "stale" }.values.allSatisfy { $0 == 0 })
    }
}
