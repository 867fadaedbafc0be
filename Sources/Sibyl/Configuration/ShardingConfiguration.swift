/// How the source series are split between several Sibyls (the `sharding` section): this one analyses the series whose
/// `hashmod` of `source_labels` modulo `count` is `index`.
package struct ShardingConfiguration: Sendable, Hashable {
    /// How many shards there are (default 1: unsharded).
    package var count: Int
    /// This shard's index, in `0..<count` (default 0).
    package var index: Int
    /// The labels hashed, in order (default `__name__`, `job`, `instance`).
    package var sourceLabels: [String]
    /// How often each selector is read whole to find new series (default 10m); in between, only the owned series are
    /// asked for.
    package var refreshInterval: PrometheusDuration

    /// The default refresh interval, 10 minutes.
    package static let defaultRefreshInterval = PrometheusDuration(milliseconds: 600_000)

    /// Creates a sharding configuration.
    /// - Parameters:
    ///   - count: how many shards.
    ///   - index: this shard's index.
    ///   - sourceLabels: the hashed labels.
    ///   - refreshInterval: how often selectors are read whole.
    package init(
        count: Int = 1, index: Int = 0, sourceLabels: [String] = ShardFilter.defaultSourceLabels,
        refreshInterval: PrometheusDuration = defaultRefreshInterval
    ) {
        self.count = count
        self.index = index
        self.sourceLabels = sourceLabels
        self.refreshInterval = refreshInterval
    }

    /// The filter of this shard, `nil` when unsharded (`count` 1).
    package var filter: ShardFilter? {
        count > 1 ? ShardFilter(count: count, index: index, sourceLabels: sourceLabels) : nil
    }
}

extension ShardingConfiguration {
    /// The ordinal a StatefulSet gives its pod's host name (`sibyl-2` is 2), `nil` when the name has none.
    /// - Parameter hostname: the host name, short or fully qualified.
    package static func ordinal(ofHostname hostname: String) -> Int? {
        let short = hostname.split(separator: ".", maxSplits: 1).first ?? ""
        guard let dash = short.lastIndex(of: "-") else { return nil }
        let digits = short[short.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }
}
