import Foundation
import HummingbirdBcrypt
import Logging
import SibylTestSupport
import Testing

@testable import Sibyl

/// `--web.config.file` end to end: certificates made here with openssl, a `$2y$` user, curl as the client.
@Suite(.enabled(if: WebSecurityTools.present))
struct WebSecurityTests {
    /// Runs a command off the cooperative pool (waiting for it there would starve the server under test, whose
    /// handlers run on that pool); its exit status and standard output.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) async throws -> (status: Int32, output: String) {
        try await offThePool { try runBlocking(arguments, in: directory) }
    }

    static func runBlocking(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A CA, a server certificate for 127.0.0.1 (common name `name`) and a client certificate, all signed by the CA.
    static func makeCertificates(in directory: URL, serverName: String = "sibyl-1") async throws {
        let openssl = ["openssl"]
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("ca.key").path) {
            try await run(
                openssl + [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days",
                    "2",
                    "-subj", "/CN=sibyl-test-ca",
                ], in: directory)
            try await run(
                openssl + [
                    "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj",
                    "/CN=prometheus",
                ], in: directory)
            try await run(
                openssl + [
                    "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                    "client.crt", "-days", "2",
                ], in: directory)
        }
        try "subjectAltName=IP:127.0.0.1\n".write(
            to: directory.appendingPathComponent("san.ext"), atomically: true, encoding: .utf8)
        try await run(
            openssl + [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "next.key", "-out", "server.csr", "-subj",
                "/CN=\(serverName)",
            ], in: directory)
        try await run(
            openssl + [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                "next.crt", "-days", "2", "-extfile", "san.ext",
            ], in: directory)
        // Key first, then certificate, each replaced in one rename, as a certificate manager does.
        for (from, to) in [("next.key", "server.key"), ("next.crt", "server.crt")] {
            guard rename(directory.appendingPathComponent(from).path, directory.appendingPathComponent(to).path) == 0
            else { throw FixtureError("cannot rename \(from) to \(to)") }
        }
    }

    /// Serves a Sibyl with `webConfig` (YAML, files relative to `directory`) until `body` returns.
    static func withSibyl(
        _ webConfig: String, in directory: URL, archive: String? = nil, _ body: (Int) async throws -> Void
    ) async throws {
        let path = directory.appendingPathComponent("web.yml").path
        try webConfig.write(toFile: path, atomically: true, encoding: .utf8)
        var logger = Logger(label: "sibyl-test")
        logger.logLevel = .critical
        var server = ServerConfiguration()
        server.webSecurity = try WebSecurity(path: path, logger: logger)
        try await IdleSibyl.serve(server, archive: archive ?? directory.appendingPathComponent("sibyl.db").path, body)
    }

    /// curl's HTTP status for `url` (0 when the connection or handshake failed).
    static func status(_ extra: [String], _ url: String, in directory: URL) async throws -> Int {
        let result = try await run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10"] + extra + [url], in: directory)
        return Int(result.output) ?? 0
    }

    static func hash(_ password: String) -> String {
        "$2y$" + Bcrypt.hash(password, cost: 6).dropFirst(4)
    }

    @Test("TLS and a $2y$ user: the right password gets 200 everywhere, a wrong or no password 401, plain HTTP nothing")
    func tlsAndBasicAuth() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await Self.makeCertificates(in: directory.url)
        let web = """
            tls_server_config: {cert_file: server.crt, key_file: server.key}
            http_server_config:
              headers: {X-Frame-Options: deny}
            basic_auth_users:
              prometheus: '\(Self.hash("s3cret"))'
            """
        try await Self.withSibyl(web, in: directory.url) { port in
            let base = "https://127.0.0.1:\(port)"
            let trusted = ["--cacert", "ca.crt"]
            for path in ["/metrics", "/api/v1/objectives", "/api/v1/evaluations", "/-/healthy"] {
                #expect(
                    try await Self.status(trusted + ["-u", "prometheus:s3cret"], base + path, in: directory.url) == 200,
                    "\(path)")
                #expect(
                    try await Self.status(trusted + ["-u", "prometheus:wrong"], base + path, in: directory.url) == 401,
                    "\(path)")
                #expect(
                    try await Self.status(trusted + ["-u", "nobody:s3cret"], base + path, in: directory.url) == 401,
                    "\(path)")
                #expect(try await Self.status(trusted, base + path, in: directory.url) == 401, "\(path)")
            }
            let read = try await Self.status(
                trusted + ["-u", "prometheus:s3cret", "-X", "POST", "--data-binary", "x"], base + "/api/v1/read",
                in: directory.url)
            #expect(read == 400, "reached the remote-read endpoint, which refuses the body")
            #expect(try await Self.status(trusted + ["-X", "POST"], base + "/api/v1/read", in: directory.url) == 401)
            #expect(try await Self.status([], "http://127.0.0.1:\(port)/metrics", in: directory.url) == 0, "plain HTTP")
            #expect(try await Self.status([], base + "/metrics", in: directory.url) == 0, "an unknown CA")
            let headers = try await Self.run(
                [
                    "curl", "-s", "-D", "-", "-o", "/dev/null", "--cacert", "ca.crt", "-u", "prometheus:s3cret",
                    base + "/metrics",
                ],
                in: directory.url)
            #expect(headers.output.lowercased().contains("x-frame-options: deny"))

            // A rotated certificate is served without a restart.
            try await Self.makeCertificates(in: directory.url, serverName: "sibyl-2")
            var subject = ""
            for _ in 0..<40 {
                let shown = try await Self.run(
                    [
                        "sh", "-c",
                        "openssl s_client -connect 127.0.0.1:\(port) </dev/null 2>/dev/null | openssl x509 -noout -subject",
                    ],
                    in: directory.url)
                subject = shown.output
                if subject.contains("sibyl-2") { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(subject.contains("sibyl-2"), "\(subject)")
            #expect(
                try await Self.status(trusted + ["-u", "prometheus:s3cret"], base + "/metrics", in: directory.url)
                    == 200)
        }
    }

    @Test(
        "a Prometheus with tls_config and basic_auth scrapes Sibyl and reads its archive; a wrong password is refused",
        .enabled(if: TestBinaries.runnable(.prometheus)))
    func prometheusOverTLS() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await Self.makeCertificates(in: directory.url)
        let cycle = ServiceFixture.evaluationTime() - 60_000
        let archive = try ArchiveFixture()
        defer { archive.remove() }
        await archive.write([try ArchiveFixture.windowCycle(time: cycle, series: 0..<2)])
        try archive.archive.close()
        let web = """
            tls_server_config: {cert_file: server.crt, key_file: server.key}
            basic_auth_users:
              prometheus: '\(Self.hash("s3cret"))'
            """
        try await Self.withSibyl(web, in: directory.url, archive: archive.path) { port in
            let ca = directory.file("ca.crt").path
            let right = PrometheusFixture.ClientSecurity(caFile: ca, username: "prometheus", password: "s3cret")
            let wrong = PrometheusFixture.ClientSecurity(caFile: ca, username: "prometheus", password: "wrong")
            let address = "127.0.0.1:\(port)"
            try await PrometheusFixture.with(
                scrapeTargets: [
                    .init(job: "sibyl", address: address, security: right),
                    .init(job: "sibyl-wrong", address: address, security: wrong),
                ],
                remoteRead: [.init(url: "https://\(address)/api/v1/read", readRecent: true, security: right)],
                scrapeInterval: "3s"
            ) { prometheus in
                // Until a scrape with the right password has succeeded (a loaded machine may time the first out).
                // Sibyl's own series are then queried at the same time T: a later scrape that a loaded machine times
                // out would mark them stale after it.
                var up: [String: Double] = [:]
                var time = ServiceFixture.evaluationTime()
                for _ in 0..<240 where up["sibyl"] != 1 || up["sibyl-wrong"] == nil {
                    time = ServiceFixture.evaluationTime()
                    up = [:]
                    let answer = try await prometheus.query("up", at: time)
                    for series in answer { up[series.labels["job"] ?? ""] = series.points.first?.1 }
                    try await Task.sleep(for: .milliseconds(250))
                }
                #expect(up == ["sibyl": 1, "sibyl-wrong": 0])
                let build = try await prometheus.query("sibyl_build_info{job=\"sibyl\"}", at: time)
                #expect(build.count == 1, "Sibyl's own series, scraped over TLS with basic auth")
                let read = try await prometheus.query("sibyl_window_avg", at: cycle)
                #expect(
                    Set(read.map { $0.labels["instance"] ?? "" }) == ["host-0:9100", "host-1:9100"],
                    "the archive read back over TLS with basic auth")
                #expect(Set(read.map(\.points[0].1)) == [0.25, 1.25])
            }
        }
    }

    @Test("RequireAndVerifyClientCert: a client without a certificate is refused, one signed by the CA gets through")
    func clientCertificates() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await Self.makeCertificates(in: directory.url)
        let web = """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
            """
        try await Self.withSibyl(web, in: directory.url) { port in
            let url = "https://127.0.0.1:\(port)/metrics"
            let without = try await Self.status(["--cacert", "ca.crt"], url, in: directory.url)
            let with = try await Self.status(
                ["--cacert", "ca.crt", "--cert", "client.crt", "--key", "client.key"], url, in: directory.url)
            #expect(without == 0, "no client certificate")
            #expect(with == 200, "a client certificate the CA signed")
        }
    }

    @Test("cipher_suites and curve_preferences: a client offering only others is refused, a matching one served")
    func cipherSuitesAndCurves() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await Self.makeCertificates(in: directory.url)
        let web = """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              max_version: TLS12
              cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]
              curve_preferences: [CurveP384]
            """
        try await Self.withSibyl(web, in: directory.url) { port in
            let url = "https://127.0.0.1:\(port)/metrics"
            let tls12 = ["--cacert", "ca.crt", "--tls-max", "1.2"]
            let chosen = try await Self.status(
                tls12 + ["--ciphers", "ECDHE-RSA-AES256-GCM-SHA384", "--curves", "P-384"], url, in: directory.url)
            let otherCipher = try await Self.status(
                tls12 + ["--ciphers", "ECDHE-RSA-AES128-GCM-SHA256", "--curves", "P-384"], url, in: directory.url)
            let otherCurve = try await Self.status(
                tls12 + ["--ciphers", "ECDHE-RSA-AES256-GCM-SHA384", "--curves", "X25519"], url, in: directory.url)
            #expect(chosen == 200)
            #expect(otherCipher == 0, "a cipher suite not in cipher_suites")
            #expect(otherCurve == 0, "a curve not in curve_preferences")
        }
        do {
            _ = try WebConfigFile(
                yaml: """
                    tls_server_config:
                      cert_file: a.crt
                      key_file: a.key
                      cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_RC4]
                      curve_preferences: [P-256]
                    """, path: "web.yml")
            Issue.record("accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("web.yml:4:58: tls_server_config.cipher_suites: expected one of"), "\(text)")
            #expect(text.contains("web.yml:5:23: tls_server_config.curve_preferences: expected one of"), "\(text)")
        }
    }

    @Test("a bad web config file is refused with file:line:column; a bad change keeps the one in force")
    func badFiles() throws {
        #expect(throws: ConfigurationErrors.self) {
            try WebConfigFile(yaml: "basic_auth_users:\n  a: plaintext\n", path: "web.yml")
        }
        do {
            _ = try WebConfigFile(
                yaml: "tls_server_config:\n  cert_file: a.crt\n  min_version: TLS9\n", path: "web.yml")
            Issue.record("accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("web.yml:1:1: missing key \"key_file\"") || text.contains("key_file"), "\(text)")
            #expect(text.contains("web.yml:3:16: tls_server_config.min_version: expected one of TLS10"), "\(text)")
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("web.yml").path
        try "basic_auth_users:\n  a: '\(Self.hash("x"))'\n".write(toFile: path, atomically: true, encoding: .utf8)
        var logger = Logger(label: "t")
        logger.logLevel = .critical
        let security = try WebSecurity(path: path, logger: logger)
        try "basic_auth_users: [oops\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: path)
        #expect(!security.reloadIfChanged())
        #expect(security.file.users.keys.sorted() == ["a"])
    }
}

/// openssl makes the certificates, curl is the client (scripts/install-deps.sh installs both).
enum WebSecurityTools {
    static let present = ["/usr/bin/openssl", "/usr/bin/curl"].allSatisfy {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}
