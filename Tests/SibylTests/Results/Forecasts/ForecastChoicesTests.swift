import Sibyl
import SibylAnalysis
import SibylWire
import Testing

struct ForecastChoicesTests {
    static let hour: Int64 = 3_600_000
    static let key = ForecastChoices.Key([Label("__name__", "up")])

    static func choice(_ model: ForecastModel) -> ForecastModelChoice {
        ForecastModelChoice(model: model, season: nil, validation: [])
    }

    @Test("a first choice is kept for half an interval to one, a later one for the interval, then due again")
    func keptForTheInterval() {
        let book = ForecastChoices(interval: Self.hour)
        #expect(book.current(Self.key, at: 0) == nil)
        book.record(Self.choice(.dampedTrend), for: Self.key, at: 0)
        let first = book.firstInterval(Self.key)
        #expect(first > Self.hour / 2 && first <= Self.hour)
        #expect(book.current(Self.key, at: first - 1) == Self.choice(.dampedTrend))
        // Recording the same choice while it is kept does not restart its interval.
        book.record(Self.choice(.dampedTrend), for: Self.key, at: first / 2)
        #expect(book.current(Self.key, at: first) == nil)
        #expect(book.current(ForecastChoices.Key([Label("__name__", "up")], derived: "slo"), at: 1) == nil)
        // A clock that went back is not trusted with an old choice.
        #expect(book.current(Self.key, at: -1) == nil)
        // Chosen again when due: kept for a whole interval from then.
        book.record(Self.choice(.naive), for: Self.key, at: first)
        #expect(book.current(Self.key, at: first + Self.hour - 1) == Self.choice(.naive))
        #expect(book.current(Self.key, at: first + Self.hour) == nil)
    }

    @Test("first choices made together fall due at different times")
    func spread() {
        let book = ForecastChoices(interval: Self.hour)
        let intervals = (0..<100).map { book.firstInterval(ForecastChoices.Key([Label("instance", "host-\($0)")])) }
        #expect(intervals.allSatisfy { $0 > Self.hour / 2 && $0 <= Self.hour })
        #expect(Set(intervals).count > 50)
    }

    @Test("choices not used for two intervals are forgotten")
    func pruned() {
        let book = ForecastChoices(interval: Self.hour)
        book.record(Self.choice(.naive), for: Self.key, at: 0)
        let other = ForecastChoices.Key([Label("__name__", "other")])
        book.record(Self.choice(.naive), for: other, at: 2 * Self.hour - 1)
        #expect(book.count == 2)
        book.record(Self.choice(.simpleSmoothing), for: other, at: 3 * Self.hour)
        #expect(book.count == 1)
        #expect(book.current(other, at: 3 * Self.hour + 1) == Self.choice(.simpleSmoothing))
    }
}
