import SibylWire

/// What the archive writer knows to be in the file: the id of each series it has written and the header of each
/// family, so that a cycle inserts only what is new.
///
/// Only the writer's loop holds one; it merges a transaction's additions after the commit, forgets the series not
/// written for ``ResultStore/seriesRefresh`` at each retention pass, and empties the cache when retention deletes
/// series.
struct SeriesCache: Sendable {
    /// A derived series: its metric name and label set.
    struct Key: Sendable, Hashable {
        /// The metric name.
        var metric: String
        /// The labels.
        var labels: RenderedLabels
    }

    /// A series' row.
    struct Entry: Sendable, Hashable {
        /// The row id.
        var id: Int64
        /// The row's `last_time_ms`.
        var lastTime: Int64
    }

    /// A family's `# TYPE` and `# HELP`.
    struct Family: Sendable, Hashable {
        /// The type's name.
        var kind: String
        /// The help text.
        var help: String
    }

    /// The known series.
    var series: [Key: Entry] = [:]
    /// The known family headers, by name.
    var families: [String: Family] = [:]
    /// The known window groups' ids (`window_groups`), by label set.
    var groups: [RenderedLabels: Int64] = [:]

    /// Forgets the series not written since `time`, so that series that stopped do not stay in memory until
    /// retention deletes them (a series written again is looked up again).
    /// - Parameter time: series whose row's `last_time_ms` is before this go.
    mutating func forget(writtenBefore time: Int64) {
        series = series.filter { $0.value.lastTime >= time }
        let live = Set(series.keys.map(\.labels))
        groups = groups.filter { live.contains($0.key) }
    }

    /// Takes in what a committed transaction added.
    /// - Parameter added: the additions.
    mutating func merge(_ added: SeriesCache) {
        series.merge(added.series) { $1 }
        families.merge(added.families) { $1 }
        groups.merge(added.groups) { $1 }
    }
}
