import Testing

@testable import SibylAnalysis

struct ExponentialSmoothingStartGridTests {
    /// A wiggly series with trend, n = 300.
    private static let series = (0..<300).map { index in
        let t = Double(index)
        return 20 + 0.03 * t + Double([0, 3, -1, 2, -4][index % 5]) + 5
            * ((t * 0.7548776662).truncatingRemainder(dividingBy: 1))
    }

    @Test(
        "the SIMD8 sweep picks the scalar sweep's winner with the same SSE, bit for bit",
        arguments: [
            ExponentialSmoothing.Form.simple, .dampedTrend, .dampedHoltWinters(season: 5), .holtWinters(season: 60),
        ])
    func matchesScalarSweep(form: ExponentialSmoothing.Form) throws {
        let y = Self.series
        let template = try ExponentialSmoothing.initialModel(y, form: form)
        let points = ExponentialSmoothing.startGrid(form)
        var want = template
        var wantSSE = Double.infinity
        for point in points {
            var candidate = template
            candidate.smoothingLevel = point.alpha
            if candidate.smoothingTrend != nil { candidate.smoothingTrend = point.beta }
            if candidate.smoothingSeasonal != nil { candidate.smoothingSeasonal = point.gamma }
            if let sse = candidate.sumOfSquaredErrors(y), sse < wantSSE {
                want = candidate
                wantSSE = sse
            }
        }
        let got = ExponentialSmoothingStartGrid.winner(y, template: template, points: points)
        #expect(got == want)
        #expect(got.run(y).sumOfSquaredErrors.bitPattern == wantSSE.bitPattern)
    }
}
