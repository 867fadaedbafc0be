import SibylAnalysis
import Testing

struct CounterRateTests {
    @Test func steadyCounterGivesConstantRate() throws {
        let rate = try CounterRate(counterTimestamps: [0, 5_000, 10_000, 15_000], counterValues: [100, 150, 200, 250])
        #expect(rate.timestamps == [5_000, 10_000, 15_000])
        #expect(rate.values == [10, 10, 10])
    }

    @Test("a decrease is a reset: the increase is the new value")
    func resetCountsNewValue() throws {
        let rate = try CounterRate(counterTimestamps: [0, 5_000, 10_000, 15_000], counterValues: [10, 20, 5, 15])
        #expect(rate.timestamps == [5_000, 10_000, 15_000])
        #expect(rate.values == [2, 1, 2])
    }

    @Test func resetToZeroGivesZeroRate() throws {
        let rate = try CounterRate(counterTimestamps: [0, 2_000], counterValues: [1e12, 0])
        #expect(rate.values == [0])
    }

    @Test("NaN and stale samples are skipped; the next rate spans from the last usable sample")
    func skipsNaNAndStaleMarkers() throws {
        let stale = Double(bitPattern: 0x7ff0_0000_0000_0002)
        let rate = try CounterRate(
            counterTimestamps: [0, 5_000, 10_000, 15_000, 20_000, 25_000],
            counterValues: [0, .nan, 10, stale, .infinity, 30])
        #expect(rate.timestamps == [10_000, 25_000])
        #expect(rate.values == [1, 20.0 / 15])
    }

    @Test func irregularSpacingUsesActualElapsedTime() throws {
        let rate = try CounterRate(counterTimestamps: [1_000, 1_250, 4_250], counterValues: [0, 1, 4])
        #expect(rate.values == [4, 1])
    }

    @Test func repeatedOrEarlierTimestampsAreSkipped() throws {
        let rate = try CounterRate(
            counterTimestamps: [0, 5_000, 5_000, 4_000, 10_000], counterValues: [0, 5, 999, 999, 10])
        #expect(rate.timestamps == [5_000, 10_000])
        #expect(rate.values == [1, 1])
    }

    @Test func tooFewSamplesGiveNoRate() throws {
        #expect(try CounterRate(counterTimestamps: [], counterValues: []).values.isEmpty)
        #expect(try CounterRate(counterTimestamps: [7], counterValues: [1]).values.isEmpty)
        #expect(try CounterRate(counterTimestamps: [0, 1], counterValues: [.nan, 1]).values.isEmpty)
    }

    @Test func extremeTimestampsDoNotTrap() throws {
        let rate = try CounterRate(counterTimestamps: [Int64.min, Int64.max, Int64.max], counterValues: [0, 1, 2])
        #expect(rate.values.isEmpty)
    }

    @Test func rejectsMismatchedLengths() {
        #expect(throws: AnalysisError.self) { try CounterRate(counterTimestamps: [0, 1], counterValues: [1]) }
    }
}
