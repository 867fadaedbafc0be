import Sibyl
import SibylWire
import Testing

struct RemoteWriteConfigurationTests {
    static let head = "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n"

    @Test("an entry decodes with Prometheus' defaults: 2000 samples, 5s deadline, 30ms to 5s backoff, 1h backlog")
    func defaults() throws {
        let configuration = try SibylConfiguration(
            yaml: Self.head + "remote_write:\n  - url: http://vm:8428/api/v1/write\n", file: "t.yml")
        let endpoint = try #require(configuration.remoteWrite.first)
        #expect(endpoint.url == "http://vm:8428/api/v1/write")
        #expect(endpoint.name == "http://vm:8428/api/v1/write")
        #expect(endpoint.protocolVersion == .v1)
        #expect(endpoint.timeout.milliseconds == 30_000)
        #expect(endpoint.queue == RemoteWriteConfiguration.Queue())
        #expect(endpoint.queue.maxSamplesPerSend == 2000)
        #expect(endpoint.queue.batchSendDeadline.milliseconds == 5000)
        #expect(endpoint.queue.minBackoff.milliseconds == 30)
        #expect(endpoint.queue.maxBackoff.milliseconds == 5000)
        #expect(endpoint.queue.maxBacklog.milliseconds == 3_600_000)
        #expect(try SibylConfiguration(yaml: Self.head, file: "t.yml").remoteWrite.isEmpty)
    }

    @Test("every key decodes, with the source's headers and credentials")
    func everyKey() throws {
        let yaml =
            Self.head + """
                remote_write:
                  - url: https://mimir:9009/api/v1/push
                    name: mimir
                    protocol: auto
                    timeout: 10s
                    headers: {X-Scope-OrgID: tenant-1}
                    basic_auth: {username: u, password: p}
                    queue:
                      max_samples_per_send: 500
                      batch_send_deadline: 1s
                      min_backoff: 10ms
                      max_backoff: 2s
                      max_backlog: 6h
                  - url: http://vm:8428/api/v1/write
                    protocol: v2
                """
        let configuration = try SibylConfiguration(yaml: yaml, file: "t.yml")
        #expect(configuration.remoteWrite.count == 2)
        let mimir = configuration.remoteWrite[0]
        #expect(mimir.name == "mimir")
        #expect(mimir.protocolVersion == .auto)
        #expect(mimir.timeout.milliseconds == 10_000)
        #expect(mimir.client.headers == ["X-Scope-OrgID": "tenant-1"])
        #expect(mimir.client.basicAuth?.username == "u")
        #expect(mimir.client.basicAuth?.password == .inline("p"))
        #expect(mimir.queue.maxSamplesPerSend == 500)
        #expect(mimir.queue.batchSendDeadline.milliseconds == 1000)
        #expect(mimir.queue.minBackoff.milliseconds == 10)
        #expect(mimir.queue.maxBackoff.milliseconds == 2000)
        #expect(mimir.queue.maxBacklog.milliseconds == 21_600_000)
        #expect(configuration.remoteWrite[1].protocolVersion == .v2)
    }

    static let mistakes: [ConfigurationMistake] = [
        .after(
            "no url", "remote_write:\n  - name: vm\n",
            #"t.yml:5:5: missing required key "url" in section remote_write[0]"#),
        .after(
            "not a URL", "remote_write:\n  - url: vm:8428\n",
            #"t.yml:5:10: remote_write[0].url: not an absolute http or https URL: "vm:8428""#),
        .after(
            "an unknown protocol", "remote_write:\n  - url: http://vm/\n    protocol: v3\n",
            #"t.yml:6:15: remote_write[0].protocol: expected "v1", "v2" or "auto", got "v3""#),
        .after(
            "two entries with the same name",
            "remote_write:\n  - url: http://a/\n    name: x\n  - url: http://b/\n    name: x\n",
            #"t.yml:8:11: remote_write[1]: duplicate endpoint "x" (first on line 5); give each a different name"#),
        .after(
            "a zero batch", "remote_write:\n  - url: http://a/\n    queue: {max_samples_per_send: 0}\n",
            "t.yml:6:35: remote_write[0].queue.max_samples_per_send: must be between 1 and 1000000, got 0"),
        .after(
            "min_backoff over max_backoff",
            "remote_write:\n  - url: http://a/\n    queue: {min_backoff: 10s, max_backoff: 1s}\n",
            "t.yml:6:26: remote_write[0].queue: min_backoff (10s) is longer than max_backoff (1s)"),
        .after(
            "a reserved header", "remote_write:\n  - url: http://a/\n    headers: {Content-Encoding: gzip}\n",
            "t.yml:6:15: remote_write[0].headers.Content-Encoding: Sibyl sets this header itself "
                + "(use basic_auth or authorization for credentials)"),
        .after(
            "a list for the section", "remote_write:\n  url: http://a/\n",
            "t.yml:5:3: remote_write: expected a list of remote-write endpoints, each a mapping with a url, "
                + "got a mapping"),
    ]

    @Test("mistakes are reported with their line and column", arguments: mistakes)
    func reportsMistakes(_ mistake: ConfigurationMistake) {
        #expect(ConfigurationDecoderTests.errors(mistake.yaml) == mistake.expected)
    }
}
