import SibylAnalysis
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

@testable import Sibyl

extension ErrorBudgetLedgerTests {
    /// The bucket bounds of the constructed classic histograms.
    static let bounds: [Double] = [0.1, 0.3, 1, .infinity]

    /// 6 h of a classic histogram scraped every 15 s for jobs api and web: 10 requests per scrape, all under 0.1 s,
    /// but in api's bad minutes 4 of the 10 take between 0.3 s and 1 s. A counter restart at minute 180 (api).
    static func classicLatency(badMinutes: Range<Int64>) -> SeriesStore {
        var store = SeriesStore(maxSeries: 20)
        for job in ["api", "web"] {
            var counts = [0.0, 0, 0, 0]
            var series: [[Sample]] = Array(repeating: [], count: bounds.count)
            for index in 0...1440 {
                let time = start + Int64(index) * 15_000
                let minute = (time - start - 1) / 60_000
                if job == "api" && index == 720 { counts = [0, 0, 0, 0] }
                let slow = job == "api" && index > 0 && badMinutes.contains(minute) ? 4.0 : 0
                // Cumulative buckets: le=0.1 gets the fast ones, le=1 and +Inf all of them.
                counts[0] += 10 - slow
                counts[1] += 10 - slow
                counts[2] += 10
                counts[3] += 10
                for bucket in bounds.indices { series[bucket].append(Sample(timestamp: time, value: counts[bucket])) }
            }
            for (bucket, samples) in series.enumerated() {
                let le = bounds[bucket] == .infinity ? "+Inf" : GoFloatFormat.string(bounds[bucket])
                store.ingest(
                    TimeSeries(
                        labels: [
                            Label("__name__", "http_request_duration_seconds_bucket"), Label("job", job),
                            Label("le", le),
                        ],
                        samples: samples))
            }
        }
        return store
    }

    /// The same requests as native histograms of schema 0: fast ones in the bucket (0.125, 0.25] (index −2), slow
    /// ones in (1, 2] (index 1); the api counter restarts at minute 180.
    static func nativeLatency(badMinutes: Range<Int64>) -> HistogramStore {
        var store = HistogramStore(maxSeries: 10)
        for job in ["api", "web"] {
            var fast = 0.0
            var slow = 0.0
            var samples: [HistogramSample] = []
            for index in 0...1440 {
                let time = start + Int64(index) * 15_000
                let minute = (time - start - 1) / 60_000
                if job == "api" && index == 720 { (fast, slow) = (0, 0) }
                let bad = job == "api" && index > 0 && badMinutes.contains(minute) ? 4.0 : 0
                fast += 10 - bad
                slow += bad
                let histogram = NativeHistogram(
                    schema: 0, count: fast + slow, sum: fast * 0.2 + slow * 1.5,
                    positiveSpans: [BucketSpan(offset: -2, length: 4)], positiveBuckets: [fast, 0, 0, slow])
                samples.append(HistogramSample(timestamp: time, histogram: histogram))
            }
            store.ingest([Label("__name__", "http_request_duration_seconds"), Label("job", job)], samples)
        }
        return store
    }

    static func latencyObjective(threshold: Double) throws -> ObjectiveSpecification {
        let histogram = try SeriesSelector(parsing: "http_request_duration_seconds")
        return ObjectiveSpecification(
            name: "api-latency", selector: histogram, range: nil, isRate: false, windows: [hour],
            budget: try ObjectiveBudget(target: 0.99),
            latency: try LatencyIndicator(histogram: histogram, threshold: threshold), by: ["job"])
    }

    @Test(
        "a latency objective's SLI, burn rate and budget are exact on known slow minutes, across restarts",
        arguments: [false, true])
    func latencyKnownBadMinutes(native: Bool) async throws {
        // From classic buckets (native = false) or native histograms, across a counter restart and one of Sibyl.
        let store = native ? SeriesStore(maxSeries: 1) : Self.classicLatency(badMinutes: 120..<130)
        let histograms = native ? Self.nativeLatency(badMinutes: 120..<130) : HistogramStore(maxSeries: 0)
        let specification = try Self.latencyObjective(threshold: native ? 0.5 : 0.3)
        let persisted = Archived()
        var ledger = try Self.ledger(step: 15_000, persisted: persisted)
        var families: [MetricFamily] = []
        for minute in Int64(1)...360 {
            if minute == 200 {
                ledger = try Self.ledger(step: 15_000, persisted: persisted)
                ledger.restore(persisted.rows.withLock { $0 })
            }
            families = await ledger.record(
                [specification], store: store, histograms: histograms, at: Self.start + minute * 60_000)
        }
        // Up to 359m30s: 1,438 scrapes of 10 requests after the first, 10 bad minutes of 4 slow ones per scrape;
        // the restart at scrape 720 counts its own 10 (fast) requests.
        let slow = 10.0 * 4 * 4
        let total = 1438.0 * 10
        let labels = ["objective": "api-latency", "job": "api"]
        try Self.expectLongWindows(families, labels, bad: slow, total: total)
        #expect(Self.value(families, "sibyl_slo_sli", labels.merging(["window": "1h"]) { $1 }) == 1)
        let remaining = try #require(Self.value(families, "sibyl_slo_error_budget_remaining", labels))
        expectClose(remaining, 1 - slow / total / 0.01, rtol: 1e-12, "remaining")
        let web = ["objective": "api-latency", "job": "web"]
        #expect(Self.value(families, "sibyl_slo_error_budget_remaining", web) == 1)
        // During the slow minutes: 4 of 10 requests per scrape are slow.
        let ledgerDuring = try Self.ledger(step: 15_000)
        var during: [MetricFamily] = []
        for minute in Int64(1)...128 {
            during = await ledgerDuring.record(
                [specification], store: store, histograms: histograms, at: Self.start + minute * 60_000)
        }
        let fiveMinutes = try #require(Self.value(during, "sibyl_slo_sli", labels.merging(["window": "5m"]) { $1 }))
        expectClose(fiveMinutes, 0.6, rtol: 1e-12, "5m during the slow minutes")
    }

    @Test("a threshold between two classic bounds is interpolated linearly, as PromQL interpolates a bucket")
    func classicInterpolation() async throws {
        let store = Self.classicLatency(badMinutes: 0..<10_000)
        // 0.65 lies halfway between the bounds 0.3 and 1: half of the 4 slow requests per scrape count as good.
        let ledger = try Self.ledger(step: 15_000)
        var families: [MetricFamily] = []
        for minute in Int64(1)...30 {
            families = await ledger.record(
                [try Self.latencyObjective(threshold: 0.65)], store: store, at: Self.start + minute * 60_000)
        }
        let sli = try #require(
            Self.value(families, "sibyl_slo_sli", ["objective": "api-latency", "job": "api", "window": "5m"]))
        expectClose(sli, 0.8, rtol: 1e-12, "5m")
    }
}
