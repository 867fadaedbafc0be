import Foundation
import SibylWire
import Testing

@testable import Sibyl

/// The reference page served on `/docs`: the endpoints and the families of the exposition it is given.
struct ReferencePageTests {
    static func exposition() throws -> [UInt8] {
        let families = [
            try MetricFamily(
                name: "sibyl_window_max", kind: .gauge, help: "Largest sample <b>\\ in\nthe window.",
                samples: [MetricFamily.Sample(try RenderedLabels([(name: "metric", value: "up")]), 1)]),
            try MetricFamily(
                name: "sibyl_evaluations_total", kind: .counter, help: "Cycles run.",
                samples: [MetricFamily.Sample(try RenderedLabels([]), 3)]),
        ]
        return try ExpositionWriter().render(families)
    }

    @Test("families come from the # HELP and # TYPE lines, sorted by name, help unescaped")
    func families() throws {
        let families = ReferencePage.families(in: try Self.exposition())
        #expect(families.map(\.name) == ["sibyl_evaluations_total", "sibyl_window_max"])
        #expect(families.map(\.type) == ["counter", "gauge"])
        #expect(families[1].help == "Largest sample <b>\\ in\nthe window.")
        #expect(ReferencePage.families(in: Array("# HELP\n# TYPE x\nx 1\n# EOF\n".utf8)).isEmpty)
    }

    @Test("the page lists every endpoint and every catalog family, escaped, and which are shown now")
    func render() throws {
        let html = ReferencePage(exposition: try Self.exposition()).render()
        for family in FamilyCatalog.all {
            #expect(
                html.contains("<tr><td><code>\(family.name)</code></td><td>\(family.type.rawValue)</td>"),
                "\(family.name)")
        }
        #expect(html.contains("<code>sibyl_window_max</code></td><td>gauge</td><td>…, window</td>"))
        #expect(
            html.contains(
                "<code>sibyl_evaluations_total</code></td><td>counter</td><td></td><td>Evaluation cycles run, successful or not.</td><td></td><td>yes</td>"
            ))
        #expect(html.contains("<code>sibyl_acf</code></td><td>gauge</td><td>…, lag</td><td>Autocorrelation"))
        #expect(html.contains("over the longest window (statsmodels acf).</td><td></td><td>no</td>"))
        #expect(
            html.contains("source series&#39; samples in the window (T - window, T].</td><td>the source&#39;s</td>"))
        #expect(html.contains("Wall time of the last evaluation cycle.</td><td>seconds</td>"))
        for endpoint in ReferencePage.endpoints {
            let escaped = endpoint.path.replacingOccurrences(of: "&", with: "&amp;")
            #expect(html.contains("<code>\(escaped)</code>"), "\(endpoint.path)")
        }
        let hostile = FamilyDescriptor(selfMonitoring: "sibyl_test_gauge", .gauge, help: "Largest <b>\\ in")
        let escaped = ReferencePage(exposition: [], catalog: [hostile]).render()
        #expect(escaped.contains("<td>Largest &lt;b&gt;\\ in</td>"))
        #expect(!escaped.contains("<b>"))
        #expect(!html.contains("<script"))
        #expect(ReferencePage(exposition: []).render().contains("No cycle has run yet"))
    }

    @Test("the status page links to the reference")
    func linked() {
        #expect(StatusSnapshot.defaultDocumentationURL == "/docs")
    }
}
