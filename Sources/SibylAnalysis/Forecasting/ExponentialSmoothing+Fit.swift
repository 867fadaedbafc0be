extension ExponentialSmoothing {
    /// Which member of the family to fit.
    public enum Form: Sendable, Hashable {
        /// Level only: statsmodels `ExponentialSmoothing(trend=None, seasonal=None)`.
        case simple
        /// Level and damped additive trend: `trend="add", damped_trend=True`.
        case dampedTrend
        /// Additive trend and season of period m: `trend="add", seasonal="add"` (the large-season route of
        /// ``ForecastModel/holtWinters``; ``HoltWinters/fit(_:seasonalPeriods:startSearch:)`` for small m).
        case holtWinters(season: Int)
        /// Damped additive trend and additive season of period m: `trend="add", damped_trend=True, seasonal="add"`.
        case dampedHoltWinters(season: Int)

        /// The season m, 0 without one.
        var season: Int {
            switch self {
            case .simple, .dampedTrend: 0
            case .holtWinters(let season), .dampedHoltWinters(let season): season
            }
        }
    }

    /// Above this season the initial seasons are not optimised but fixed at statsmodels' heuristic values
    /// (`initialization_method="heuristic"`): the fit then has six variables instead of m + 6. Measured in a
    /// release build at n = 8640 (algorithms.md §5.7): seasons estimated, 96 ms at m = 5, 128 ms at m = 24 and
    /// 226 ms at m = 48 (``HoltWinters/fit(_:seasonalPeriods:startSearch:)``: 6, 121 and 390 ms); seasons fixed,
    /// 7–20 ms for m = 60…2000 (damped, up to 70 ms). Twelve keeps the estimated fit for the short seasons it is
    /// cheap at (a minute of 5 s steps) and every oracle case of statsmodels' estimated fit (m = 5).
    public static let largestEstimatedSeason = 12

    /// Fits the model to `y` as statsmodels 0.15 `ExponentialSmoothing(y, …).fit()` defines the problem
    /// (algorithms.md §5.7): `initialization_method="estimated"` (every initial state optimised; for a season
    /// above ``largestEstimatedSeason``, `"heuristic"`: the seasons fixed at statsmodels' heuristic values, level
    /// and slope still optimised), its bounds (`φ ∈ [0.8, 0.995]`, the α/β/γ transform of §5.3), its brute-force
    /// start grid with `φ = 0.99` and the 1e-4 nudge (a 128-point subgrid for a large season), then
    /// ``BoundedLevenbergMarquardt`` with a forward-difference Jacobian on the standardised series `(y − mean)/std`.
    /// The SSE is never above the start's; series shorter than 100 values also start from the low-smoothing corner.
    /// - Parameters:
    ///   - y: the observations, equally spaced and finite.
    ///   - form: the model.
    ///   - startSearch: statsmodels' start grid (default), or for a season the 128-point subgrid
    ///     (``HoltWintersStartSearch/coarseGrid``), which the model choice's validation uses.
    /// - Returns: the fit.
    /// - Throws: `AnalysisError.tooShort` for fewer than 2 values (3 with a trend, 2m with a season),
    ///   `.nonFinite` for NaN or ±∞ in `y` or an SSE that overflows, `.invalidArgument` for a season below 2.
    public static func fit(
        _ y: [Double], form: Form, startSearch: HoltWintersStartSearch = .statsmodelsGrid
    ) throws -> ExponentialSmoothingFit {
        guard y.allSatisfy(\.isFinite) else { throw AnalysisError.nonFinite("series holds NaN or infinite values") }
        let template = try initialModel(y, form: form)
        let estimatesSeasons = form.season <= largestEstimatedSeason
        var start = ExponentialSmoothingStartGrid.winner(
            y, template: template, points: startGrid(form, coarse: startSearch == .coarseGrid))
        start.smoothingLevel = HoltWinters.nudge(start.smoothingLevel)
        start.smoothingTrend = start.smoothingTrend.map(HoltWinters.nudge)
        start.smoothingSeasonal = start.smoothingSeasonal.map(HoltWinters.nudge)
        var starts = [start]
        if y.count < 100 {
            var smooth = start
            smooth.smoothingLevel = 0.005
            smooth.smoothingTrend = smooth.smoothingTrend.map { _ in 1e-4 }
            smooth.smoothingSeasonal = smooth.smoothingSeasonal.map { _ in 1e-4 }
            starts.append(smooth)
        }
        var best = start
        var bestSSE = start.run(y).sumOfSquaredErrors
        for candidate in optimized(y, from: starts, estimatesSeasons: estimatesSeasons) {
            let sse = candidate.run(y).sumOfSquaredErrors
            if sse < bestSSE {
                best = candidate
                bestSSE = sse
            }
        }
        let state = best.run(y)
        guard state.sumOfSquaredErrors.isFinite else {
            throw AnalysisError.nonFinite("exponential smoothing SSE is not finite (values too large to square)")
        }
        return ExponentialSmoothingFit(model: best, state: state)
    }

    /// statsmodels' start states with α, β, γ unset (0) and φ = 0.99: for a season, ``HoltWintersInitialization``
    /// (heuristic, or simple for short series); without one, `_initialization_heuristic`'s line through the
    /// first ten values (`l0` its value at 0, `b0` its slope) or, for fewer than ten, `_initialization_simple`
    /// (`l0 = y_0`, `b0 = y_1 − y_0`).
    static func initialModel(_ y: [Double], form: Form) throws -> ExponentialSmoothing {
        switch form {
        case .simple, .dampedTrend:
            let hasTrend = form == .dampedTrend
            guard y.count >= (hasTrend ? 3 : 2) else {
                throw AnalysisError.tooShort("exponential smoothing needs \(hasTrend ? 3 : 2) values, got \(y.count)")
            }
            let line =
                y.count >= 10
                ? HoltWintersInitialization.lineThroughFirstTen(y.prefix(10)) : (level: y[0], slope: y[1] - y[0])
            return ExponentialSmoothing(
                smoothingLevel: 0, smoothingTrend: hasTrend ? 0 : nil, dampingTrend: hasTrend ? 0.99 : nil,
                initialLevel: line.level, initialTrend: line.slope)
        case .holtWinters(let season), .dampedHoltWinters(let season):
            let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: season)
            return ExponentialSmoothing(
                smoothingLevel: 0, smoothingTrend: 0, dampingTrend: form == .holtWinters(season: season) ? nil : 0.99,
                smoothingSeasonal: 0, initialLevel: start.level, initialTrend: start.trend,
                initialSeasons: start.seasons)
        }
    }

    /// statsmodels' `_setup_brute` grid for the form, in its evaluation order (`ns = 87 / free smoothing
    /// parameters`): α over `linspace(0.005, 0.995, ns)`, β over `linspace(0, α, ⌈ns·√α⌉)`, γ as in §5.4; a
    /// large season, or `coarse`, uses the 128-point ``HoltWinters/coarseGrid()`` instead.
    static func startGrid(_ form: Form, coarse: Bool = false) -> [(alpha: Double, beta: Double, gamma: Double)] {
        switch form {
        case .simple:
            return HoltWinters.linspace(0.005, 0.995, 87).map { (alpha: $0, beta: 0.0, gamma: 0.0) }
        case .dampedTrend:
            return HoltWinters.linspace(0.005, 0.995, 43).flatMap { alpha in
                let count = Int((43 * alpha.squareRoot()).rounded(.up))
                return HoltWinters.linspace(0, min(1, alpha), count).map { (alpha: alpha, beta: $0, gamma: 0.0) }
            }
        case .holtWinters, .dampedHoltWinters:
            return coarse || form.season > largestEstimatedSeason ? HoltWinters.coarseGrid() : HoltWinters.startGrid()
        }
    }

    /// Runs the bounded Levenberg–Marquardt fit from each start on the standardised series and returns the
    /// optimised models in the original units (empty for a constant series).
    static func optimized(
        _ y: [Double], from starts: [ExponentialSmoothing], estimatesSeasons: Bool
    ) -> [ExponentialSmoothing] {
        guard let scale = StandardScale(y), let first = starts.first else { return [] }
        let (mean, deviation) = (scale.mean, scale.deviation)
        let scaledTemplate = first.rescaled(shift: -mean, scale: 1 / deviation)
        let problem = ExponentialSmoothingLeastSquares(
            y: scale.standardised(y), template: scaledTemplate, estimatesSeasons: estimatesSeasons)
        let (lower, upper) = problem.bounds
        let optimizer = BoundedLevenbergMarquardt(lower: lower, upper: upper)
        return starts.map { start in
            let scaled = start.rescaled(shift: -mean, scale: 1 / deviation)
            let result = optimizer.minimize(problem, from: problem.variables(scaled))
            var fitted = problem.model(result.x).rescaled(shift: 0, scale: deviation).shifted(by: mean)
            if !estimatesSeasons { fitted.initialSeasons = start.initialSeasons }  // exactly, not rescaled twice
            return fitted
        }
    }

    /// The model of `(y + shift)·scale`: level `(l0 + shift)·scale`, slope and seasons times `scale`.
    func rescaled(shift: Double, scale: Double) -> ExponentialSmoothing {
        var model = self
        model.initialLevel = (initialLevel + shift) * scale
        model.initialTrend = initialTrend * scale
        model.initialSeasons = initialSeasons.map { $0 * scale }
        return model
    }

    /// The model of `y + shift` (level moved by `shift`).
    func shifted(by shift: Double) -> ExponentialSmoothing {
        var model = self
        model.initialLevel += shift
        return model
    }
}
