import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// `/metrics` through the real service: UTF-8 source label names, format negotiation and gzip.
struct MetricsNegotiationTests {
    static let prometheus3Accept =
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
        + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
        + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"

    /// A `service.name` label is `service_name` by default and `"service.name"` with allow-utf-8; a series whose
    /// names escape alike is dropped and counted; OpenMetrics and gzip when asked.
    @Test("UTF-8 label names, escaping collisions, OpenMetrics and gzip on /metrics")
    func utf8NamesAndNegotiation() async throws {
        let time: Int64 = 1_767_225_600_000
        // Sorted first, so kept; the second gives the same derived series once names are escaped.
        let kept = [Label("__name__", "http_requests"), Label("job", "u"), Label("service.name", "api")]
        let twin = [Label("__name__", "http_requests"), Label("job", "u"), Label("service_name", "api")]
        let series = [
            SwitchableSource.Series(labels: twin) { _ in 2 },
            .init(labels: kept) { _ in 1 },
        ]
        try await SwitchableSource.with(series) { _, url in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let configuration = try SibylConfiguration(
                yaml: """
                    source: {url: '\(url)'}
                    evaluation: {interval: 1h, step: 5s, windows: [1m]}
                    selectors: ['{job="u", "service.name"=~"api|"}']
                    archive: {path: '\(directory.file("sibyl.db").path)'}
                    """, file: "u.yml")
            var logger = Logger(label: "sibyl-test")
            logger.logLevel = .error
            let service = try SibylService(
                configuration: configuration, configurationFile: "u.yml", adminToken: nil, logger: logger,
                now: { time })
            defer { try? service.closeArchive() }
            try await SibylServerFixture.with(service, logger: logger) { port in
                let address = "http://127.0.0.1:\(port)/metrics"
                let text = try await SibylServerFixture.metrics(port: port) {
                    $0.contains("sibyl_evaluations_total 1\n")
                }
                #expect(
                    text.contains(#"sibyl_window_min{job="u",metric="http_requests",service_name="api",window="1m"} 1"#)
                )
                #expect(!text.contains("service.name"))
                #expect(text.contains(#"sibyl_series_dropped_total{reason="label_collision"} 1"# + "\n"))
                let check = try Promtool.checkMetrics(text)
                #expect(check.status == 0, "promtool: \(check.output)")

                let openMetrics = try await TestHTTP.send(address, headers: ["Accept": Self.prometheus3Accept])
                #expect(
                    openMetrics.headers["content-type"]
                        == "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8")
                #expect(
                    openMetrics.text.contains(
                        #"sibyl_window_min{job="u",metric="http_requests","service.name"="api",window="1m"} 1"#))
                #expect(openMetrics.text.contains("# TYPE sibyl_evaluations counter\nsibyl_evaluations_total 1\n"))
                #expect(openMetrics.text.hasSuffix("# EOF\n"))
                #expect(!openMetrics.text.contains("service_name"))

                let textUTF8 = try await TestHTTP.send(
                    address, headers: ["Accept": "text/plain;version=1.0.0;escaping=allow-utf-8"])
                #expect(
                    textUTF8.headers["content-type"]
                        == "text/plain; version=1.0.0; charset=utf-8; escaping=allow-utf-8")
                #expect(textUTF8.text.contains(#","service.name"="api","#))
                #expect(!textUTF8.text.contains("# EOF"))

                // The analyses may publish between two requests: compare a plain and a gzip answer of one publish.
                var same = false
                for _ in 0..<50 where !same {
                    let plain = try await TestHTTP.send(address, headers: ["Accept-Encoding": "identity"])
                    #expect(plain.headers["content-encoding"] == nil)
                    let zipped = try await TestHTTP.send(address, headers: ["Accept-Encoding": "gzip"])
                    #expect(zipped.headers["content-encoding"] == "gzip")
                    // URLSession may already have decoded the body; either way it is the plain answer.
                    let body = Array(zipped.body)
                    same = (Gzip.decompress(body, limit: 1 << 24) ?? body) == Array(plain.body)
                }
                #expect(same)
            }
        }
    }
}
