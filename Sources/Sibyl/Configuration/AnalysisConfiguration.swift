package import SibylAnalysis

/// How the time-series metadata is computed and exposed (the `analysis` section).
///
/// The defaults are the first system's recipe: ADF with a constant and the lag chosen by AIC, the ACF's first 10
/// lags, and an additive decomposition with period 5 of every 60th value.
package struct AnalysisConfiguration: Sendable, Hashable {
    /// The deterministic terms of the ADF regression (`stationarity.regression`, default `c`).
    package var regression: AugmentedDickeyFuller.Regression
    /// How the ADF lag is chosen (`stationarity.autolag`: `aic` (default), `bic`, `t-stat`, or `none` for
    /// ``maximumLag`` itself).
    package var lagSelection: LagSelection
    /// The largest ADF lag (`stationarity.max_lag`); `nil` for statsmodels' 12·(n/100)^¼.
    package var maximumLag: Int?
    /// A series is called stationary when the ADF p-value is below this (`stationarity.alpha`, default 0.05).
    package var stationarityAlpha: Double
    /// How many autocorrelation lags are exposed, from lag 1 (`acf.exported_lags`, default 10).
    package var exportedLags: Int
    /// The season length of the decomposition, in points of the decomposed series (`seasonality.period`, default 5).
    package var seasonalPeriod: Int
    /// The decomposition uses every n-th value (`seasonality.stride`, default 60: one point per 5 min at 5 s).
    package var seasonalStride: Int
    /// The quantiles `sibyl_histogram_quantile` gives per native-histogram series and window
    /// (`histograms.quantiles`, default 0.5, 0.9, 0.99).
    package var histogramQuantiles: [Double] = [0.5, 0.9, 0.99]
    /// The thresholds `sibyl_histogram_fraction{le}` gives the share of observations at or below
    /// (`histograms.thresholds`, default none).
    package var histogramThresholds: [Double] = []

    /// Creates an analysis configuration.
    /// - Parameters:
    ///   - regression: the ADF deterministic terms.
    ///   - lagSelection: how the ADF lag is chosen.
    ///   - maximumLag: the largest ADF lag, `nil` for the default.
    ///   - stationarityAlpha: the p-value below which a series is stationary.
    ///   - exportedLags: the number of ACF lags exposed.
    ///   - seasonalPeriod: the decomposition's period.
    ///   - seasonalStride: the decomposition's down-sampling.
    package init(
        regression: AugmentedDickeyFuller.Regression = .constant, lagSelection: LagSelection = .aic,
        maximumLag: Int? = nil, stationarityAlpha: Double = 0.05, exportedLags: Int = 10, seasonalPeriod: Int = 5,
        seasonalStride: Int = 60
    ) {
        self.regression = regression
        self.lagSelection = lagSelection
        self.maximumLag = maximumLag
        self.stationarityAlpha = stationarityAlpha
        self.exportedLags = exportedLags
        self.seasonalPeriod = seasonalPeriod
        self.seasonalStride = seasonalStride
    }
}
