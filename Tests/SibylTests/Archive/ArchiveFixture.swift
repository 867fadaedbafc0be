import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Synchronization

/// A fresh archive in a temporary directory, with helpers to build cycles and write them through an
/// ``ArchiveWriter``.
struct ArchiveFixture {
    let directory: TemporaryDirectory
    let path: String
    let archive: Archive

    init() throws {
        directory = try TemporaryDirectory(prefix: "sibyl-archive")
        path = directory.file("sibyl.db").path
        archive = try Archive(path: path)
    }

    /// Closes the archive and deletes the directory.
    func remove() {
        try? archive.close()
        directory.remove()
    }

    /// A logger that drops everything.
    static let quiet = Logger(label: "sibyl-test") { _ in SwiftLogNoOpLogHandler() }

    /// Writes the snapshots through a writer that stops once they are handled (retention at start uses the first
    /// snapshot's time).
    /// - Returns: the writer's counts.
    @discardableResult
    func write(
        _ snapshots: [CycleSnapshot], retention: ArchiveRetention = ArchiveRetention(age: .init(milliseconds: .max)),
        logger: Logger = quiet
    ) async -> ArchiveWriter.Statistics {
        let first = snapshots.first?.time ?? 0
        let writer = ArchiveWriter(
            archive: archive, retention: retention, capacity: max(1, snapshots.count), logger: logger, now: { first })
        for snapshot in snapshots { writer.submit(snapshot) }
        writer.finish()
        await writer.run()
        return writer.statistics
    }

    /// The file's size on disk (without the WAL).
    func fileSize() throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// A family from label lists and values.
    static func family(
        _ name: String, kind: MetricFamily.Kind = .gauge, help: String = "", _ samples: [([(String, String)], Double)]
    ) throws -> MetricFamily {
        try MetricFamily(
            name: name, kind: kind, help: help.isEmpty ? "Help of \(name)." : help,
            samples: samples.map { labels, value in
                MetricFamily.Sample(try RenderedLabels(labels.map { (name: $0.0, value: $0.1) }), value)
            })
    }

    /// A cycle of `sibyl_window_avg` over `series` source series `node_load1{instance="host-i"}`, with values
    /// from `base` on.
    static func windowCycle(
        time: Int64, series: Range<Int>, base: Double = 0, prefix: String = "host"
    )
        throws -> CycleSnapshot
    {
        let family = try family(
            "sibyl_window_avg",
            series.map { index in
                (
                    [("metric", "node_load1"), ("instance", "\(prefix)-\(index):9100"), ("window", "1h")],
                    base + Double(index) + 0.25
                )
            })
        return CycleSnapshot(time: time, duration: 0.5, families: [family])
    }

    /// Waits until `condition` holds, checking every 2 ms up to 30,000 times (a minute on an idle machine).
    ///
    /// Counting checks rather than wall time keeps the wait fair when the parallel suite starves the cooperative
    /// pool: a CPU-bound test can hold every thread for minutes, during which neither the writer nor this loop
    /// runs.
    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<30_000 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(2))
        }
        if !condition() { throw FixtureTimeout() }
    }

    struct FixtureTimeout: Error {}
}

/// Keeps every log event of its logger, to check what was logged and when.
final class LogRecorder: Sendable {
    private let events = Mutex<[LogEvent]>([])
    private let onEvent: @Sendable (LogEvent) -> Void

    /// Creates a recorder.
    /// - Parameter onEvent: called with each event as it is logged, before it is kept.
    init(onEvent: @escaping @Sendable (LogEvent) -> Void = { _ in }) {
        self.onEvent = onEvent
    }

    /// A logger whose events go here.
    var logger: Logger { Logger(label: "sibyl-test") { [self] _ in Handler(recorder: self) } }

    /// The events so far, in order.
    var recorded: [LogEvent] { events.withLock { $0 } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.onEvent(event)
            recorder.events.withLock { $0.append(event) }
        }
    }
}
