import Foundation
import Logging
import Sibyl
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

/// Series whose violations are known by construction, pre-filled into a real Prometheus, read and judged by Sibyl.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct ObjectiveEvaluationTests {
    static let step: Int64 = 5000
    static let hour: Int64 = 3_600_000
    static let windows: [Int64] = [hour, 3 * hour, 12 * hour]

    /// The constructed series on the 5 s grid ending at `last`, 12 h long.
    struct Construction {
        var last: Int64
        var count: Int { Int(12 * ObjectiveEvaluationTests.hour / ObjectiveEvaluationTests.step) }
        func time(_ index: Int) -> Int64 { last - Int64(count - 1 - index) * ObjectiveEvaluationTests.step }

        /// Outside [0, 100] for 3 samples (150) in the last hour, 7 (170) between 1 h and 3 h, 11 (200) before.
        static let spans: [(ago: Int64, count: Int, value: Double)] = [
            (20 * 60_000, 3, 150), (2 * hour, 7, 170), (8 * hour, 11, 200),
        ]

        func spans(_ index: Int) -> Double {
            let ago = last - time(index)
            for span in Self.spans
            where ago <= span.ago && ago > span.ago - Int64(span.count) * ObjectiveEvaluationTests.step {
                return span.value
            }
            return 50
        }

        /// A line reaching `limit` `minutes` after the last sample.
        func line(_ index: Int, limit: Double, minutes: Double) -> Double {
            limit - 0.01 * Double(last + Int64(minutes * 60_000) - time(index)) / 1000
        }
    }

    static func history(_ construction: Construction) -> OpenMetricsHistory {
        func series(_ name: String, _ value: (Int) -> Double) -> OpenMetricsHistory.Series {
            OpenMetricsHistory.Series(
                name: name, labels: [("job", "slo")],
                samples: (0..<construction.count).map { (construction.time($0), value($0)) })
        }
        // A counter rising 10/s, 100/s for 6 steps half an hour ago, reset to 0 two hours ago.
        var counter: [Double] = []
        var running = 1e6
        for index in 0..<construction.count {
            let ago = construction.last - construction.time(index)
            if ago == 2 * hour { running = 0 }
            running += (ago <= 30 * 60_000 && ago > 30 * 60_000 - 6 * step) ? 500 : 50
            counter.append(running)
        }
        return OpenMetricsHistory(series: [
            series("slo_inside") { _ in 50 },
            series("slo_spans") { construction.spans($0) },
            series("slo_packets_total") { counter[$0] },
            series("slo_crossing") { construction.line($0, limit: 1000, minutes: 5) },
            series("slo_not_crossing") { construction.line($0, limit: 1000, minutes: 20) },
        ])
    }

    static func specification(
        _ name: String, _ metric: String, min: Double?, max: Double?, rate: Bool = false
    ) throws
        -> ObjectiveSpecification
    {
        ObjectiveSpecification(
            name: name, selector: try SeriesSelector(parsing: metric), range: try AllowedRange(min: min, max: max),
            isRate: rate, windows: windows)
    }

    @Test("violations, seconds, compliance and worst values per window; predictions both ways, ETA within a step")
    func constructedViolations() async throws {
        let last = (wallClockMilliseconds() - 20_000) / Self.step * Self.step
        let time = last + 2000
        let construction = Construction(last: last)
        let specifications = [
            try Self.specification("inside", "slo_inside", min: 0, max: 100),
            try Self.specification("spans", "slo_spans", min: 0, max: 100),
            try Self.specification("packets", "slo_packets_total", min: 0, max: 50, rate: true),
            try Self.specification("crossing", "slo_crossing", min: nil, max: 1000),
            try Self.specification("not-crossing", "slo_not_crossing", min: nil, max: 1000),
        ]
        try await ServiceFixture.withPrometheus(holding: Self.history(construction), at: time) { prometheus in
            var state = EvaluationState(
                configuration: .init(selectors: [[LabelMatcher("job", .equal, "slo")]], windows: Self.windows))
            #expect(
                await state.runCycle(
                    at: time, client: RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL)))
                    == .succeeded)
            let board = ExpositionBoard(publisher: ExpositionPublisher())
            // The first system's model: the judgement and its predictions are under test, not the model choice,
            // whose validation over 12 h of seven series costs minutes of CPU in a debug build.
            let configuration = try SibylConfiguration(
                yaml: "source: {url: '\(prometheus.remoteReadURL)'}\nselectors: ['{job=\"slo\"}']\n"
                    + "forecast: {season_length: 5, model: holt_winters}\n", file: "t.yml")
            let runner = AnalysisRunner(
                configuration: try AnalysisRunner.Configuration(configuration), board: board,
                logger: Logger(label: "test"), objectives: { specifications })
            await runner.runForecasts(state.store, at: time)
            await runner.runObjectives(state.store, at: time)
            let text = String(decoding: board.publisher?.body ?? [], as: UTF8.self)
            func value(_ name: String, _ labels: [String: String]) -> Double? {
                let found = ExposedSample.find(in: text, name, labels)
                return found.count == 1 ? found[0].value : nil
            }
            #expect(value("sibyl_slo_max", ["objective": "spans"]) == 100)
            #expect(value("sibyl_slo_min", ["objective": "crossing"]) == nil)
            #expect(value("sibyl_slo_series", ["objective": "spans"]) == 1)

            // Spans: counts and seconds add up window by window; the worst is the largest value inside each window.
            var outside = 0
            for (window, name) in zip(Self.windows, ["1h", "3h", "12h"]) {
                let spans = Construction.spans.filter { $0.ago < window }
                outside = spans.reduce(0) { $0 + $1.count }
                let labels = ["objective": "spans", "window": name, "metric": "slo_spans"]
                #expect(value("sibyl_slo_violations", labels) == Double(outside), "\(name)")
                #expect(value("sibyl_slo_violation_seconds", labels) == Double(outside) * 5, "\(name)")
                #expect(value("sibyl_slo_worst_value", labels) == spans.map(\.value).max(), "\(name)")
                // Every sample stands for 5 s, the first one clipped at the window start: the whole (T − w, last].
                let covered = Double(last - max(time - window, construction.time(0) - Self.step)) / 1000
                expectClose(
                    value("sibyl_slo_compliance_ratio", labels) ?? .nan, 1 - Double(outside) * 5 / covered, rtol: 1e-12,
                    "\(name) compliance")
                let inside = ["objective": "inside", "window": name]
                #expect(value("sibyl_slo_violations", inside) == 0)
                #expect(value("sibyl_slo_compliance_ratio", inside) == 1)
                #expect(value("sibyl_slo_worst_value", inside) == 50, "the nearest miss")
            }
            // The counter's rate: 100/s for 6 steps; the reset two hours ago is not a violation of min 0.
            #expect(value("sibyl_slo_violations", ["objective": "packets", "window": "1h"]) == 6)
            #expect(value("sibyl_slo_violations", ["objective": "packets", "window": "12h"]) == 6)
            #expect(value("sibyl_slo_worst_value", ["objective": "packets", "window": "1h"]) == 100)

            // The line that reaches 1000 five minutes after the last sample is predicted, the other is not.
            let crossing = ["objective": "crossing", "bound": "max"]
            #expect(value("sibyl_slo_predicted_violation", crossing) == 1)
            let eta = try #require(value("sibyl_slo_predicted_violation_eta_seconds", crossing))
            let constructed = Double(last + 300_000 - time) / 1000
            #expect(abs(eta - constructed) <= 5, "ETA \(eta) s, constructed \(constructed) s")
            #expect(value("sibyl_slo_interval_violation", crossing) == 1)
            let notCrossing = ["objective": "not-crossing", "bound": "max"]
            #expect(value("sibyl_slo_predicted_violation", notCrossing) == 0)
            #expect(value("sibyl_slo_predicted_violation_eta_seconds", notCrossing) == nil)
            let predicted = try #require(value("sibyl_slo_predicted_value", notCrossing))
            expectClose(
                predicted, 1000 - 0.01 * 600, rtol: 0, atol: 1e-3, "the line's value 10 min after the last sample")
            #expect(value("sibyl_slo_predicted_violation", ["objective": "spans", "bound": "min"]) == 0)
            #expect(runner.latestObjectiveResults.count == 5)
        }
    }
}
