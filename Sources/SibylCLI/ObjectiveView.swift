/// An objective as the API shows it, for `sibyl slo` tables.
struct ObjectiveView: Decodable {
    /// A ratio objective's counters.
    struct Ratio: Decodable {
        var errors: String?
        var good: String?
        var total: String
    }

    /// A latency objective's histogram and threshold.
    struct Latency: Decodable {
        var histogram: String
        var threshold: Double
    }

    var name: String
    var selector: String
    var min: Double?
    var max: Double?
    var transform: String?
    var divideBy: String?
    var windows: [String]?
    var description: String?
    var target: Double?
    var period: String?
    var ratio: Ratio?
    var latency: Latency?
    var by: [String]?
    var origin: String
    var location: String?

    private enum CodingKeys: String, CodingKey {
        case name, selector, min, max, transform, windows, description, target, period, ratio, latency, by, origin
        case location
        case divideBy = "divide_by"
    }

    /// The table of objectives: name, bounds, budget (target and period), transform, windows, origin, what is read
    /// (``indicator``), description.
    static func table(_ objectives: [ObjectiveView]) -> String {
        var table = ObjectivesTable(header: [
            "NAME", "MIN", "MAX", "TARGET", "PERIOD", "TRANSFORM", "WINDOWS", "ORIGIN", "SELECTOR", "DESCRIPTION",
        ])
        for objective in objectives {
            table.rows.append([
                objective.name, ObjectivesTable.number(objective.min), ObjectivesTable.number(objective.max),
                objective.target.map { "\($0)" } ?? "-", objective.period ?? "-", objective.transform ?? "-",
                objective.windows?.joined(separator: ",") ?? "default", objective.location ?? objective.origin,
                objective.indicator, objective.description ?? "",
            ])
        }
        return table.text
    }

    /// What the objective reads, in one cell: the selector (`a / b` with `divide_by`), a ratio's
    /// `errors E of T` (or `good G of T`), a latency's `H <= threshold`, then ` by job,…` when summed by labels.
    var indicator: String {
        var text = selector + (divideBy.map { " / " + $0 } ?? "")
        if let ratio {
            text = ratio.errors.map { "errors \($0)" } ?? ratio.good.map { "good \($0)" } ?? ""
            text += " of \(ratio.total)"
        } else if let latency {
            text = "\(latency.histogram) <= \(ObjectivesTable.number(latency.threshold))"
        }
        if let by, !by.isEmpty { text += " by " + by.joined(separator: ",") }
        return text
    }
}
