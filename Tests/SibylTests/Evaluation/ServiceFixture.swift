import Foundation
import Sibyl
import SibylTestSupport
import SibylWire

/// 12 h of deterministic 5 s series of several shapes, ending just before `end`, for end-to-end tests.
enum ServiceFixture {
    static let step: Int64 = 5000
    static let windows: [Int64] = [3_600_000, 3 * 3_600_000, 12 * 3_600_000]

    /// A whole second, a few seconds in the past: histories end before it.
    static func evaluationTime() -> Int64 {
        (wallClockMilliseconds() / 1000 - 5) * 1000 + 500
    }

    static func history(endingBefore time: Int64) -> OpenMetricsHistory {
        let count = Int(12 * 3_600_000 / step)
        let last = (time / step) * step - step
        let first = last - Int64(count - 1) * step
        func series(_ name: String, _ shape: String, _ value: (Int) -> Double?) -> OpenMetricsHistory.Series {
            var samples: [(Int64, Double)] = []
            for index in 0..<count {
                guard let v = value(index) else { continue }
                samples.append((first + Int64(index) * step, v))
            }
            return OpenMetricsHistory.Series(
                name: name, labels: [("job", "fixture"), ("shape", shape)], samples: samples)
        }
        var counter = 1_234_567_890.0
        return OpenMetricsHistory(series: [
            series("sibyl_e2e_gauge", "sine") { 50 + 20 * sin(Double($0) * 2 * .pi / 720) + Double($0 % 7) / 10 },
            series("sibyl_e2e_packets_total", "counter_reset") { index in
                if index == count - 300 { counter = 17 }
                counter += Double((index * 7919) % 23)
                return counter
            },
            series("sibyl_e2e_gauge", "gaps") { index in (index / 240) % 4 == 1 ? nil : Double((index * 31) % 101) },
            series("sibyl_e2e_gauge", "stops_2h_early") { index in index < count - 1440 ? Double(index % 50) : nil },
            series("sibyl_e2e_bytes", "big") { 2.1e9 + Double(($0 * 4099) % 997) * 4096 },
        ])
    }

    /// A series remote-written into the head that ends with a stale marker 10 minutes before `time`.
    static func staleSeries(endingBefore time: Int64) -> TimeSeries {
        let last = (time / step) * step - 600_000
        var samples = (0..<240).map { Sample(timestamp: last - Int64(240 - $0) * step, value: Double($0 % 9)) }
        samples.append(Sample(timestamp: last, value: Sample.staleNaN))
        return TimeSeries(
            labels: [Label("__name__", "sibyl_e2e_gauge"), Label("job", "fixture"), Label("shape", "stale")],
            samples: samples)
    }

    /// Samples newer than this go through remote write into the head; older ones are pre-filled as blocks
    /// (Prometheus refuses appends older than its newest block).
    static func split(_ time: Int64) -> Int64 { time - 55 * 60_000 }

    /// The part of the history pre-filled as TSDB blocks.
    static func blocks(endingBefore time: Int64) -> OpenMetricsHistory {
        blocks(of: history(endingBefore: time), before: time)
    }

    /// The samples of `history` old enough to be pre-filled as TSDB blocks at evaluation time `time`.
    static func blocks(of history: OpenMetricsHistory, before time: Int64) -> OpenMetricsHistory {
        var history = history
        for index in history.series.indices {
            history.series[index].samples.removeAll { $0.0 > split(time) }
        }
        history.series.removeAll { $0.samples.isEmpty }
        return history
    }

    /// Writes the recent part of the history and the stale-marker series into the running server.
    static func writeRecent(to prometheus: PrometheusFixture, endingBefore time: Int64) async throws {
        try await writeRecent(
            of: history(endingBefore: time), to: prometheus, at: time, extra: [staleSeries(endingBefore: time)])
    }

    /// Remote-writes the samples of `history` newer than the block split, and `extra`, into the running server.
    static func writeRecent(
        of history: OpenMetricsHistory, to prometheus: PrometheusFixture, at time: Int64, extra: [TimeSeries] = []
    ) async throws {
        var series = extra
        for one in history.series {
            let recent = one.samples.filter { $0.0 > split(time) }.map { Sample(timestamp: $0.0, value: $0.1) }
            guard !recent.isEmpty else { continue }
            series.append(
                TimeSeries(
                    labels: [Label("__name__", one.name)] + one.labels.map { Label($0.0, $0.1) }, samples: recent))
        }
        let response = try await TestHTTP.send(
            prometheus.remoteWriteURL, method: "POST",
            headers: ["Content-Encoding": "snappy", "Content-Type": "application/x-protobuf"],
            body: Data(RemoteWriteRequest(series: series).encoded()))
        guard response.status / 100 == 2 else { throw FixtureError("remote write failed: \(response.text)") }
    }

    /// Runs `body` against a Prometheus holding the whole fixture history at evaluation time `time`.
    static func withPrometheus<T>(
        at time: Int64, port: Int? = nil, _ body: (PrometheusFixture) async throws -> T
    ) async throws -> T {
        try await PrometheusFixture.with(history: blocks(endingBefore: time), port: port) { prometheus in
            try await writeRecent(to: prometheus, endingBefore: time)
            return try await body(prometheus)
        }
    }

    /// Runs `body` against a Prometheus holding `history` (samples up to evaluation time `time`) and scraping
    /// `scrapeTargets` every `scrapeInterval`, started with the extra `flags`.
    static func withPrometheus<T>(
        holding history: OpenMetricsHistory, at time: Int64, scrapeTargets: [PrometheusFixture.ScrapeTarget] = [],
        scrapeInterval: String = "5s", flags: [String] = [], _ body: (PrometheusFixture) async throws -> T
    ) async throws -> T {
        try await PrometheusFixture.with(
            history: blocks(of: history, before: time), scrapeTargets: scrapeTargets, scrapeInterval: scrapeInterval,
            flags: flags
        ) { prometheus in
            try await writeRecent(of: history, to: prometheus, at: time)
            return try await body(prometheus)
        }
    }
}
