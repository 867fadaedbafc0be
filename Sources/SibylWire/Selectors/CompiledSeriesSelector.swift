/// A series selector ready to test many series: each regular expression compiled once
/// (``SeriesSelector/compiled()``), with the same verdicts as ``SeriesSelector/matches(_:)-(String:String)``.
///
/// RE2 matches from several threads at once, so one may be shared; build it once per loop over series.
public struct CompiledSeriesSelector: Sendable {
    /// The matchers; `nil` where an expression does not compile, which is then judged as
    /// ``LabelMatcher/matches(_:)`` judges it (a `=~` matches nothing, a `!~` everything).
    private let matchers: [(matcher: LabelMatcher, compiled: CompiledLabelMatcher?)]

    /// Compiles a selector's matchers.
    public init(_ selector: SeriesSelector) {
        matchers = selector.matchers.map { ($0, try? CompiledLabelMatcher($0)) }
    }

    /// Whether a series with these labels is selected; an absent label counts as the empty string.
    /// - Parameter labels: the series' labels, the metric name under `__name__`.
    /// - Returns: `true` when every matcher matches.
    public func matches(_ labels: [String: String]) -> Bool {
        matchers.allSatisfy { matcher, compiled in
            let value = labels[matcher.name] ?? ""
            return compiled?.matches(value) ?? matcher.matches(value)
        }
    }

    /// Whether a series with this label set is selected (a repeated name counts once, its first value).
    /// - Parameter labels: the series' labels, the metric name under `__name__`.
    /// - Returns: `true` when every matcher matches.
    public func matches(_ labels: [Label]) -> Bool {
        matches(labels.dictionary)
    }
}
