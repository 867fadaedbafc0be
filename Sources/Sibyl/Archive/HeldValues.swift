/// What the archive holds for each series whose values are written when they change (`held_samples`,
/// ``ArchiveSchema/storeHeldValues(_:)``): the value its latest row gives and when that row was written.
///
/// Only the writer's loop holds one. A cycle compares what it shows with it and writes a row for each value that
/// differs, each series that appears, each row older than ``ResultStore/seriesRefresh``, and an end for each series
/// it no longer shows; the writer keeps the state the cycle returns only once its transaction commits.
struct HeldValues: Sendable {
    /// A series' value as its latest row holds it.
    struct Value: Sendable, Hashable {
        /// The value's IEEE 754 bits (a NaN keeps its payload).
        var bits: UInt64
        /// The evaluation time of the cycle that wrote the row, in Unix milliseconds.
        var written: Int64
    }

    /// The series shown by the newest archived cycle, by series id.
    var values: [Int64: Value] = [:]

    /// Whether a cycle at `time` showing `value` must write a row for the series `id`.
    /// - Parameters:
    ///   - id: the series' id.
    ///   - value: the value the cycle shows.
    ///   - time: the cycle's evaluation time.
    /// - Returns: `true` when the series is new, its value differs, or its row is ``ResultStore/seriesRefresh`` old.
    func needsRow(_ id: Int64, _ value: Double, at time: Int64) -> Bool {
        guard let held = values[id], held.bits == value.bitPattern else { return true }
        let (age, overflow) = time.subtractingReportingOverflow(held.written)
        return overflow || age >= ResultStore.seriesRefresh
    }
}
