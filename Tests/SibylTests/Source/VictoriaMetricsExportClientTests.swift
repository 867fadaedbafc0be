import Foundation
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// A real VictoriaMetrics read through its export API, against a real Prometheus holding the same history.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool, .victoriaMetrics)))
struct VictoriaMetricsExportClientTests {
    static let configuration = EvaluationState.Configuration(
        selectors: [[LabelMatcher("job", .equal, "fixture")]], windows: ServiceFixture.windows)

    /// The fixture history with its values rounded to thousandths: VictoriaMetrics stores a value as a decimal of
    /// about 12 significant digits (63.123456789012345 reads back as 63.123456789), so only such values come back
    /// bit for bit.
    static func history(endingBefore time: Int64) -> OpenMetricsHistory {
        var history = ServiceFixture.history(endingBefore: time)
        for index in history.series.indices {
            history.series[index].samples = history.series[index].samples.map { ($0.0, ($0.1 * 1000).rounded() / 1000) }
        }
        return history
    }

    /// The series of `history` as remote write carries them.
    static func series(of history: OpenMetricsHistory) -> [TimeSeries] {
        history.series.map { one in
            TimeSeries(
                labels: [Label("__name__", one.name)] + one.labels.map { Label($0.0, $0.1) },
                samples: one.samples.map { Sample(timestamp: $0.0, value: $0.1) })
        }
    }

    /// The value of every `sibyl_window_*` sample, by family and label set.
    static func statistics(_ families: [MetricFamily]) -> [String: [String: Double]] {
        var values: [String: [String: Double]] = [:]
        for family in families where family.name.description.hasPrefix("sibyl_window_") {
            for sample in family.samples {
                values[family.name.description, default: [:]][sample.labels.description] = sample.value
            }
        }
        return values
    }

    /// Count, min and max equal; avg and stddev within the tolerances of the Prometheus comparison.
    static func expectSameStatistics(_ got: [MetricFamily], _ want: [MetricFamily], _ context: String) {
        let got = statistics(got)
        let want = statistics(want)
        #expect(got.keys.sorted() == want.keys.sorted(), "\(context)")
        #expect(got.values.map(\.count).reduce(0, +) >= 14 * 5, "\(context): every series and window")
        for (family, series) in want {
            #expect(got[family]?.keys.sorted() == series.keys.sorted(), "\(context) \(family)")
            for (labels, value) in series {
                let other = got[family]?[labels] ?? .nan
                switch family {
                case "sibyl_window_avg": expectClose(other, value, rtol: 1e-12, "\(context) \(family)\(labels)")
                case "sibyl_window_stddev": expectClose(other, value, rtol: 1e-9, "\(context) \(family)\(labels)")
                default: #expect(other == value, "\(context) \(family)\(labels)")
                }
            }
        }
    }

    @Test("one cycle over VictoriaMetrics gives Prometheus' window statistics; the next reads only what is new")
    func windowStatisticsMatchPrometheus() async throws {
        let time = ServiceFixture.evaluationTime()
        let history = Self.history(endingBefore: time)
        let stale = ServiceFixture.staleSeries(endingBefore: time)
        try await ServiceFixture.withPrometheus(holding: history, at: time) { prometheus in
            try await ServiceFixture.writeRecent(of: OpenMetricsHistory(), to: prometheus, at: time, extra: [stale])
            try await VictoriaMetricsFixture.with { victoria in
                try await victoria.write(Self.series(of: history) + [stale])
                let remoteRead = RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL))
                let export = VictoriaMetricsExportClient(configuration: .init(url: victoria.baseURL))
                var fromPrometheus = EvaluationState(configuration: Self.configuration)
                var fromVictoria = EvaluationState(configuration: Self.configuration)
                for (cycle, at) in [time, time + 60_000].enumerated() {
                    let bytesBefore = fromVictoria.metrics.bytesRead
                    #expect(await fromPrometheus.runCycle(at: at, client: remoteRead) == .succeeded)
                    #expect(await fromVictoria.runCycle(at: at, client: export) == .succeeded)
                    #expect(fromVictoria.store.count == fromPrometheus.store.count)
                    #expect(fromVictoria.metrics.samplesRead > 0)
                    Self.expectSameStatistics(
                        fromVictoria.derivedFamilies, fromPrometheus.derivedFamilies, "cycle \(cycle)")
                    if cycle == 1 {
                        let first = bytesBefore
                        let second = fromVictoria.metrics.bytesRead - bytesBefore
                        #expect(second * 20 < first, "second read \(second) bytes, first \(first)")
                    }
                }
            }
        }
    }

    @Test("a base URL with a path is kept; two selectors matching a series get it once each; stale markers come back")
    func pathPrefixAndOverlappingQueries() async throws {
        try await VictoriaMetricsFixture.with { victoria in
            let labels = [Label("__name__", "m"), Label("job", "a"), Label("x", "1")]
            let now = wallClockMilliseconds() / 1000 * 1000
            let samples = (0..<10).map { Sample(timestamp: now - 60_000 + Int64($0) * 5000, value: Double($0)) }
            try await victoria.write([TimeSeries(labels: labels, samples: samples)])
            let client = VictoriaMetricsExportClient(configuration: .init(url: victoria.baseURL + "/prometheus/"))
            #expect(client.configuration.exportURL == victoria.baseURL + "/prometheus/api/v1/export")
            let queries = [
                RemoteReadQuery(start: now - 60_000, end: now, matchers: [LabelMatcher("job", .equal, "a")]),
                RemoteReadQuery(
                    start: samples[2].timestamp, end: samples[4].timestamp,
                    matchers: [LabelMatcher("__name__", .equal, "m"), LabelMatcher("x", .regexMatch, "1|2")]),
                RemoteReadQuery(start: now - 60_000, end: now, matchers: [LabelMatcher("job", .equal, "none")]),
            ]
            let read = try await client.readAll(queries)
            #expect(read[0] == [TimeSeries(labels: labels, samples: samples)])
            // A staleness marker written to VictoriaMetrics comes back as Prometheus' bit pattern.
            let ended = [Label("__name__", "m"), Label("job", "stale")]
            let marker = Sample(timestamp: now - 1000, value: Sample.staleNaN)
            try await victoria.write([TimeSeries(labels: ended, samples: [samples[0], marker])])
            let stale = try await client.readAll([
                RemoteReadQuery(start: now - 60_000, end: now, matchers: [LabelMatcher("job", .equal, "stale")])
            ])
            #expect(stale[0].first?.samples.last?.value.bitPattern == Sample.staleNaNBits, "\(stale)")
            #expect(read[1] == [TimeSeries(labels: labels, samples: Array(samples[2...4]))], "clipped, ends inclusive")
            #expect(read[2].isEmpty)
            // An error answer is a bounded reason with VictoriaMetrics' text.
            let bad = [RemoteReadQuery(start: 0, end: now, matchers: [LabelMatcher("a", .regexMatch, "(")])]
            do {
                _ = try await client.readAll(bad)
                Issue.record("an invalid regex was accepted")
            } catch let error as RemoteReadError {
                #expect(error.shortDescription == "http_400")
                #expect(error.message.hasPrefix("HTTP 400: ") && error.message.count > 12, "\(error.message)")
            }
        }
    }

    @Test("start and end go as seconds with milliseconds; form values are percent-encoded; the URL's query is kept")
    func requestEncoding() {
        #expect(VictoriaMetricsExportClient.seconds(1_700_000_000_042) == "1700000000.042")
        #expect(VictoriaMetricsExportClient.seconds(999) == "0.999")
        #expect(VictoriaMetricsExportClient.seconds(-5) == "0.000")
        #expect(VictoriaMetricsExportClient.formEncoded(#"up{a=~"x+"}"#) == "up%7Ba%3D~%22x%2B%22%7D")
        func export(_ url: String) -> String { VictoriaMetricsExportClient.Configuration(url: url).exportURL }
        #expect(export("http://vm:8428") == "http://vm:8428/api/v1/export")
        #expect(
            export("http://vmselect:8481/select/0/prometheus/")
                == "http://vmselect:8481/select/0/prometheus/api/v1/export")
        #expect(
            export("https://vm/prometheus?extra_label=t%3Da") == "https://vm/prometheus/api/v1/export?extra_label=t%3Da"
        )
    }
}
