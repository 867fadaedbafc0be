import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct RemoteReadClientTests {
    /// The end of the generated history: a whole minute, safely in the past.
    static let end: Int64 = (Int64(Date().timeIntervalSince1970 * 1000) / 60_000 - 2) * 60_000
    static let step: Int64 = 5000
    static let hours: Int64 = 12

    /// 12 h of 5 s samples in several shapes: a sine gauge, a counter with a reset, a huge
    /// gauge, a tiny gauge, a series with NaN and ±Inf values, and one with gaps and jitter.
    static func history() -> OpenMetricsHistory {
        let count = Int(hours * 3_600_000 / step)
        let start = end - Int64(count - 1) * step
        var random = SeededRandom(seed: 0x5eed_1000)
        func series(_ shape: String, _ value: (Int) -> Double?) -> OpenMetricsHistory.Series {
            var samples: [(Int64, Double)] = []
            for index in 0..<count {
                guard let v = value(index) else { continue }
                let jitter = shape == "gappy" ? Int64.random(in: -3...3, using: &random) : 0
                samples.append((start + Int64(index) * step + jitter, v))
            }
            return OpenMetricsHistory.Series(
                name: "sibyl_test_value", labels: [("shape", shape), ("job", "fixture")], samples: samples)
        }
        var counter = 0.0
        return OpenMetricsHistory(series: [
            series("sine") { 50 + 20 * sin(Double($0) * 2 * .pi / 720) },
            series("counter") { index in
                if index == 4000 { counter = 0 }
                counter += Double(index % 13)
                return counter
            },
            series("huge") { 2.5e12 + Double($0 % 97) * 4096 },
            series("tiny") { 3e-5 + Double($0 % 11) * 1e-7 },
            series("special") { index in
                switch index % 50 {
                case 7: .nan
                case 8: .infinity
                case 9: -.infinity
                default: Double(index) / 3
                }
            },
            series("gappy") { index in (index / 100) % 5 == 2 ? nil : Double(index % 17) },
        ])
    }

    static let matchers = [LabelMatcher("__name__", .equal, "sibyl_test_value")]

    static func read(
        _ prometheus: PrometheusFixture, _ type: RemoteReadResponseType, range: ClosedRange<Int64>
    )
        async throws -> [TimeSeries]
    {
        let client = RemoteReadClient(
            configuration: .init(url: prometheus.remoteReadURL, timeout: .seconds(300), acceptedResponseTypes: [type]))
        let query = RemoteReadQuery(start: range.lowerBound, end: range.upperBound, matchers: matchers)
        var chosen: RemoteReadResponseType?
        var series: [TimeSeries] = []
        let summary = try await client.read([query]) { series.append($0.series) }
        chosen = summary.responseType
        #expect(chosen == type)
        #expect(summary.series == series.count)
        return series.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
    }

    @Test("SAMPLES and STREAMED_XOR_CHUNKS return identical series, equal to the JSON API's metric[window]")
    func bothResponseTypesMatchTheJSONAPI() async throws {
        let history = Self.history()
        try await PrometheusFixture.with(history: history) { prometheus in
            for window: Int64 in [3_600_000, 3 * 3_600_000, 12 * 3_600_000] {
                let range = (Self.end - window)...Self.end
                let samples = try await Self.read(prometheus, .samples, range: range)
                let streamed = try await Self.read(prometheus, .streamedXORChunks, range: range)
                #expect(samples.count == 6)
                #expect(samples == streamed)

                let json = try await prometheus.query("sibyl_test_value[\(window / 1000)s]", at: Self.end)
                #expect(json.count == samples.count)
                for series in samples {
                    let shape = series.label("shape")
                    guard let match = json.first(where: { $0.labels["shape"] == shape }) else {
                        Issue.record("JSON API lacks shape \(shape ?? "?")")
                        continue
                    }
                    #expect(match.points.map(\.0) == series.samples.map(\.timestamp))
                    let same = zip(match.points, series.samples).allSatisfy { point, sample in
                        point.1.isNaN ? sample.value.isNaN : point.1.bitPattern == sample.value.bitPattern
                    }
                    #expect(same, "values differ for shape \(shape ?? "?")")
                }
            }
        }
    }

    @Test("what was pre-filled is read back bit for bit")
    func readsTheHistoryExactly() async throws {
        let history = Self.history()
        try await PrometheusFixture.with(history: history) { prometheus in
            let series = try await Self.read(prometheus, .streamedXORChunks, range: Int64.min / 2...Self.end)
            for written in history.series {
                let shape = written.labels.first { $0.0 == "shape" }?.1
                let read = series.first { $0.label("shape") == shape }
                #expect(read?.samples.count == written.samples.count)
                let same = zip(read?.samples ?? [], written.samples).allSatisfy {
                    $0.timestamp == $1.0 && ($1.1.isNaN ? $0.value.isNaN : $0.value.bitPattern == $1.1.bitPattern)
                }
                #expect(same, "shape \(shape ?? "?") differs")
            }
        }
    }

    @Test("a stale marker written by remote write comes back with its exact bits through both response types")
    func staleMarkerThroughBothTypes() async throws {
        try await PrometheusFixture.with { prometheus in
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let written = TimeSeries(
                labels: [Label("__name__", "sibyl_rw_test"), Label("job", "rw")],
                samples: [
                    Sample(timestamp: now - 3000, value: 1.5), Sample(timestamp: now - 2000, value: -0.0),
                    Sample(timestamp: now - 1000, value: Sample.staleNaN),
                ])
            let response = try await TestHTTP.send(
                prometheus.remoteWriteURL, method: "POST",
                headers: [
                    "Content-Encoding": "snappy", "Content-Type": "application/x-protobuf",
                    "X-Prometheus-Remote-Write-Version": "0.1.0",
                ],
                body: Data(RemoteWriteRequest(series: [written]).encoded()))
            #expect(response.status == 204, "\(response.text)")
            let matchers = [LabelMatcher("__name__", .equal, "sibyl_rw_test")]
            for type in RemoteReadResponseType.allCases {
                let client = RemoteReadClient(
                    configuration: .init(
                        url: prometheus.remoteReadURL, timeout: .seconds(300), acceptedResponseTypes: [type]))
                let result = try await client.read([RemoteReadQuery(start: now - 10_000, end: now, matchers: matchers)])
                #expect(result.first?.first?.samples.last?.isStaleMarker == true)
                #expect(result.first?.first?.samples.first == Sample(timestamp: now - 3000, value: 1.5))
            }
        }
    }

    @Test(
        "live node exporter data: both response types return identical series",
        .enabled(if: TestBinaries.runnable(.nodeExporter)))
    func liveNodeExporter() async throws {
        try await NodeExporterFixture.with { exporter in
            let target = PrometheusFixture.ScrapeTarget(job: "node", address: exporter.address)
            try await PrometheusFixture.with(scrapeTargets: [target], scrapeInterval: "1s") { prometheus in
                let matchers = [
                    LabelMatcher("job", .equal, "node"),
                    LabelMatcher("__name__", .regexMatch, "node_(cpu_seconds_total|memory_.*_bytes|load1)"),
                ]
                var results: [RemoteReadResponseType: [TimeSeries]] = [:]
                for _ in 0..<100 {
                    let now = Int64(Date().timeIntervalSince1970 * 1000)
                    // A fixed, past range so that both reads see the same samples.
                    let query = RemoteReadQuery(start: now - 60_000, end: now - 500, matchers: matchers)
                    for type in RemoteReadResponseType.allCases {
                        let client = RemoteReadClient(
                            configuration: .init(
                                url: prometheus.remoteReadURL, timeout: .seconds(300), acceptedResponseTypes: [type]))
                        results[type] = try await client.read([query])[0].sorted {
                            $0.labels.lexicographicallyPrecedes($1.labels)
                        }
                    }
                    if let series = results[.samples], series.count > 10, series.allSatisfy({ $0.samples.count >= 3 }) {
                        break
                    }
                    try await Task.sleep(for: .milliseconds(500))
                }
                #expect((results[.samples]?.count ?? 0) > 10)
                #expect(results[.samples] == results[.streamedXORChunks])
            }
        }
    }

    @Test("a server error is reported with its status and text, not decoded as snappy")
    func serverError() async throws {
        try await PrometheusFixture.with { prometheus in
            let client = RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL))
            let bad = RemoteReadQuery(start: 0, end: 1, matchers: [LabelMatcher("__name__", .regexMatch, "(")])
            do {
                _ = try await client.read([bad])
                Issue.record("expected an error")
            } catch let error as RemoteReadError {
                #expect(error.httpStatus == 500)
                #expect(error.message.contains("error parsing regexp"))
                #expect(error.shortDescription == "http_500")
            }
        }
    }

    @Test("an unreachable server is a transport error")
    func unreachable() async throws {
        let port = try FreePort.next()
        let client = RemoteReadClient(
            configuration: .init(url: "http://127.0.0.1:\(port)/api/v1/read", timeout: .seconds(5)))
        do {
            _ = try await client.read([RemoteReadQuery(start: 0, end: 1, matchers: Self.matchers)])
            Issue.record("expected an error")
        } catch let error as RemoteReadError {
            #expect(error.shortDescription == "unreachable")
        }
    }
}
