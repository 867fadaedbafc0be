package import SibylWire

/// The series an objective with `divide_by` judges: each selected series divided, sample by sample, by its divisor.
///
/// The divisor of a series is the one series of the divisor selector whose labels, `__name__` left out, equal the
/// series' own: PromQL's default one-to-one matching of `a / b` (on every label but the metric name), which is what
/// `node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes` needs. A series with no such divisor, or with more
/// than one (PromQL's "found duplicate series for the match group"), is left out and listed in ``skipped``.
///
/// At each sample time t of the series, the divisor's value is its latest sample at or before t, at most
/// ``lookback`` older (PromQL's default lookback delta, as an instant query at t would take it), and none once the
/// divisor ended with a stale marker. A time without a divisor value, or where it is 0, gives no point.
package struct ObjectiveRatio: Sendable {
    /// Why a selected series has no ratio.
    package enum SkipReason: String, Sendable, Hashable {
        /// No divisor series has the same labels.
        case noDivisor = "no_divisor"
        /// Several divisor series have the same labels (the divisor selector matches several metric names).
        case ambiguousDivisor = "ambiguous_divisor"

        /// The reason explained, for the logs.
        package var message: String {
            switch self {
            case .noDivisor: "no divide_by series has the same labels but the metric name"
            case .ambiguousDivisor: "several divide_by series have the same labels but the metric name"
            }
        }
    }

    /// A selected series left out, and why.
    package struct Skip: Sendable, Hashable {
        /// The series' labels.
        package var labels: [Label]
        /// Why it has no ratio.
        package var reason: SkipReason
    }

    /// How far back the divisor's latest sample may lie: 5 minutes, PromQL's default `lookback-delta`.
    package static let lookback: Int64 = 300_000

    /// The ratio series, with the labels of the series divided (its metric name included).
    package private(set) var entries: [SeriesStore.Entry] = []
    /// The selected series left out.
    package private(set) var skipped: [Skip] = []

    /// Divides every series of `numerators` by its divisor among `divisors`.
    /// - Parameters:
    ///   - numerators: the series the objective's selector matches.
    ///   - divisors: the series its `divide_by` matches.
    package init(numerators: [SeriesStore.Entry], divisors: [SeriesStore.Entry]) {
        var byLabels: [[Label]: [SeriesStore.Entry]] = [:]
        for divisor in divisors { byLabels[Self.matchingLabels(divisor.labels), default: []].append(divisor) }
        for numerator in numerators {
            let candidates = byLabels[Self.matchingLabels(numerator.labels)] ?? []
            guard let divisor = candidates.first else {
                skipped.append(Skip(labels: numerator.labels, reason: .noDivisor))
                continue
            }
            guard candidates.count == 1 else {
                skipped.append(Skip(labels: numerator.labels, reason: .ambiguousDivisor))
                continue
            }
            entries.append(
                SeriesStore.Entry(labels: numerator.labels, buffer: Self.divide(numerator.buffer, by: divisor.buffer)))
        }
    }

    /// The labels a series is matched on: all of them but `__name__`.
    static func matchingLabels(_ labels: [Label]) -> [Label] {
        labels.filter { $0.name != "__name__" }
    }

    /// `numerator / divisor` at each of the numerator's sample times, as described on the type.
    /// - Parameters:
    ///   - numerator: the series divided.
    ///   - divisor: its divisor.
    /// - Returns: the ratio's samples.
    static func divide(_ numerator: SeriesBuffer, by divisor: SeriesBuffer) -> SeriesBuffer {
        let series = numerator.heldSamples
        let divisors = divisor.heldSamples
        var samples: [Sample] = []
        samples.reserveCapacity(series.timestamps.count)
        // The divisor's stale marker, when its newest sample was one: no value at or after it.
        let end = divisor.isStale ? divisor.lastSeen : nil
        var next = 0
        for (time, numeratorValue) in zip(series.timestamps, series.values) {
            while next < divisors.timestamps.count, divisors.timestamps[next] <= time { next += 1 }
            guard next > 0, end.map({ time < $0 }) ?? true else { continue }
            let latest = next - 1
            let value = divisors.values[latest]
            guard time - divisors.timestamps[latest] <= lookback, value != 0 else { continue }
            samples.append(Sample(timestamp: time, value: numeratorValue / value))
        }
        var buffer = SeriesBuffer()
        buffer.append(samples)
        return buffer
    }
}
