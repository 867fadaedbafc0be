import GRDB
import SibylWire

/// Which rows of the archive's `series` table a query selects: a SQL condition that narrows the rows cheaply, and
/// the exact test of each remaining row against the selectors (``ResultQuery`` gives the semantics).
///
/// The SQL part holds the kind's families and every `=` matcher with a non-empty value (the derived name, the
/// `metric` label through `json_extract`, any other label); the selectors are then checked in full, regular
/// expressions included, on the labels of the rows that pass. Each regular expression is compiled once, and its
/// verdict is kept per label value (up to ``maximumCachedValues`` values per matcher), so that a query runs each
/// expression once per distinct value rather than once per row.
struct ArchivedSeriesFilter {
    /// The most label values whose regular-expression verdicts are kept, per matcher.
    static let maximumCachedValues = 65_536

    private let selectors: [SeriesSelector]
    private let derived: [Bool]
    private let kind: ResultKind?
    private var verdicts: [[String: Bool]]
    /// The selectors' matchers, compiled, in order (`nil` for one whose expression does not compile).
    private let compiled: [CompiledLabelMatcher?]

    /// Creates the filter of a query's selectors and kind.
    init(_ selectors: [SeriesSelector], kind: ResultKind?) {
        self.selectors = selectors
        self.kind = kind
        derived = selectors.map(Self.namesDerivedSeries)
        verdicts = Array(repeating: [:], count: selectors.reduce(0) { $0 + $1.matchers.count })
        compiled = selectors.flatMap(\.matchers).map { try? CompiledLabelMatcher($0) }
    }

    /// Whether a selector names derived series (`sibyl_…`, or Sloth's `slo:…`) rather than source series.
    static func namesDerivedSeries(_ selector: SeriesSelector) -> Bool {
        selector.matchers.contains { matcher in
            matcher.name == "__name__" && (matcher.kind == .equal || matcher.kind == .regexMatch)
                && FamilyCatalog.namesDerivedSeries(matcher.value)
        }
    }

    /// The condition on `series` rows (columns `metric` and `labels`), and its arguments.
    var sql: (condition: String, arguments: StatementArguments) {
        var arguments = StatementArguments()
        var alternatives: [String] = []
        for (selector, derived) in zip(selectors, derived) {
            var terms: [String] = []
            for matcher in selector.matchers where matcher.kind == .equal && !matcher.value.isEmpty {
                if matcher.name == "__name__" {
                    if derived {
                        terms.append("metric = ?")
                        arguments += [matcher.value]
                    } else {
                        terms.append("json_extract(labels, '$.metric') = ?")
                        arguments += [matcher.value]
                    }
                } else if !matcher.name.contains("\"") {
                    terms.append("json_extract(labels, ?) = ?")
                    arguments += ["$.\"\(matcher.name)\"", matcher.value]
                }
            }
            alternatives.append(terms.isEmpty ? "1" : "(" + terms.joined(separator: " AND ") + ")")
        }
        var condition = alternatives.isEmpty ? "1" : "(" + alternatives.joined(separator: " OR ") + ")"
        if let kind { condition += " AND " + kind.sqlPredicate }
        return (condition, arguments)
    }

    /// Whether a derived series is selected.
    /// - Parameters:
    ///   - metric: its name.
    ///   - labels: its labels, without the name.
    /// - Returns: `true` when the kind holds the family and a selector matches.
    mutating func matches(metric: String, labels: [String: String]) -> Bool {
        if let kind, !kind.contains(family: metric) { return false }
        var offset = 0
        for (selector, derived) in zip(selectors, derived) {
            defer { offset += selector.matchers.count }
            var selected = true
            for (index, matcher) in selector.matchers.enumerated() {
                let value: String
                if matcher.name == "__name__" {
                    value = derived ? metric : labels["metric"] ?? ""
                } else {
                    value = labels[matcher.name] ?? ""
                }
                if !verdict(matcher, offset + index, value) {
                    selected = false
                    break
                }
            }
            if selected { return true }
        }
        return false
    }

    private mutating func verdict(_ matcher: LabelMatcher, _ slot: Int, _ value: String) -> Bool {
        switch matcher.kind {
        case .equal, .notEqual: return matcher.matches(value)
        case .regexMatch, .regexNoMatch:
            if let known = verdicts[slot][value] { return known }
            let verdict = compiled[slot]?.matches(value) ?? matcher.matches(value)
            if verdicts[slot].count < Self.maximumCachedValues { verdicts[slot][value] = verdict }
            return verdict
        }
    }
}
