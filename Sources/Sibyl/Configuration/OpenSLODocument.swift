import Foundation
import SibylWire

/// An OpenSLO v1 `kind: SLO` document (github.com/OpenSLO/OpenSLO), translated into Sibyl objectives: one per entry
/// of its `spec.objectives`.
///
/// - A `ratioMetric` (`good` or `bad`, and `total`, counters) becomes a ratio objective (good: `.good`, bad:
///   `.errors`); Sibyl counts its events, which is the `Occurrences` budgeting method, the only one it takes for
///   a ratio.
/// - A `thresholdMetric` becomes a range objective: `lt`/`lte` give `max`, `gt`/`gte` give `min`. Sibyl's bounds
///   are inclusive, so `lt` is judged as `lte` and `gt` as `gte`. A range objective's budget counts the time in
///   range, the limit of `Timeslices` as the slice shrinks to a sample; `Occurrences` and `RatioTimeslices` are
///   read the same way (each sample is an occurrence and a slice).
/// - `spec.timeWindow[0]` must be rolling; its `duration` (`28d`, `4w`) is the budget's period.
/// - Every query is a Prometheus series selector, read from Sibyl's own source.
///
/// An objective is named `metadata.name` when the document has one objective, else
/// `<metadata.name>-<displayName or index>` with any character but `[a-zA-Z0-9_-]` replaced by `_`.
struct OpenSLODocument {
    /// One translated objective, with where its name comes from (for the duplicate-name check).
    struct Entry {
        /// The objective and the line of its `spec.objectives` entry.
        var configuration: ObjectiveConfiguration
        /// Where the name comes from: `metadata.name`, or the objective's `displayName` when it is part of it.
        var namePosition: ConfigurationPosition
        /// The dotted path of that field, for messages.
        var namePath: String
    }

    /// What an indicator measures.
    enum Indicator {
        /// Good (or bad) events among all events, counted from counters.
        case ratio(RatioIndicator)
        /// The samples of a series, compared with each objective's `op` and `value`.
        case threshold(SeriesSelector)
    }

    /// How the budget counts (`spec.budgetingMethod`).
    enum BudgetingMethod: String {
        case occurrences = "Occurrences"
        case timeslices = "Timeslices"
        case ratioTimeslices = "RatioTimeslices"
    }

    /// `metadata.name`.
    var name: String
    /// The objectives, in the order of `spec.objectives`.
    var entries: [Entry]

    /// The only `apiVersion` read.
    static let apiVersion = "openslo/v1"
    /// The kinds of OpenSLO v1; only `SLO` (and `SLI`, for `indicatorRef`) mean anything to Sibyl.
    static let kinds = [
        "SLO", "SLI", "Service", "DataSource", "AlertPolicy", "AlertCondition", "AlertNotificationTarget",
    ]

    /// The keys of every document.
    static let documentKeys = ["apiVersion", "kind", "metadata", "spec"]
    /// The keys of `metadata`.
    static let metadataKeys = ["name", "displayName", "labels", "annotations"]
    /// The keys of an SLO's `spec`.
    static let specKeys = [
        "description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives",
        "alertPolicies",
    ]
    /// The keys of an inline indicator.
    static let indicatorKeys = ["metadata", "spec"]
    /// The keys of an indicator's (or an SLI document's) `spec`.
    static let indicatorSpecKeys = ["description", "thresholdMetric", "ratioMetric"]
    /// The keys of a `ratioMetric`.
    static let ratioMetricKeys = ["counter", "good", "bad", "total", "rawType", "raw"]
    /// The keys of a metric (`good`, `total`, `thresholdMetric`, …).
    static let metricKeys = ["metricSource"]
    /// The keys of a `metricSource`.
    static let metricSourceKeys = ["metricSourceRef", "type", "spec"]
    /// The keys of a Prometheus `metricSource.spec`.
    static let prometheusSpecKeys = ["query"]
    /// The keys of a `timeWindow` entry.
    static let timeWindowKeys = ["duration", "isRolling", "calendar"]
    /// The keys of a `spec.objectives` entry.
    static let objectiveKeys = [
        "displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow", "indicator",
        "indicatorRef", "compositeWeight",
    ]

    /// The Sibyl name of the objective at `index` of a document's `count`.
    /// - Parameters:
    ///   - document: `metadata.name`.
    ///   - displayName: the objective's `displayName`, if any.
    ///   - index: its 0-based index in `spec.objectives`.
    ///   - count: how many objectives the document has.
    /// - Returns: `document` alone for one objective, else `document-<displayName or index>`, sanitised.
    static func objectiveName(document: String, displayName: String?, index: Int, count: Int) -> String {
        guard count > 1 else { return document }
        let suffix =
            displayName.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(index)"
        return document + "-" + String(String.UnicodeScalarView(suffix.unicodeScalars.map(sanitized)))
    }

    /// A scalar kept when it may stand in an objective name, else `_`.
    private static func sanitized(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": scalar
        default: "_"
        }
    }

    /// The length of an OpenSLO duration shorthand (a positive integer and one of `m h d w M Q Y`) that has a fixed
    /// length: `M`, `Q` and `Y` are calendar lengths, which a rolling period (or a time slice) cannot have.
    /// - Parameter text: the shorthand, e.g. `28d`.
    /// - Returns: the duration, or why it is not one.
    static func fixedDuration(_ text: String) -> Result<PrometheusDuration, DurationParseError> {
        let units: [Character: Int64] = ["m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 7 * 86_400_000]
        let digits = text.dropLast()
        guard let unit = text.last, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits),
            count > 0
        else {
            return .failure(
                DurationParseError(
                    text: text, reason: "expected a positive integer and one of m, h, d, w (e.g. 28d or 4w)"))
        }
        guard let size = units[unit] else {
            let reason =
                "MQY".contains(unit)
                ? "months, quarters and years are calendar lengths, not fixed ones; give m, h, d or w (e.g. 30d)"
                : "unknown unit \"\(unit)\" (use m, h, d or w)"
            return .failure(DurationParseError(text: text, reason: reason))
        }
        let (milliseconds, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow else { return .failure(DurationParseError(text: text, reason: "duration out of range")) }
        return .success(PrometheusDuration(milliseconds: milliseconds))
    }
}
