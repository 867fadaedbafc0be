/// The Holt-Winters SSE as a least-squares problem over statsmodels' optimisation variables, with the exact
/// Jacobian of the one-step errors by forward-mode differentiation of the recursion (§5.1).
///
/// Variables `x = (a′, b′, g′, l0, b0, s0 … s_{m−2})`: the smoothing parameters in statsmodels' unrestricted
/// box `[0, 1]³` (`to_restricted`, algorithms.md §5.3: `α = √ε + a′·((1 − √ε) − √ε)`, `β = b′·min(α, 1)`,
/// `γ = g′·min(1 − α, 1)`), then the start states. The last season is `s_{m−1} = −Σ_{i<m−1} s_i`: adding `c` to
/// every season and `−c` to `l0` leaves every error unchanged, so fixing that direction removes the one
/// exact null direction of `JᵀJ` without changing the set of reachable fits.
struct HoltWintersLeastSquares: LeastSquaresProblem {
    /// The (standardised) observations.
    let y: [Double]
    /// The seasonal period m.
    let period: Int

    var parameterCount: Int { period + 4 }

    /// √ε, statsmodels' lower limit of α.
    static let alphaFloor = Double.ulpOfOne.squareRoot()

    /// `to_restricted`: α, β, γ from a′, b′, g′.
    static func restricted(_ a: Double, _ b: Double, _ g: Double) -> (alpha: Double, beta: Double, gamma: Double) {
        let alpha = alphaFloor + a * ((1 - alphaFloor) - alphaFloor)
        return (alpha, b * min(alpha, 1), g * min(1 - alpha, 1))
    }

    /// `to_unrestricted`: a′, b′, g′ from α, β, γ.
    static func unrestricted(_ alpha: Double, _ beta: Double, _ gamma: Double) -> (a: Double, b: Double, g: Double) {
        ((alpha - alphaFloor) / ((1 - alphaFloor) - alphaFloor), beta / min(alpha, 1), gamma / min(1 - alpha, 1))
    }

    /// The model parameters `(α, β, γ, l0, b0, s0 … s_{m−1})` of a variable vector.
    func model(_ x: [Double]) -> HoltWinters {
        let (alpha, beta, gamma) = Self.restricted(x[0], x[1], x[2])
        var seasons = Array(x[5...])
        seasons.append(-seasons.reduce(0, +))
        return HoltWinters(unchecked: alpha, beta, gamma, x[3], x[4], seasons)
    }

    /// The variable vector of a model, moving the seasons' mean into the level (same errors).
    static func variables(_ model: HoltWinters) -> [Double] {
        let (a, b, g) = unrestricted(model.smoothingLevel, model.smoothingTrend, model.smoothingSeasonal)
        let seasons = model.initialSeasons
        let mean = seasons.reduce(0, +) / Double(seasons.count)
        return [a, b, g, model.initialLevel + mean, model.initialTrend] + seasons.dropLast().map { $0 - mean }
    }

    func sumOfSquares(_ x: [Double], bound: Double) -> Double? {
        Self.sumOfSquares(y, model: model(x), bound: bound)
    }

    func linearize(_ x: [Double], normal: inout [Double], gradient: inout [Double]) -> Double {
        let model = model(x)
        let natural = period + 5
        var naturalNormal = [Double](repeating: 0, count: natural * natural)
        var naturalGradient = [Double](repeating: 0, count: natural)
        let sse = Self.naturalNormalEquations(y, model: model, normal: &naturalNormal, gradient: &naturalGradient)
        // Chain rule J_x = J_θ·T, θ = (α, β, γ, l0, b0, s0 … s_{m−1}).
        let alphaSlope = (1 - Self.alphaFloor) - Self.alphaFloor
        let alpha = model.smoothingLevel
        var transform = [Double](repeating: 0, count: natural * parameterCount)
        transform[0 * parameterCount + 0] = alphaSlope
        transform[1 * parameterCount + 0] = x[1] * alphaSlope
        transform[1 * parameterCount + 1] = min(alpha, 1)
        transform[2 * parameterCount + 0] = -x[2] * alphaSlope
        transform[2 * parameterCount + 2] = min(1 - alpha, 1)
        transform[3 * parameterCount + 3] = 1
        transform[4 * parameterCount + 4] = 1
        for season in 0..<(period - 1) {
            transform[(5 + season) * parameterCount + 5 + season] = 1
            transform[(natural - 1) * parameterCount + 5 + season] = -1
        }
        let count = parameterCount
        var product = [Double](repeating: 0, count: natural * count)  // H_θ·T
        for row in 0..<natural {
            for column in 0..<count {
                var sum = 0.0
                for k in 0..<natural where transform[k * count + column] != 0 {
                    sum += naturalNormal[row * natural + k] * transform[k * count + column]
                }
                product[row * count + column] = sum
            }
        }
        for row in 0..<count {
            var gradientSum = 0.0
            for k in 0..<natural where transform[k * count + row] != 0 {
                gradientSum += transform[k * count + row] * naturalGradient[k]
            }
            gradient[row] = gradientSum
            for column in 0..<count {
                var sum = 0.0
                for k in 0..<natural where transform[k * count + row] != 0 {
                    sum += transform[k * count + row] * product[k * count + column]
                }
                normal[row * count + column] = sum
            }
        }
        return sse
    }
}
