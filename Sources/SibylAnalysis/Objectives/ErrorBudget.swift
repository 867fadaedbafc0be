/// Good and total events of a service-level indicator over a span of time: requests, observations, or seconds
/// inside a range and seconds covered.
public struct SLIEvents: Sendable, Hashable {
    /// The good events.
    public var good: Double
    /// All events.
    public var total: Double

    /// Creates counts.
    /// - Parameters:
    ///   - good: the good events.
    ///   - total: all events.
    public init(good: Double, total: Double) {
        self.good = good
        self.total = total
    }

    /// No events.
    public static let zero = SLIEvents(good: 0, total: 0)

    /// The bad events: `total − good`, never below 0.
    public var bad: Double { max(0, total - good) }

    /// The indicator: `good / total`, `nil` when there were no events.
    public var ratio: Double? { total > 0 ? min(1, max(0, good / total)) : nil }

    /// The counts of two spans together.
    public static func + (lhs: SLIEvents, rhs: SLIEvents) -> SLIEvents {
        SLIEvents(good: lhs.good + rhs.good, total: lhs.total + rhs.total)
    }

    /// Adds the counts of another span.
    public static func += (lhs: inout SLIEvents, rhs: SLIEvents) { lhs = lhs + rhs }

    /// The counts of a span less those of a span inside it.
    public static func - (lhs: SLIEvents, rhs: SLIEvents) -> SLIEvents {
        SLIEvents(good: lhs.good - rhs.good, total: lhs.total - rhs.total)
    }
}

/// An error budget, as the SRE workbook defines it: over a `period`, the share `1 − target` of the events may be
/// bad.
///
/// - The **burn rate** of a span is its error ratio over the budget's, `(bad / total) / (1 − target)`: 1 spends
///   exactly the budget over the period, 14.4 spends 2 % of a 30-day budget in an hour.
/// - The **budget remaining** is `1 − burn rate of the period`: 1 untouched, 0 spent, below 0 overspent.
/// - The budget runs out, at a constant burn rate `b`, after `remaining × period / b`: a remaining share `r` is
///   spent at `b / period` per second.
public struct ErrorBudget: Sendable, Hashable {
    /// The target share of good events, in (0, 1).
    public let target: Double
    /// The period, in seconds.
    public let periodSeconds: Double

    /// Creates a budget.
    /// - Parameters:
    ///   - target: the target, strictly between 0 and 1.
    ///   - periodSeconds: the period in seconds, positive.
    /// - Throws: ``AnalysisError/invalidArgument(_:)`` for a target or period out of range.
    public init(target: Double, periodSeconds: Double) throws(AnalysisError) {
        guard target > 0, target < 1 else {
            throw .invalidArgument("the target must be between 0 and 1 (exclusive), got \(target)")
        }
        guard periodSeconds > 0, periodSeconds.isFinite else {
            throw .invalidArgument("the period must be positive, got \(periodSeconds) s")
        }
        self.target = target
        self.periodSeconds = periodSeconds
    }

    /// The burn rate of a span, `nil` when it had no events.
    public func burnRate(_ events: SLIEvents) -> Double? {
        events.total > 0 ? events.bad / events.total / (1 - target) : nil
    }

    /// The share of the budget left after the period's events, `nil` when the period had none.
    public func remaining(_ periodEvents: SLIEvents) -> Double? {
        burnRate(periodEvents).map { 1 - $0 }
    }

    /// The seconds until the budget is spent at `burnRate`: 0 when nothing remains, `nil` when the burn rate is not
    /// positive or the budget outlasts the period.
    /// - Parameters:
    ///   - remaining: the share of the budget left.
    ///   - burnRate: the burn rate assumed from now on.
    public func exhaustionSeconds(remaining: Double, burnRate: Double) -> Double? {
        guard remaining.isFinite, burnRate.isFinite else { return nil }
        guard remaining > 0 else { return 0 }
        guard burnRate > 0 else { return nil }
        let seconds = remaining * periodSeconds / burnRate
        return seconds <= periodSeconds ? seconds : nil
    }
}

/// The events of one indicator cycle by cycle over the last period, for the events of any window ending at the
/// newest cycle: each cycle's counts cover the time since the cycle before it, so a window's counts are the sum of
/// the cycles inside it.
public struct SLIHistory: Sendable, Hashable {
    /// The cycles' times, ascending, in Unix milliseconds.
    public private(set) var times: [Int64] = []
    /// The running sums: `sums[i]` is the total of the cycles before `times[i]` (one more entry than `times`).
    private(set) var sums: [SLIEvents] = [.zero]

    /// An empty history.
    public init() {}

    /// Adds the counts of the cycle at `time` (after the newest; an older or equal time is ignored).
    public mutating func append(_ events: SLIEvents, at time: Int64) {
        if let last = times.last, time <= last { return }
        times.append(time)
        sums.append(sums[sums.count - 1] + events)
    }

    /// Forgets the cycles at or before `time`.
    public mutating func removeAll(through time: Int64) {
        let kept = times.partitioningIndex { $0 > time }
        guard kept > 0 else { return }
        let base = sums[kept]
        times.removeFirst(kept)
        sums = sums[kept...].map { $0 - base }
    }

    /// The counts of the cycles in `(end − length, end]`.
    public func events(endingAt end: Int64, length: Int64) -> SLIEvents {
        let start = end - length
        let first = times.partitioningIndex { $0 > start }
        let last = times.partitioningIndex { $0 > end }
        return sums[last] - sums[first]
    }

    /// Each cycle's own counts in `(end − length, end]`, oldest first.
    public func cycles(endingAt end: Int64, length: Int64) -> [(time: Int64, events: SLIEvents)] {
        let first = times.partitioningIndex { $0 > end - length }
        let last = times.partitioningIndex { $0 > end }
        return (first..<last).map { (times[$0], sums[$0 + 1] - sums[$0]) }
    }

    /// The time of the oldest cycle held, `nil` when empty.
    public var oldest: Int64? { times.first }
}
