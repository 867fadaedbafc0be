import SibylWire
import Testing

@testable import Sibyl

/// The `source` section's type and `max_range_per_request`, and the source the composition root builds from them.
struct SourceConfigurationTests {
    static func load(_ source: String) throws -> SibylConfiguration {
        try SibylConfiguration(yaml: "source:\n" + source + "selectors: [up]\n", file: "s.yml")
    }

    @Test("remote read without a limit by default; victoriametrics with a cluster base URL, split every 24h")
    func decodes() throws {
        let plain = try Self.load("  url: http://p:9090/api/v1/read\n")
        #expect(plain.source.kind == .remoteRead)
        #expect(plain.source.maxRangePerRequest.milliseconds == 0)
        #expect(try seriesSource(plain) is RemoteReadClient)
        let victoria = try Self.load(
            """
              type: victoriametrics
              url: http://vmselect:8481/select/0/prometheus
              max_range_per_request: 1d
              headers: {X-Tenant: a}

            """)
        #expect(victoria.source.kind == .victoriaMetrics)
        #expect(victoria.source.maxRangePerRequest.milliseconds == 86_400_000)
        let source = try #require(try seriesSource(victoria) as? RangeSplittingSource)
        #expect(source.maxRange == 86_400_000)
        let client = try #require(source.base as? VictoriaMetricsExportClient)
        #expect(client.configuration.exportURL == "http://vmselect:8481/select/0/prometheus/api/v1/export")
        #expect(client.configuration.client.headers == ["X-Tenant": "a"])
        #expect(
            try seriesSource(Self.load("  url: http://p:9090/api/v1/read\n  max_range_per_request: 2h\n"))
                is RangeSplittingSource)
    }

    @Test(
        "mistakes name their line",
        arguments: [
            (
                "  type: victoria\n  url: http://vm:8428\n",
                #"s.yml:2:9: source.type: expected "remote_read" or "victoriametrics""#
            ),
            (
                "  type: victoriametrics\n  url: http://vm:8428/api/v1/export\n",
                "s.yml:3:8: source.url: for type victoriametrics, the base URL"
            ),
            (
                "  type: victoriametrics\n  url: http://vm:8428\n  response_type: samples\n",
                "s.yml:4:3: source.response_type: a remote-read setting"
            ),
            (
                "  url: http://p:9090/api/v1/read\n  max_range_per_request: 30s\n",
                "s.yml:3:26: source.max_range_per_request: 0 (no limit) or at least 1m"
            ),
            (
                "  url: http://p:9090/api/v1/read\n  max_range_per_request: soon\n",
                "s.yml:3:26: source.max_range_per_request"
            ),
        ])
    func mistakes(_ source: String, _ message: String) {
        do {
            _ = try Self.load(source)
            Issue.record("accepted \(source)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
