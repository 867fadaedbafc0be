import Foundation
import SibylWire

#if canImport(Glibc)
import Glibc
#endif

/// Sibyl's results over past cycles as an OpenMetrics file that `promtool tsdb create-blocks-from openmetrics`
/// turns into TSDB blocks, so that Prometheus itself holds the derived history (`sibyl backfill`).
///
/// ``add(_:)`` takes each cycle's ``CycleSnapshot`` and keeps its result families (Sibyl's own health left out,
/// as the archive leaves it out: ``ResultStore/isArchived(_:)``), each sample at the snapshot's time. They are held
/// compactly: per family its kind and HELP, per series its labels and its `(time, value)` pairs, never the
/// snapshots' families.
///
/// The text is what the live OpenMetrics `/metrics` writes (``ExpositionWriter``, `underscores` escaping, which
/// promtool 2.42 reads), each family once and each series once with all its samples, each sample with its
/// timestamp in seconds:
///
/// ```text
/// # HELP sibyl_window_max Maximum of the source series over the window.
/// # TYPE sibyl_window_max gauge
/// sibyl_window_max{instance="a:9100",job="node",metric="node_load1",window="1h"} 0.52 1733500000
/// sibyl_window_max{instance="a:9100",job="node",metric="node_load1",window="1h"} 0.61 1733500015.5
/// # EOF
/// ```
///
/// - Families are sorted by name and series by labels; a family's kind, HELP and unit are those of the snapshot
///   added last that has it.
/// - A series is what a Prometheus scraping that `/metrics` stores: names that are not legacy names are escaped,
///   so `{service.name="a"}` in one cycle and `{service_name="a"}` in another are one series.
/// - Each series' samples are kept in ascending time, in whatever order the snapshots come: promtool wants them
///   strictly increasing. A sample at a time the series already has replaces it (the one added last wins, also
///   within one snapshot).
package struct OpenMetricsBackfillFile: Sendable {
    /// A backfill file that could not be written.
    package struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The file's path.
        package let path: String
        /// What went wrong.
        package let reason: String

        /// `cannot write the backfill file <path>: <reason>`.
        package var description: String { "cannot write the backfill file \(path): \(reason)" }
    }

    /// One series: its labels (names escaped) and its samples in strictly increasing time.
    private struct Series: Sendable {
        let labels: RenderedLabels
        var samples: [(Int64, Double)]

        /// Adds a sample in time order, replacing one at the same time.
        /// - Returns: whether the series holds one sample more.
        mutating func insert(_ value: Double, at time: Int64) -> Bool {
            guard let last = samples.last, time <= last.0 else {
                samples.append((time, value))
                return true
            }
            var low = 0
            var high = samples.count - 1
            while low < high {
                let middle = (low + high) / 2
                if samples[middle].0 < time {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            if samples[low].0 == time {
                samples[low].1 = value
                return false
            }
            samples.insert((time, value), at: low)
            return true
        }
    }

    /// One family: its metadata (a family without samples) and its series.
    private struct Family: Sendable {
        var metadata: MetricFamily
        var positions: [RenderedLabels: Int] = [:]
        var series: [Series] = []
    }

    /// The writer: OpenMetrics, names escaped with underscores.
    private static let writer = ExpositionWriter(format: .openMetrics)
    /// Bytes gathered before ``write(to:)`` writes them out.
    private static let chunkSize = 1 << 20

    private var families: [Family] = []
    /// Positions in ``families`` by escaped family name.
    private var positions: [String: Int] = [:]

    /// The number of samples held.
    package private(set) var sampleCount = 0

    /// Creates an empty file.
    package init() {}

    /// Adds a cycle's result families, each sample at `snapshot.time`; Sibyl's self-monitoring families are left
    /// out (``ResultStore/isArchived(_:)``).
    /// - Parameter snapshot: the cycle, in any order relative to the others.
    package mutating func add(_ snapshot: CycleSnapshot) {
        for family in snapshot.families where !family.samples.isEmpty && ResultStore.isArchived(family.name.rawValue) {
            let position = position(of: family)
            for sample in family.samples {
                let labels = Self.escaped(sample.labels)
                if let index = families[position].positions[labels] {
                    if families[position].series[index].insert(sample.value, at: snapshot.time) {
                        sampleCount += 1
                    }
                } else {
                    families[position].positions[labels] = families[position].series.count
                    families[position].series.append(Series(labels: labels, samples: [(snapshot.time, sample.value)]))
                    sampleCount += 1
                }
            }
        }
    }

    /// The OpenMetrics text: each family once (`# HELP`, `# TYPE`, its samples grouped by series, each series'
    /// samples in ascending time with the timestamp in seconds), families sorted by name, ending in `# EOF`.
    ///
    /// The whole text at once; ``write(to:)`` writes a large file without holding it whole.
    /// - Returns: the text's bytes (just `# EOF` when nothing was added).
    package func render() -> [UInt8] {
        var text: [UInt8] = []
        write(chunkSize: .max) { text.append(contentsOf: $0) }
        return text
    }

    /// Writes ``render()``'s text to `path`, atomically: into a temporary file in the same directory, renamed into
    /// place when complete, so that `path` is never a partial file.
    /// - Parameter path: the file to write; an existing one is replaced.
    /// - Throws: ``WriteError`` naming `path` and the cause.
    package func write(to path: String) throws(WriteError) {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw WriteError(path: path, reason: "cannot create the temporary file \(temporary)")
        }
        do {
            defer { try? handle.close() }
            try write(chunkSize: Self.chunkSize) { chunk in try handle.write(contentsOf: chunk) }
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(path: path, reason: "\(error)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(path: path, reason: "cannot rename \(temporary) into place: \(reason)")
        }
    }

    /// Writes the text in order, handing `output` pieces of at least `chunkSize` bytes (the last one shorter).
    private func write(chunkSize: Int, _ output: ([UInt8]) throws -> Void) rethrows {
        var buffer: [UInt8] = []
        let ordered = positions.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for position in ordered.map(\.value) {
            let family = families[position]
            Self.writer.writeHeader(of: family.metadata, into: &buffer)
            for series in family.series.sorted(by: { $0.labels < $1.labels }) {
                Self.writer.writeSamples(series.samples, of: family.metadata.name, labels: series.labels, into: &buffer)
                if buffer.count >= chunkSize {
                    try output(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        Self.writer.writeEnd(into: &buffer)
        try output(buffer)
    }

    /// The position of `family` in ``families``, added if new; its metadata replaced by `family`'s if they differ.
    private mutating func position(of family: MetricFamily) -> Int {
        let key = family.name.underscoreEscaped
        guard let position = positions[key] else {
            families.append(Family(metadata: Self.metadata(of: family)))
            positions[key] = families.count - 1
            return families.count - 1
        }
        let held = families[position].metadata
        let same = held.name == family.name && held.kind == family.kind && held.help == family.help
        if !same || held.unit != family.unit {
            families[position].metadata = Self.metadata(of: family)
        }
        return position
    }

    /// `family` without its samples.
    private static func metadata(of family: MetricFamily) -> MetricFamily {
        MetricFamily(name: family.name, kind: family.kind, help: family.help, unit: family.unit)
    }

    /// `labels` with every name that is not a legacy name escaped with underscores, as the file writes them.
    private static func escaped(_ labels: RenderedLabels) -> RenderedLabels {
        guard labels.hasUTF8Names else { return labels }
        // A set whose names collide once escaped was refused when it was made, so this does not throw.
        let names = labels.labels.map { (name: NameEscaping.underscoreEscaped($0.name), value: $0.value) }
        return (try? RenderedLabels(names)) ?? labels
    }
}
