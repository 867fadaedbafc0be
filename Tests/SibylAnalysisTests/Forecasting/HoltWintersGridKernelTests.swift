import Foundation
import SibylTestSupport
import Testing

@testable import SibylAnalysis

struct HoltWintersGridKernelTests {
    /// Seeded series of the oracle's shapes and magnitudes (noise, trend, random walk, season, steps, counter,
    /// quantised gauge; 1e-6 to 1e12), short enough for debug builds.
    static func syntheticSeries() -> [(name: String, y: [Double])] {
        var random = SeededRandom(seed: 0x5EED_4057)
        func normal() -> Double {
            let u = Swift.max(Double.random(in: 0..<1, using: &random), 0x1.0p-53)
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * Double.random(in: 0..<1, using: &random))
        }
        var series: [(name: String, y: [Double])] = []
        for (index, count) in [30, 97, 240, 720].enumerated() {
            let scale = [1e-6, 1.0, 1e9, 1e12][index]
            var walk = 0.0
            var counter = 1.23e9
            var level = 10.0
            series.append(("noise \(count)", (0..<count).map { _ in scale * (10 + normal()) }))
            series.append(("trend \(count)", (0..<count).map { scale * (0.05 * Double($0) + normal()) }))
            series.append(
                (
                    "random walk \(count)",
                    (0..<count).map { _ in
                        walk += normal()
                        return scale * walk
                    }
                ))
            series.append(
                (
                    "season 12 \(count)",
                    (0..<count).map { scale * (3 * sin(2 * Double.pi * Double($0) / 12) + normal()) }
                ))
            series.append(
                (
                    "steps \(count)",
                    (0..<count).map { _ in
                        if Double.random(in: 0..<1, using: &random) < 0.02 { level += 20 * normal() }
                        return scale * (level + normal())
                    }
                ))
            series.append(
                (
                    "counter \(count)",
                    (0..<count).map { _ in
                        counter += (1000 + 100 * normal()).rounded()
                        return counter
                    }
                ))
            series.append(
                ("quantised \(count)", (0..<count).map { (40 + 15 * sin(Double($0)) + 3 * normal()).rounded() / 10 }))
        }
        return series
    }

    /// `sibyl bench --analysis`'s memory-like gauge (same generator and seed): a random walk of 4 KiB pages
    /// (≈ 2.1 GB) with a daily sine, in 5 s steps.
    static func memoryGauge(count: Int) -> [Double] {
        var random = SeededRandom(seed: 0x5EED)
        func uniform() -> Double { Double(random.next() >> 11) * 0x1.0p-53 }
        var pages = 512_000.0
        return (0..<count).map { index in
            let u = Swift.max(uniform(), 0x1.0p-53)
            pages += ((-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform()) * 30).rounded()
            return 4096 * (pages + (25_000 * sin(2 * Double.pi * Double(index) / 17_280)).rounded())
        }
    }

    /// The public oracle series of at most 2,160 values, and the synthetic ones.
    static func allSeries() throws -> [(name: String, y: [Double])] {
        var series = syntheticSeries()
        for id in ForecastOracleCase.publicIDs {
            let y = try ForecastOracleCase.load(id).analysisValues
            if y.count <= 2160 { series.append((id, y)) }
        }
        return series
    }

    @Test("the C screening kernel and the Swift screen pick the same grid winner")
    func vectorizedScreenPicksSameWinner() throws {
        for (name, y) in try Self.allSeries() {
            let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: 5)
            let vectorized = HoltWinters.gridWinner(y, start: start, grid: .statsmodels(period: 5), vectorized: true)
            let portable = HoltWinters.gridWinner(y, start: start, grid: .statsmodels(period: 5), vectorized: false)
            #expect(vectorized == portable, "\(name)")
        }
    }

    @Test("the single-precision screen picks the same winner at 12 h of a 2 GB gauge and of its 1e-6 copy")
    func vectorizedScreenAtTwelveHours() throws {
        let gauge = Self.memoryGauge(count: 8640)
        for y in [gauge, gauge.map { $0 * 1e-15 }] {
            let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: 5)
            let vectorized = HoltWinters.gridWinner(y, start: start, grid: .statsmodels(period: 5), vectorized: true)
            let portable = HoltWinters.gridWinner(y, start: start, grid: .statsmodels(period: 5), vectorized: false)
            #expect(vectorized == portable)
        }
    }

    @Test("the single-precision screen steps aside for steps it cannot hold")
    func floatScreenGuards() throws {
        let y = (0..<40).map { Double($0 % 5) + (($0 == 20) ? 1e30 : 0) }
        let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: 5)
        let weights = HoltWintersStartGrid.coarse(period: 5).tailWeights
        let normal = (0..<40).map { Double($0 % 5) * 3 }
        let normalStart = try HoltWintersInitialization.estimate(normal, seasonalPeriods: 5)
        y.withUnsafeBufferPointer { series in
            #expect(HoltWintersFloatScreen(y: series, start: start, weights: weights) == nil)
        }
        normal.withUnsafeBufferPointer { series in
            let screen = HoltWintersFloatScreen(y: series, start: normalStart, weights: weights)
            #expect(screen?.scale == 16)
            screen?.release()
        }
    }

    @Test("the C Jacobian pass equals the Swift recursion bit for bit")
    func vectorizedNormalEquationsAreIdentical() throws {
        for (name, y) in try Self.allSeries() {
            let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: 5)
            for (alpha, beta, gamma) in [(0.3, 0.1, 0.2), (0.995, 0.0355, 0.005), (1.49e-8, 1e-4, 0.5)] {
                let model = HoltWinters(
                    unchecked: alpha, beta, gamma, start.level, start.trend, start.seasons)
                var normal = [Double](repeating: .nan, count: 100)
                var gradient = [Double](repeating: .nan, count: 10)
                var portableNormal = normal
                var portableGradient = gradient
                let sse = HoltWintersLeastSquares.naturalNormalEquations(
                    y, model: model, normal: &normal, gradient: &gradient, vectorized: true)
                let portableSSE = HoltWintersLeastSquares.naturalNormalEquations(
                    y, model: model, normal: &portableNormal, gradient: &portableGradient, vectorized: false)
                #expect(sse.bitPattern == portableSSE.bitPattern, "\(name) SSE")
                #expect(normal.map(\.bitPattern) == portableNormal.map(\.bitPattern), "\(name) JᵀJ")
                #expect(gradient.map(\.bitPattern) == portableGradient.map(\.bitPattern), "\(name) Jᵀe")
            }
        }
    }
}
