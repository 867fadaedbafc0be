public import SibylWire

extension ArchiveWriter {
    /// The writer's counts, and their `sibyl_archive_*` families.
    public struct Statistics: Sendable, Hashable {
        /// Cycles committed.
        public var cycles = 0
        /// Cycles dropped from a full queue (or submitted after shutdown).
        public var dropped = 0
        /// Failed writes and retention passes, by bounded reason (``ArchiveError/shortDescription``).
        public var errors: [String: Int] = [:]
        /// Wall time of the last committed write, in seconds.
        public var lastWriteDuration = 0.0
        /// Bytes of the database file and its WAL, as of the last commit or retention pass.
        public var sizeBytes: Int64 = 0

        /// Creates zeroed counts.
        public init() {}

        /// ``errors`` with every ``ArchiveError/Code`` that has not occurred at 0, so that the counter exists (and
        /// `increase()` and alerts work on it) before the first error.
        var zeroedErrors: [String: Int] {
            var counts = errors
            for code in ArchiveError.Code.all where counts[code.description] == nil {
                counts[code.description] = 0
            }
            return counts
        }

        /// The `sibyl_archive_*` self-monitoring families.
        /// - Returns: families ready for the exposition writer.
        public func families() -> [MetricFamily] {
            var out: [MetricFamily] = []
            func add(_ name: String, _ kind: MetricFamily.Kind, _ help: String, _ samples: [(RenderedLabels, Double)]) {
                guard var family = try? MetricFamily(name: name, kind: kind, help: help) else { return }
                for (labels, value) in samples { family.append(labels, value) }
                out.append(family)
            }
            add("sibyl_archive_cycles_total", .counter, "Cycles committed to the archive.", [(.empty, Double(cycles))])
            add(
                "sibyl_archive_dropped_total", .counter,
                "Cycles dropped before being archived because the archive's queue was full (the oldest waiting goes).",
                [(.empty, Double(dropped))])
            add(
                "sibyl_archive_errors_total", .counter,
                "Failed archive writes and retention passes, by reason (disk_full, read_only, busy, io_error, …); "
                    + "every reason is 0 until it occurs.",
                zeroedErrors.sorted { $0.key < $1.key }.compactMap { reason, count in
                    (try? RenderedLabels([(name: "reason", value: reason)])).map { ($0, Double(count)) }
                })
            add(
                "sibyl_archive_write_duration_seconds", .gauge, "Wall time of the last committed archive write.",
                [(.empty, lastWriteDuration)])
            add(
                "sibyl_archive_size_bytes", .gauge, "Bytes of the archive's SQLite file and its write-ahead log.",
                [(.empty, Double(sizeBytes))])
            return out
        }
    }

    /// The `sibyl_archive_*` self-monitoring families, for the exposition.
    /// - Returns: the families.
    public func families() -> [MetricFamily] { statistics.families() }
}
