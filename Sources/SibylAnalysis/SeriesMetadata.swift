/// The first system's per-series metadata recipe (algorithms.md §7): window statistics, ADF, ACF and the
/// additive seasonal pattern, each computed independently so one failing component does not hide the others.
///
/// Stats: pandas max/min/mean/std (ddof 1) of the samples with `t > t_last − W` per window. ADF:
/// `adfuller(values, regression="c", autolag="AIC")`. ACF: `acf(values)` with the default lags.
/// Seasonality: `seasonal_decompose(values[::60], "additive", period=5)`, or of all values when that raises.
/// A series whose values are all 0 is skipped (no metadata), as the first system did.
public struct SeriesMetadata: Sendable {
    /// The recipe's parameters; the defaults are the first system's.
    public struct Configuration: Sendable, Hashable {
        /// Window lengths in milliseconds (1 h, 3 h, 12 h).
        public var windowsMilliseconds: [Int64] = [3_600_000, 10_800_000, 43_200_000]
        /// Season length of the decomposition.
        public var seasonalPeriod: Int = 5
        /// Keep every n-th value for the decomposition (one point per 5 min at a 5 s step).
        public var seasonalStride: Int = 60
        /// The ADF regression's deterministic terms.
        public var regression: AugmentedDickeyFuller.Regression = .constant
        /// How the ADF lag is chosen.
        public var lagSelection: LagSelection = .aic
        /// The largest ADF lag; `nil` for statsmodels' default.
        public var maximumLag: Int?

        /// The first system's recipe.
        public init() {}
    }

    /// Which series the seasonal decomposition was computed on.
    public enum SeasonalitySource: String, Sendable, Hashable {
        /// Every ``Configuration/seasonalStride``-th value, starting with the first.
        case strided = "every_60th"
        /// All values: the strided decomposition raised.
        case full = "full"
    }

    /// The seasonal decomposition and the series it was computed on.
    public struct Seasonality: Sendable, Hashable {
        /// The series decomposed.
        public let source: SeasonalitySource
        /// The decomposition.
        public let decomposition: SeasonalDecomposition
        /// Why the strided decomposition failed, when ``source`` is `full`.
        public let stridedError: AnalysisError?
    }

    /// The statistics of one window.
    public struct Window: Sendable, Hashable {
        /// The window length in milliseconds.
        public let milliseconds: Int64
        /// The statistics, `nil` when no sample in the window is a number.
        public let statistics: WindowStatistics?
    }

    /// One entry per configured window, in configuration order.
    public let windows: [Window]
    /// The ADF test (by default `c`, AIC, default maximum lag) or why it could not be computed.
    public let stationarity: Result<AugmentedDickeyFuller, AnalysisError>
    /// The autocorrelations (default lags) or why they could not be computed.
    public let autocorrelation: Result<Autocorrelation, AnalysisError>
    /// The additive seasonal decomposition or why it could not be computed.
    public let seasonality: Result<Seasonality, AnalysisError>

    /// Computes the metadata of one series.
    /// - Parameters:
    ///   - timestamps: sample times in milliseconds, ascending, one per value.
    ///   - values: the raw samples (NaN allowed: statistics skip it, the other components report it).
    ///   - configuration: the recipe's parameters.
    /// - Returns: `nil` when the series is skipped: every value is 0 (or there are none).
    public init?(timestamps: [Int64], values: [Double], configuration: Configuration = .init()) {
        guard values.contains(where: { $0 != 0 }) else { return nil }
        windows = configuration.windowsMilliseconds.map { window in
            Window(
                milliseconds: window,
                statistics: WindowStatistics.trailing(
                    timestamps: timestamps, values: values, windowMilliseconds: window))
        }
        stationarity = Result { () throws(AnalysisError) in
            try AugmentedDickeyFuller(
                values, regression: configuration.regression, lagSelection: configuration.lagSelection,
                maximumLag: configuration.maximumLag)
        }
        autocorrelation = Result { () throws(AnalysisError) in try Autocorrelation(values) }
        seasonality = Self.seasonality(values, configuration: configuration)
    }

    private static func seasonality(
        _ values: [Double], configuration: Configuration
    ) -> Result<Seasonality, AnalysisError> {
        let period = configuration.seasonalPeriod
        let stride = Swift.max(configuration.seasonalStride, 1)
        let strided = Swift.stride(from: 0, to: values.count, by: stride).map { values[$0] }
        do throws(AnalysisError) {
            let decomposition = try SeasonalDecomposition(strided, period: period)
            return .success(Seasonality(source: .strided, decomposition: decomposition, stridedError: nil))
        } catch let stridedError {
            do throws(AnalysisError) {
                let decomposition = try SeasonalDecomposition(values, period: period)
                return .success(Seasonality(source: .full, decomposition: decomposition, stridedError: stridedError))
            } catch {
                return .failure(error)
            }
        }
    }
}
