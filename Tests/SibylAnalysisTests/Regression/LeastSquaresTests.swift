import SibylAnalysis
import SibylTestSupport
import Testing

struct LeastSquaresTests {
    @Test func fitsALineWithStatsmodelsStatistics() throws {
        // y = 1 + 2x + e; statsmodels OLS(y, [1, x]).fit() gives these numbers.
        let x = [0.0, 1, 2, 3, 4, 5]
        let y = [1.1, 2.9, 5.2, 6.8, 9.1, 11.0]
        let fit = try LeastSquares(columns: [[Double](repeating: 1, count: 6), x], response: y)
        expectClose(fit.parameters[0], 1.038095238095238, rtol: 1e-12, "const")
        expectClose(fit.parameters[1], 1.9914285714285715, rtol: 1e-12, "slope")
        expectClose(fit.sumOfSquaredResiduals, 0.10704761904761935, rtol: 1e-12, "ssr")
        expectClose(fit.standardErrors[1], 0.039105647938376856, rtol: 1e-12, "se slope")
        expectClose(fit.logLikelihood, 3.5650917255320556, rtol: 1e-12, "llf")
        #expect(fit.rank == 2)
    }

    @Test func duplicateColumnsGetTheMinimumNormSolution() throws {
        let x = [1.0, 2, 3, 4, 5]
        let y = [2.0, 4.1, 5.9, 8.2, 9.9]
        let fit = try LeastSquares(columns: [x, x], response: y)
        #expect(fit.rank == 1)
        #expect(fit.isRankDeficient)
        expectClose(fit.parameters[0], fit.parameters[1], rtol: 1e-14, "split evenly")
        let single = try LeastSquares(columns: [x], response: y)
        expectClose(fit.parameters[0] * 2, single.parameters[0], rtol: 1e-14, "same fit")
        expectClose(fit.sumOfSquaredResiduals, single.sumOfSquaredResiduals, rtol: 1e-12, "same ssr")
    }

    @Test func rejectsUndefinedInput() {
        #expect(throws: AnalysisError.self) { try LeastSquares(columns: [], response: [1]) }
        #expect(throws: AnalysisError.self) { try LeastSquares(columns: [[1, 2]], response: [1]) }
        #expect(throws: AnalysisError.self) { try LeastSquares(columns: [[1, .nan]], response: [1, 2]) }
    }
}
