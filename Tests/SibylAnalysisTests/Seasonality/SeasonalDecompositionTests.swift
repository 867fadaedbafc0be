import SibylAnalysis
import SibylTestSupport
import Testing

struct SeasonalDecompositionTests {
    static let calls: [String] = OracleCase.publicIDs.flatMap { id in ["\(id)/period5", "\(id)/period12"] }

    @Test("matches statsmodels seasonal_decompose", arguments: calls)
    func matchesOracle(call: String) throws {
        let parts = call.split(separator: "/").map(String.init)
        let oracle = try OracleCase.load(parts[0])
        let outcome = try #require(oracle.seasonalDecompose?[parts[1]])
        let series = oracle.analysisValues
        let period = parts[1] == "period5" ? 5 : 12
        guard case .value(let want) = outcome else {
            #expect(throws: AnalysisError.self) { try SeasonalDecomposition(series, period: period) }
            return
        }
        let got = try SeasonalDecomposition(series, period: period)
        let scale = series.map(abs).max() ?? 0
        let spread = WindowStatistics(series)?.standardDeviation ?? 0
        expectClose(got.trend, want.trend.doubles, rtol: 1e-9, atol: 1e-14 * scale, "\(call) trend")
        let atol = 1e-10 * spread + 1e-14 * scale
        expectClose(got.seasonalCycle, want.seasonalCycle.doubles, rtol: 1e-9, atol: atol, "\(call) seasonal")
        expectClose(got.resid, want.resid.doubles, rtol: 1e-9, atol: atol, "\(call) resid")
        #expect(got.seasonal.count == series.count)
    }

    @Test func evenPeriodUsesTwoByPMovingAverage() throws {
        let got = try SeasonalDecomposition([1, 2, 3, 4, 5, 6, 7, 8], period: 4)
        // (0.5·1 + 2 + 3 + 4 + 0.5·5)/4 = 3
        #expect(got.trend[2] == 3)
        #expect(got.trend[1].isNaN && got.trend[6].isNaN)
    }

    @Test func strengthIsOneForAPureSeasonAndUndefinedForAConstant() throws {
        let season = [1.0, -2, 0.5, 3, -2.5]
        let series = (0..<50).map { season[$0 % 5] }
        let got = try SeasonalDecomposition(series, period: 5)
        expectClose(got.strength ?? .nan, 1, rtol: 1e-12, "strength")
        #expect(try SeasonalDecomposition([Double](repeating: 4, count: 20), period: 5).strength == nil)
    }

    @Test func rejectsUndefinedInput() {
        #expect(throws: AnalysisError.self) { try SeasonalDecomposition([1, 2, 3], period: 2) }
        #expect(throws: AnalysisError.self) { try SeasonalDecomposition([1, 2, .nan, 4, 5], period: 2) }
        #expect(throws: AnalysisError.self) { try SeasonalDecomposition([1, 2, 3, 4], period: 0) }
    }
}
