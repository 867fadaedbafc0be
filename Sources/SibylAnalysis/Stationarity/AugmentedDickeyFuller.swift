/// The augmented Dickey–Fuller unit-root test, as statsmodels `adfuller(x, maxlag=None,
/// regression="c", autolag="AIC")` computes it (algorithms.md §2).
///
/// Regression of `Δxⱼ` on `xⱼ`, `Δxⱼ₋₁ … Δxⱼ₋ₚ` and the deterministic terms, solved by statsmodels' SVD
/// pseudo-inverse (``LeastSquares``); the statistic is the t-value of the level coefficient, the p-value
/// and critical values are MacKinnon's (``MacKinnonApproximation``). With automatic lag selection every
/// candidate `p = 0…maxlag` is fitted on the common sample of `maxlag`, and the chosen lag is re-fitted on
/// its own, longer sample.
public struct AugmentedDickeyFuller: Sendable, Hashable {
    /// The deterministic terms of the test regression (statsmodels' `regression` argument).
    public enum Regression: String, Sendable, Hashable, CaseIterable {
        /// `"n"`: no constant, no trend.
        case noConstant = "n"
        /// `"c"`: constant only (the default).
        case constant = "c"
        /// `"ct"`: constant and linear trend.
        case constantTrend = "ct"
        /// `"ctt"`: constant, linear and quadratic trend.
        case constantQuadraticTrend = "ctt"

        /// statsmodels' `ntrend`: the number of deterministic terms (0…3).
        public var deterministicTermCount: Int {
            switch self {
            case .noConstant: 0
            case .constant: 1
            case .constantTrend: 2
            case .constantQuadraticTrend: 3
            }
        }
    }

    /// MacKinnon's critical values of the test statistic.
    public struct CriticalValues: Sendable, Hashable {
        /// The 1 % critical value.
        public let onePercent: Double
        /// The 5 % critical value.
        public let fivePercent: Double
        /// The 10 % critical value.
        public let tenPercent: Double
    }

    /// One candidate of the automatic lag search, fitted on the common sample.
    public struct LagCandidate: Sendable, Hashable {
        /// Number of lagged differences `p`.
        public let lag: Int
        /// Sum of squared residuals.
        public let sumOfSquaredResiduals: Double
        /// Numerical rank of the candidate's design.
        public let rank: Int
        /// statsmodels' `llf`.
        public let logLikelihood: Double
        /// statsmodels' `aic`.
        public let akaikeInformationCriterion: Double
        /// statsmodels' `bic`.
        public let bayesianInformationCriterion: Double
    }

    /// The deterministic terms used.
    public let regression: Regression
    /// The t-statistic of the level coefficient in the final regression.
    public let statistic: Double
    /// MacKinnon's approximate p-value of ``statistic``.
    public let pValue: Double
    /// Number of lagged differences in the final regression (statsmodels `usedlag`).
    public let usedLag: Int
    /// The maximum lag searched, or used with ``LagSelection/fixed``.
    public let maximumLag: Int
    /// Observations of the final regression, `n − 1 − usedLag` (statsmodels `nobs`).
    public let observationCount: Int
    /// MacKinnon's critical values for ``observationCount``.
    public let criticalValues: CriticalValues
    /// The chosen lag's criterion from the search (statsmodels `icbest`; |t| for `t-stat`); `nil` for `fixed`.
    public let bestInformationCriterion: Double?
    /// The final regression; columns `x_{t−1}, Δx_{t−1} … Δx_{t−p}`, then constant, `t`, `t²` as present.
    public let finalRegression: LeastSquares
    /// The candidates of the lag search, `p = 0…maximumLag`; empty for ``LagSelection/fixed``.
    public let candidates: [LagCandidate]

    /// statsmodels' default maximum lag: `min(⌈12·(n/100)^¼⌉, n div 2 − ntrend − 1)` (720 → 20, 8640 → 37).
    /// - Parameters:
    ///   - length: the series length `n`.
    ///   - regression: the deterministic terms.
    /// - Returns: the lag, or `nil` when it would be negative (the series is too short for the regression).
    public static func defaultMaximumLag(forLength length: Int, regression: Regression) -> Int? {
        guard length > 0 else { return nil }
        let fourthRoot = (Double(length) / 100.0).squareRoot().squareRoot()
        let formula = Int((12.0 * fourthRoot).rounded(.up))
        let lag = Swift.min(length / 2 - regression.deterministicTermCount - 1, formula)
        return lag >= 0 ? lag : nil
    }

    /// Runs the test on `series`.
    /// - Parameters:
    ///   - series: the values, equally spaced, all finite.
    ///   - regression: the deterministic terms (statsmodels default `c`).
    ///   - lagSelection: how the lag is chosen (statsmodels default AIC).
    ///   - maximumLag: the largest lag considered; `nil` for ``defaultMaximumLag(forLength:regression:)``.
    /// - Throws: `AnalysisError.nonFinite` for NaN/±∞ (statsmodels: `MissingDataError`), `.constant` when
    ///   all values are equal, `.tooShort` when the series is too short for the regression or for
    ///   `maximumLag`, `.invalidArgument` for a negative `maximumLag` (all `ValueError` in statsmodels).
    public init(
        _ series: [Double], regression: Regression = .constant, lagSelection: LagSelection = .aic,
        maximumLag: Int? = nil
    ) throws(AnalysisError) {
        let n = series.count
        guard n > 0 else { throw .tooShort("the ADF test needs values") }
        guard series.allSatisfy(\.isFinite) else { throw .nonFinite("exog contains inf or nans") }
        guard let first = series.first, series.contains(where: { $0 != first }) else {
            throw .constant("Invalid input, x is constant")
        }
        let cap = n / 2 - regression.deterministicTermCount - 1
        let maxlag: Int
        if let maximumLag {
            guard maximumLag >= 0 else { throw .invalidArgument("maxlag must be non-negative, got \(maximumLag)") }
            guard maximumLag <= cap else {
                throw .tooShort(
                    "maxlag must be less than (nobs/2 - 1 - ntrend) where n trend is the number of included "
                        + "deterministic regressors")
            }
            maxlag = maximumLag
        } else {
            guard let lag = Self.defaultMaximumLag(forLength: n, regression: regression) else {
                throw .tooShort("sample size is too short to use selected regression component")
            }
            maxlag = lag
        }
        let trendColumns = Swift.max(regression.deterministicTermCount - 1, 0)
        let searchDesign = DickeyFullerDesign(series: series, lags: maxlag, trendColumns: trendColumns)
        let usedLag: Int
        if lagSelection == .fixed {
            usedLag = maxlag
            bestInformationCriterion = nil
            candidates = []
        } else {
            let search = LagSearch(design: searchDesign, regression: regression, selection: lagSelection)
            usedLag = search.bestLag
            bestInformationCriterion = search.bestCriterion
            candidates = search.candidates
        }
        let design =
            usedLag == maxlag
            ? searchDesign : DickeyFullerDesign(series: series, lags: usedLag, trendColumns: trendColumns)
        var columns = [design.levelIndex]
        for a in stride(from: 1, through: usedLag, by: 1) { columns.append(design.lagIndex(a)) }
        if regression != .noConstant {
            if design.hasConstantColumn == false { columns.append(0) }
            for power in stride(from: 1, through: trendColumns, by: 1) { columns.append(power) }
        }
        let unrefined = design.fit(columns: columns)
        let fit = unrefined.replacingParameters(design.refinedParameters(unrefined, columns: columns))
        self.regression = regression
        self.statistic = fit.parameters[0] / fit.standardErrors[0]
        self.pValue = MacKinnonApproximation.pValue(statistic: statistic, regression: regression)
        self.usedLag = usedLag
        self.maximumLag = maxlag
        self.observationCount = design.observationCount
        self.criticalValues = MacKinnonApproximation.criticalValues(
            observationCount: design.observationCount, regression: regression)
        self.finalRegression = fit
    }
}
