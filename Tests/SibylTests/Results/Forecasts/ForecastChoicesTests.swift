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

    @Test("a choice is kept for the interval from when it was made, then due again")
    func keptForTheInterval() {
        let book = ForecastChoices(interval: Self.hour)
        #expect(book.current(Self.key, at: 0) == nil)
        book.record(Self.choice(.dampedTrend), for: Self.key, at: 0)
        #expect(book.current(Self.key, at: Self.hour - 1) == Self.choice(.dampedTrend))
        // Recording the same choice while it is kept does not restart its interval.
        book.record(Self.choice(.dampedTrend), for: Self.key, at: Self.hour / 2)
        #expect(book.current(Self.key, at: Self.hour) == nil)
        #expect(book.current(ForecastChoices.Key([Label("__name__", "up")], derived: "slo"), at: 1) == nil)
        // A clock that went back is not trusted with an old choice.
        #expect(book.current(Self.key, at: -1) == nil)
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
