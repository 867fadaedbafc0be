import Foundation
import SibylTestSupport
import Testing

/// The dashboards under `grafana/dashboards/`: well-formed for Grafana, on a datasource variable, and naming only
/// series Sibyl exposes. ``DashboardQueryTests`` runs their queries.
struct DashboardTests {
    static let expected = ["sibyl-objectives", "sibyl-overview", "sibyl-series-analysis"]

    /// Panel types Grafana ships (built-in visualizations) that these dashboards may use.
    static let knownPanelTypes: Set<String> = [
        "row", "timeseries", "stat", "gauge", "bargauge", "table", "barchart", "text", "state-timeline",
        "status-history", "histogram", "heatmap", "piechart",
    ]

    /// Panel types without queries.
    static let queryless: Set<String> = ["row", "text"]

    static func dashboards() throws -> [(file: String, dashboard: GrafanaDashboard)] {
        try GrafanaDashboard.files().map { ($0.lastPathComponent, try GrafanaDashboard.load($0)) }
    }

    @Test("three dashboards, each file named after its uid, with unique uids and titles")
    func uidsAndTitles() throws {
        let dashboards = try Self.dashboards()
        #expect(dashboards.map(\.dashboard.uid) == Self.expected)
        for (file, dashboard) in dashboards {
            #expect(file == "\(dashboard.uid).json")
            #expect(dashboard.schemaVersion >= 39, "\(file): schemaVersion of a current Grafana")
        }
        #expect(Set(dashboards.map(\.dashboard.title)).count == dashboards.count)
    }

    @Test("panel ids are unique per dashboard and panel types are Grafana's own", arguments: expected)
    func panels(uid: String) throws {
        let dashboard = try GrafanaDashboard.load(GrafanaDashboard.folder.appendingPathComponent("\(uid).json"))
        let panels = dashboard.allPanels
        #expect(panels.count >= 8)
        #expect(Set(panels.map(\.id)).count == panels.count, "duplicate panel ids in \(uid)")
        #expect(panels.allSatisfy { $0.id > 0 })
        for panel in panels {
            #expect(Self.knownPanelTypes.contains(panel.type), "\(uid): \(panel.title) has type \(panel.type)")
        }
    }

    @Test("a datasource variable, and every panel, target and query variable uses it", arguments: expected)
    func datasourceVariable(uid: String) throws {
        let dashboard = try GrafanaDashboard.load(GrafanaDashboard.folder.appendingPathComponent("\(uid).json"))
        let variables = dashboard.templating.list
        let datasource = try #require(variables.first { $0.type == "datasource" }, "\(uid) has no datasource variable")
        #expect(datasource.name == "datasource")
        #expect(datasource.query == "prometheus")
        let reference = GrafanaDashboard.DataSourceReference(type: "prometheus", uid: "${datasource}")
        for variable in variables where variable.type == "query" {
            #expect(variable.datasource == reference, "\(uid): variable \(variable.name)")
            #expect(!(variable.query ?? "").isEmpty, "\(uid): variable \(variable.name) has no query")
        }
        for panel in dashboard.allPanels where !Self.queryless.contains(panel.type) {
            #expect(panel.datasource == reference, "\(uid): panel \(panel.title)")
            let targets = panel.targets ?? []
            #expect(!targets.isEmpty, "\(uid): panel \(panel.title) has no query")
            #expect(Set(targets.map(\.refId)).count == targets.count, "\(uid): panel \(panel.title) repeats a refId")
            for target in targets {
                #expect(target.datasource == reference, "\(uid): \(panel.title) \(target.refId)")
                #expect(!(target.expr ?? "").isEmpty, "\(uid): \(panel.title) \(target.refId) has no expression")
            }
        }
    }

    @Test("every variable a query refers to is defined before use or is one of Grafana's", arguments: expected)
    func variableReferences(uid: String) throws {
        let dashboard = try GrafanaDashboard.load(GrafanaDashboard.folder.appendingPathComponent("\(uid).json"))
        var variables = DashboardVariables()
        for variable in dashboard.templating.list {
            if let query = variable.query, variable.type == "query" {
                _ = try variables.substitute(query)
            }
            variables.values[variable.name] = "x"
        }
        for panel in dashboard.allPanels {
            for target in panel.targets ?? [] { _ = try variables.substitute(target.expr ?? "") }
        }
    }

    @Test("every sibyl_ series a dashboard names is one Sibyl's sources define", arguments: expected)
    func seriesNamesExist(uid: String) throws {
        let text = try String(
            contentsOf: GrafanaDashboard.folder.appendingPathComponent("\(uid).json"), encoding: .utf8)
        let known = try Self.sourceSeriesNames()
        #expect(known.contains("sibyl_slo_predicted_violation_eta_seconds"), "the sources were read")
        let used = Self.seriesNames(in: text)
        #expect(!used.isEmpty)
        for name in used.sorted() {
            #expect(known.contains(name), "\(uid) names \(name), which no source file of Sibyl defines")
        }
    }

    /// The `sibyl_…` names in `text` (label names and values never start with `sibyl_` in these files).
    static func seriesNames(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let start = rest.range(of: "sibyl_") {
            let tail = rest[start.lowerBound...]
            let name = tail.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            names.insert(String(name))
            rest = tail.dropFirst(name.count)
        }
        return names
    }

    /// The `sibyl_…` names the Sibyl target's sources spell out.
    static func sourceSeriesNames() throws -> Set<String> {
        let sources = Fixtures.repository.appendingPathComponent("Sources/Sibyl", isDirectory: true)
        guard let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else {
            throw FixtureError("cannot list \(sources.path)")
        }
        var names: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" {
            names.formUnion(seriesNames(in: try String(contentsOf: file, encoding: .utf8)))
        }
        return names
    }
}
