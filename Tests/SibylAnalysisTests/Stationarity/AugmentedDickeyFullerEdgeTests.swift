import SibylAnalysis
import SibylTestSupport
import Testing

/// Degenerate input never crashes: the test either throws `AnalysisError` or returns a result.
struct AugmentedDickeyFullerEdgeTests {
    static let lengths = Array(1...30) + [41, 61]

    @Test("short and degenerate series", arguments: lengths)
    func shortSeriesNeverCrash(length: Int) {
        var generator = SplitMix(seed: UInt64(length))
        let shapes: [[Double]] = [
            (0..<length).map { _ in generator.nextUnit() },
            (0..<length).map { Double($0) * 2 + 1 },
            (0..<length).map { Double($0 % 3) },
            (0..<length).map { 1e12 + Double($0 % 5) * 4096 },
            (0..<length).map { _ in 1e-6 * generator.nextUnit() },
            (0..<length).map { _ in 1e200 * generator.nextUnit() },
        ]
        for series in shapes {
            for regression in AugmentedDickeyFuller.Regression.allCases {
                for selection in LagSelection.allCases {
                    for maximumLag in [nil, 0, 1, 3] as [Int?] {
                        _ = try? AugmentedDickeyFuller(
                            series, regression: regression, lagSelection: selection, maximumLag: maximumLag)
                    }
                }
            }
        }
    }

    @Test func defaultMaximumLagFollowsStatsmodels() {
        let table: [(Int, [Int?])] = [
            (12, [4, 3, 5, 2]), (30, [9, 9, 9, 9]), (720, [20, 20, 20, 20]), (2160, [26, 26, 26, 26]),
            (8640, [37, 37, 37, 37]), (2, [nil, nil, 0, nil]),
        ]
        let order: [AugmentedDickeyFuller.Regression] = [
            .constant, .constantTrend, .noConstant, .constantQuadraticTrend,
        ]
        for (length, want) in table {
            for (regression, lag) in zip(order, want) {
                #expect(AugmentedDickeyFuller.defaultMaximumLag(forLength: length, regression: regression) == lag)
            }
        }
    }

    @Test func reportsTheFirstSystemsErrors() {
        #expect(throws: AnalysisError.constant("Invalid input, x is constant")) {
            try AugmentedDickeyFuller([3, 3, 3, 3, 3, 3])
        }
        #expect(throws: AnalysisError.self) { try AugmentedDickeyFuller([1, 2, .nan, 4, 5, 6, 7, 8]) }
        #expect(throws: AnalysisError.self) { try AugmentedDickeyFuller([1, 2, 3, 5, 4, 6], maximumLag: 9) }
        #expect(throws: AnalysisError.self) { try AugmentedDickeyFuller([1, 2, 3, 5, 4, 6], maximumLag: -1) }
    }

    @Test func tStatisticSelectionStopsAtTheFirstSignificantLag() throws {
        var generator = SplitMix(seed: 11)
        var series = [0.0]
        for t in 1..<400 { series.append(0.6 * series[t - 1] + generator.nextUnit() - 0.5) }
        let got = try AugmentedDickeyFuller(series, lagSelection: .tStatistic, maximumLag: 8)
        let criterion = try #require(got.bestInformationCriterion)
        #expect(got.usedLag == 0 || criterion >= 1.6448536269514722)
        #expect(got.candidates.count == 9)
    }
}
