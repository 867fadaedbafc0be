/// An objective as the API shows it, for `sibyl slo` tables.
struct ObjectiveView: Decodable {
    var name: String
    var selector: String
    var min: Double?
    var max: Double?
    var transform: String?
    var divideBy: String?
    var windows: [String]?
    var description: String?
    var origin: String
    var location: String?

    private enum CodingKeys: String, CodingKey {
        case name, selector, min, max, transform, windows, description, origin, location
        case divideBy = "divide_by"
    }

    /// The table of objectives: name, bounds, transform, windows, origin, selector (`a / b` with `divide_by`),
    /// description.
    static func table(_ objectives: [ObjectiveView]) -> String {
        var table = ObjectivesTable(header: [
            "NAME", "MIN", "MAX", "TRANSFORM", "WINDOWS", "ORIGIN", "SELECTOR", "DESCRIPTION",
        ])
        for objective in objectives {
            table.rows.append([
                objective.name, ObjectivesTable.number(objective.min), ObjectivesTable.number(objective.max),
                objective.transform ?? "-", objective.windows?.joined(separator: ",") ?? "default",
                objective.location ?? objective.origin,
                objective.selector + (objective.divideBy.map { " / " + $0 } ?? ""),
                objective.description ?? "",
            ])
        }
        return table.text
    }
}
