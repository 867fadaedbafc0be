import Foundation
import SibylTestSupport
import SibylWire
import Testing

/// A real Prometheus scrapes the writer's bytes and must store exactly what was written.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .python3)))
struct ExpositionWriterScrapeTests {
    static let hostileValues = [
        "plain", "quote \" inside", "back\\slash", "new\nline", "tab\tstays", "ünïcødé ✓ 日本", "trailing \\",
        "\"\\\n", "",
    ]
    static let values: [Double] = [
        .nan, .infinity, -.infinity, 0, 1, -2.5, 1e-300, .greatestFiniteMagnitude, 123_456_789.125, 4.2774e-05,
    ]

    static func families() throws -> [MetricFamily] {
        var gauge = try MetricFamily(name: "sibyl_scrape_test_value", kind: .gauge, help: "Help with \\ and \n.")
        for (index, hostile) in hostileValues.enumerated() {
            let labels = try RenderedLabels([(name: "case", value: "\(index)"), (name: "text", value: hostile)])
            gauge.append(labels, values[index % values.count])
        }
        var special = try MetricFamily(name: "sibyl_scrape_test_special", kind: .gauge, help: "Special values.")
        for (index, value) in values.enumerated() {
            special.append(try RenderedLabels([(name: "case", value: "\(index)")]), value)
        }
        return [gauge, special]
    }

    @Test("Prometheus stores exactly the labels and values written, for hostile labels and NaN/±Inf")
    func scrapedValuesAreExact() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-exposition")
        defer { directory.remove() }
        let families = try Self.families()
        try Data(try ExpositionWriter().render(families)).write(to: directory.file("metrics.txt"))
        try await StaticFileServer.with(serving: directory.url) { server in
            let target = PrometheusFixture.ScrapeTarget(
                job: "writer", address: server.address, metricsPath: "/metrics.txt")
            try await PrometheusFixture.with(scrapeTargets: [target], scrapeInterval: "1s") { prometheus in
                var stored: [PrometheusFixture.QueriedSeries] = []
                for _ in 0..<100 {
                    let now = Int64(Date().timeIntervalSince1970 * 1000)
                    stored = try await prometheus.query("{job=\"writer\", __name__=~\"sibyl_scrape_test_.*\"}", at: now)
                    if stored.count == Self.hostileValues.count + Self.values.count { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(stored.count == Self.hostileValues.count + Self.values.count)
                for family in families {
                    for sample in family.samples {
                        var want: [String: String] = [
                            "__name__": family.name.description, "job": "writer", "instance": server.address,
                        ]
                        for label in sample.labels.labels { want[label.name] = label.value }
                        // Prometheus drops labels with empty values.
                        want = want.filter { !$0.value.isEmpty }
                        guard let got = stored.first(where: { $0.labels == want }) else {
                            Issue.record("no stored series with labels \(want)")
                            continue
                        }
                        let value = got.points.first?.1 ?? 0
                        let same = sample.value.isNaN ? value.isNaN : value.bitPattern == sample.value.bitPattern
                        #expect(same, "\(want): stored \(value), wrote \(sample.value)")
                    }
                }
            }
        }
    }
}
