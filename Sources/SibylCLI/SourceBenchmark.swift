import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Sibyl
import SibylWire

/// `sibyl bench --source URL`: the series store against a real Prometheus.
///
/// First the bytes and time of Prometheus' streamed answer for the whole window, read without decoding (what it
/// takes Prometheus to serve it); then the first load of the same window through the evaluation cycle (read,
/// decode, store, statistics), its resident and stored bytes per held sample; then `cycles` steady-state cycles, one
/// minute of source time apart, each reading only the new minute, with the resident set size after each tenth, to
/// show whether memory creeps once the window is full. The source must hold samples past `at` for the later cycles
/// to read something (`scripts/bench-source.sh` pre-fills one so).
struct SourceBenchmark {
    /// The remote-read endpoint.
    var url: String
    /// The series to read.
    var selector: [LabelMatcher]
    /// The evaluation time of the first load, in Unix milliseconds.
    var at: Int64
    /// The longest window; the others are a 12th and a quarter, as with `--cycle`.
    var longestWindow: Int64
    /// Steady-state cycles after the first load.
    var cycles: Int

    func run() async throws -> String {
        let windows = [longestWindow / 12, longestWindow / 4, longestWindow]
        let configuration = RemoteReadClient.Configuration(url: url, timeout: .seconds(600))
        let query = RemoteReadQuery(start: at - longestWindow + 1, end: at, matchers: selector)
        let clock = ContinuousClock()

        let served = try await Self.rawRead(query, url: url)
        let residentBefore = CycleBenchmark.residentBytes()
        var state = EvaluationState(configuration: .init(selectors: [selector], windows: windows, maxSeries: 1_000_000))
        let client = RemoteReadClient(configuration: configuration)
        let loadStart = clock.now
        let outcome = await state.runCycle(at: at, client: client)
        let load = clock.now - loadStart
        guard outcome == .succeeded else {
            throw ValidationError("the first load failed: \(state.metrics.lastFailure?.message ?? "\(outcome)")")
        }
        let loaded = state.store.footprint
        FreedMemory.returnToSystem()  // as the scheduler does after each cycle
        let residentLoaded = CycleBenchmark.residentBytes() - residentBefore
        var lines = [
            "source: \(state.metrics.series) series, \(loaded.samples) samples held "
                + "(\(longestWindow / 3_600_000) h window ending at \(at))",
            "Prometheus' streamed answer for the window: \(served.bytes) bytes "
                + "(\(CycleBenchmark.perSample(served.bytes, loaded.samples)) per sample), served in "
                + "\(Self.format(served.duration)) s (read without decoding)",
            "first load through the cycle (read, decode, store, statistics): \(Self.format(load)) s = "
                + "\(String(format: "%.2f", Self.seconds(load) / max(Self.seconds(served.duration), 1e-9)))× "
                + "Prometheus' serve time",
            "series store: \(CycleBenchmark.perSample(loaded.bytes, loaded.samples)) bytes per held sample "
                + "(\(loaded.bytes / 1_048_576) MiB), XOR chunks "
                + "\(CycleBenchmark.perSample(loaded.chunkBytes, loaded.samples)); resident growth over the load "
                + "\(CycleBenchmark.perSample(residentLoaded, loaded.samples)) per sample "
                + "(\(residentLoaded / 1_048_576) MiB) = "
                + "\(String(format: "%.2f", Double(residentLoaded) / Double(max(served.bytes, 1))))× Prometheus' "
                + "streamed bytes",
        ]
        var best = Duration.seconds(1_000_000)
        var time = at
        for cycle in 0..<cycles {
            time += 60_000
            let started = clock.now
            let outcome = await state.runCycle(at: time, client: client)
            guard outcome == .succeeded else {
                throw ValidationError(
                    "cycle \(cycle + 1) failed: \(state.metrics.lastFailure?.message ?? "\(outcome)")")
            }
            best = min(best, clock.now - started)
            FreedMemory.returnToSystem()
            if (cycle + 1) % 10 == 0 || cycle + 1 == cycles {
                let footprint = state.store.footprint
                lines.append(
                    "after cycle \(cycle + 1): resident \((CycleBenchmark.residentBytes() - residentBefore) / 1_048_576) "
                        + "MiB over the start, series store \(footprint.bytes / 1_048_576) MiB, "
                        + "\(footprint.samples) samples held")
            }
        }
        if cycles > 0 {
            lines.append(
                "steady-state cycle (read 1 min, store, statistics): \(Self.format(best)) s (best of \(cycles))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Posts the read and counts the body's bytes without decoding them.
    static func rawRead(_ query: RemoteReadQuery, url: String) async throws -> (bytes: Int, duration: Duration) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Encoding", value: "snappy")
        request.headers.add(name: "Content-Type", value: "application/x-protobuf")
        request.headers.add(name: "X-Prometheus-Remote-Read-Version", value: "0.1.0")
        let body = RemoteReadRequest(queries: [query], acceptedResponseTypes: [.streamedXORChunks])
        request.body = .bytes(ByteBuffer(bytes: body.encoded()))
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(600))
        guard response.status == .ok else { throw ValidationError("\(url) answered \(response.status)") }
        var bytes = 0
        for try await buffer in response.body { bytes += buffer.readableBytes }
        return (bytes, clock.now - start)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func format(_ duration: Duration) -> String { String(format: "%.3f", seconds(duration)) }
}
