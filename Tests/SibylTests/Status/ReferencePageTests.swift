import Foundation
import Sibyl
import SibylWire
import Testing

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

    @Test("the page lists every endpoint and family, escaped, and says when no cycle has run")
    func render() throws {
        let html = ReferencePage(exposition: try Self.exposition()).render()
        for endpoint in ReferencePage.endpoints {
            let escaped = endpoint.path.replacingOccurrences(of: "&", with: "&amp;")
            #expect(html.contains("<code>\(escaped)</code>"), "\(endpoint.path)")
        }
        #expect(html.contains("<tr><td><code>sibyl_window_max</code></td><td>gauge</td><td>Largest sample &lt;b&gt;"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<script"))
        #expect(ReferencePage(exposition: []).render().contains("No cycle has run yet"))
    }

    @Test("the status page links to the reference")
    func linked() {
        #expect(StatusSnapshot.defaultDocumentationURL == "/docs")
    }
}
