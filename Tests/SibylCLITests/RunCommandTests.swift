import ArgumentParser
import Foundation
import Sibyl
import SibylTestSupport
import Testing

@testable import SibylCLI

#if canImport(Glibc)
import Glibc
#endif

struct RunCommandTests {
    @Test("an archive path in a missing folder stops sibyl run at start with an error naming the path")
    func badArchivePath() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = directory.file("missing/sibyl.db").path
        let config = directory.file("sibyl.yml")
        try Data(
            """
            source: {url: "http://127.0.0.1:1/api/v1/read"}
            selectors: [up]
            web: {listen_address: "127.0.0.1:0"}
            archive: {path: "\(archive)"}
            """.utf8
        ).write(to: config)
        let command = try RunCommand.parse(["--config.file", config.path, "--log.level", "error"])
        let message = await thrownMessage { try await command.run() }
        #expect(message?.hasPrefix("archive \(archive): ") == true, "\(message ?? "no error")")
        #expect(message?.contains("no folder") == true)
    }

    @Test("a listen address in use stops sibyl run with an error naming the address")
    func addressInUse() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let listener = try RunCommandShutdownTests.silentListener()
        defer { close(listener.fd) }
        let config = directory.file("sibyl.yml")
        try Data(
            """
            source: {url: "http://127.0.0.1:1/api/v1/read"}
            selectors: [up]
            web: {listen_address: "127.0.0.1:\(listener.port)"}
            archive: {path: "\(directory.file("sibyl.db").path)"}
            """.utf8
        ).write(to: config)
        let command = try RunCommand.parse(["--config.file", config.path, "--log.level", "error"])
        let message = await thrownMessage { try await command.run() }
        #expect(
            message?.hasPrefix("cannot listen on 127.0.0.1:\(listener.port): the address is already in use") == true,
            "\(message ?? "no error")")
    }

    @Test("an admin token file that cannot be read stops sibyl run at start, naming the file")
    func badTokenFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let token = directory.file("no-token").path
        let config = directory.file("sibyl.yml")
        try Data(
            """
            source: {url: "http://127.0.0.1:1/api/v1/read"}
            selectors: [up]
            web: {listen_address: "127.0.0.1:0", admin_token_file: "\(token)"}
            archive: {path: "\(directory.file("sibyl.db").path)"}
            """.utf8
        ).write(to: config)
        let command = try RunCommand.parse(["--config.file", config.path, "--log.level", "error"])
        let message = await thrownMessage { try await command.run() }
        #expect(message?.hasPrefix("\(token): ") == true, "\(message ?? "no error")")
    }
}
