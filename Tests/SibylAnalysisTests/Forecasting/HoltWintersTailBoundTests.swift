import Foundation
import SibylTestSupport
import Testing

@testable import SibylAnalysis

struct HoltWintersTailBoundTests {
    /// The one-step errors of §5.1 at `(α, β, γ)` from arbitrary start states.
    static func errors(
        _ y: [Double], alpha: Double, beta: Double, gamma: Double, level: Double, trend: Double, seasons: [Double]
    ) -> [Double] {
        var level = level
        var trend = trend
        var seasons = seasons
        return y.indices.map { index in
            let slot = index % seasons.count
            let error = y[index] - (level + trend + seasons[slot])
            let newLevel = level + trend + alpha * error
            trend += alpha * beta * error
            seasons[slot] += gamma * error
            level = newLevel
            return error
        }
    }

    @Test("the tail bound never exceeds the SSE still to come, from any start states and at any step")
    func isALowerBound() throws {
        var random = SeededRandom(seed: 0x7A11_B0D)
        for (name, y) in HoltWintersGridKernelTests.syntheticSeries() where y.count >= 97 {
            for period in [2, 5, 12] where y.count > 2 * period + 2 {
                let tail = y.withUnsafeBufferPointer { HoltWintersTailBound(y: $0, period: period) }
                let cosines = HoltWintersTailBound.cosines(period: period)
                let scale = y.map(abs).max() ?? 1
                for _ in 0..<20 {
                    let alpha = Double.random(in: 0.005...0.995, using: &random)
                    let beta = Double.random(in: 0...1, using: &random) * alpha
                    let gamma = Double.random(in: 0...1, using: &random) * (1 - alpha)
                    let seasons = (0..<period).map { _ in scale * Double.random(in: -1...1, using: &random) }
                    let errors = Self.errors(
                        y, alpha: alpha, beta: beta, gamma: gamma,
                        level: scale * Double.random(in: -1...1, using: &random),
                        trend: scale * Double.random(in: -0.01...0.01, using: &random), seasons: seasons)
                    let weights = HoltWintersTailBound.weights(
                        alpha: alpha, beta: beta, gamma: gamma, period: period, cosines: cosines)
                    #expect(weights.plain > 0 && weights.smooth > 0, "\(name) m=\(period)")
                    var remaining = 0.0
                    for t in stride(from: y.count, through: 0, by: -1) {
                        if t < y.count { remaining += errors[t] * errors[t] }
                        let tails = tail.tails(after: t)
                        for bound in [tails.plain * weights.plain, tails.smooth * weights.smooth] {
                            #expect(
                                bound <= remaining * (1 + 1e-9) + 1e-300,
                                "\(name) m=\(period) t=\(t): \(bound) > \(remaining)")
                        }
                    }
                }
            }
        }
    }

    @Test("θ turns the one-step errors into the seasonal-and-ordinary differences of y")
    func arimaIdentity() throws {
        var random = SeededRandom(seed: 0x7A11_B0F)
        for (name, y) in HoltWintersGridKernelTests.syntheticSeries() where y.count >= 97 {
            let scale = y.map(abs).max() ?? 1
            for period in [2, 5, 12] {
                let alpha = Double.random(in: 0.005...0.995, using: &random)
                let beta = Double.random(in: 0...1, using: &random) * alpha
                let gamma = Double.random(in: 0...1, using: &random) * (1 - alpha)
                let errors = Self.errors(
                    y, alpha: alpha, beta: beta, gamma: gamma, level: scale * Double.random(in: -1...1, using: &random),
                    trend: 0, seasons: (0..<period).map { _ in scale * Double.random(in: -1...1, using: &random) })
                let theta = HoltWintersTailBound.theta(alpha: alpha, beta: beta, gamma: gamma, period: period)
                for k in (period + 1)..<y.count {
                    let w = y[k] - y[k - 1] - y[k - period] + y[k - period - 1]
                    let filtered = theta.indices.reduce(0.0) { $0 + theta[$1] * errors[k - $1] }
                    expectClose(filtered, w, rtol: 0, atol: 1e-9 * scale, "\(name) m=\(period) k=\(k)")
                }
            }
        }
    }

    @Test("the weights are at most 1/max|θ|² and 1/max|(1 + z)²θ|² on a 20 times finer frequency grid")
    func weightIsConservative() {
        var random = SeededRandom(seed: 0x7A11_B0E)
        for period in [2, 5, 7, 24, 60] {
            let cosines = HoltWintersTailBound.cosines(period: period)
            for _ in 0..<50 {
                let alpha = Double.random(in: 0.005...0.995, using: &random)
                let beta = Double.random(in: 0...1, using: &random) * alpha
                let gamma = Double.random(in: 0...1, using: &random) * (1 - alpha)
                let theta = HoltWintersTailBound.theta(alpha: alpha, beta: beta, gamma: gamma, period: period)
                var largest = 0.0
                var largestSmooth = 0.0
                for sample in 0...5_120 {
                    let omega = Double(sample) * Double.pi / 5_120
                    var real = 0.0
                    var imaginary = 0.0
                    for (power, coefficient) in theta.enumerated() {
                        real += coefficient * cos(Double(power) * omega)
                        imaginary -= coefficient * sin(Double(power) * omega)
                    }
                    let square = real * real + imaginary * imaginary
                    // |1 + e^{iω}|⁴ = (2 + 2·cos ω)².
                    let smoothing = (2 + 2 * cos(omega)) * (2 + 2 * cos(omega))
                    largest = max(largest, square)
                    largestSmooth = max(largestSmooth, square * smoothing)
                }
                let weights = HoltWintersTailBound.weights(
                    alpha: alpha, beta: beta, gamma: gamma, period: period, cosines: cosines)
                #expect(
                    weights.plain > 0 && weights.plain <= 1 / largest, "m=\(period) α=\(alpha) β=\(beta) γ=\(gamma)")
                #expect(
                    weights.smooth > 0 && weights.smooth <= 1 / largestSmooth,
                    "m=\(period) α=\(alpha) β=\(beta) γ=\(gamma)")
            }
        }
    }

    @Test("the tail bound is off for periods whose polynomial 256 samples cannot bound")
    func offForLongPeriods() {
        let cosines = HoltWintersTailBound.cosines(period: 90)
        let weights = HoltWintersTailBound.weights(alpha: 0.5, beta: 0.1, gamma: 0.1, period: 90, cosines: cosines)
        #expect(weights.plain == 0 && weights.smooth == 0)
    }

    @Test("the cosine table is the C library's cos bit for bit (m = 80 holds every entry the weights use)")
    func cosinesAreLibm() {
        let samples = HoltWintersTailBound.samples
        for period in [1, 12, 80] {
            let table = HoltWintersTailBound.cosines(period: period)
            let stride = period + 4
            var differing = 0
            for sample in 0..<samples {
                let omega = Double(sample) * Double.pi / Double(samples - 1)
                for lag in 0..<stride {
                    if table[sample * stride + lag].bitPattern != cos(Double(lag) * omega).bitPattern { differing += 1 }
                }
            }
            #expect(differing == 0, "m=\(period)")
        }
    }
}
