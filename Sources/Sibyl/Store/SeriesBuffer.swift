package import SibylWire

/// The samples of one series inside the longest window, oldest first, as parallel arrays.
///
/// Appends keep only samples newer than the newest one seen, so overlapping reads are
/// de-duplicated. Stale markers end the series: they advance ``lastSeen`` but are not values.
package struct SeriesBuffer: Sendable {
    /// Sample times in milliseconds, ascending (from ``startIndex``).
    package private(set) var timestamps: [Int64] = []
    /// Sample values, one per timestamp.
    package private(set) var values: [Double] = []
    /// Index of the oldest sample still in the window.
    package private(set) var startIndex = 0
    /// The newest timestamp seen, stale markers included; `nil` before the first sample.
    package private(set) var lastSeen: Int64?
    /// Whether the newest sample seen was a stale marker (the series has ended for now).
    package private(set) var isStale = false

    /// Creates an empty buffer.
    package init() {}

    /// Number of samples held.
    package var count: Int { timestamps.count - startIndex }

    /// Appends the samples newer than ``lastSeen``; stale markers are recorded, not stored.
    /// - Parameter samples: samples in ascending time.
    /// - Returns: how many values were stored.
    @discardableResult
    package mutating func append(_ samples: [Sample]) -> Int {
        var stored = 0
        for sample in samples where lastSeen.map({ sample.timestamp > $0 }) ?? true {
            lastSeen = sample.timestamp
            if sample.isStaleMarker {
                isStale = true
                continue
            }
            isStale = false
            timestamps.append(sample.timestamp)
            values.append(sample.value)
            stored += 1
        }
        return stored
    }

    /// Forgets the samples at or before `cutoff`, compacting storage when most of it is dead.
    /// - Parameter cutoff: the newest timestamp to drop.
    package mutating func trim(through cutoff: Int64) {
        startIndex = firstIndex(after: cutoff)
        if startIndex > 4096 && startIndex * 2 > timestamps.count {
            timestamps.removeSubrange(0..<startIndex)
            values.removeSubrange(0..<startIndex)
            startIndex = 0
        }
    }

    /// The values with timestamps in `(end − length, end]`.
    /// - Parameters:
    ///   - end: the window's inclusive end (the evaluation time).
    ///   - length: the window length in milliseconds.
    /// - Returns: the window's values, oldest first.
    package func window(endingAt end: Int64, length: Int64) -> ArraySlice<Double> {
        let lower = firstIndex(after: end &- length)
        let upper = firstIndex(after: end)
        return values[lower..<max(lower, upper)]
    }

    /// The samples with timestamps in `(end − length, end]`, as parallel arrays.
    /// - Parameters:
    ///   - end: the window's inclusive end (the evaluation time).
    ///   - length: the window length in milliseconds.
    /// - Returns: the window's timestamps and values, oldest first.
    package func samples(endingAt end: Int64, length: Int64) -> (timestamps: [Int64], values: [Double]) {
        let lower = firstIndex(after: end &- length)
        let upper = max(lower, firstIndex(after: end))
        return (Array(timestamps[lower..<upper]), Array(values[lower..<upper]))
    }

    /// The index of the first held sample with a timestamp greater than `time`.
    func firstIndex(after time: Int64) -> Int {
        var low = startIndex
        var high = timestamps.count
        while low < high {
            let middle = (low + high) / 2
            if timestamps[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
