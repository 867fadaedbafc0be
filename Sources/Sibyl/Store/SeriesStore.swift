package import SibylWire

/// Every source series Sibyl analyses, keyed by label set, each with its ``SeriesBuffer``.
///
/// Holds at most `maxSeries` series, and takes at most `maxBytes` (``bytes``): a new series beyond a limit is refused
/// and counted.
/// A series with no new sample for longer than the retention is dropped.
package struct SeriesStore: Sendable {
    /// One stored series.
    package struct Entry: Sendable {
        /// The full label set, sorted, `__name__` included.
        package let labels: [Label]
        /// The samples.
        package var buffer: SeriesBuffer
    }

    /// A series removed because another one gives the same derived series.
    package struct Collision: Sendable, Hashable {
        /// The removed series' labels.
        package let dropped: [Label]
        /// The labels of the series kept in its place.
        package let kept: [Label]
    }

    /// The most series held at once.
    package let maxSeries: Int
    /// The most bytes the series may take (``bytes``) before new series are refused; `nil` for no bound.
    package let maxBytes: Int?
    /// Memory the series' buffers take: chunk bytes, summaries and indexes (``SeriesBuffer/memoryBytes``).
    package private(set) var bytes = 0
    /// Samples the series' chunks hold.
    package private(set) var samples = 0
    /// The series, by label set.
    package private(set) var entries: [[Label]: Entry] = [:]
    /// New series refused because of ``maxSeries`` or ``maxBytes`` since the store was created.
    package private(set) var refusedSeries = 0
    /// Of ``refusedSeries``, those refused because of ``maxBytes``.
    package private(set) var refusedForBytes = 0
    /// Series dropped because they stopped, since the store was created.
    package private(set) var expiredSeries = 0

    /// Creates an empty store.
    /// - Parameters:
    ///   - maxSeries: the most series held at once.
    ///   - maxBytes: the most bytes the series may take before new ones are refused, `nil` for no bound.
    package init(maxSeries: Int, maxBytes: Int? = nil) {
        self.maxSeries = maxSeries
        self.maxBytes = maxBytes
    }

    /// Number of series held.
    package var count: Int { entries.count }

    /// What the store's series hold: their chunk bytes alone, the memory they take with summaries and indexes
    /// (label sets not counted), and their samples.
    package var footprint: (chunkBytes: Int, bytes: Int, samples: Int) {
        var total = (chunkBytes: 0, bytes: 0, samples: 0)
        for entry in entries.values {
            total.chunkBytes += entry.buffer.chunkBytes
            total.bytes += entry.buffer.memoryBytes
            total.samples += entry.buffer.count
        }
        return total
    }

    /// Adds a series' samples, creating the series if there is room.
    /// - Parameters:
    ///   - series: labels and samples, as read.
    ///   - chunks: the source's XOR chunks that some runs of the samples came from whole (their bytes are kept
    ///     instead of encoding those samples again).
    /// - Returns: the number of values stored (0 when refused or nothing was new).
    @discardableResult
    package mutating func ingest(
        _ series: TimeSeries, chunks: [StreamedResponseDecoder.SourceChunk] = []
    ) -> Int {
        if entries[series.labels] == nil {
            guard entries.count < maxSeries else {
                refusedSeries += 1
                return 0
            }
            if let maxBytes, bytes >= maxBytes {
                refusedSeries += 1
                refusedForBytes += 1
                return 0
            }
            let buffer = SeriesBuffer()
            bytes += buffer.memoryBytes
            entries[series.labels] = Entry(labels: series.labels, buffer: buffer)
        }
        return update(series.labels) { $0.append(series.samples, chunks: chunks) } ?? 0
    }

    /// Changes one series' buffer in place, keeping ``bytes`` and ``samples`` up to date.
    @discardableResult
    private mutating func update<T>(_ labels: [Label], _ change: (inout SeriesBuffer) -> T) -> T? {
        guard let index = entries.index(forKey: labels) else { return nil }
        let before = (entries.values[index].buffer.memoryBytes, entries.values[index].buffer.count)
        let result = change(&entries.values[index].buffer)
        bytes += entries.values[index].buffer.memoryBytes - before.0
        samples += entries.values[index].buffer.count - before.1
        return result
    }

    /// Forgets a series' part of ``bytes`` and ``samples``, as it leaves.
    private mutating func forget(_ entry: Entry) {
        bytes -= entry.buffer.memoryBytes
        samples -= entry.buffer.count
    }

    /// Keeps only the series for which `isIncluded` holds.
    /// - Parameter isIncluded: the test.
    /// - Returns: how many series were removed.
    @discardableResult
    package mutating func retain(where isIncluded: (Entry) -> Bool) -> Int {
        let before = entries.count
        for entry in entries.values where !isIncluded(entry) { forget(entry) }
        entries = entries.filter { isIncluded($0.value) }
        return before - entries.count
    }

    /// Keeps one series of each group with the same `key`: the one whose label set sorts first, so that the same
    /// series wins whatever order the reads delivered them in.
    /// - Parameter key: what must be unique, such as ``SourceLabels/collisionKey(_:)``.
    /// - Returns: the series removed, ordered by label set.
    @discardableResult
    package mutating func removeCollisions<Key: Hashable>(by key: ([Label]) -> Key) -> [Collision] {
        var groups: [Key: [[Label]]] = [:]
        for labels in entries.keys { groups[key(labels), default: []].append(labels) }
        var collisions: [Collision] = []
        for members in groups.values where members.count > 1 {
            let sorted = members.sorted { $0.lexicographicallyPrecedes($1) }
            for dropped in sorted.dropFirst() {
                if let entry = entries[dropped] { forget(entry) }
                entries[dropped] = nil
                collisions.append(Collision(dropped: dropped, kept: sorted[0]))
            }
        }
        return collisions.sorted { $0.dropped.lexicographicallyPrecedes($1.dropped) }
    }

    /// Trims every buffer to `(now − retention, …]` and drops series not seen for longer than `retention`.
    /// - Parameters:
    ///   - now: the evaluation time in milliseconds.
    ///   - retention: the longest window in milliseconds.
    /// - Returns: the label sets dropped.
    @discardableResult
    package mutating func expire(now: Int64, retention: Int64) -> [[Label]] {
        let cutoff = now &- retention
        var dropped: [[Label]] = []
        for (key, entry) in entries {
            if (entry.buffer.lastSeen ?? .min) <= cutoff {
                dropped.append(key)
            }
        }
        for key in dropped {
            if let entry = entries[key] { forget(entry) }
            entries[key] = nil
        }
        expiredSeries += dropped.count
        for key in Array(entries.keys) { update(key) { $0.trim(through: cutoff) } }
        return dropped
    }
}
