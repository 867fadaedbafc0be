/// An objective as the API shows it, for `sibyl slo` tables.
struct ObjectiveView: Decodable {
    var name: String
    var selector: String
    var min: Double?
    var max: Double?
    var transform: String?
    var windows: [String]?
    var description: String?
    var origin: String
    var location: String?

    /// The table of objectives: name, bounds, transform, windows, origin, selector, description.
    static func table(_ objectives: [ObjectiveView]) -> String {
        var table = ObjectivesTable(header: [
            "NAME", "MIN", "MAX", "TRANSFORM", "WINDOWS", "ORIGIN", "SELECTOR", "DESCRIPTION",
        ])
        for objective in objectives {
            table.rows.append([
                objective.name, ObjectivesTable.number(objective.min), ObjectivesTable.number(objective.max),
                objective.transform ?? "-", objective.windows?.joined(separator: ",") ?? "default",
                objective.location ?? objective.origin, objective.selector, objective.description ?? "",
            ])
        }
        return table.text
    }
}
