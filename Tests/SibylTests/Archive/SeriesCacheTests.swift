import SibylWire
import Testing

@testable import Sibyl

struct SeriesCacheTests {
    static func key(_ instance: String) throws -> SeriesCache.Key {
        SeriesCache.Key(metric: "sibyl_window_avg", labels: try RenderedLabels([(name: "instance", value: instance)]))
    }

    @Test("merging keeps the newer entry; forgetting drops the series whose row was last written before a time")
    func mergeAndForget() throws {
        var cache = SeriesCache()
        cache.merge(SeriesCache(series: [try Self.key("a"): .init(id: 1, lastTime: 10)], families: [:]))
        cache.merge(
            SeriesCache(
                series: [try Self.key("a"): .init(id: 1, lastTime: 50), try Self.key("b"): .init(id: 2, lastTime: 20)],
                families: ["sibyl_window_avg": .init(kind: "gauge", help: "h")]))
        #expect(cache.series[try Self.key("a")]?.lastTime == 50)
        cache.forget(writtenBefore: 30)
        #expect(Set(cache.series.values.map(\.id)) == [1])
        #expect(cache.families.count == 1)
    }
}
