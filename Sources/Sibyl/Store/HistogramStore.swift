package import SibylWire

/// The native histogram series of the source, keyed by label set, each with its samples of the longest window.
///
/// Kept apart from the float series (``SeriesStore``), so that the float analyses never see a histogram. Holds at
/// most `maxSeries` series: a new series beyond the limit is refused and counted. A series with no new sample for
/// longer than the retention is dropped.
package struct HistogramStore: Sendable {
    /// The most series held at once.
    package let maxSeries: Int
    /// The samples of each series, ascending by timestamp.
    package private(set) var series: [[Label]: [HistogramSample]] = [:]
    /// New series refused because of ``maxSeries`` since the store was created.
    package private(set) var refusedSeries = 0

    /// Creates an empty store.
    /// - Parameter maxSeries: the most series held at once.
    package init(maxSeries: Int) {
        self.maxSeries = maxSeries
    }

    /// Number of series held.
    package var count: Int { series.count }

    /// Adds a series' histogram samples, creating the series if there is room; samples that do not come after the
    /// last one held (an overlapping read) are skipped.
    /// - Parameters:
    ///   - labels: the series' labels.
    ///   - samples: its samples, as read.
    /// - Returns: the number of samples stored.
    @discardableResult
    package mutating func ingest(_ labels: [Label], _ samples: [HistogramSample]) -> Int {
        if series[labels] == nil {
            guard series.count < maxSeries else {
                refusedSeries += 1
                return 0
            }
            series[labels] = []
        }
        var last = series[labels]?.last?.timestamp
        let fresh = samples.filter { sample in
            guard last.map({ sample.timestamp > $0 }) ?? true else { return false }
            last = sample.timestamp
            return true
        }
        series[labels, default: []].append(contentsOf: fresh)
        return fresh.count
    }

    /// Keeps only the series for which `isIncluded` holds.
    /// - Returns: how many series were removed.
    @discardableResult
    package mutating func retain(where isIncluded: ([Label]) -> Bool) -> Int {
        let before = series.count
        series = series.filter { isIncluded($0.key) }
        return before - series.count
    }

    /// Drops the samples at or before `now − retention`, and the series left without any.
    /// - Returns: the label sets of the series dropped.
    @discardableResult
    package mutating func expire(now: Int64, retention: Int64) -> [[Label]] {
        let cutoff = now &- retention
        var dropped: [[Label]] = []
        for (labels, samples) in series {
            let kept = samples.drop { $0.timestamp <= cutoff }
            if kept.isEmpty {
                dropped.append(labels)
            } else if kept.count < samples.count {
                series[labels] = Array(kept)
            }
        }
        for labels in dropped { series[labels] = nil }
        return dropped
    }
}
