package import SibylWire
import Synchronization

/// How far the backfill has come, shared by the backfill, the exposition (`sibyl_backfill_cycles`), the status page
/// and the log.
package final class BackfillProgress: Sendable {
    /// The counts at one moment.
    package struct Counts: Sendable, Equatable {
        /// Cycles computed and archived (or written) since the start.
        package var done = 0
        /// Cycles still to compute.
        package var pending = 0
        /// Cycles given up after repeated errors.
        package var failed = 0
        /// The wall-clock seconds spent on the cycles done.
        package var seconds = 0.0

        /// Every cycle planned so far.
        package var total: Int { done + pending + failed }

        /// The seconds the pending cycles will take at the pace so far, `nil` before the first cycle is done.
        package var remainingSeconds: Double? {
            guard done > 0 else { return nil }
            return seconds / Double(done) * Double(pending)
        }
    }

    private let state = Mutex(Counts())

    /// Creates progress with nothing planned.
    package init() {}

    /// The counts now.
    package var counts: Counts { state.withLock { $0 } }

    /// Adds planned cycles.
    package func plan(_ cycles: Int) {
        state.withLock { $0.pending += cycles }
    }

    /// Records a cycle done in `seconds`.
    package func done(seconds: Double) {
        state.withLock {
            $0.done += 1
            $0.pending = max(0, $0.pending - 1)
            $0.seconds += seconds
        }
    }

    /// Records cycles given up.
    package func failed(_ cycles: Int) {
        state.withLock {
            $0.failed += cycles
            $0.pending = max(0, $0.pending - cycles)
        }
    }

    /// `sibyl_backfill_cycles`.
    package func families() -> [MetricFamily] {
        let counts = self.counts
        return [
            SelfMonitoringFamilies.backfillCycles.family(
                labelled: "state", ["done": counts.done, "pending": counts.pending, "failed": counts.failed])
        ]
    }
}
