import Foundation
import Logging
import Sibyl
import SibylWire

/// `sibyl bench --remote-read`: how long `POST /api/v1/read` takes to answer one metric over an archive of
/// `cycles` cycles of `series` series of each of two metrics, for both response types (wall time, best and median
/// of the repetitions, the request decoded and the whole answer encoded).
struct RemoteReadBenchmark {
    /// Archived cycles.
    var cycles: Int
    /// Series per metric.
    var seriesCount: Int
    /// Answers measured per response type.
    var repetitions = 10

    /// Builds the archive in a temporary directory, measures, and deletes it.
    /// - Returns: the report.
    func run() async throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sibyl-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Archive(path: directory.appendingPathComponent("bench.db").path)
        defer { try? archive.close() }
        let first: Int64 = 1_700_000_000_000
        let writer = ArchiveWriter(
            archive: archive, retention: ArchiveRetention(age: PrometheusDuration(milliseconds: .max)),
            capacity: cycles, logger: Logger(label: "sibyl-bench") { _ in SwiftLogNoOpLogHandler() }, now: { first })
        for cycle in 0..<cycles {
            writer.submit(try snapshot(cycle, time: first + Int64(cycle) * 60_000))
        }
        writer.finish()
        await writer.run()
        let request = RemoteReadQuery(
            start: first, end: first + Int64(cycles) * 60_000,
            matchers: [LabelMatcher("__name__", .equal, WindowFamilies.max.name)])
        let api = RemoteReadAPI(store: archive.results)
        var report =
            "remote read: sibyl_window_max, \(seriesCount) series × \(cycles) cycles "
            + "(\(seriesCount * cycles) samples) of an archive of \(2 * seriesCount) series; wall time; "
            + "× baseline = time / encoding the same series from memory (no archive read)\n"
        let inMemory = try (0..<seriesCount).map { index in
            TimeSeries(
                labels: [
                    Label("__name__", WindowFamilies.max.name), Label("instance", "host-\(index):9100"),
                    Label("metric", "node_load1"), Label("window", "1h"),
                ],
                samples: try (0..<cycles).map { cycle in
                    Sample(
                        timestamp: first + Int64(cycle) * 60_000,
                        value: try snapshot(cycle, time: 0).families[0].samples[index].value)
                })
        }
        for type in RemoteReadResponseType.allCases {
            var baselines: [Double] = []
            for _ in 0..<repetitions {
                let start = ContinuousClock.now
                let encoded =
                    type == .samples
                    ? SamplesResponseDecoder.encode([inMemory])
                    : StreamedResponseEncoder.encode(inMemory, queryIndex: 0)
                precondition(!encoded.isEmpty)
                baselines.append(Self.seconds(ContinuousClock.now - start))
            }
            baselines.sort()
            let body = RemoteReadRequest(queries: [request], acceptedResponseTypes: [type]).encoded()
            var times: [Double] = []
            var bytes = 0
            for _ in 0..<repetitions {
                let start = ContinuousClock.now
                bytes = 0
                switch try await api.answer(body) {
                case .samples(let answer): bytes = answer.count
                case .streamed(let stream): try await stream.write { bytes += $0.count }
                }
                times.append(Self.seconds(ContinuousClock.now - start))
            }
            times.sort()
            let name = type == .samples ? "SAMPLES" : "STREAMED_XOR_CHUNKS"
            report += String(
                format: "%-20@ best %7.1f ms  median %7.1f ms  %9d bytes  %5.2f M samples/s  %5.1f× baseline "
                    + "(%.1f ms)\n",
                name as NSString, times[0] * 1000, times[times.count / 2] * 1000, bytes,
                Double(seriesCount * cycles) / times[0] / 1e6, times[0] / baselines[0], baselines[0] * 1000)
        }
        return report
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// One cycle: `sibyl_window_max` and `sibyl_window_min` of `seriesCount` source series.
    private func snapshot(_ cycle: Int, time: Int64) throws -> CycleSnapshot {
        let families = try [WindowFamilies.max.name, WindowFamilies.min.name].map { name in
            try MetricFamily(
                name: name, kind: .gauge, help: "Bench.",
                samples: (0..<seriesCount).map { index in
                    MetricFamily.Sample(
                        try RenderedLabels([
                            (name: "instance", value: "host-\(index):9100"), (name: "metric", value: "node_load1"),
                            (name: "window", value: "1h"),
                        ]),
                        Double(cycle % 97) * 0.25 + Double(index))
                })
        }
        return CycleSnapshot(time: time, duration: 0.01, families: families)
    }
}
