package import SibylWire

/// Which source series one shard of several owns: those whose `hashmod` of the source labels equals its index,
/// computed as Prometheus' `hashmod` relabel action does (the MD5 of the `;`-joined values, the digest's low 8 bytes
/// as a big-endian integer, modulo the count), so that a relabel rule reproduces the split.
package struct ShardFilter: Sendable, Hashable {
    /// How many shards share the series, at least 1.
    package var count: Int
    /// This shard's index, in `0..<count`.
    package var index: Int
    /// The labels whose values are hashed, in order; a missing label hashes as an empty value.
    package var sourceLabels: [String]

    /// The default source labels: the metric name, `job` and `instance`.
    package static let defaultSourceLabels = ["__name__", "job", "instance"]

    /// Creates a filter.
    /// - Parameters:
    ///   - count: how many shards there are.
    ///   - index: this shard's index.
    ///   - sourceLabels: the hashed labels.
    package init(count: Int, index: Int, sourceLabels: [String] = defaultSourceLabels) {
        self.count = count
        self.index = index
        self.sourceLabels = sourceLabels
    }

    /// The values of the source labels in `labels`, in ``sourceLabels`` order, `""` for a missing one.
    package func key(of labels: [Label]) -> [String] {
        sourceLabels.map { name in labels.first { $0.name == name }?.value ?? "" }
    }

    /// The shard a series with this key belongs to.
    package func shard(ofKey key: [String]) -> Int {
        let digest = MD5.digest(Array(key.joined(separator: ";").utf8))
        let low = digest[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(low % UInt64(max(count, 1)))
    }

    /// Whether this shard owns a series with this key.
    package func owns(key: [String]) -> Bool { count <= 1 || shard(ofKey: key) == index }

    /// Whether this shard owns the series.
    package func owns(_ labels: [Label]) -> Bool { count <= 1 || owns(key: key(of: labels)) }

    /// The queries that ask `selector` for the series with one of `keys` only: per group of keys that agree on all
    /// but the last source label, the selector's matchers, an equality matcher per shared value and one anchored
    /// alternation of the last values (Prometheus turns it into a set lookup).
    /// - Parameters:
    ///   - selector: the selector's matchers.
    ///   - keys: source-label values, as ``key(of:)`` gives them.
    /// - Returns: one matcher list per group, sorted; none when `keys` is empty.
    package func selectors(narrowing selector: [LabelMatcher], to keys: Set<[String]>) -> [[LabelMatcher]] {
        guard let last = sourceLabels.last else { return [selector] }
        let groups = Dictionary(grouping: keys) { Array($0.dropLast()) }
        return groups.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { prefix in
            var matchers = selector
            for (name, value) in zip(sourceLabels, prefix) { matchers.append(LabelMatcher(name, .equal, value)) }
            let values = (groups[prefix] ?? []).compactMap(\.last).sorted()
            if values.count == 1, let value = values.first {
                matchers.append(LabelMatcher(last, .equal, value))
            } else {
                matchers.append(LabelMatcher(last, .regexMatch, values.map(Self.quotedForRegex).joined(separator: "|")))
            }
            return matchers
        }
    }

    /// `text` with every RE2 metacharacter escaped, so that it matches itself only.
    static func quotedForRegex(_ text: String) -> String {
        var quoted = ""
        for character in text {
            if "\\.+*?()|[]{}^$".contains(character) { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted
    }
}
