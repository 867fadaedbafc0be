package import SibylWire

extension ArchiveWriter {
    /// The writer's counts, and their `sibyl_archive_*` families.
    package struct Statistics: Sendable, Hashable {
        /// Cycles committed.
        package var cycles = 0
        /// Cycles dropped from a full queue (or submitted after shutdown).
        package var dropped = 0
        /// Failed writes and retention passes, by bounded reason (``ArchiveError/shortDescription``).
        package var errors: [String: Int] = [:]
        /// Wall time of the last committed write, in seconds.
        package var lastWriteDuration = 0.0
        /// Bytes of the database file and its WAL, as of the last commit or retention pass.
        package var sizeBytes: Int64 = 0

        /// Creates zeroed counts.
        package init() {}

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
        package func families() -> [MetricFamily] {
            typealias Families = SelfMonitoringFamilies
            return [
                Families.archiveCycles.family([(.empty, Double(cycles))]),
                Families.archiveDropped.family([(.empty, Double(dropped))]),
                Families.archiveErrors.family(labelled: "reason", zeroedErrors),
                Families.archiveWriteDuration.family([(.empty, lastWriteDuration)]),
                Families.archiveSize.family([(.empty, Double(sizeBytes))]),
            ]
        }
    }

    /// The `sibyl_archive_*` self-monitoring families, for the exposition.
    /// - Returns: the families.
    package func families() -> [MetricFamily] { statistics.families() }
}
