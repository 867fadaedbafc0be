extension HoltWintersFit {
    /// The point forecast for h = 1…steps as statsmodels computes it (algorithms.md §5.6), with prediction
    /// intervals from the analytic ETS(A,A,A) forecast variance (Hyndman, Koehler, Ord & Snyder 2008,
    /// "Forecasting with Exponential Smoothing", ch. 6, class 1 models):
    ///
    ///     σ² = SSE/n,   var_h = σ²·(1 + Σ_{j=1}^{h−1} c_j²),   c_j = α + j·α·β + γ·[j mod m = 0]
    ///
    /// (statsmodels' β is the Holt-Winters-form slope gain, so the ETS slope gain is α·β). Bounds are
    /// `value_h ∓ z·√var_h`, a Gaussian interval; statsmodels' `ExponentialSmoothing` itself has none.
    /// - Parameters:
    ///   - steps: the horizon, at least 1.
    ///   - normalQuantile: z, e.g. ``HoltWintersForecast/normalQuantile95`` for a central 95 % interval.
    /// - Returns: values, bounds and variances per step.
    /// - Throws: `AnalysisError.invalidArgument` when `steps < 1`, `z` is negative or not finite, or the state
    ///   records no observations.
    public func forecast(
        steps: Int, normalQuantile: Double = HoltWintersForecast.normalQuantile95
    ) throws -> HoltWintersForecast {
        try HoltWintersForecast.validate(steps: steps, normalQuantile: normalQuantile)
        let values = try state.pointForecast(steps: steps)
        guard state.observationCount > 0 else {
            throw AnalysisError.invalidArgument("a forecast interval needs the fit's observation count")
        }
        let alpha = model.smoothingLevel
        let slopeGain = alpha * model.smoothingTrend
        let gamma = model.smoothingSeasonal
        let period = model.seasonalPeriods
        let residualVariance = state.sumOfSquaredErrors / Double(state.observationCount)
        var variances = [Double](repeating: residualVariance, count: steps)
        var accumulated = 1.0
        for step in 1..<steps {
            let coefficient = alpha + Double(step) * slopeGain + (step % period == 0 ? gamma : 0)
            accumulated += coefficient * coefficient
            variances[step] = residualVariance * accumulated
        }
        return HoltWintersForecast(values: values, variances: variances, normalQuantile: normalQuantile)
    }
}
