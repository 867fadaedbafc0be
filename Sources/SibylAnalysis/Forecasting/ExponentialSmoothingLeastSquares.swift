/// The SSE of an ``ExponentialSmoothing`` model as a least-squares problem over statsmodels' optimisation
/// variables, with a forward-difference Jacobian of the one-step errors.
///
/// Variables, in this order, those the form has: `a′` (α), `b′` (β), `g′` (γ) in statsmodels' unrestricted box
/// `[0, 1]` (`to_restricted`, algorithms.md §5.3: `α = √ε + a′·((1 − √ε) − √ε)`, `β = b′·min(α, 1)`,
/// `γ = g′·min(1 − α, 1)`), `φ ∈ [0.8, 0.995]` (statsmodels' bounds, not transformed), `l0`, `b0`, and, when the
/// seasons are estimated, `s0 … s_{m−2}` with `s_{m−1} = −Σ s_i` (adding `c` to every season and `−c` to `l0`
/// changes no error, so fixing that direction removes an exact null direction of `JᵀJ`). Fixed seasons stay as
/// the template has them.
struct ExponentialSmoothingLeastSquares: LeastSquaresProblem {
    /// The (standardised) observations.
    let y: [Double]
    /// The model's shape and the parameters that are not optimised (the seasons when fixed).
    let template: ExponentialSmoothing
    /// Whether the initial seasons are variables.
    let estimatesSeasons: Bool

    /// statsmodels' bounds of φ.
    static let dampingBounds = 0.8...0.995

    private var hasTrend: Bool { template.smoothingTrend != nil }
    private var isDamped: Bool { template.dampingTrend != nil }
    private var hasSeason: Bool { template.smoothingSeasonal != nil }

    /// Indices of the variables: `[a′, b′?, g′?, φ?, l0, b0?, s…?]`.
    private var layout: (trend: Int, seasonal: Int, damping: Int, level: Int, slope: Int, seasons: Int) {
        var next = 1
        func take(_ present: Bool) -> Int {
            guard present else { return -1 }
            defer { next += 1 }
            return next
        }
        let trend = take(hasTrend)
        let seasonal = take(hasSeason)
        let damping = take(isDamped)
        let level = take(true)
        let slope = take(hasTrend)
        return (trend, seasonal, damping, level, slope, next)
    }

    var parameterCount: Int {
        layout.seasons + (hasSeason && estimatesSeasons ? template.seasonalPeriods - 1 : 0)
    }

    /// Lower and upper bounds of the variables.
    var bounds: (lower: [Double], upper: [Double]) {
        let slots = layout
        var lower = [Double](repeating: -.infinity, count: parameterCount)
        var upper = [Double](repeating: .infinity, count: parameterCount)
        for index in [0, slots.trend, slots.seasonal] where index >= 0 {
            lower[index] = 0
            upper[index] = 1
        }
        if slots.damping >= 0 {
            lower[slots.damping] = Self.dampingBounds.lowerBound
            upper[slots.damping] = Self.dampingBounds.upperBound
        }
        return (lower, upper)
    }

    /// The model of a variable vector.
    func model(_ x: [Double]) -> ExponentialSmoothing {
        let slots = layout
        let (alpha, beta, gamma) = HoltWintersLeastSquares.restricted(
            x[0], slots.trend >= 0 ? x[slots.trend] : 0, slots.seasonal >= 0 ? x[slots.seasonal] : 0)
        var seasons = template.initialSeasons
        if hasSeason && estimatesSeasons {
            seasons = Array(x[slots.seasons...])
            seasons.append(-seasons.reduce(0, +))
        }
        return ExponentialSmoothing(
            smoothingLevel: alpha, smoothingTrend: hasTrend ? beta : nil,
            dampingTrend: isDamped ? x[slots.damping] : nil, smoothingSeasonal: hasSeason ? gamma : nil,
            initialLevel: x[slots.level], initialTrend: slots.slope >= 0 ? x[slots.slope] : 0,
            initialSeasons: seasons)
    }

    /// The variable vector of a model (estimated seasons: their mean moved into the level, same errors).
    func variables(_ model: ExponentialSmoothing) -> [Double] {
        let (a, b, g) = HoltWintersLeastSquares.unrestricted(
            model.smoothingLevel, model.smoothingTrend ?? 0, model.smoothingSeasonal ?? 0)
        var x = [a]
        if hasTrend { x.append(b) }
        if hasSeason { x.append(g) }
        if isDamped { x.append(model.dampingTrend ?? 0.99) }
        let seasons = model.initialSeasons
        let mean = hasSeason && estimatesSeasons ? seasons.reduce(0, +) / Double(seasons.count) : 0
        x.append(model.initialLevel + mean)
        if hasTrend { x.append(model.initialTrend) }
        if hasSeason && estimatesSeasons { x += seasons.dropLast().map { $0 - mean } }
        return x
    }

    func sumOfSquares(_ x: [Double], bound: Double) -> Double? {
        model(x).sumOfSquaredErrors(y, bound: bound)
    }

    /// `JᵀJ` and `Jᵀe` with `J` by forward differences: column k is `(e(x + h_k·u_k) − e(x))/h_k`,
    /// `h_k = √ε·max(1, |x_k|)`, stepping backwards where the forward step would leave the box.
    func linearize(_ x: [Double], normal: inout [Double], gradient: inout [Double]) -> Double {
        let count = y.count
        let parameters = parameterCount
        let (_, upper) = bounds
        let jacobian = UnsafeMutablePointer<Double>.allocate(capacity: count * (parameters + 1))
        defer { jacobian.deallocate() }
        let errors = jacobian + count * parameters
        let sse = model(x).errors(y, into: errors)
        for column in 0..<parameters {
            var shifted = x
            var step = HoltWintersLeastSquares.alphaFloor * max(1, abs(x[column]))
            if x[column] + step > upper[column] { step = -step }
            shifted[column] += step
            step = shifted[column] - x[column]
            let target = jacobian + count * column
            _ = model(shifted).errors(y, into: target)
            for index in 0..<count { target[index] = (target[index] - errors[index]) / step }
        }
        for row in 0..<parameters {
            let left = jacobian + count * row
            var sum = 0.0
            for index in 0..<count { sum += left[index] * errors[index] }
            gradient[row] = sum
            for column in row..<parameters {
                let right = jacobian + count * column
                var product = 0.0
                for index in 0..<count { product += left[index] * right[index] }
                normal[row * parameters + column] = product
                normal[column * parameters + row] = product
            }
        }
        return sse
    }
}
