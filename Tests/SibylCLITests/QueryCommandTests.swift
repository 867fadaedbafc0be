import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

@testable import SibylCLI

struct QueryCommandTests {
    /// 2026-11-27T10:00:00Z.
    static let start: Int64 = 1_795_773_600_000

    /// Four cycles, a minute apart, of statistics and ACF written by the real ``ArchiveWriter``; then serves the
    /// real application over the archive and runs `body` with the URL and the archive's path.
    static func withArchive<T>(_ body: (String, String, TemporaryDirectory) async throws -> T) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        let archive = try Archive(path: path)
        defer { try? archive.close() }
        let logger = Logger(label: "sibyl-cli-test") { _ in SwiftLogNoOpLogHandler() }
        let writer = ArchiveWriter(
            archive: archive, retention: ArchiveRetention(age: PrometheusDuration(milliseconds: .max)), capacity: 8,
            logger: logger, now: { start })
        func family(_ name: String, _ samples: [([(String, String)], Double)]) throws -> MetricFamily {
            try MetricFamily(
                name: name, kind: .gauge, help: "Help.",
                samples: samples.map { labels, value in
                    MetricFamily.Sample(try RenderedLabels(labels.map { (name: $0.0, value: $0.1) }), value)
                })
        }
        let a = [("metric", "node_load1"), ("instance", "a:9100"), ("job", "node")]
        let c = [("metric", "node_load1"), ("instance", "c,\"q\""), ("job", "node")]
        for index in 0..<4 {
            let value = Double(index)
            writer.submit(
                CycleSnapshot(
                    time: start + Int64(index) * 60_000, duration: 0.5 + value,
                    families: [
                        try family("sibyl_acf", [(a + [("lag", "1")], 0.5 - value / 8)]),
                        try family(
                            "sibyl_window_avg",
                            [(a + [("window", "1h")], index == 2 ? .nan : value / 4), (c + [("window", "1h")], 1e6)]),
                    ]))
        }
        writer.finish()
        await writer.run()
        return try await ServedApplication.serve(
            { onServerRunning in
                buildApplication(
                    server: ServerConfiguration(host: "127.0.0.1", port: 0), publisher: ExpositionPublisher(),
                    services: [],
                    results: archive.results, logger: logger,
                    onServerRunning: onServerRunning)
            }
        ) { port in
            try await body("http://127.0.0.1:\(port)", path, directory)
        }
    }

    /// The output of `sibyl query` with `arguments`, through the API and from the file. The API's timeout is five
    /// minutes: in the parallel suite, CPU-bound tests can hold the cooperative pool that serves the request.
    static func both(_ arguments: [String], url: String, path: String) async throws -> (api: String, file: String) {
        let api = try await QueryCommand.parse(arguments + ["--url", url, "--timeout", "300"]).execute()
        let file = try await QueryCommand.parse(arguments + ["--archive", path]).execute()
        return (api, file)
    }

    static let range = ["--from", "2026-11-27T10:00:00Z", "--to", "1795773780"]

    static let table = """
        TIME                      VALUE  SERIES
        2026-11-27T10:00:00.000Z  0      sibyl_window_avg{instance="a:9100",job="node",metric="node_load1",window="1h"}
        2026-11-27T10:01:00.000Z  0.25   sibyl_window_avg{instance="a:9100",job="node",metric="node_load1",window="1h"}
        2026-11-27T10:02:00.000Z  NaN    sibyl_window_avg{instance="a:9100",job="node",metric="node_load1",window="1h"}
        2026-11-27T10:03:00.000Z  0.75   sibyl_window_avg{instance="a:9100",job="node",metric="node_load1",window="1h"}
        2026-11-27T10:00:00.000Z  1e+06  sibyl_window_avg{instance="c,\\"q\\"",job="node",metric="node_load1",window="1h"}
        2026-11-27T10:01:00.000Z  1e+06  sibyl_window_avg{instance="c,\\"q\\"",job="node",metric="node_load1",window="1h"}
        2026-11-27T10:02:00.000Z  1e+06  sibyl_window_avg{instance="c,\\"q\\"",job="node",metric="node_load1",window="1h"}
        2026-11-27T10:03:00.000Z  1e+06  sibyl_window_avg{instance="c,\\"q\\"",job="node",metric="node_load1",window="1h"}

        """

    @Test("table: aligned rows, the same through the API and from the file, whatever the page size")
    func table() async throws {
        try await Self.withArchive { url, path, _ in
            let output = try await Self.both(["stats", "node_load1"] + Self.range, url: url, path: path)
            #expect(output.api == Self.table)
            #expect(output.file == Self.table)
            let paged = try await Self.both(
                ["stats", "node_load1", "--page-size", "1"] + Self.range, url: url, path: path)
            #expect(paged.api == Self.table)
            #expect(paged.file == Self.table)
        }
    }

    @Test("csv: a header row and RFC 4180 quoting; json: the API's data; both modes alike")
    func csvAndJSON() async throws {
        try await Self.withArchive { url, path, _ in
            let csv = try await Self.both(
                ["acf", "{instance=~\"a.*\"}", "--format", "csv", "--from", "1795773600", "--to", "1795773660.5"],
                url: url, path: path)
            #expect(
                csv.api
                    == "time,value,series\r\n"
                    + "2026-11-27T10:00:00.000Z,0.5,\"sibyl_acf{instance=\"\"a:9100\"\",job=\"\"node\"\",lag=\"\"1\"\","
                    + "metric=\"\"node_load1\"\"}\"\r\n"
                    + "2026-11-27T10:01:00.000Z,0.375,\"sibyl_acf{instance=\"\"a:9100\"\",job=\"\"node\"\","
                    + "lag=\"\"1\"\",metric=\"\"node_load1\"\"}\"\r\n")
            #expect(csv.file == csv.api)
            let json = try await Self.both(
                ["stats", "sibyl_window_avg{instance=\"a:9100\"}", "--format", "json"] + Self.range, url: url,
                path: path)
            #expect(json.file == json.api)
            let object = try JSONSerialization.jsonObject(with: Data(json.api.utf8)) as? [String: Any]
            #expect(object?["resultType"] as? String == "matrix")
            let result = object?["result"] as? [[String: Any]]
            #expect(result?.count == 1)
            let values = result?.first?["values"] as? [[Any]]
            #expect(values?.map { $0[1] as? String } == ["0", "0.25", "NaN", "0.75"])
        }
    }

    @Test("series and evaluations")
    func seriesAndEvaluations() async throws {
        try await Self.withArchive { url, path, _ in
            let series = try await Self.both(["series", "node_load1{instance=\"a:9100\"}"], url: url, path: path)
            #expect(
                series.api == """
                    SERIES
                    sibyl_acf{instance="a:9100",job="node",lag="1",metric="node_load1"}
                    sibyl_window_avg{instance="a:9100",job="node",metric="node_load1",window="1h"}

                    """)
            #expect(series.file == series.api)
            let evaluations = try await Self.both(
                ["evaluations", "--from", "1795773660", "--to", "1795773720", "--format", "csv"], url: url, path: path)
            #expect(
                evaluations.api
                    == "time,duration_seconds,status\r\n2026-11-27T10:01:00.000Z,1.5,ok\r\n"
                    + "2026-11-27T10:02:00.000Z,2.5,ok\r\n")
            #expect(evaluations.file == evaluations.api)
        }
    }

    @Test("errors: a missing or foreign archive file, a bad selector or time alike in both modes")
    func errors() async throws {
        try await Self.withArchive { url, path, directory in
            let missing = directory.file("missing.db").path
            let message = await thrownMessage {
                _ = try await QueryCommand.parse(["stats", "node_load1", "--archive", missing]).execute()
            }
            #expect(message == "archive \(missing): no such file")
            let notes = directory.file("notes.txt")
            try Data(String(repeating: "not a database ", count: 20).utf8).write(to: notes)
            let foreign = await thrownMessage {
                _ = try await QueryCommand.parse(["stats", "node_load1", "--archive", notes.path]).execute()
            }
            #expect(foreign == "archive \(notes.path): not a Sibyl archive: file is not a database")
            for arguments in [
                ["stats", "node_load1{"], ["stats", "up", "--from", "soon"], ["acf", "up", "--to", "0", "--from", "1"],
            ] {
                let api = await thrownMessage {
                    _ = try await QueryCommand.parse(arguments + ["--url", url, "--timeout", "300"]).execute()
                }
                let file = await thrownMessage {
                    _ = try await QueryCommand.parse(arguments + ["--archive", path]).execute()
                }
                #expect(api != nil)
                #expect(api?.hasPrefix("invalid parameter") == true)
                #expect(api == file)
            }
            #expect(throws: (any Error).self) { try QueryCommand.parse(["series", "up", "--from", "1"]) }
            #expect(throws: (any Error).self) { try QueryCommand.parse(["stats"]) }
            #expect(throws: (any Error).self) {
                try QueryCommand.parse(["stats", "up", "--url", url, "--archive", path])
            }
            let badDay = await thrownMessage {
                _ = try await QueryCommand.parse(["stats", "up", "--from", "2026-02-30T00:00:00Z", "--archive", path])
                    .execute()
            }
            #expect(badDay?.hasPrefix(#"invalid parameter "from""#) == true, "\(badDay ?? "no error")")
        }
    }
}
