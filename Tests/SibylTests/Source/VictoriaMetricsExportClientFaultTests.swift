import Foundation
import Hummingbird
import NIOCore
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

@testable import Sibyl

/// Export answers a real VictoriaMetrics does not give: garbage, a line without end, a stall after the first line.
struct VictoriaMetricsExportClientFaultTests {
    static let query = RemoteReadQuery(start: 1, end: 1_000_000, matchers: [LabelMatcher("job", .equal, "x")])
    static let line = #"{"metric":{"__name__":"x","job":"x"},"values":[1,2],"timestamps":[1000,2000]}"# + "\n"

    /// Runs `body` with a server whose base paths `/garbage`, `/endless` and `/stall` answer the export wrongly;
    /// the stalled answer ends once `body` has returned.
    static func withFaultServer<T>(_ body: (String) async throws -> T) async throws -> T {
        let done = Atomic(false)
        let router = Router()
        router.post("/garbage/api/v1/export") { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "<html>not an export</html>\n")))
        }
        router.post("/endless/api/v1/export") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024)
                    for _ in 0..<64 { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
        router.post("/stall/api/v1/export") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: line))
                    for _ in 0..<2400 where !done.load(ordering: .relaxed) {  // 120 s, or until the test ends
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    try await writer.finish(nil)
                })
        }
        return try await ServedApplication.serve(router: router) { port in
            defer { done.store(true, ordering: .relaxed) }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    /// The bounded reason `client` fails with, and the series it delivered before.
    static func failure(of client: VictoriaMetricsExportClient) async -> (reason: String?, series: Int) {
        var series = 0
        do {
            _ = try await client.readSeries([query], onDropped: { _ in }) { _ in series += 1 }
            return (nil, series)
        } catch {
            return ((error as? RemoteReadError)?.shortDescription, series)
        }
    }

    @Test("garbage is invalid_response, a line past the limit too_large, a stall timeout after the lines before it")
    func faults() async throws {
        try await Self.withFaultServer { base in
            let garbage = VictoriaMetricsExportClient(configuration: .init(url: base + "/garbage"))
            #expect(await Self.failure(of: garbage) == ("invalid_response", 0))
            // The line limit is under test, not the deadline: a loaded test run has taken more than 30 s for 1 MiB.
            let endless = VictoriaMetricsExportClient(
                configuration: .init(url: base + "/endless", timeout: .seconds(300), lineLimit: 1 << 20))
            #expect(await Self.failure(of: endless) == ("too_large", 0))
            // 5 s: on a loaded machine the first line can take more than a second to arrive.
            let stall = VictoriaMetricsExportClient(configuration: .init(url: base + "/stall", timeout: .seconds(5)))
            #expect(await Self.failure(of: stall) == ("timeout", 1))
            let unreachable = VictoriaMetricsExportClient(configuration: .init(url: "http://127.0.0.1:1"))
            #expect(await Self.failure(of: unreachable) == ("unreachable", 0))
        }
    }
}
