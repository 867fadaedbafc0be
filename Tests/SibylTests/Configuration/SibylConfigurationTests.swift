import Foundation
import Sibyl
import SibylWire
import Testing

struct SibylConfigurationTests {
    /// The repository's top level: three folders above this file's folder (Tests/SibylTests/Configuration).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func duration(_ text: String) throws -> PrometheusDuration { try PrometheusDuration(parsing: text) }

    @Test("defaults are the documented ones")
    func defaults() throws {
        let configuration = SibylConfiguration()
        #expect(configuration.source.url == "http://127.0.0.1:9090/api/v1/read")
        #expect(configuration.source.timeout == (try Self.duration("30s")))
        #expect(configuration.source.responseType == .streamedXORChunks)
        #expect(configuration.evaluation.interval == (try Self.duration("60s")))
        #expect(configuration.evaluation.step == (try Self.duration("5s")))
        #expect(configuration.evaluation.windows == (try ["1h", "3h", "12h"].map(Self.duration)))
        #expect(configuration.evaluation.metadataInterval == (try Self.duration("5m")))
        #expect(configuration.evaluation.longestWindow == (try Self.duration("12h")))
        #expect(configuration.selectors.isEmpty)
        #expect(configuration.limits.maxSeries == 20_000)
        #expect(configuration.web.listenAddress == ListenAddress(host: "", port: 9798))
        #expect(configuration.web.telemetryPath == "/metrics")
        #expect(configuration.web.remoteReadSampleLimit == 50_000_000)
    }

    @Test("a minimal file takes every default but the source and the selectors")
    func minimal() throws {
        let configuration = try SibylConfiguration(
            yaml: """
                source:
                  url: https://mimir.example:8080/prometheus/api/v1/read
                selectors: [up]
                """,
            file: "minimal.yml")
        var expected = SibylConfiguration(selectors: [try SeriesSelector(parsing: "up")])
        expected.source.url = "https://mimir.example:8080/prometheus/api/v1/read"
        #expect(configuration == expected)
    }

    @Test("a full file sets every key")
    func full() throws {
        let configuration = try SibylConfiguration(
            yaml: """
                # every key
                source:
                  url: http://prometheus:9090/api/v1/read
                  timeout: 1m30s
                  response_type: samples
                evaluation:
                  interval: 2m
                  step: 15s
                  windows:
                    - 6h
                    - 30m
                    - 1d
                  metadata_interval: 10m
                selectors:
                  - '{job="node", __name__=~"node_memory_.*_bytes"}'
                  - "node_load1{instance=\\"a:9100\\"}"
                  - up
                  - '{"http.requests", "service.name"="api"}'
                limits:
                  max_series: 1_000
                  max_bytes: 2GiB
                  max_samples_per_series: 5000
                  max_samples_per_read: 200000
                  max_labels_per_series: 40
                  max_label_bytes_per_series: 4KiB
                  max_frame_bytes: 8MiB
                web:
                  listen_address: "[::1]:9100"
                  telemetry_path: /sibyl/metrics
                  remote_read_sample_limit: 0
                  query_timeout: 2m
                """,
            file: "full.yml")
        #expect(configuration.source.url == "http://prometheus:9090/api/v1/read")
        #expect(configuration.source.timeout == (try Self.duration("90s")))
        #expect(configuration.source.responseType == .samples)
        #expect(configuration.evaluation.interval == (try Self.duration("2m")))
        #expect(configuration.evaluation.step == (try Self.duration("15s")))
        #expect(configuration.evaluation.windows == (try ["30m", "6h", "1d"].map(Self.duration)))
        #expect(configuration.evaluation.longestWindow == (try Self.duration("1d")))
        #expect(configuration.evaluation.metadataInterval == (try Self.duration("10m")))
        #expect(
            configuration.selectors.map(\.description) == [
                "{job=\"node\",__name__=~\"node_memory_.*_bytes\"}", "node_load1{instance=\"a:9100\"}", "up",
                "{__name__=\"http.requests\",\"service.name\"=\"api\"}",
            ])
        #expect(configuration.limits.maxSeries == 1000)
        #expect(configuration.limits.maxBytes == 2 << 30)
        #expect(
            configuration.limits.read
                == SeriesLimits(
                    labelsPerSeries: 40, labelBytesPerSeries: 4096, samplesPerSeries: 5000, samplesPerRead: 200_000))
        #expect(configuration.limits.maxFrameBytes == 8 << 20)
        #expect(configuration.web.queryTimeout == (try Self.duration("2m")))
        #expect(configuration.web.listenAddress == ListenAddress(host: "::1", port: 9100))
        #expect(configuration.web.telemetryPath == "/sibyl/metrics")
        #expect(configuration.web.remoteReadSampleLimit == 0)
    }

    @Test("the issue's example, comments and all, loads")
    func issueExample() throws {
        let configuration = try SibylConfiguration(
            yaml: """
                source:
                  url: http://127.0.0.1:9090/api/v1/read   # any remote-read endpoint
                  timeout: 30s
                  response_type: streamed                  # streamed (XOR chunks, default) | samples
                evaluation:
                  interval: 60s                            # one cycle
                  step: 5s                                 # the sampling step the analyses assume
                  windows: [1h, 3h, 12h]                   # the longest is what is kept in memory
                selectors:                                 # PromQL series selectors; every matching series is analysed
                  - '{job="node_exporter", __name__=~"node_memory_.*_bytes"}'
                limits:
                  max_series: 20000                        # beyond it, series are dropped and counted
                web:
                  listen_address: ":9798"
                """,
            file: "issue.yml")
        let selector = try SeriesSelector(parsing: #"{job="node_exporter", __name__=~"node_memory_.*_bytes"}"#)
        #expect(configuration == SibylConfiguration(selectors: [selector]))
    }

    @Test("empty sections keep their defaults")
    func emptySections() throws {
        let configuration = try SibylConfiguration(
            yaml: "source: {url: 'http://p:9090/api/v1/read'}\nevaluation:\nlimits: {}\nweb: ~\nselectors: [up]\n",
            file: "empty.yml")
        #expect(configuration.evaluation == EvaluationConfiguration())
        #expect(configuration.limits == LimitsConfiguration())
        #expect(configuration.web == WebConfiguration())
    }

    @Test("the shipped sibyl.yml loads and reads the local Prometheus' node exporter series")
    func shippedExample() throws {
        let path = Self.repositoryRoot.appendingPathComponent("sibyl.yml").path
        let configuration = try SibylConfiguration.load(contentsOf: path)
        #expect(configuration.source.url == "http://127.0.0.1:9090/api/v1/read")
        #expect(configuration.source.responseType == .streamedXORChunks)
        #expect(configuration.web.listenAddress.port == 9798)
        #expect(configuration.evaluation.step == (try Self.duration("5s")))
        let names = [
            "node_memory_MemAvailable_bytes", "node_load1", "node_network_receive_bytes_total",
            "node_network_transmit_bytes_total", "node_filesystem_avail_bytes",
        ]
        for name in names {
            let labels = ["__name__": name, "job": "node", "device": "eth0", "fstype": "ext4"]
            #expect(configuration.selectors.contains { $0.matches(labels) }, "\(name) is selected")
        }
        #expect(!configuration.selectors.contains { $0.matches(["__name__": "node_load1", "job": "other"]) })
    }

    @Test("a missing file is one clear error")
    func missingFile() {
        #expect(Self.loadErrors("/nonexistent/sibyl.yml") == ["/nonexistent/sibyl.yml: no such file"])
    }

    @Test("a directory is not a configuration file")
    func directory() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(Self.loadErrors(path) == ["\(path): is a directory, not a configuration file"])
    }

    @Test("a file over the size bound is refused before parsing")
    func tooLarge() throws {
        try Self.withTemporaryFile(Data(repeating: UInt8(ascii: "#"), count: SibylConfiguration.maximumFileSize + 1)) {
            #expect(Self.loadErrors($0) == ["\($0): larger than 1048576 bytes, the most a configuration file may hold"])
        }
    }

    @Test("a file that is not UTF-8 is refused")
    func notUTF8() throws {
        try Self.withTemporaryFile(Data([0x73, 0x6F, 0xFF, 0x0A])) {
            #expect(Self.loadErrors($0) == ["\($0): not valid UTF-8 text"])
        }
    }

    @Test("errors from a file name it as given")
    func fileErrorsNameThePath() throws {
        try Self.withTemporaryFile(Data("source:\n  url: http://p/api/v1/read\nselectors: []\n".utf8)) {
            #expect(Self.loadErrors($0) == ["\($0):3:12: selectors: at least one selector is required"])
        }
    }

    static func loadErrors(_ path: String) -> [String] {
        do {
            _ = try SibylConfiguration.load(contentsOf: path)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    static func withTemporaryFile(_ contents: Data, _ body: (String) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sibyl-config-\(UUID().uuidString).yml")
        try contents.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url.path)
    }
}
