package import SibylWire

/// A service-level objective: the range `[min, max]` every series its selector matches should stay in.
///
/// Each matching series (one label set) is judged on its own, in each of its windows. An objective is valid by
/// construction: ``init(name:selector:min:max:transform:divideBy:windows:description:)`` checks every field, and
/// the JSON decoding (``init(from:)``, in `Objective+JSON.swift`) does the same and rejects unknown fields.
///
/// With ``divideBy``, each series is divided sample by sample by the divisor series with the same labels but the
/// metric name (PromQL's `a / b`), and the ratio is judged (``ObjectiveRatio``).
package struct Objective: Sendable, Hashable {
    /// The unique name: 1 to ``maximumNameLength`` characters of `[a-zA-Z0-9_-]`.
    package let name: String
    /// The series the objective applies to.
    package let selector: SeriesSelector
    /// The lowest allowed value, if any (inclusive).
    package let min: Double?
    /// The highest allowed value, if any (inclusive).
    package let max: Double?
    /// What is applied to the samples first (`rate` for counters), if anything.
    package let transform: ObjectiveTransform?
    /// The divisor series, joined on all labels but the metric name, if the ratio is judged; never with a transform.
    package let divideBy: SeriesSelector?
    /// The windows violations are counted over, ascending; `nil` means the evaluation windows.
    package let windows: [PrometheusDuration]?
    /// A human description, if any (at most ``maximumDescriptionLength`` characters).
    package let description: String?
    /// The error budget, if the objective has a target.
    package let budget: ObjectiveBudget?
    /// The counters of a ratio objective, whose indicator is good events over all events rather than time in range;
    /// ``selector`` is then the total's.
    package let ratio: RatioIndicator?
    /// The histogram of a latency objective, whose indicator is the share of observations at most a threshold;
    /// ``selector`` is then the histogram's.
    package let latency: LatencyIndicator?
    /// The labels a ratio or latency objective's events are summed by (`by`), empty for one sum over every matching
    /// series.
    package let by: [String]

    /// The longest name allowed.
    package static let maximumNameLength = 128
    /// The longest description allowed.
    package static let maximumDescriptionLength = 1024
    /// The most windows one objective may have.
    package static let maximumWindowCount = 16

    /// Creates an objective, checking every field.
    /// - Parameters:
    ///   - name: the unique name, `[a-zA-Z0-9_-]+`.
    ///   - selector: the series selector.
    ///   - min: the lowest allowed value (finite).
    ///   - max: the highest allowed value (finite, not below `min`).
    ///   - transform: what is applied to the samples first.
    ///   - divideBy: the divisor series, when the ratio is judged (not with `transform`).
    ///   - windows: positive, distinct windows (sorted here), or `nil` for the evaluation windows.
    ///   - description: a human description.
    /// - Throws: ``ObjectiveError`` naming the first field at fault.
    package init(
        name: String, selector: SeriesSelector, min: Double? = nil, max: Double? = nil,
        transform: ObjectiveTransform? = nil, divideBy: SeriesSelector? = nil, windows: [PrometheusDuration]? = nil,
        description: String? = nil, budget: ObjectiveBudget? = nil, ratio: RatioIndicator? = nil,
        latency: LatencyIndicator? = nil, by: [String] = []
    ) throws(ObjectiveError) {
        try Self.checkName(name)
        if ratio != nil && latency != nil {
            throw ObjectiveError(.invalidIndicator, field: "latency", "give ratio or latency, not both")
        }
        if ratio == nil && latency == nil {
            try Self.checkBounds(min: min, max: max)
        } else {
            try Self.checkEvents(
                latency != nil ? "latency" : "ratio", min: min, max: max, transform: transform, divideBy: divideBy,
                budget: budget)
        }
        try Self.checkBy(by, countsEvents: ratio != nil || latency != nil)
        if let transform, divideBy != nil {
            throw ObjectiveError(.invalidTransform, field: "transform", Self.transformWithDivisor(transform))
        }
        if let windows { try Self.checkWindows(windows) }
        if let description, description.count > Self.maximumDescriptionLength {
            throw ObjectiveError(
                .invalidDescription, field: "description", "longer than \(Self.maximumDescriptionLength) characters")
        }
        self.name = name
        self.selector = selector
        self.min = min
        self.max = max
        self.transform = transform
        self.divideBy = divideBy
        self.windows = windows?.sorted()
        self.description = description
        self.budget = budget
        self.ratio = ratio
        self.latency = latency
        self.by = by
    }

    /// A ratio or latency objective (`kind`) judges no range: bounds, a transform or a divisor beside it are
    /// mistakes, and without a target it has nothing to say.
    static func checkEvents(
        _ kind: String, min: Double?, max: Double?, transform: ObjectiveTransform?, divideBy: SeriesSelector?,
        budget: ObjectiveBudget?
    ) throws(ObjectiveError) {
        if min != nil || max != nil {
            throw ObjectiveError(
                .invalidIndicator, field: min != nil ? "min" : "max",
                "a \(kind) objective has a target, not a range: leave min and max out")
        }
        if transform != nil || divideBy != nil {
            throw ObjectiveError(
                .invalidIndicator, field: transform != nil ? "transform" : "divide_by",
                "a \(kind) objective counts its events from counters: leave transform and divide_by out")
        }
        if budget == nil { throw ObjectiveError(.missingField, field: "target", "a \(kind) objective needs a target") }
    }

    /// The labels Sibyl puts on an objective's series itself, which `by` may not name.
    static let reservedByLabels: Set<String> = ["objective", "window", "bound", "__name__"]

    /// `by` applies to ratio and latency objectives only (`countsEvents`) and names distinct labels other than
    /// Sibyl's own.
    static func checkBy(_ by: [String], countsEvents: Bool) throws(ObjectiveError) {
        guard !by.isEmpty else { return }
        guard countsEvents else {
            throw ObjectiveError(
                .invalidIndicator, field: "by",
                "only a ratio or latency objective sums its series by labels; a range objective judges each series")
        }
        for label in by where label.isEmpty || reservedByLabels.contains(label) || by.filter({ $0 == label }).count > 1
        {
            throw ObjectiveError(
                .invalidIndicator, field: "by",
                label.isEmpty
                    ? "a label name must not be empty"
                    : reservedByLabels.contains(label)
                        ? "\(ConfigurationDecoder.quoted(label)) is a label Sibyl sets itself"
                        : "\(ConfigurationDecoder.quoted(label)) is named twice")
        }
    }

    /// The windows to evaluate: the objective's own, or `defaults` when it has none.
    /// - Parameter defaults: the evaluation windows.
    /// - Returns: the windows, ascending.
    package func windows(default defaults: [PrometheusDuration]) -> [PrometheusDuration] {
        windows ?? defaults.sorted()
    }

    /// The selectors whose series the objective needs read from the source: its selector, then its divisor's (a
    /// ratio objective's counters, a latency objective's histogram and classic buckets).
    package var readSelectors: [SeriesSelector] {
        if let ratio { return [ratio.events, ratio.total] }
        if let latency { return latency.readSelectors }
        return [selector] + (divideBy.map { [$0] } ?? [])
    }

    /// Whether `name` is a valid objective name: 1 to ``maximumNameLength`` characters of `[a-zA-Z0-9_-]`.
    /// - Parameter name: the candidate.
    /// - Returns: `true` when valid.
    package static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maximumNameLength
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x5F || byte == 0x2D
            }
    }

    /// Why `transform` and `divide_by` do not combine: the rate of a ratio is no counter's rate.
    /// - Parameter transform: the transform given.
    /// - Returns: the message.
    static func transformWithDivisor(_ transform: ObjectiveTransform) -> String {
        "\(ConfigurationDecoder.quoted(transform.rawValue)) cannot be combined with divide_by "
            + "(the ratio's samples are judged as they are)"
    }

    static func checkName(_ name: String) throws(ObjectiveError) {
        guard isValidName(name) else {
            let problem =
                name.isEmpty
                ? "must not be empty"
                : name.utf8.count > maximumNameLength
                    ? "longer than \(maximumNameLength) characters"
                    : "\(ConfigurationDecoder.quoted(name)) may hold only letters, digits, \"_\" and \"-\""
            throw ObjectiveError(.invalidName, field: "name", problem)
        }
    }

    static func checkBounds(min: Double?, max: Double?) throws(ObjectiveError) {
        guard min != nil || max != nil else {
            throw ObjectiveError(.invalidBounds, field: "min", "at least one of min and max is required")
        }
        if let min, !min.isFinite { throw ObjectiveError(.invalidBounds, field: "min", "must be finite, got \(min)") }
        if let max, !max.isFinite { throw ObjectiveError(.invalidBounds, field: "max", "must be finite, got \(max)") }
        if let min, let max, min > max {
            throw ObjectiveError(.invalidBounds, field: "min", "\(min) is greater than max \(max)")
        }
    }

    static func checkWindows(_ windows: [PrometheusDuration]) throws(ObjectiveError) {
        guard !windows.isEmpty else {
            throw ObjectiveError(.invalidWindow, field: "windows", "at least one window is required (or leave it out)")
        }
        guard windows.count <= maximumWindowCount else {
            throw ObjectiveError(.invalidWindow, field: "windows", "more than \(maximumWindowCount) windows")
        }
        var seen: Set<PrometheusDuration> = []
        for window in windows {
            guard window.milliseconds > 0 else {
                throw ObjectiveError(.invalidWindow, field: "windows", "must be greater than zero, got \(window)")
            }
            guard seen.insert(window).inserted else {
                throw ObjectiveError(.invalidWindow, field: "windows", "duplicate window \(window)")
            }
        }
    }
}
