import Foundation
import SibylTestSupport

/// Native-histogram answers of a real Prometheus' JSON query API (`/api/v1/query`).
struct PromQLHistograms {
    /// A histogram of an instant-vector answer: `buckets` as the API lists them, `[rule, lower, upper, count]`.
    struct Histogram {
        struct Bucket: CustomStringConvertible {
            var lower: Double
            var upper: Double
            var count: Double
            var description: String { "[\(lower), \(upper)]: \(count)" }
        }

        var count: Double
        var sum: Double
        var buckets: [Bucket]

        /// `histogram_quantile(q, h)` by Prometheus 3's documented rule: the bucket where the rank `q·count` falls
        /// (buckets in ascending order), interpolated linearly in the zero bucket (the one containing 0) and
        /// exponentially in the others: `lower·(upper/lower)^f` for a positive bucket, the mirror image for a
        /// negative one, `f` being the rank's share of the bucket's count.
        func quantile(_ q: Double) -> Double {
            let rank = q * count
            var below = 0.0
            for bucket in buckets.sorted(by: { $0.lower < $1.lower }) where bucket.count > 0 {
                guard below + bucket.count >= rank else {
                    below += bucket.count
                    continue
                }
                let fraction = (rank - below) / bucket.count
                if bucket.lower <= 0 && bucket.upper >= 0 {
                    return bucket.lower + (bucket.upper - bucket.lower) * fraction
                }
                return bucket.lower * pow(bucket.upper / bucket.lower, fraction)
            }
            return .nan
        }
    }

    var baseURL: String

    /// The JSON result of `query` at `time` (milliseconds; the wall clock when `nil`).
    func result(_ query: String, at time: Int64?) async throws -> [[String: Any]] {
        try await PrometheusFixture.jsonResult(
            baseURL: baseURL, "/api/v1/query", query,
            time.map { [URLQueryItem(name: "time", value: String(format: "%.3f", Double($0) / 1000))] } ?? [])
    }

    /// Waits until the series `name` holds `count` histogram samples in the last minute, and returns the last
    /// one's timestamp in milliseconds.
    func waitForSamples(_ name: String, count: Int, timeout: Double) async throws -> Int64 {
        let deadline = Date().addingTimeInterval(timeout)
        var seen = 0
        while Date() < deadline {
            let samples = try await result("\(name)[1m]", at: nil).first?["histograms"] as? [[Any]] ?? []
            seen = samples.count
            if seen >= count, let last = (samples.last?.first as? NSNumber)?.doubleValue {
                return Int64((last * 1000).rounded())
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw FixtureError("\(name): \(seen) histogram samples after \(timeout) s, want \(count)")
    }

    /// The one float value `query` answers at `time`.
    func scalar(_ query: String, at time: Int64) async throws -> Double {
        let series = try await result(query, at: time)
        guard series.count == 1, let value = series[0]["value"] as? [Any], value.count == 2,
            let text = value[1] as? String
        else { throw FixtureError("\(query): want one float sample, got \(series)") }
        switch text {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let number = Double(text) else { throw FixtureError("\(query): bad value \(text)") }
            return number
        }
    }

    /// The one histogram `query` answers at `time`.
    func histogram(_ query: String, at time: Int64) async throws -> Histogram {
        let series = try await result(query, at: time)
        guard series.count == 1, let pair = series[0]["histogram"] as? [Any], pair.count == 2,
            let fields = pair[1] as? [String: Any], let count = (fields["count"] as? String).flatMap(Double.init),
            let sum = (fields["sum"] as? String).flatMap(Double.init)
        else { throw FixtureError("\(query): want one histogram, got \(series)") }
        let buckets = try (fields["buckets"] as? [[Any]] ?? []).map { entry in
            guard entry.count == 4, let lower = (entry[1] as? String).flatMap(Double.init),
                let upper = (entry[2] as? String).flatMap(Double.init),
                let count = (entry[3] as? String).flatMap(Double.init)
            else { throw FixtureError("\(query): bad bucket \(entry)") }
            return Histogram.Bucket(lower: lower, upper: upper, count: count)
        }
        return Histogram(count: count, sum: sum, buckets: buckets)
    }
}
