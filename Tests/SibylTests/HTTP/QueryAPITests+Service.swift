import Foundation
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport
import Testing

extension QueryAPITests {
    @Test("sibyl run serves its archive: every result /metrics showed at T comes back at T, bit for bit")
    func throughTheService() async throws {
        let time = ServiceFixture.evaluationTime()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            let configuration = try SibylConfiguration(
                yaml: """
                    source: {url: '\(prometheus.remoteReadURL)'}
                    evaluation: {interval: 1h}
                    selectors: ['{job="fixture", shape="sine"}']
                    archive: {path: '\(directory.file("sibyl.db").path)'}
                    """, file: "sibyl.yml")
            var logger = Logger(label: "sibyl-test")
            logger.logLevel = .warning
            let service = try SibylService(
                configuration: configuration, configurationFile: "sibyl.yml", adminToken: nil, logger: logger,
                now: { time })
            try await SibylServerFixture.with(service, logger: logger) { port in
                let url = "http://127.0.0.1:\(port)"
                let text = try await SibylServerFixture.metrics(port: port) { $0.contains("sibyl_window_max{") }
                let at = [("from", "\(Double(time) / 1000)"), ("to", "\(Double(time) / 1000)")]
                var archived = QueryAnswer.evaluations([])
                for _ in 0..<600 where archived.rowCount == 0 {
                    archived = try QueryPage.decode(.evaluations, from: try await Self.get(url, "evaluations", at).body)
                        .answer
                    if archived.rowCount == 0 { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(archived.rowCount == 1)
                let page = try QueryPage.decode(
                    .results, from: try await Self.get(url, "results", [("match[]", "{shape=\"sine\"}")] + at).body)
                guard case .results(let list) = page.answer else { throw FixtureError("not results") }
                // The cycle archives what /metrics shows when it ends: its window statistics. The metadata run
                // it starts publishes later (possibly before this read) and is archived with the next cycle.
                let exposed = ExposedSample.parse(text).filter { $0.name.hasPrefix("sibyl_window_") }
                #expect(exposed.contains { $0.name == "sibyl_window_stddev" })
                func rendered(_ labels: [String: String]) -> String {
                    labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                }
                let archivedSamples = list.flatMap { entry in
                    entry.values.map { "\(rendered(entry.metric)) \($0.time) \($0.value.bitPattern)" }
                }
                let exposedSamples = exposed.map { sample in
                    let labels = sample.labels.merging(["__name__": sample.name]) { $1 }
                    return "\(rendered(labels)) \(time) \(sample.value.bitPattern)"
                }
                #expect(archivedSamples.count == 15)
                #expect(archivedSamples.sorted() == exposedSamples.sorted())
            }
            try service.archive.close()
        }
    }
}
