package import SibylWire

/// What `/metrics` showed after one successful evaluation cycle, as handed to the ``ArchiveWriter``.
///
/// The families are the whole exposition at that moment; the archive keeps the results among them and leaves out
/// Sibyl's own health (see ``ResultStore/isArchived(_:)``).
package struct CycleSnapshot: Sendable {
    /// The status of a cycle computed afterwards from the source's history (``BackfillRun``), not live.
    package static let backfillStatus = "backfill"

    /// The cycle's evaluation time T, in Unix milliseconds (the sample time the archive gives every value).
    package var time: Int64
    /// The cycle's wall time in seconds.
    package var duration: Double
    /// A short word for how the cycle went, such as `ok` (stored as is; keep it to a bounded set).
    package var status: String
    /// The exposition's families, exactly as `/metrics` showed them.
    package var families: [MetricFamily]

    /// Creates a snapshot.
    /// - Parameters:
    ///   - time: the evaluation time T in Unix milliseconds.
    ///   - duration: the cycle's wall time in seconds.
    ///   - status: how the cycle went.
    ///   - families: the exposition's families.
    package init(time: Int64, duration: Double, status: String = "ok", families: [MetricFamily]) {
        self.time = time
        self.duration = duration
        self.status = status
        self.families = families
    }
}
