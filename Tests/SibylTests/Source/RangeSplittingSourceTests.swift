import Foundation
import Hummingbird
import NIOCore
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

@testable import Sibyl

/// `source.max_range_per_request`: a long read as consecutive requests, oldest first, for both source types.
struct RangeSplittingSourceTests {
    @Test("pieces are consecutive, inclusive, at most the limit long, oldest first")
    func pieces() {
        let source = RangeSplittingSource(
            VictoriaMetricsExportClient(configuration: .init(url: "http://127.0.0.1:1")), maxRange: 1000)
        let matchers = [LabelMatcher("a", .equal, "b")]
        #expect(
            source.pieces(of: RemoteReadQuery(start: 1, end: 2500, matchers: matchers)).map { [$0.start, $0.end] } == [
                [1, 1000], [1001, 2000], [2001, 2500],
            ])
        #expect(source.pieces(of: RemoteReadQuery(start: 1, end: 1000, matchers: matchers)).count == 1)
        #expect(source.pieces(of: RemoteReadQuery(start: 5, end: 5, matchers: matchers)).map(\.end) == [5])
        #expect(source.pieces(of: RemoteReadQuery(start: 9, end: 3, matchers: matchers)).count == 1)
        let far = source.pieces(of: RemoteReadQuery(start: .max - 1500, end: .max, matchers: matchers))
        #expect(far.map(\.end) == [.max - 501, .max])
    }

    /// An export endpoint under a cluster tenant path that records each request's range and answers one series
    /// with a sample every 10 s of it.
    final class RecordingExport: Sendable {
        let ranges = Mutex<[(matcher: String, start: Double, end: Double)]>([])

        func with<T>(_ body: (String) async throws -> T) async throws -> T {
            let router = Router()
            router.post("/select/7/prometheus/api/v1/export") { [self] request, _ -> Response in
                let form = String(buffer: try await request.body.collect(upTo: 1 << 16))
                var fields: [String: String] = [:]
                for pair in form.split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map {
                        String($0).removingPercentEncoding ?? ""
                    }
                    if parts.count == 2 { fields[parts[0]] = parts[1] }
                }
                let start = Double(fields["start"] ?? "") ?? 0
                let end = Double(fields["end"] ?? "") ?? 0
                ranges.withLock { $0.append((fields["match[]"] ?? "", start, end)) }
                let first = Int64((start / 10).rounded(.up)) * 10_000
                let times = Array(stride(from: first, through: Int64((end * 1000).rounded()), by: 10_000))
                let line =
                    #"{"metric":{"__name__":"m"},"values":["#
                    + times.map { "\($0 / 1000)" }.joined(separator: ",") + #"],"timestamps":["#
                    + times.map(String.init).joined(separator: ",") + "]}\n"
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: line)))
            }
            return try await ServedApplication.serve(router: router) { port in
                try await body("http://127.0.0.1:\(port)/select/7/prometheus")
            }
        }
    }

    @Test("VictoriaMetrics (cluster tenant URL): one request per piece in time order, every sample once")
    func victoriaMetricsPieces() async throws {
        let server = RecordingExport()
        try await server.with { url in
            let source = RangeSplittingSource(
                VictoriaMetricsExportClient(configuration: .init(url: url)), maxRange: 3_600_000)
            let end: Int64 = 1_700_000_000_000
            let long = RemoteReadQuery(
                start: end - 3 * 3_600_000 + 1, end: end, matchers: [LabelMatcher("a", .equal, "1")])
            let short = RemoteReadQuery(start: end - 60_000 + 1, end: end, matchers: [LabelMatcher("b", .equal, "2")])
            var delivered: [(query: Int, samples: [Sample])] = []
            let summary = try await source.readSeries([long, short], onDropped: { _ in }) {
                delivered.append(($0.queryIndex, $0.series.samples))
            }
            let ranges = server.ranges.withLock { $0 }
            // Round one asks both queries' first pieces, then the long query's later pieces follow.
            #expect(ranges.map(\.matcher) == [#"{a="1"}"#, #"{b="2"}"#, #"{a="1"}"#, #"{a="1"}"#])
            let longRanges = ranges.filter { $0.matcher == #"{a="1"}"# }
            #expect(zip(longRanges, longRanges.dropFirst()).allSatisfy { $0.start < $1.start }, "in time order")
            #expect(longRanges.allSatisfy { ($0.end - $0.start) * 1000 <= 3_600_000 + 2 })
            let longSamples = delivered.filter { $0.query == 0 }.flatMap(\.samples).map(\.timestamp)
            #expect(longSamples == Array(stride(from: end - 3 * 3_600_000 + 10_000, through: end, by: 10_000)))
            #expect(delivered.filter { $0.query == 1 }.flatMap(\.samples).count == 6)
            #expect(summary.series == 4 && summary.samples == longSamples.count + 6)
        }
    }

    @Test("remote read from Prometheus: the pieces deliver exactly what one request does")
    func remoteReadPieces() async throws {
        guard TestBinaries.runnable(.prometheus, .promtool) else { return }
        let time = ServiceFixture.evaluationTime()
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            let client = RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL))
            let query = RemoteReadQuery(
                start: time - 12 * 3_600_000 + 1, end: time, matchers: [LabelMatcher("job", .equal, "fixture")])
            let whole = try await client.readAll([query])[0]
            var pieces: [[Label]: [Sample]] = [:]
            var deliveries = 0
            let split = RangeSplittingSource(client, maxRange: 3_600_000)
            #expect(split.pieces(of: query).count == 12)
            _ = try await split.readSeries([query], onDropped: { _ in }) { received in
                deliveries += 1
                pieces[received.series.labels, default: []] += received.series.samples
            }
            #expect(deliveries > whole.count, "a series comes once per piece it has samples in")
            #expect(whole.count == pieces.count)
            for series in whole {
                #expect(pieces[series.labels] == series.samples, "\(series.labels): in order, each sample once")
            }
        }
    }
}
