import SibylWire

/// During one read, tells which series the shard owns and notes, per selector read whole, the source-label values
/// of the owned series it matches: what later reads ask that selector for.
struct ShardKeyCollector {
    /// The shard, `nil` when unsharded (every series is owned).
    let shard: ShardFilter?
    /// The selectors read whole this cycle, compiled.
    private let wholeReads: [(selector: [LabelMatcher], compiled: CompiledSeriesSelector)]
    /// Per selector read whole, the keys of the owned series it matched.
    private(set) var keys: [[LabelMatcher]: Set<[String]>] = [:]

    /// Creates a collector for one read.
    /// - Parameters:
    ///   - shard: the shard, or `nil`.
    ///   - selectors: the selectors read whole.
    init(shard: ShardFilter?, selectors: [[LabelMatcher]]) {
        self.shard = shard
        self.wholeReads = shard == nil ? [] : selectors.map { ($0, SeriesSelector($0).compiled()) }
        for selector in wholeReads.map(\.selector) { keys[selector] = [] }
    }

    /// Whether the shard owns the series; if it does, its key is noted under every whole-read selector matching it.
    mutating func owns(_ labels: [Label]) -> Bool {
        guard let shard else { return true }
        let key = shard.key(of: labels)
        guard shard.owns(key: key) else { return false }
        for read in wholeReads where read.compiled.matches(labels) { keys[read.selector, default: []].insert(key) }
        return true
    }
}
