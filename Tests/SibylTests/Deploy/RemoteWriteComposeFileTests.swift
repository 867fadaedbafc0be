import Foundation
import Sibyl
import SibylTestSupport
import Testing

/// `deploy/remote-write/docker-compose.yml` parses, the files it mounts exist, and the Sibyl it runs reads the
/// Prometheus it shares a namespace with and writes into the VictoriaMetrics service.
struct RemoteWriteComposeFileTests {
    static let folder = Fixtures.repository.appendingPathComponent("deploy/remote-write", isDirectory: true)

    @Test("the services, their mounts, and Sibyl's remote_write to VictoriaMetrics")
    func composeFile() throws {
        let compose = try YAMLValue.load(Self.folder.appendingPathComponent("docker-compose.yml"))
        #expect(compose["services"].keys == ["node-exporter", "prometheus", "sibyl", "victoria-metrics"])
        for name in compose["services"].keys {
            for volume in compose["services"][name]["volumes"].strings {
                let source = String(volume.split(separator: ":")[0])
                if source.hasPrefix(".") {
                    let path = Self.folder.appendingPathComponent(source).standardizedFileURL.path
                    #expect(FileManager.default.fileExists(atPath: path), "\(name) mounts \(source), which is missing")
                } else if !source.hasPrefix("/") {
                    #expect(!compose["volumes"][source].isMissing, "\(name): volume \(source) is not declared")
                }
            }
        }
        let sibyl = compose["services"]["sibyl"]
        #expect(sibyl["network_mode"].string == "service:prometheus")
        let context = Self.folder.appendingPathComponent(try #require(sibyl["build"]["context"].string))
        #expect(FileManager.default.fileExists(atPath: context.appendingPathComponent("Package.swift").path))

        let configuration = try SibylConfiguration.load(
            contentsOf: Self.folder.appendingPathComponent("sibyl.yml").path)
        #expect(configuration.source.url == "http://127.0.0.1:9090/api/v1/read")
        let endpoint = try #require(configuration.remoteWrite.first)
        let url = try #require(URLComponents(string: endpoint.url))
        #expect(url.host == "victoria-metrics")
        #expect(url.path == "/api/v1/write")
        let listen = compose["services"]["victoria-metrics"]["command"].strings.first {
            $0.hasPrefix("-httpListenAddr=")
        }
        #expect(listen == "-httpListenAddr=:\(url.port ?? 0)")
    }
}
