import Foundation
import Sibyl
import SibylWire

/// The renderings of `sibyl query`'s rows: a table, CSV and the API's JSON.
enum QueryOutput {
    /// The rows as a table: series as SERIES; values as TIME, VALUE, SERIES; cycles as TIME, DURATION_SECONDS,
    /// STATUS. Times are RFC 3339 in UTC, values as the API writes them (`NaN`, `+Inf`, `1e+06`).
    static func table(_ answer: QueryAnswer) -> ObjectivesTable {
        // One formatter for every row: making one per time costs more than the rest of a row.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func rfc3339(_ milliseconds: Int64) -> String {
            formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        switch answer {
        case .series(let list):
            return ObjectivesTable(header: ["SERIES"], rows: list.map { [series($0)] })
        case .results(let list):
            var table = ObjectivesTable(header: ["TIME", "VALUE", "SERIES"])
            for entry in list {
                let name = series(entry.metric)
                for sample in entry.values {
                    table.rows.append([rfc3339(sample.time), GoFloatFormat.string(sample.value), name])
                }
            }
            return table
        case .evaluations(let list):
            return ObjectivesTable(
                header: ["TIME", "DURATION_SECONDS", "STATUS"],
                rows: list.map {
                    [rfc3339($0.time), $0.durationSeconds.map { "\($0)" } ?? "-", $0.status]
                })
        }
    }

    /// A table as CSV (RFC 4180): the header in lower case, then the rows; CRLF line ends; a field holding a comma,
    /// a double quote or a line break is quoted, its double quotes doubled.
    static func csv(_ table: ObjectivesTable) -> String {
        ([table.header.map { $0.lowercased() }] + table.rows).map { row in
            row.map(field).joined(separator: ",") + "\r\n"
        }.joined()
    }

    /// The API's `data` as indented JSON with sorted keys, and a final newline.
    static func json(_ answer: QueryAnswer) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(answer)) ?? Data()
        return String(decoding: bytes, as: UTF8.self) + "\n"
    }

    /// `name{a="v",…}` with the labels sorted by name and the values escaped as PromQL strings.
    static func series(_ labels: [String: String]) -> String {
        let name = labels["__name__"] ?? ""
        let rest = labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }
            .map { LabelMatcher($0.key, .equal, $0.value).description }
        return rest.isEmpty ? name : "\(name){\(rest.joined(separator: ","))}"
    }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
