import Foundation
import Sibyl
import SibylTestSupport
import Testing

/// `deploy/Dockerfile`: a Swift 6 build stage, a slim Debian runtime with libsnappy and libsqlite3, a non-root
/// user, Sibyl's default port exposed and a health check on `/-/healthy`; everything it copies exists.
struct DockerfileTests {
    static let file = Fixtures.repository.appendingPathComponent("deploy/Dockerfile")

    /// The Dockerfile's instructions in order, continuation lines joined and comments dropped.
    static func instructions() throws -> [(keyword: String, arguments: String)] {
        var logical: [String] = []
        var current = ""
        for line in try String(contentsOf: file, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") || (trimmed.isEmpty && current.isEmpty) { continue }
            if trimmed.hasSuffix("\\") {
                current += trimmed.dropLast() + " "
            } else {
                logical.append(current + trimmed)
                current = ""
            }
        }
        return logical.filter { !$0.isEmpty }.map { line in
            let keyword = line.prefix { !$0.isWhitespace }
            return (keyword.uppercased(), line.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces))
        }
    }

    /// The arguments of every `keyword` instruction.
    static func instructions(_ keyword: String) throws -> [String] {
        try instructions().filter { $0.keyword == keyword }.map(\.arguments)
    }

    /// A JSON-form instruction's words (`["a", "b"]`).
    static func words(_ arguments: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(arguments.utf8))
    }

    /// `ARG` defaults, substituted into `text`.
    static func expandingArguments(_ text: String) throws -> String {
        var out = text
        for argument in try instructions("ARG") {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            out = out.replacingOccurrences(of: "${\(parts[0])}", with: parts[1])
        }
        return out
    }

    @Test("a Swift 6 build stage and a slim Debian runtime stage with libsnappy and libsqlite3")
    func stages() throws {
        let stages = try Self.instructions("FROM").map(Self.expandingArguments)
        #expect(stages.count == 2)
        #expect(stages.first?.hasPrefix("swift:6.") == true, "\(stages)")
        #expect(stages.first?.hasSuffix(" AS build") == true)
        let runtime = try #require(stages.last)
        #expect(runtime.hasPrefix("debian:") && runtime.hasSuffix("-slim"), "\(runtime)")
        let installs =
            try Self.instructions().split { $0.keyword == "FROM" }.last?.filter { $0.keyword == "RUN" }
            .map(\.arguments).joined(separator: " ") ?? ""
        for package in ["libsnappy1v5", "libsqlite3-0"] {
            #expect(installs.contains(package), "the runtime stage installs \(package)")
        }
        #expect(try Self.instructions("COPY").contains { $0.hasPrefix("--from=build ") })
    }

    @Test("runs as a non-root user, exposes Sibyl's default port, and checks /-/healthy on it")
    func runtime() throws {
        let defaults = SibylConfiguration()
        let user = try #require(try Self.instructions("USER").last)
        #expect(!["root", "0"].contains(user.split(separator: ":").first.map(String.init) ?? "root"))
        #expect(try Self.instructions("EXPOSE") == ["\(defaults.web.listenAddress.port)"])
        let check = try #require(try Self.instructions("HEALTHCHECK").last)
        #expect(check.contains("http://127.0.0.1:\(defaults.web.listenAddress.port)/-/healthy"), "\(check)")
        #expect(try Self.instructions("WORKDIR").last == "/var/lib/sibyl")
        #expect(try Self.instructions("VOLUME").last.map(Self.words) == ["/var/lib/sibyl"])
    }

    @Test("every file the image copies from the repository exists")
    func copiedFilesExist() throws {
        let copies = try Self.instructions("COPY").filter { !$0.hasPrefix("--from=") }
        #expect(!copies.isEmpty)
        for copy in copies {
            let sources = copy.split(separator: " ").dropLast()
            for source in sources {
                let path = Fixtures.repository.appendingPathComponent(String(source)).path
                #expect(FileManager.default.fileExists(atPath: path), "COPY \(source): no such file in the repository")
            }
        }
    }

    @Test("the build stage copies the directory of every target Package.swift declares (SwiftPM loads them all)")
    func copiesEveryTarget() throws {
        let manifest = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declaration = /\.(target|testTarget|executableTarget|systemLibrary)\(\s*name:\s*"([^"]+)"/
        let directories = manifest.matches(of: declaration).map { match in
            (match.output.1 == "testTarget" ? "Tests/" : "Sources/") + match.output.2
        }
        #expect(directories.count >= 9, "\(directories)")
        let copied = try Self.instructions("COPY").filter { !$0.hasPrefix("--from=") }
            .flatMap { $0.split(separator: " ").dropLast().map { $0.hasSuffix("/") ? String($0) : $0 + "/" } }
        for directory in directories {
            #expect(copied.contains { (directory + "/").hasPrefix($0) }, "the image does not copy \(directory)")
        }
    }

    @Test("the entry point runs sibyl with the configuration file the image ships")
    func entryPoint() throws {
        let entry = try Self.words(try #require(try Self.instructions("ENTRYPOINT").last))
        #expect(entry == ["/usr/local/bin/sibyl"])
        let command = try Self.words(try #require(try Self.instructions("CMD").last))
        #expect(command == ["run", "--config.file=/etc/sibyl/sibyl.yml"])
        #expect(try Self.instructions("COPY").contains("sibyl.yml /etc/sibyl/sibyl.yml"))
    }
}
