package import SibylWire

/// One request's worth of samples from consecutive archived cycles, each at its cycle's evaluation time T.
package struct RemoteWriteBatch: Sendable {
    /// One sample of a derived series, as `/metrics` showed it.
    package struct Entry: Sendable {
        /// The cycle's evaluation time T, in Unix milliseconds.
        package var time: Int64
        /// The family's name, the series' `__name__`.
        package var name: String
        /// The family's type.
        package var kind: MetricFamily.Kind
        /// The family's HELP text.
        package var help: String
        /// The series' labels, without `__name__`.
        package var labels: RenderedLabels
        /// The value.
        package var value: Double
    }

    /// The samples, cycle after cycle.
    package var entries: [Entry] = []
    /// The newest cycle whose every sample is in this batch or an earlier one, `nil` when the batch ends inside
    /// the first cycle it holds: the cursor moves there once the batch is acknowledged.
    package var completedThrough: Int64?

    /// Whether the batch has samples to send.
    package var isEmpty: Bool { entries.isEmpty }
    /// The newest sample time, `nil` when empty.
    package var newestTime: Int64? { entries.last?.time }
}

/// Cuts the archived cycles into batches of at most `maxSamples` samples: a batch holds whole cycles when they fit,
/// and a cycle larger than a batch is split over several.
package struct RemoteWriteBatcher: Sendable {
    /// The most samples a batch holds.
    package let maxSamples: Int
    private var current = RemoteWriteBatch()

    /// Creates a batcher.
    /// - Parameter maxSamples: the most samples a batch holds (at least 1).
    package init(maxSamples: Int) {
        self.maxSamples = max(1, maxSamples)
    }

    /// Adds a cycle's samples.
    /// - Parameter snapshot: the archived cycle.
    /// - Returns: the batches it filled, oldest first.
    package mutating func add(_ snapshot: CycleSnapshot) -> [RemoteWriteBatch] {
        var full: [RemoteWriteBatch] = []
        for family in snapshot.families {
            let name = family.name.rawValue
            for sample in family.samples {
                current.entries.append(
                    RemoteWriteBatch.Entry(
                        time: snapshot.time, name: name, kind: family.kind, help: family.help, labels: sample.labels,
                        value: sample.value))
                if current.entries.count >= maxSamples {
                    full.append(current)
                    current = RemoteWriteBatch()
                }
            }
        }
        // The cycle is complete: the batch holding its last sample (the one being filled) completes it.
        if current.entries.isEmpty, let last = full.indices.last {
            full[last].completedThrough = snapshot.time
        } else {
            current.completedThrough = snapshot.time
        }
        return full
    }

    /// The batch being filled, if it has samples or completes a cycle; the batcher starts afresh.
    package mutating func flush() -> RemoteWriteBatch? {
        defer { current = RemoteWriteBatch() }
        return current.isEmpty && current.completedThrough == nil ? nil : current
    }
}
