import Sibyl
import SibylWire
import Testing

struct ShardFilterTests {
    /// Values from Go's `md5.Sum` and `binary.BigEndian.Uint64(hash[8:]) % n`, as Prometheus' `hashmod` computes them.
    static let assignments: [([String], modulo3: Int, modulo4: Int)] = [
        (["up", "node", "a:9100"], 1, 2),
        (["", "", ""], 1, 3),
        (["x"], 1, 2),
    ]

    @Test("the shard of a key is Prometheus' hashmod of the ;-joined values", arguments: assignments)
    func hashmod(_ key: [String], modulo3: Int, modulo4: Int) {
        #expect(ShardFilter(count: 3, index: 0).shard(ofKey: key) == modulo3)
        #expect(ShardFilter(count: 4, index: 0).shard(ofKey: key) == modulo4)
    }

    @Test("a missing source label hashes as an empty value; other labels do not count")
    func keyOfLabels() {
        let filter = ShardFilter(count: 3, index: 1)
        let labels = [Label("__name__", "up"), Label("cpu", "0"), Label("instance", "a:9100")]
        #expect(filter.key(of: labels) == ["up", "", "a:9100"])
        #expect(filter.owns(labels) == (filter.shard(ofKey: ["up", "", "a:9100"]) == 1))
        #expect(ShardFilter(count: 1, index: 0).owns(labels))
    }

    @Test("exactly one of the shards owns each key")
    func partition() {
        for host in 0..<200 {
            let key = ["node_load1", "node", "host-\(host):9100"]
            let owners = (0..<3).filter { ShardFilter(count: 3, index: $0).owns(key: key) }
            #expect(owners.count == 1)
        }
    }

    @Test("narrowed selectors: one query per group of the first labels, the last as an escaped alternation")
    func narrowing() {
        let filter = ShardFilter(count: 3, index: 0)
        let selector = [LabelMatcher("job", .equal, "node")]
        let keys: Set<[String]> = [
            ["up", "node", "a:1"], ["up", "node", "b.c:1"], ["load", "node", "(x)"],
        ]
        let selectors = filter.selectors(narrowing: selector, to: keys)
        #expect(
            selectors == [
                selector + [
                    LabelMatcher("__name__", .equal, "load"), LabelMatcher("job", .equal, "node"),
                    LabelMatcher("instance", .equal, "(x)"),
                ],
                selector + [
                    LabelMatcher("__name__", .equal, "up"), LabelMatcher("job", .equal, "node"),
                    LabelMatcher("instance", .regexMatch, #"a:1|b\.c:1"#),
                ],
            ])
        #expect(filter.selectors(narrowing: selector, to: []).isEmpty)
        // Each narrowed selector matches its owned series and no other.
        let compiled = selectors.map { SeriesSelector($0).compiled() }
        let owned = [Label("__name__", "up"), Label("instance", "b.c:1"), Label("job", "node")]
        let other = [Label("__name__", "up"), Label("instance", "bxc:1"), Label("job", "node")]
        #expect(compiled.contains { $0.matches(owned) })
        #expect(!compiled.contains { $0.matches(other) })
    }
}
