import SibylAnalysis
public import SibylWire

/// Turns time-series metadata into the `sibyl_adf_*`, `sibyl_stationary`, `sibyl_acf` and `sibyl_seasonal_*`
/// families, keeping each source series' labels (``SourceLabels``).
public struct MetadataSeries: Sendable {
    /// The p-value below which `sibyl_stationary` is 1.
    public let alpha: Double
    /// The ACF lags exposed, from 1.
    public let exportedLags: Int

    /// Creates a builder.
    /// - Parameters:
    ///   - alpha: the stationarity threshold on the ADF p-value.
    ///   - exportedLags: how many ACF lags are exposed.
    public init(alpha: Double, exportedLags: Int) {
        self.alpha = alpha
        self.exportedLags = exportedLags
    }

    /// The families' names and help texts, in exposition order.
    static let help: [(String, String)] = [
        ("sibyl_acf", "Autocorrelation of the source series at the lag, over the longest window (statsmodels acf)."),
        (
            "sibyl_adf_critical_value",
            "MacKinnon critical value of the ADF statistic at the significance level (statsmodels adfuller)."
        ),
        (
            "sibyl_adf_information_criterion",
            "Information criterion of the ADF lag chosen by the search (statsmodels icbest)."
        ),
        ("sibyl_adf_observations", "Observations used by the ADF regression."),
        ("sibyl_adf_pvalue", "MacKinnon approximate p-value of the ADF statistic."),
        ("sibyl_adf_statistic", "Augmented Dickey-Fuller test statistic over the longest window."),
        ("sibyl_adf_used_lags", "Lags of the differenced series in the ADF regression."),
        ("sibyl_seasonal_component", "Additive seasonal component at the phase (seasonal_decompose, period points)."),
        ("sibyl_seasonal_strength", "Seasonal strength max(0, 1 - var(resid) / var(seasonal + resid))."),
        ("sibyl_stationary", "1 when the ADF p-value is below the configured alpha (stationary), else 0."),
    ]

    private enum Family: Int {
        case acf, criticalValue, informationCriterion, observations, pValue, statistic, usedLags
        case seasonalComponent, seasonalStrength, stationary
    }

    /// Builds the families of one metadata run.
    /// - Parameter results: per series, its metadata.
    /// - Returns: the families (empty ones included; the writer leaves them out).
    public func families(for results: [SeriesMetadataResult]) -> [MetricFamily] {
        var families = Self.help.compactMap { try? MetricFamily(name: $0.0, kind: .gauge, help: $0.1) }
        guard families.count == Self.help.count else { return [] }
        func add(_ family: Family, _ labels: RenderedLabels?, _ value: Double) {
            guard let labels else { return }
            families[family.rawValue].append(labels, value)
        }
        for result in results {
            guard let metadata = result.metadata else { continue }
            let base = SourceLabels.base(result.labels)
            guard let plain = try? RenderedLabels(base) else { continue }
            if case .success(let adf) = metadata.stationarity {
                add(.statistic, plain, adf.statistic)
                add(.pValue, plain, adf.pValue)
                add(.usedLags, plain, Double(adf.usedLag))
                add(.observations, plain, Double(adf.observationCount))
                add(.stationary, plain, adf.pValue < alpha ? 1 : 0)
                if let criterion = adf.bestInformationCriterion { add(.informationCriterion, plain, criterion) }
                let critical = adf.criticalValues
                let levels = SourceLabels.blocks(base, "level", ["1%", "5%", "10%"]) ?? []
                for (labels, value) in zip(levels, [critical.onePercent, critical.fivePercent, critical.tenPercent]) {
                    add(.criticalValue, labels, value)
                }
            }
            if case .success(let acf) = metadata.autocorrelation {
                let lags = min(exportedLags, acf.lagCount)
                if lags > 0, let blocks = SourceLabels.blocks(base, "lag", (1...lags).map(String.init)) {
                    for (lag, labels) in blocks.enumerated() { add(.acf, labels, acf.values[lag + 1]) }
                }
            }
            if case .success(let seasonality) = metadata.seasonality {
                let cycle = seasonality.decomposition.seasonalCycle
                if let blocks = SourceLabels.blocks(base, "phase", cycle.indices.map(String.init)) {
                    for (phase, labels) in blocks.enumerated() { add(.seasonalComponent, labels, cycle[phase]) }
                }
                if let strength = seasonality.decomposition.strength { add(.seasonalStrength, plain, strength) }
            }
        }
        return families
    }
}
