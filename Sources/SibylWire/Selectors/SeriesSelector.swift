/// A PromQL series selector such as `up{job="node", instance=~"10\\..*"}`: a list of label matchers.
///
/// The metric name, when given before the braces, is the first matcher (`__name__`, `.equal`).
/// `description` renders canonical PromQL text; for any selector the parser returned, that text parses back to an
/// equal selector.
public struct SeriesSelector: Sendable, Hashable, CustomStringConvertible {
    /// The matchers, in source order (a metric name given before the braces comes first).
    public var matchers: [LabelMatcher]

    /// Creates a selector from matchers, without validating them.
    /// - Parameter matchers: the label matchers.
    public init(_ matchers: [LabelMatcher]) {
        self.matchers = matchers
    }

    /// Parses PromQL selector text.
    /// - Parameter text: a selector such as `name{a="v"}`, `{a="v"}` or `name`.
    /// - Throws: ``SelectorParseError`` naming the line, column and what was expected.
    public init(parsing text: String) throws(SelectorParseError) {
        self = try SelectorParser.parse(text)
    }

    /// The metric name when the first matcher is `__name__="name"`, else `nil`.
    public var metricName: String? {
        guard let first = matchers.first, first.name == Self.metricNameLabel, first.kind == .equal else {
            return nil
        }
        return first.value
    }

    /// Whether a series with these labels is selected; an absent label counts as the empty string.
    /// - Parameter labels: the series' labels, the metric name under `__name__`.
    /// - Returns: `true` when every matcher matches.
    public func matches(_ labels: [String: String]) -> Bool {
        matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }

    /// Whether a series with this label set is selected (a repeated name counts once, its first value).
    /// - Parameter labels: the series' labels, the metric name under `__name__`.
    /// - Returns: `true` when every matcher matches.
    public func matches(_ labels: [Label]) -> Bool {
        matches(labels.dictionary)
    }

    /// The selector with its regular expressions compiled once, to test many series: ``matches(_:)-(String:String)``
    /// compiles them on every call.
    public func compiled() -> CompiledSeriesSelector {
        CompiledSeriesSelector(self)
    }

    /// Canonical PromQL text: `name{a="v",b=~"re"}`, `name`, or `{a="v"}`; label names that are not legacy names
    /// quoted (`{"service.name"="api"}`), and a metric name that cannot stand before the braces as
    /// `{__name__="http.requests"}`, which Prometheus 2 and 3 both read (Prometheus 3's printer writes it so too).
    public var description: String {
        var rest = matchers[...]
        var text = ""
        // The name goes before the braces only when no other matcher is on __name__: PromQL refuses
        // `up{__name__=~"u.*"}` ("metric name must not be set twice"), so that text would not parse back.
        if let name = metricName, PromQLText.isPlainMetricName(name),
            !matchers.dropFirst().contains(where: { $0.name == Self.metricNameLabel })
        {
            text = name
            rest = rest.dropFirst()
            if rest.isEmpty {
                return text
            }
        }
        text += "{"
        text += rest.map(\.description).joined(separator: ",")
        text += "}"
        return text
    }

    /// The label that holds the metric name.
    static let metricNameLabel = "__name__"
}
