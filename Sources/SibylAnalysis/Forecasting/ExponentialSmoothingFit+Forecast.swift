extension ExponentialSmoothingFit {
    /// The point forecast for h = 1…steps as statsmodels' `forecast(h)` computes it, with prediction intervals
    /// from the analytic forecast variance of the class-1 ETS models (Hyndman, Koehler, Ord & Snyder 2008,
    /// "Forecasting with Exponential Smoothing", ch. 6):
    ///
    ///     forecast_h = (L_n + B_n·Φ_h) + S*,   Φ_h = φ + φ² + … + φ^h   (h without damping, 0 without a trend)
    ///     σ² = SSE/n,   var_h = σ²·(1 + Σ_{j=1}^{h−1} c_j²)
    ///     c_j = α·(1 + β·Φ_j) + γ·[j mod m = 0]
    ///
    /// `S*` is statsmodels' season (algorithms.md §5.6: `S_{n+j}` for `j = (h − 1) mod m < m − 1`, else
    /// `S_{n−1}`); `c_j` is α for simple smoothing, `α(1 + β·φ(1 − φ^j)/(1 − φ))` for ETS(A,Ad,N) with
    /// statsmodels' Holt-Winters-form β (ETS slope gain α·β), plus γ every m-th step with a season. Bounds are
    /// `value_h ∓ z·√var_h`.
    /// - Parameters:
    ///   - steps: the horizon, at least 1.
    ///   - normalQuantile: z, e.g. ``HoltWintersForecast/normalQuantile95``.
    /// - Returns: values, bounds and variances per step.
    /// - Throws: `AnalysisError.invalidArgument` when `steps < 1`, `z` is negative or not finite, or the state
    ///   records no observations.
    public func forecast(
        steps: Int, normalQuantile: Double = HoltWintersForecast.normalQuantile95
    ) throws -> HoltWintersForecast {
        try HoltWintersForecast.validate(steps: steps, normalQuantile: normalQuantile)
        guard state.observationCount > 0 else {
            throw AnalysisError.invalidArgument("a forecast interval needs the fit's observation count")
        }
        let trendSums = trendMultipliers(steps: steps)
        let period = state.seasons.count
        let values = (1...steps).map { step in
            let trended = model.smoothingTrend == nil ? state.level : state.level + state.trend * trendSums[step - 1]
            guard period > 0 else { return trended }
            let phase = (step - 1) % period
            return trended + (phase == period - 1 ? state.seasonBeforeLastUpdate : state.seasons[phase])
        }
        let alpha = model.smoothingLevel
        let beta = model.smoothingTrend ?? 0
        let gamma = model.smoothingSeasonal ?? 0
        let residualVariance = state.sumOfSquaredErrors / Double(state.observationCount)
        var variances = [Double](repeating: residualVariance, count: steps)
        var accumulated = 1.0
        for step in 1..<steps {
            let seasonal = period > 0 && step % period == 0 ? gamma : 0
            let coefficient = alpha * (1 + beta * trendSums[step - 1]) + seasonal
            accumulated += coefficient * coefficient
            variances[step] = residualVariance * accumulated
        }
        return HoltWintersForecast(values: values, variances: variances, normalQuantile: normalQuantile)
    }

    /// `Φ_h = Σ_{j=1}^{h} φ^j` for h = 1…steps (statsmodels' `cumsum(φ^(1…h))`; `h` without damping).
    func trendMultipliers(steps: Int) -> [Double] {
        guard let phi = model.dampingTrend else { return (1...steps).map(Double.init) }
        var sums = [Double]()
        sums.reserveCapacity(steps)
        var power = 1.0
        var sum = 0.0
        for _ in 0..<steps {
            power *= phi
            sum += power
            sums.append(sum)
        }
        return sums
    }
}
