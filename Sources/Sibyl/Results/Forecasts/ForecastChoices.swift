package import SibylAnalysis
package import SibylWire
import Synchronization

/// Each forecast series' season and model (``ForecastModelChoice``) with the time they were chosen, so that the
/// forecast re-chooses them only every `forecast.model_interval` and reuses them in between.
///
/// A series' first choice is due again after between half an interval and a whole one (a fraction from the hash of
/// its key), every later one after an interval: the choices all made in the first cycle spread over the cycles of
/// an interval instead of falling due together every interval.
package final class ForecastChoices: Sendable {
    /// What is forecast: a series, or a value derived from it (an objective's rate or ratio).
    package struct Key: Sendable, Hashable {
        /// The series' labels.
        package var labels: [Label]
        /// What is derived from it (empty for the series itself).
        package var derived: String

        /// Creates a key.
        package init(_ labels: [Label], derived: String = "") {
            self.labels = labels
            self.derived = derived
        }
    }

    private struct Entry {
        var choice: ForecastModelChoice
        /// When it was made.
        var time: Int64
        /// When it is due again.
        var due: Int64
    }

    /// How long a choice is kept, in milliseconds.
    package let interval: Int64
    private let entries = Mutex<[Key: Entry]>([:])
    private let pruned = Mutex<Int64?>(nil)

    /// Creates an empty book.
    /// - Parameter interval: how long a choice is kept, in milliseconds.
    package init(interval: Int64) {
        self.interval = interval
    }

    /// The choice for `key` if it was made less than ``interval`` before `now`.
    /// - Parameters:
    ///   - key: the forecast series.
    ///   - now: the evaluation time in milliseconds.
    /// - Returns: the choice, or `nil` when there is none or it is due again.
    package func current(_ key: Key, at now: Int64) -> ForecastModelChoice? {
        entries.withLock { entries in
            guard let entry = entries[key], now < entry.due, now >= entry.time else { return nil }
            return entry.choice
        }
    }

    /// Records `choice` for `key` if it is new (a kept choice keeps its time), and forgets the choices of series
    /// not forecast for two intervals (at most once an interval). A key's first choice is due after
    /// ``firstInterval(_:)``, a later one after ``interval``.
    /// - Parameters:
    ///   - choice: the choice the forecast used.
    ///   - key: the forecast series.
    ///   - now: the evaluation time in milliseconds.
    package func record(_ choice: ForecastModelChoice, for key: Key, at now: Int64) {
        let prune = pruned.withLock { last in
            if let last, now - last < interval { return false }
            last = now
            return true
        }
        entries.withLock { entries in
            let previous = entries[key]
            if let previous, previous.choice == choice, now < previous.due, now >= previous.time { return }
            entries[key] = Entry(
                choice: choice, time: now, due: now + (previous == nil ? firstInterval(key) : interval))
            if prune { entries = entries.filter { now - $0.value.time < 2 * interval } }
        }
    }

    /// How long a key's first choice is kept: between half an interval and a whole one, by the key's hash.
    /// - Parameter key: the forecast series.
    /// - Returns: the time in milliseconds.
    package func firstInterval(_ key: Key) -> Int64 {
        let half = interval / 2
        guard half > 0 else { return interval }
        return interval - Int64(UInt64(truncatingIfNeeded: key.hashValue) % UInt64(half))
    }

    /// The number of series with a choice.
    package var count: Int { entries.withLock(\.count) }
}
