import Foundation
import Logging
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct RemoteWriteServiceTests {
    @Test("an endpoint's TLS file that cannot be loaded is an error naming its entry")
    func tlsFileNamesTheEntry() throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        var configuration = RemoteWriteConfiguration(url: "https://store:9090/api/v1/write")
        configuration.client.tls = HTTPClientSettings.TLS(caFile: fixture.directory.file("missing-ca.crt").path)
        do {
            _ = try RemoteWriteService([configuration], store: fixture.archive.results, logger: ArchiveFixture.quiet)
            Issue.record("no error")
        } catch {
            #expect("\(error)".hasPrefix("remote_write[0].tls_config.ca_file "), "\(error)")
        }
    }

    @Test("each endpoint has one series per family, every drop reason at 0 until it occurs; none without endpoints")
    func families() throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let service = try RemoteWriteService(
            [RemoteWriteConfiguration(url: "http://a/api/v1/write", name: "a")], store: fixture.archive.results,
            logger: ArchiveFixture.quiet)
        let families = service.families()
        let perEndpoint = SelfMonitoringFamilies.all.filter { $0.labels.contains("endpoint") }
        #expect(families.map(\.name.rawValue) == perEndpoint.map(\.name))
        let dropped = try #require(families.first { $0.name.rawValue == "sibyl_remote_write_dropped_samples_total" })
        let reasons = [
            #"{endpoint="a",reason="backlog"}"#, #"{endpoint="a",reason="rejected"}"#,
            #"{endpoint="a",reason="too_old"}"#,
        ]
        #expect(dropped.samples.map(\.labels.description).sorted() == reasons)
        #expect(dropped.samples.allSatisfy { $0.value == 0 })
        let none = try RemoteWriteService([], store: fixture.archive.results, logger: ArchiveFixture.quiet)
        #expect(none.families().isEmpty)
    }
}
