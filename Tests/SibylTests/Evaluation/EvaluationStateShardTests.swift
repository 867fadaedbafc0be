import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// Sharded cycles against one real Prometheus: the shards split the unsharded results exactly, as Prometheus' own
/// `hashmod` relabelling splits the series, and read about 1/N of the bytes once the first read is done.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool, .python3)))
struct EvaluationStateShardTests {
    static let window: Int64 = 3_600_000
    static let names = (0..<20).map { "sibyl_shard_gauge_\($0)" }
    static let hosts = (0..<30).map { "host-\($0):9100" }

    /// 600 series (20 names × 30 instances) of 70 minutes at 15 s, ending before `time`.
    static func history(endingBefore time: Int64) -> OpenMetricsHistory {
        let step: Int64 = 15_000
        let count = Int(70 * 60_000 / step)
        let last = (time / step) * step - step
        let first = last - Int64(count - 1) * step
        var series: [OpenMetricsHistory.Series] = []
        for (nameIndex, name) in names.enumerated() {
            for (hostIndex, host) in hosts.enumerated() {
                let samples = (0..<count).map { index in
                    (first + Int64(index) * step, Double((index * (nameIndex + 3) + hostIndex * 17) % 101))
                }
                series.append(
                    OpenMetricsHistory.Series(
                        name: name, labels: [("job", "shards"), ("instance", host)], samples: samples))
            }
        }
        return OpenMetricsHistory(series: series)
    }

    /// A state reading every series of the history, sharded by `shard` or not.
    static func state(_ shard: ShardFilter?) -> EvaluationState {
        var configuration = EvaluationState.Configuration(
            selectors: [[LabelMatcher("job", .equal, "shards")]], windows: [window])
        configuration.shard = shard
        return EvaluationState(configuration: configuration)
    }

    /// Every derived sample, `family{labels}` to the value's bits.
    static func derived(_ state: EvaluationState) -> [String: UInt64] {
        var samples: [String: UInt64] = [:]
        for family in state.derivedFamilies {
            for sample in family.samples { samples["\(family.name)\(sample.labels)"] = sample.value.bitPattern }
        }
        return samples
    }

    /// The key (`name;job;instance`) of every series a state holds.
    static func heldKeys(_ state: EvaluationState) -> Set<String> {
        Set(
            state.store.entries.values.map { entry in
                ShardFilter(count: 1, index: 0).key(of: entry.labels).joined(separator: ";")
            })
    }

    @Test("three shards: their union is the unsharded results, disjoint, split as hashmod splits, at 1/3 the bytes")
    func threeShards() async throws {
        let time = ServiceFixture.evaluationTime()
        let history = Self.history(endingBefore: time)
        let cycles = [time - 120_000, time - 60_000, time]
        var whole = Self.state(nil)
        var shards = (0..<3).map { Self.state(ShardFilter(count: 3, index: $0)) }
        var four = (0..<4).map { Self.state(ShardFilter(count: 4, index: $0)) }
        var firstBytes: [Int] = []
        try await ServiceFixture.withPrometheus(holding: history, at: time) { prometheus in
            // A first read of 600 series on a machine busy with other suites may take a while.
            let client = RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL, timeout: .seconds(300)))
            for (index, cycle) in cycles.enumerated() {
                let outcome = await whole.runCycle(at: cycle, client: client)
                #expect(outcome == .succeeded, "unsharded cycle \(index): \(outcome)")
                for shard in shards.indices {
                    let outcome = await shards[shard].runCycle(at: cycle, client: client)
                    #expect(outcome == .succeeded, "shard \(shard) cycle \(index): \(outcome)")
                }
                if index == 0 { firstBytes = [whole.metrics.bytesRead] + shards.map(\.metrics.bytesRead) }
            }
            for shard in four.indices {
                let outcome = await four[shard].runCycle(at: time, client: client)
                #expect(outcome == .succeeded, "shard \(shard) of 4: \(outcome)")
            }
        }
        #expect(whole.store.count == 600)
        // Between whole reads a shard asks for its own series only; refresh_interval after one, for all again.
        let selector = [LabelMatcher("job", .equal, "shards")]
        let narrowed = shards[0].queries(at: time + 60_000)
        #expect(narrowed.count > 1 && narrowed.allSatisfy { $0.matchers.count == selector.count + 3 })
        #expect(shards[0].queries(at: cycles[0] + 600_000).map(\.matchers) == [selector])
        let info = String(decoding: try shards[1].render(), as: UTF8.self)
        #expect(info.contains(#"sibyl_shard_info{count="3",index="1"} 1"#))
        #expect(
            String(decoding: try whole.render(), as: UTF8.self).contains(#"sibyl_shard_info{count="1",index="0"} 1"#))
        // The union of the shards' derived series is the unsharded Sibyl's, each series on one shard only.
        let expected = Self.derived(whole)
        var union: [String: UInt64] = [:]
        for shard in shards {
            union.merge(Self.derived(shard)) { first, _ in
                Issue.record("a derived series on two shards")
                return first
            }
        }
        #expect(union.count == expected.count)
        let differing = expected.keys.filter { union[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.count) derived series differ, first \(differing.prefix(3))")
        // After the first read, each shard reads about a third of the bytes.
        let laterWhole = whole.metrics.bytesRead - firstBytes[0]
        for (index, shard) in shards.enumerated() {
            let later = shard.metrics.bytesRead - firstBytes[index + 1]
            let ratio = Double(later) / Double(laterWhole)
            #expect(
                ratio <= 1.0 / 3 + 0.1,
                "shard \(index) read \(later) bytes after the first cycle, unsharded \(laterWhole)")
            // The bytes follow the share of series the shard owns, with little overhead for its narrower queries.
            let share = Double(shard.store.count) / Double(whole.store.count)
            #expect(ratio <= share * 1.05, "shard \(index): \(ratio) of the bytes for \(share) of the series")
        }
        // Prometheus' hashmod relabelling gives each series the shard that holds it, for 3 and for 4 shards.
        let assigned = try await Self.prometheusShards(of: history)
        #expect(assigned.count == 600)
        for (key, modulo) in assigned {
            let holders3 = shards.indices.filter { Self.heldKeys(shards[$0]).contains(key) }
            #expect(holders3 == [modulo.of3], "\(key): Prometheus' hashmod 3 gives \(modulo.of3)")
            let holders4 = four.indices.filter { Self.heldKeys(four[$0]).contains(key) }
            #expect(holders4 == [modulo.of4], "\(key): Prometheus' hashmod 4 gives \(modulo.of4)")
        }
        #expect(Set(assigned.values.map(\.of3)).count == 3, "every shard holds some series")
    }

    /// The `hashmod` of `[__name__, job, instance]` modulo 3 and 4 that a real Prometheus' `metric_relabel_configs`
    /// give each series of `history` when it scrapes their label sets, by `name;job;instance`.
    static func prometheusShards(of history: OpenMetricsHistory) async throws -> [String: (of3: Int, of4: Int)] {
        let directory = try TemporaryDirectory(prefix: "sibyl-hashmod")
        defer { directory.remove() }
        var exposition = ""
        for series in history.series {
            let labels = series.labels.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ",")
            exposition += "\(series.name){\(labels)} 1\n"
        }
        try Data(exposition.utf8).write(to: directory.file("metrics.txt"))
        return try await StaticFileServer.with(serving: directory.url) { server in
            let configuration = """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: hashmod
                    honor_labels: true
                    metrics_path: /metrics.txt
                    static_configs: [{targets: ["\(server.address)"]}]
                    metric_relabel_configs:
                      - {source_labels: [__name__, job, instance], modulus: 3, target_label: shard3, action: hashmod}
                      - {source_labels: [__name__, job, instance], modulus: 4, target_label: shard4, action: hashmod}

                """
            return try await PrometheusFixture.with(configurationText: configuration) { prometheus in
                var stored: [PrometheusFixture.QueriedSeries] = []
                for _ in 0..<100 {
                    stored = try await prometheus.query(#"{job="shards"}"#, at: wallClockMilliseconds())
                    if stored.count == history.series.count { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                var shards: [String: (of3: Int, of4: Int)] = [:]
                for series in stored {
                    let key = ["__name__", "job", "instance"].map { series.labels[$0] ?? "" }.joined(separator: ";")
                    shards[key] = (Int(series.labels["shard3"] ?? "") ?? -1, Int(series.labels["shard4"] ?? "") ?? -1)
                }
                return shards
            }
        }
    }
}
