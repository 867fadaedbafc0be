import Foundation
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// The family catalog is the one source of every `sibyl_` name: valid, each name spelled once in `Sources/`, and
/// the README's tables generated from it.
struct FamilyCatalogTests {
    @Test("the catalog is valid: unique names, counters ending in _total, units named, every derived family archived")
    func valid() throws {
        try FamilyCatalog.validate()
        #expect(FamilyCatalog.all.count == 94)
        #expect(FamilyCatalog.all.filter(\.isSloth).count == 15)
        for view in ArchiveView.allCases { #expect(!view.families.isEmpty, "\(view)") }
        for kind in ResultKind.allCases { #expect(FamilyCatalog.all.contains { $0.kind == kind }, "\(kind)") }
        #expect(
            FamilyCatalog.reservedLabels == [
                "metric", "window", "statistic", "quantile", "le", "lag", "level", "phase", "horizon", "objective",
                "bound", "parameter", "basis", "measure", "direction", "model",
            ])
    }

    @Test("a duplicate or invalid family is an error naming it")
    func invalidFamilies() {
        let family = WindowFamilies.min
        #expect(throws: FamilyCatalogError.duplicate("sibyl_window_min")) {
            try FamilyCatalog.validate([family, family])
        }
        let counter = FamilyDescriptor(selfMonitoring: "sibyl_cycles", .counter, help: "x")
        #expect(throws: FamilyCatalogError.invalid("sibyl_cycles", "a counter's name ends in _total")) {
            try FamilyCatalog.validate([counter])
        }
        let invalid = FamilyDescriptor(selfMonitoring: "sibyl_a-b", .gauge, help: "x")
        #expect(throws: FamilyCatalogError.invalid("sibyl_a-b", "not a valid sibyl_ metric name")) {
            try FamilyCatalog.validate([invalid])
        }
        let unit = FamilyDescriptor(selfMonitoring: "sibyl_wait", .gauge, unit: "seconds", help: "x")
        #expect(throws: FamilyCatalogError.invalid("sibyl_wait", "the name does not name its unit seconds")) {
            try FamilyCatalog.validate([unit])
        }
    }

    /// Every quoted family-name literal under `Sources/` (`"sibyl_…"`, Sloth's `"slo:…"` and `"sloth_slo_info"`),
    /// with how often it occurs.
    static func quotedNames() throws -> [String: Int] {
        let sources = Fixtures.repository.appendingPathComponent("Sources", isDirectory: true)
        var counts: [String: Int] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        let pattern = try Regex(#""(sibyl_[a-z_]*|slo:[a-z_:0-9]*|sloth_slo_info)""#)
        var swiftFiles = 0
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            swiftFiles += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { counts[String(name), default: 0] += 1 }
            }
        }
        #expect(swiftFiles > 100, "Sources/ was not found")
        return counts
    }

    @Test("every family name is spelled once in Sources/, and no family-name literal is spelled twice")
    func spelledOnce() throws {
        let counts = try Self.quotedNames()
        // Sloth's error ratio families are named after their window, from one spelled prefix.
        #expect(counts[SlothFamilies.sliErrorPrefix] == 1)
        for family in FamilyCatalog.all where !family.name.hasPrefix(SlothFamilies.sliErrorPrefix) {
            #expect(counts[family.name] == 1, "\(family.name) is spelled \(counts[family.name] ?? 0) times in Sources/")
        }
        for (name, count) in counts where count > 1 {
            Issue.record("\"\(name)\" is spelled \(count) times in Sources/")
        }
    }

    /// The README's tables of families, as the catalog gives them.
    @Test("the families in the source series' unit are those whose value is a sample, a spread or a forecast")
    func sourceUnit() {
        let keeping = Set(FamilyCatalog.all.filter(\.keepsSourceUnit).map(\.name))
        #expect(
            keeping == [
                "sibyl_window_min", "sibyl_window_max", "sibyl_window_avg", "sibyl_window_stddev",
                "sibyl_forecast_avg", "sibyl_forecast_lower", "sibyl_forecast_max", "sibyl_forecast_min",
                "sibyl_forecast_rmse", "sibyl_forecast_upper", "sibyl_seasonal_component", "sibyl_slo_worst_value",
                "sibyl_slo_predicted_value", "sibyl_histogram_avg", "sibyl_histogram_quantile",
            ])
        // A family with its own unit, or none derived from a source series, never claims the source's.
        #expect(FamilyCatalog.all.allSatisfy { !$0.keepsSourceUnit || ($0.unit == nil && $0.carriesSourceLabels) })
    }

    static func readmeTables() -> String {
        func row(_ family: FamilyDescriptor) -> String {
            let labels = (family.carriesSourceLabels ? ["…"] : []) + family.labels
            let help = family.help.replacingOccurrences(of: "|", with: "\\|")
            return "| `\(family.name)` | \(family.type.rawValue) | \(labels.joined(separator: ", ")) | \(help) |"
        }
        var lines = ["| family | type | labels | meaning |", "|---|---|---|---|"]
        lines += FamilyCatalog.all.filter { $0.kind != nil }.map(row)
        lines += [
            "", "Sibyl's own health (not archived):", "", "| family | type | labels | meaning |", "|---|---|---|---|",
        ]
        lines += SelfMonitoringFamilies.all.map(row)
        return lines.joined(separator: "\n")
    }

    static let begin =
        "<!-- families: generated from the family catalog; SIBYL_UPDATE_README=1 swift test --filter FamilyCatalogTests rewrites it -->"
    static let end = "<!-- families: end -->"

    @Test("the README's tables of families are the catalog's")
    func readme() throws {
        let url = Fixtures.repository.appendingPathComponent("README.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "README.md has no \(Self.begin)")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex))
        let table = String(text[start.upperBound..<stop.lowerBound]).trimmingCharacters(in: .newlines)
        if ProcessInfo.processInfo.environment["SIBYL_UPDATE_README"] == "1" {
            let updated = text.replacingCharacters(
                in: start.upperBound..<stop.lowerBound, with: "\n" + Self.readmeTables() + "\n")
            try updated.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(table == Self.readmeTables())
    }
}
