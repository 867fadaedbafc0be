/// Plain-text tables for `sibyl slo`: a header row and aligned columns, two spaces apart.
struct ObjectivesTable {
    /// The column titles.
    var header: [String]
    /// The rows, each as many cells as the header.
    var rows: [[String]] = []

    /// The table's text, one line per row with a final newline; trailing spaces trimmed.
    var text: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += cell
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - cell.count + 2) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line + "\n"
        }.joined()
    }

    /// A number as people write it: integers without a fraction, others as Swift prints them; `-` for none.
    static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
