import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct EvaluationStateTests {
    /// The exposed value of `family` for the series with these labels, by window.
    static func exposed(_ families: [MetricFamily], _ name: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for family in families where family.name.description == name {
            for sample in family.samples { values[sample.labels.description] = sample.value }
        }
        return values
    }

    @Test("one cycle's window statistics equal Prometheus' *_over_time at T, for every series and window")
    func windowStatisticsMatchPrometheus() async throws {
        let time = ServiceFixture.evaluationTime()
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            var state = EvaluationState(
                configuration: .init(
                    selectors: [[LabelMatcher("job", .equal, "fixture")]], windows: ServiceFixture.windows))
            let client = RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL))
            #expect(await state.runCycle(at: time, client: client) == .succeeded)
            #expect(state.store.count == 6)
            let families = state.derivedFamilies
            let mins = Self.exposed(families, "sibyl_window_min")
            let maxes = Self.exposed(families, "sibyl_window_max")
            let counts = Self.exposed(families, "sibyl_window_samples")
            let averages = Self.exposed(families, "sibyl_window_avg")
            let deviations = Self.exposed(families, "sibyl_window_stddev")
            var compared = 0
            for window in ["1h", "3h", "12h"] {
                let selector = "{job=\"fixture\"}[\(window)]"
                let promMin = try await prometheus.query("min_over_time(\(selector))", at: time)
                let promMax = try await prometheus.query("max_over_time(\(selector))", at: time)
                let promCount = try await prometheus.query("count_over_time(\(selector))", at: time)
                let promAvg = try await prometheus.query("avg_over_time(\(selector))", at: time)
                let promStd = try await prometheus.query("stddev_over_time(\(selector))", at: time)
                func key(_ series: PrometheusFixture.QueriedSeries, name: String) -> String {
                    var labels = series.labels
                    labels["window"] = window
                    labels["metric"] = name
                    return labels.filter { !$0.key.hasPrefix("__") }.sorted { $0.key < $1.key }
                        .map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
                }
                // *_over_time drops __name__; recover it from the shape.
                let names = [
                    "sine": "sibyl_e2e_gauge", "counter_reset": "sibyl_e2e_packets_total", "gaps": "sibyl_e2e_gauge",
                    "stops_2h_early": "sibyl_e2e_gauge", "big": "sibyl_e2e_bytes", "stale": "sibyl_e2e_gauge",
                ]
                for series in promCount {
                    let shape = series.labels["shape"] ?? ""
                    let label = "{" + key(series, name: names[shape] ?? "") + "}"
                    let n = series.points.first?.1 ?? 0
                    #expect(counts[label] == n, "samples \(label)")
                    let want = { (result: [PrometheusFixture.QueriedSeries]) in
                        result.first { $0.labels["shape"] == shape }?.points.first?.1 ?? .nan
                    }
                    #expect(mins[label] == want(promMin), "min \(label)")
                    #expect(maxes[label] == want(promMax), "max \(label)")
                    expectClose(averages[label] ?? .nan, want(promAvg), rtol: 1e-12, "avg \(label)")
                    if n > 1 {
                        expectClose(
                            deviations[label] ?? .nan, want(promStd) * (n / (n - 1)).squareRoot(), rtol: 1e-9,
                            "stddev \(label)")
                    }
                    compared += 1
                }
            }
            // 1h: the series that stopped 2 h early and the stale one have no samples there; Prometheus omits them.
            #expect(compared >= 14)
        }
    }

    @Test("later cycles read only what is new")
    func incrementalReads() async throws {
        let time = ServiceFixture.evaluationTime()
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            var state = EvaluationState(
                configuration: .init(
                    selectors: [[LabelMatcher("job", .equal, "fixture")]], windows: ServiceFixture.windows))
            let client = RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL))
            #expect(await state.runCycle(at: time - 60_000, client: client) == .succeeded)
            let first = state.metrics.bytesRead
            #expect(await state.runCycle(at: time, client: client) == .succeeded)
            let second = state.metrics.bytesRead - first
            #expect(second * 20 < first, "second read \(second) bytes, first \(first)")
            let queries = state.queries(at: time + 60_000)
            #expect(queries.first?.start == time - 30_000 + 1)
        }
    }

    @Test("an unreachable source fails the cycle with a counted reason and keeps the last results")
    func unreachableSource() async throws {
        let port = try FreePort.next()
        var state = EvaluationState(
            configuration: .init(selectors: [[LabelMatcher("job", .equal, "x")]], windows: [60_000]))
        let client = RemoteReadClient(
            configuration: .init(url: "http://127.0.0.1:\(port)/api/v1/read", timeout: .seconds(5)))
        #expect(await state.runCycle(at: 1_000_000, client: client) == .failed(reason: "unreachable"))
        #expect(state.metrics.failures["unreachable"] == 1)
        // The message names the failure and the endpoint, not the system call that saw it.
        #expect(state.metrics.lastFailure?.message == "connection refused to 127.0.0.1:\(port)")
        #expect(!state.metrics.sourceUp)
        let text = String(decoding: try state.render(), as: UTF8.self)
        #expect(text.contains("sibyl_source_up 0\n"))
        #expect(text.contains("sibyl_evaluation_failures_total{reason=\"unreachable\"} 1\n"))
    }
}

extension EvaluationStateTests {
    @Test("an extra selector is read over the whole window at once; when it goes, its series leave the store")
    func extraSelectors() async throws {
        let time = ServiceFixture.evaluationTime()
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            var state = EvaluationState(
                configuration: .init(
                    selectors: [[LabelMatcher("shape", .equal, "sine")]], windows: ServiceFixture.windows))
            let client = RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL))
            #expect(await state.runCycle(at: time - 60_000, client: client) == .succeeded)
            #expect(state.store.count == 1)
            let big = [LabelMatcher("shape", .equal, "big")]
            #expect(
                state.queries(at: time, extra: [big]).map(\.start) == [
                    time - 60_000 - 30_000 + 1, time - 43_200_000 + 1,
                ])
            #expect(await state.runCycle(at: time, client: client, extraSelectors: [big]) == .succeeded)
            #expect(state.store.count == 2)
            let bigSeries = try #require(state.store.entries.values.first { $0.labels.contains(Label("shape", "big")) })
            let inWindow = ServiceFixture.history(endingBefore: time).series.first {
                $0.labels.contains { $0 == ("shape", "big") }
            }?
            .samples.filter { $0.0 > time - 43_200_000 && $0.0 <= time }.count
            #expect(bigSeries.buffer.count == inWindow, "the whole 12 h window on the first read")
            #expect(await state.runCycle(at: time + 1000, client: client) == .succeeded)
            #expect(state.store.count == 1)
            #expect(state.metrics.dropped["unselected"] == 1)
        }
    }
}
