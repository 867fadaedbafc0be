package import SibylAnalysis
package import SibylWire

/// What the evaluation needs of one objective: its name, the series it judges (and their divisors), the range, the
/// transform and the windows (in milliseconds, ascending).
package struct ObjectiveSpecification: Sendable, Hashable {
    /// The objective's unique name (the label `objective`).
    package var name: String
    /// The series judged, each on its own.
    package var selector: SeriesSelector
    /// The allowed range; `nil` for a ratio objective, which judges no range.
    package var range: AllowedRange?
    /// Whether the per-second rate of the samples (a counter's) is judged instead of the samples.
    package var isRate: Bool
    /// The divisor series when the ratio is judged (``ObjectiveRatio``), never with ``isRate``.
    package var divisor: SeriesSelector?
    /// The windows, in milliseconds, ascending.
    package var windows: [Int64]
    /// The error budget, when the objective has a target.
    package var budget: ObjectiveBudget?
    /// A ratio objective's counters.
    package var ratio: RatioIndicator?
    /// A latency objective's histogram and threshold.
    package var latency: LatencyIndicator?
    /// The labels a ratio or latency objective's events are summed by.
    package var by: [String]

    /// Creates a specification.
    /// - Parameters:
    ///   - name: the objective's name.
    ///   - selector: the series judged.
    ///   - range: the allowed range.
    ///   - isRate: whether the rate is judged.
    ///   - divisor: the divisor series, when the ratio is judged.
    ///   - windows: the windows in milliseconds.
    ///   - budget: the error budget, if any.
    ///   - ratio: a ratio objective's counters.
    ///   - latency: a latency objective's histogram.
    ///   - by: the labels a ratio or latency objective's events are summed by.
    package init(
        name: String, selector: SeriesSelector, range: AllowedRange?, isRate: Bool, divisor: SeriesSelector? = nil,
        windows: [Int64], budget: ObjectiveBudget? = nil, ratio: RatioIndicator? = nil,
        latency: LatencyIndicator? = nil, by: [String] = []
    ) {
        self.name = name
        self.selector = selector
        self.range = range
        self.isRate = isRate
        self.divisor = divisor
        self.windows = windows.sorted()
        self.budget = budget
        self.ratio = ratio
        self.latency = latency
        self.by = by
    }

    /// Whether the values judged are not the stored samples (a rate or a ratio), so that they get a forecast of
    /// their own rather than the series'.
    package var judgesDerivedValues: Bool { isRate || divisor != nil }

    /// Whether the indicator counts events of groups of series (ratio, latency) rather than time in range per series.
    package var countsEvents: Bool { ratio != nil || latency != nil }

    /// The selectors whose series the objective needs read, as ``Objective/readSelectors`` gives them.
    package var readSelectors: [SeriesSelector] {
        if let ratio { return [ratio.events, ratio.total] }
        if let latency { return latency.readSelectors }
        return [selector] + (divisor.map { [$0] } ?? [])
    }
}
