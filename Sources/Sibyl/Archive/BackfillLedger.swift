/// What the archive records about backfill for some selectors (``ResultStore/backfillLedger(_:in:)``): from when
/// live cycles read each, and which of its cycles were backfilled.
struct BackfillLedger: Sendable, Equatable {
    /// Per selector, the evaluation time from which live cycles read it, in Unix milliseconds; a selector not
    /// recorded yet is absent.
    var liveFrom: [String: Int64] = [:]
    /// Per selector, the evaluation times of its backfilled cycles in the range asked for; a selector without
    /// any is absent.
    var backfilled: [String: Set<Int64>] = [:]
}
