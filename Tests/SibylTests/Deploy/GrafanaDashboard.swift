import Foundation
import SibylTestSupport

/// The parts of a Grafana dashboard JSON file (classic model) that the dashboard tests check.
struct GrafanaDashboard: Decodable {
    /// A data source reference, `{"type": "prometheus", "uid": "${datasource}"}`.
    struct DataSourceReference: Decodable, Equatable {
        var type: String?
        var uid: String?
    }

    /// One query of a panel.
    struct Target: Decodable {
        var refId: String
        var expr: String?
        var datasource: DataSourceReference?
        var instant: Bool?
        var range: Bool?
    }

    /// A panel, or a row holding collapsed panels.
    struct Panel: Decodable {
        var id: Int
        var type: String
        var title: String
        var datasource: DataSourceReference?
        var targets: [Target]?
        var panels: [Panel]?
    }

    /// A template variable; `query` is a string or, in newer files, `{"query": "…"}`.
    struct Variable: Decodable {
        var name: String
        var type: String
        var query: String?
        var datasource: DataSourceReference?
        var regex: String?
        var multi: Bool?
        var includeAll: Bool?
        var allValue: String?
        var sort: Int?
        var isAllSelected: Bool

        private enum CodingKeys: String, CodingKey {
            case name, type, query, datasource, regex, multi, includeAll, allValue, sort, current
        }

        private struct QueryObject: Decodable {
            var query: String
        }

        private struct Current: Decodable {
            var value: [String]?

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                if let many = try? container.decode([String].self, forKey: .value) {
                    value = many
                } else {
                    value = (try? container.decode(String.self, forKey: .value)).map { [$0] }
                }
            }

            private enum CodingKeys: String, CodingKey { case value }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            type = try container.decode(String.self, forKey: .type)
            if let text = try? container.decode(String.self, forKey: .query) {
                query = text
            } else {
                query = try container.decodeIfPresent(QueryObject.self, forKey: .query)?.query
            }
            datasource = try container.decodeIfPresent(DataSourceReference.self, forKey: .datasource)
            regex = try container.decodeIfPresent(String.self, forKey: .regex)
            multi = try container.decodeIfPresent(Bool.self, forKey: .multi)
            includeAll = try container.decodeIfPresent(Bool.self, forKey: .includeAll)
            allValue = try container.decodeIfPresent(String.self, forKey: .allValue)
            sort = try container.decodeIfPresent(Int.self, forKey: .sort)
            let current = try container.decodeIfPresent(Current.self, forKey: .current)
            isAllSelected = current?.value == ["$__all"]
        }
    }

    struct Templating: Decodable {
        var list: [Variable]
    }

    var uid: String
    var title: String
    var schemaVersion: Int
    var panels: [Panel]
    var templating: Templating

    /// The folder of the dashboards, `grafana/dashboards`.
    static let folder = Fixtures.repository.appendingPathComponent("grafana/dashboards", isDirectory: true)

    /// The JSON files of the dashboards folder, sorted.
    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Loads one dashboard file.
    static func load(_ file: URL) throws -> GrafanaDashboard {
        try JSONDecoder().decode(GrafanaDashboard.self, from: Data(contentsOf: file))
    }

    /// Every panel, the panels of collapsed rows included.
    var allPanels: [Panel] {
        func flatten(_ panels: [Panel]) -> [Panel] { panels.flatMap { [$0] + flatten($0.panels ?? []) } }
        return flatten(panels)
    }
}
