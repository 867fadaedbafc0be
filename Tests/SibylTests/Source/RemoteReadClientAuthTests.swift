import Foundation
import Logging
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// The source's `basic_auth`, `authorization`, `headers` and `tls_config`, against a real TLS server with basic
/// auth: a Sibyl serving its archive over remote read with a web config file.
@Suite(.enabled(if: WebSecurityTools.present))
struct RemoteReadClientAuthTests {
    @Test("tls_config with the CA and basic_auth read the archive; a wrong password is http_401, a missing file named")
    func basicAuthOverTLS() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await WebSecurityTests.makeCertificates(in: directory.url)
        let cycle = ServiceFixture.evaluationTime() - 60_000
        let archive = try ArchiveFixture()
        defer { archive.remove() }
        await archive.write([try ArchiveFixture.windowCycle(time: cycle, series: 0..<2)])
        try archive.archive.close()
        try "s3cret\n".write(to: directory.file("password"), atomically: true, encoding: .utf8)
        let web = """
            tls_server_config: {cert_file: server.crt, key_file: server.key}
            basic_auth_users:
              prometheus: '\(WebSecurityTests.hash("s3cret"))'
            """
        let settings = try SibylConfiguration(
            yaml: """
                source:
                  url: https://127.0.0.1:1/api/v1/read
                  basic_auth: {username: prometheus, password_file: password}
                  tls_config: {ca_file: ca.crt}
                  headers: {X-Scope-OrgID: tenant-1}
                selectors: [up]
                """, file: directory.file("sibyl.yml").path
        ).source.client
        #expect(settings.tls?.caFile == directory.file("ca.crt").path, "relative to the configuration file")
        #expect(settings.headers == ["X-Scope-OrgID": "tenant-1"])
        let http = try SourceHTTPClients.client(for: settings.tls)
        try await WebSecurityTests.withSibyl(web, in: directory.url, archive: archive.path) { port in
            func client(_ client: HTTPClientSettings) -> RemoteReadClient {
                var configuration = RemoteReadClient.Configuration(url: "https://127.0.0.1:\(port)/api/v1/read")
                configuration.client = client
                return RemoteReadClient(configuration: configuration, httpClient: http)
            }
            let query = RemoteReadQuery(
                start: cycle - 1000, end: cycle + 1000, matchers: [LabelMatcher("__name__", .equal, "sibyl_window_avg")]
            )
            let series = try await client(settings).read([query])
            #expect(series.first?.count == 2)

            var wrong = settings
            wrong.basicAuth?.password = .inline("wrong")
            await #expect(throws: RemoteReadError.self) { _ = try await client(wrong).read([query]) }
            do {
                _ = try await client(wrong).read([query])
            } catch let error as RemoteReadError {
                #expect(error.shortDescription == "http_401")
            }
            var missing = settings
            missing.basicAuth?.password = .file(directory.file("no-such-file").path)
            do {
                _ = try await client(missing).read([query])
                Issue.record("read without its password file")
            } catch let error as RemoteReadError {
                #expect(error.shortDescription == "credentials")
                #expect(error.message.contains("no-such-file"))
            }
            // Without the CA, the server's certificate is not trusted.
            let untrusted = RemoteReadClient(
                configuration: .init(url: "https://127.0.0.1:\(port)/api/v1/read"),
                httpClient: try SourceHTTPClients.client(for: HTTPClientSettings.TLS()))
            await #expect(throws: RemoteReadError.self) { _ = try await untrusted.read([query]) }
        }
    }

    @Test("authorization sends its type and credentials; settings that conflict or name reserved headers are refused")
    func authorizationAndErrors() throws {
        var settings = HTTPClientSettings()
        settings.authorization = .init(type: "Bearer", credentials: .inline("abc"))
        #expect(try settings.authorizationHeader() == "Bearer abc")
        settings.authorization = nil
        settings.basicAuth = .init(username: "u", password: .inline("p"))
        #expect(try settings.authorizationHeader() == "Basic dTpw")
        do {
            _ = try SibylConfiguration(
                yaml: """
                    source:
                      url: http://127.0.0.1:9090/api/v1/read
                      basic_auth: {username: u, password: p}
                      authorization: {credentials: c}
                      headers: {Authorization: x}
                      tls_config: {cert_file: a.crt}
                    selectors: [up]
                    """, file: "s.yml")
            Issue.record("accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("s.yml:4:3: source: basic_auth and authorization both set"), "\(text)")
            #expect(text.contains("s.yml:5:13: source.headers.Authorization: Sibyl sets this header itself"), "\(text)")
            #expect(text.contains("source.tls_config: cert_file and key_file go together"), "\(text)")
        }
    }
}

extension RemoteReadClientAuthTests {
    @Test(
        "the service over TLS and basic auth: the right password reads, a wrong one gives source_up 0 and logs the 401")
    func serviceReportsUnauthorized() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await WebSecurityTests.makeCertificates(in: directory.url)
        let archive = try ArchiveFixture()
        defer { archive.remove() }
        await archive.write([
            try ArchiveFixture.windowCycle(time: ServiceFixture.evaluationTime() - 60_000, series: 0..<2)
        ])
        try archive.archive.close()
        try "s3cret\n".write(to: directory.file("right"), atomically: true, encoding: .utf8)
        try "wrong\n".write(to: directory.file("wrong"), atomically: true, encoding: .utf8)
        let web = """
            tls_server_config: {cert_file: server.crt, key_file: server.key}
            basic_auth_users:
              prometheus: '\(WebSecurityTests.hash("s3cret"))'
            """
        try await WebSecurityTests.withSibyl(web, in: directory.url, archive: archive.path) { port in
            for password in ["right", "wrong"] {
                let configuration = try SibylConfiguration(
                    yaml: """
                        source:
                          url: https://127.0.0.1:\(port)/api/v1/read
                          basic_auth: {username: prometheus, password_file: \(password)}
                          tls_config: {ca_file: ca.crt}
                        evaluation: {interval: 1s, windows: [5m]}
                        selectors: ['{__name__="sibyl_window_avg"}']
                        archive: {path: '\(directory.file("\(password).db").path)'}
                        """, file: directory.file("sibyl.yml").path)
                let recorder = LogRecorder()
                let service = try SibylService(
                    configuration: configuration, configurationFile: "sibyl.yml", adminToken: nil,
                    logger: recorder.logger)
                defer { try? service.closeArchive() }
                try await SibylServerFixture.with(service, logger: recorder.logger) { sibyl in
                    if password == "right" {
                        // The archived series were read.
                        _ = try await SibylServerFixture.metrics(port: sibyl, timeout: 60) {
                            $0.contains("sibyl_source_up 1\n") && $0.contains("sibyl_source_samples_read_total ")
                                && !$0.contains("sibyl_source_samples_read_total 0\n")
                        }
                    } else {
                        let text = try await SibylServerFixture.metrics(port: sibyl, timeout: 60) {
                            $0.contains(#"sibyl_evaluation_failures_total{reason="http_401"} "#)
                        }
                        #expect(text.contains("sibyl_source_up 0\n"))
                    }
                }
                let failed = recorder.recorded.first { $0.message == "cycle failed" }
                if password == "right" {
                    #expect(failed == nil)
                } else {
                    #expect(failed?.level == .warning)
                    #expect(failed?.metadata?["cycle.reason"] == "http_401")
                    #expect(failed?.metadata?["cycle.error"]?.description.hasPrefix("HTTP 401: ") == true)
                }
            }
        }
    }
}
