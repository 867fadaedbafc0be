import SibylAnalysis
import SibylTestSupport
import Testing

struct WindowStatisticsTests {
    @Test("matches pandas max/min/mean/std", arguments: OracleCase.publicIDs)
    func matchesOracle(id: String) throws {
        let oracle = try OracleCase.load(id)
        let want = try #require(oracle.stats)
        let got = try #require(WindowStatistics(oracle.analysisValues))
        #expect(got.count == want.count)
        expectClose(got.max, want.max.value, rtol: 0, "\(id) max")
        expectClose(got.min, want.min.value, rtol: 0, "\(id) min")
        expectClose(got.mean, want.mean.value, rtol: 1e-9, "\(id) mean")
        expectClose(got.standardDeviation ?? .nan, want.stdDdof1.value, rtol: 1e-9, "\(id) std")
    }

    @Test func skipsNaNAndNeedsTwoValuesForDeviation() throws {
        let got = try #require(WindowStatistics([.nan, 3, .nan]))
        #expect(got.count == 1)
        #expect(got.mean == 3)
        #expect(got.standardDeviation == nil)
        #expect(WindowStatistics([Double.nan]) == nil)
        #expect(WindowStatistics([Double]()) == nil)
    }

    @Test func constantSeriesHasZeroDeviation() throws {
        let got = try #require(WindowStatistics([Double](repeating: 42, count: 50)))
        #expect(got.standardDeviation == 0)
    }

    @Test func trailingWindowKeepsSamplesAfterCutoff() throws {
        let timestamps: [Int64] = [0, 5_000, 10_000, 15_000]
        let got = try #require(
            WindowStatistics.trailing(timestamps: timestamps, values: [1, 2, 3, 4], windowMilliseconds: 10_000))
        #expect(got.count == 2)
        #expect(got.min == 3)
        #expect(WindowStatistics.trailing(timestamps: [], values: [], windowMilliseconds: 1) == nil)
    }
}
