import Testing

@testable import SibylAnalysis

struct ForecastSummaryHorizonTests {
    @Test("a shorter horizon summarises the path's first steps; the whole path gives the fit's own summary")
    func prefix() throws {
        let fit = try HoltWinters.fit([1, 3, 2, 5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14], seasonalPeriods: 3)
        let path = try fit.forecast(steps: 8)
        let whole = try fit.summary(steps: 8)
        #expect(whole.horizon(path, steps: 8) == whole)
        let short = whole.horizon(path, steps: 2)
        #expect(short.steps == 2)
        #expect(short.maximum == max(path.values[0], path.values[1]))
        #expect(short.minimum == min(path.values[0], path.values[1]))
        #expect(short.mean == (path.values[0] + path.values[1]) / 2)
        #expect(short.lowerMinimum == min(path.lower[0], path.lower[1]))
        #expect(short.upperMaximum == max(path.upper[0], path.upper[1]))
        #expect(short.rootMeanSquaredError == whole.rootMeanSquaredError)
    }
}
