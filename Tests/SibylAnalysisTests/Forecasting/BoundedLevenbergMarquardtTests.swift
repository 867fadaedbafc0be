import Foundation
import SibylTestSupport
import Testing

@testable import SibylAnalysis

struct BoundedLevenbergMarquardtTests {
    /// Rosenbrock as least squares: r = (10·(x₁ − x₀²), 1 − x₀).
    struct Rosenbrock: LeastSquaresProblem {
        var parameterCount: Int { 2 }

        func residuals(_ x: [Double]) -> [Double] { [10 * (x[1] - x[0] * x[0]), 1 - x[0]] }

        func sumOfSquares(_ x: [Double], bound: Double) -> Double? {
            let sum = residuals(x).reduce(0) { $0 + $1 * $1 }
            return sum > bound ? nil : sum
        }

        func linearize(_ x: [Double], normal: inout [Double], gradient: inout [Double]) -> Double {
            let r = residuals(x)
            let jacobian = [[-20 * x[0], 10], [-1, 0]]
            for row in 0..<2 {
                gradient[row] = jacobian[0][row] * r[0] + jacobian[1][row] * r[1]
                for column in 0..<2 {
                    normal[row * 2 + column] =
                        jacobian[0][row] * jacobian[0][column] + jacobian[1][row] * jacobian[1][column]
                }
            }
            return r.reduce(0) { $0 + $1 * $1 }
        }
    }

    @Test("finds the unconstrained minimum of Rosenbrock")
    func unconstrained() {
        let optimizer = BoundedLevenbergMarquardt(lower: [-.infinity, -.infinity], upper: [.infinity, .infinity])
        let result = optimizer.minimize(Rosenbrock(), from: [-1.2, 1])
        expectClose(result.x[0], 1, rtol: 1e-8, "x0")
        expectClose(result.x[1], 1, rtol: 1e-8, "x1")
        #expect(result.value < 1e-20)
    }

    @Test("stops on an active bound with the constrained minimum")
    func bounded() {
        // With x0 ≤ 0.5 the minimum is at x0 = 0.5, x1 = 0.25 (r0 = 0 there, r1 = 0.5 cannot shrink further).
        let optimizer = BoundedLevenbergMarquardt(lower: [-.infinity, -.infinity], upper: [0.5, .infinity])
        let result = optimizer.minimize(Rosenbrock(), from: [-1.2, 1])
        #expect(result.x[0] == 0.5)
        expectClose(result.x[1], 0.25, rtol: 1e-8, "x1")
        expectClose(result.value, 0.25, rtol: 1e-10, "F")
    }

    @Test("the secant second-order term cuts the linearizations of a large-residual fit and ends no higher")
    func secantCorrection() throws {
        // Gauss-Newton converges linearly here (23 linearizations, each cutting the distance by about 0.4).
        let y = HoltWintersGridKernelTests.memoryGauge(count: 8640)
        let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: 5)
        let grid = HoltWinters.bruteForceStart(y, start: start)
        let mean = y.reduce(0, +) / Double(y.count)
        let deviation = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)).squareRoot()
        let problem = HoltWintersLeastSquares(y: y.map { ($0 - mean) / deviation }, period: 5)
        let model = HoltWinters(
            unchecked: HoltWinters.nudge(grid.alpha), HoltWinters.nudge(grid.beta), HoltWinters.nudge(grid.gamma),
            (start.level - mean) / deviation, start.trend / deviation, start.seasons.map { $0 / deviation })
        let open = [Double](repeating: .infinity, count: problem.parameterCount - 3)
        var optimizer = BoundedLevenbergMarquardt(lower: [0, 0, 0] + open.map { -$0 }, upper: [1, 1, 1] + open)
        let hybrid = optimizer.minimize(problem, from: HoltWintersLeastSquares.variables(model))
        optimizer.secantCorrection = false
        let plain = optimizer.minimize(problem, from: HoltWintersLeastSquares.variables(model))
        #expect(hybrid.iterations < plain.iterations, "\(hybrid.iterations) against \(plain.iterations)")
        #expect(hybrid.value <= plain.value * (1 + 1e-12), "\(hybrid.value) against \(plain.value)")
    }

    @Test("Holt-Winters Jacobian agrees with central differences")
    func jacobianMatchesFiniteDifferences() {
        let y: [Double] = (0..<40).map { index in
            let season = Double(index % 5) * 0.7
            let noise: Double = 0.3 * Double((index * 37) % 11 - 5) / 5
            return season + 0.05 * Double(index) + noise
        }
        let problem = HoltWintersLeastSquares(y: y, period: 5)
        let x = [0.3, 0.4, 0.2, 0.1, 0.05, -0.8, 0.1, 0.6, 0.2]
        var normal = [Double](repeating: 0, count: 81)
        var gradient = [Double](repeating: 0, count: 9)
        let sse = problem.linearize(x, normal: &normal, gradient: &gradient)
        expectClose(sse, problem.sumOfSquares(x, bound: .infinity) ?? .nan, rtol: 1e-14, "SSE")
        for index in 0..<9 {
            let step = 1e-6
            var plus = x
            var minus = x
            plus[index] += step
            minus[index] -= step
            let derivative =
                ((problem.sumOfSquares(plus, bound: .infinity) ?? .nan)
                    - (problem.sumOfSquares(minus, bound: .infinity) ?? .nan)) / (2 * step)
            // ∂F/∂x = 2·Jᵀr.
            expectClose(2 * gradient[index], derivative, rtol: 1e-6, atol: 1e-7, "∂F/∂x\(index)")
        }
    }

    @Test("gauge-fixed variables reproduce the model's errors")
    func variablesRoundTrip() throws {
        let model = try HoltWinters(
            smoothingLevel: 0.3, smoothingTrend: 0.1, smoothingSeasonal: 0.2, initialLevel: 5, initialTrend: 0.1,
            initialSeasons: [1, -2, 0.5, 0.25, 3])
        let y: [Double] = (0..<30).map { index in Double((index * 13) % 7) + 0.2 * Double(index) }
        let problem = HoltWintersLeastSquares(y: y, period: 5)
        let roundTrip = problem.model(HoltWintersLeastSquares.variables(model))
        expectClose(roundTrip.smoothingLevel, 0.3, rtol: 1e-15, "α")
        expectClose(roundTrip.smoothingTrend, 0.1, rtol: 1e-15, "β")
        expectClose(roundTrip.smoothingSeasonal, 0.2, rtol: 1e-15, "γ")
        expectClose(try roundTrip.sumOfSquaredErrors(y), try model.sumOfSquaredErrors(y), rtol: 1e-13, "SSE")
    }
}
