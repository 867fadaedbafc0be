package import SibylAnalysis
package import SibylWire

/// An objective's error budget (`target`, `period`): the share `1 − target` of its events may be bad over the
/// period (``ErrorBudget``).
package struct ObjectiveBudget: Sendable, Hashable {
    /// The target share of good events, in (0, 1).
    package let target: Double
    /// The period (default 30 days).
    package let period: PrometheusDuration

    /// The default period, 30 days.
    package static let defaultPeriod = PrometheusDuration(milliseconds: 30 * 86_400_000)

    /// Creates a budget, checking it.
    /// - Parameters:
    ///   - target: strictly between 0 and 1.
    ///   - period: positive.
    /// - Throws: ``ObjectiveError`` naming `target` or `period`.
    package init(target: Double, period: PrometheusDuration = defaultPeriod) throws(ObjectiveError) {
        guard target > 0, target < 1 else {
            throw ObjectiveError(.invalidBudget, field: "target", "must be between 0 and 1 (exclusive), got \(target)")
        }
        guard period.milliseconds > 0 else {
            throw ObjectiveError(.invalidBudget, field: "period", "must be greater than zero, got \(period)")
        }
        self.target = target
        self.period = period
        do {
            errorBudget = try ErrorBudget(target: target, periodSeconds: Double(period.milliseconds) / 1000)
        } catch {
            throw ObjectiveError(.invalidBudget, field: "target", error.message)
        }
    }

    /// The budget arithmetic.
    package let errorBudget: ErrorBudget

    /// The period as people write it and as the `window` label shows it: whole days in days (`30d`, not `4w2d`),
    /// otherwise the Prometheus duration.
    package var periodText: String { ErrorBudgetSeries.windowLabel(period.milliseconds) }

    /// Why a period does not fit the archive's retention, or `nil` when it does: the archive deletes the events
    /// older than its retention, so a longer period would be computed over less than itself.
    /// - Parameters:
    ///   - period: the budget's period.
    ///   - retention: `archive.retention`.
    /// - Returns: the message, without the field's name.
    package static func retentionProblem(period: PrometheusDuration, retention: PrometheusDuration) -> String? {
        guard period > retention else { return nil }
        return "\(ErrorBudgetSeries.windowLabel(period.milliseconds)) is longer than archive.retention "
            + "(\(ErrorBudgetSeries.windowLabel(retention.milliseconds))): the period's events would be deleted "
            + "before it ends"
    }
}

/// A ratio objective's indicator: the share of good events among the events of `total`, counted from counters
/// (`ratio: {errors: …, total: …}` or `{good: …, total: …}`), summed over the matching series per value of the `by`
/// labels.
package struct RatioIndicator: Sendable, Hashable {
    /// Which events the first counter counts.
    package enum Counted: String, Sendable, Hashable {
        /// The bad events: good = total − errors.
        case errors
        /// The good events.
        case good
    }

    /// What ``events`` counts.
    package let counted: Counted
    /// The counters of the bad (or good) events.
    package let events: SeriesSelector
    /// The counters of all events.
    package let total: SeriesSelector

    /// Creates an indicator.
    package init(counted: Counted, events: SeriesSelector, total: SeriesSelector) {
        self.counted = counted
        self.events = events
        self.total = total
    }
}

/// A latency objective's indicator: the share of observations at most `threshold` among all those of a histogram,
/// counted from native histograms or, when the selector matches none, from the classic `<name>_bucket` counters,
/// summed over the matching series per value of the `by` labels.
package struct LatencyIndicator: Sendable, Hashable {
    /// The histogram series (native, or the classic histogram's base name).
    package let histogram: SeriesSelector
    /// The highest good observation, in the histogram's unit.
    package let threshold: Double

    /// Creates an indicator.
    /// - Throws: ``ObjectiveError`` naming `threshold` when it is not finite.
    package init(histogram: SeriesSelector, threshold: Double) throws(ObjectiveError) {
        guard threshold.isFinite else {
            throw ObjectiveError(.invalidIndicator, field: "threshold", "must be finite, got \(threshold)")
        }
        self.histogram = histogram
        self.threshold = threshold
    }

    /// The classic histogram's bucket counters: the selector with `_bucket` appended to its metric name, when it
    /// names one metric that is not already a bucket series.
    package var buckets: SeriesSelector? {
        guard let index = histogram.matchers.firstIndex(where: { $0.name == "__name__" && $0.kind == .equal }),
            !histogram.matchers[index].value.hasSuffix("_bucket")
        else { return nil }
        var matchers = histogram.matchers
        matchers[index] = LabelMatcher("__name__", .equal, matchers[index].value + "_bucket")
        return SeriesSelector(matchers)
    }

    /// The selectors read for it: the histogram's, then its buckets'.
    package var readSelectors: [SeriesSelector] { [histogram] + (buckets.map { [$0] } ?? []) }
}
