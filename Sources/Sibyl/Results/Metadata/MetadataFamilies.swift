import SibylWire

/// The time-series metadata families: the ADF test, stationarity, autocorrelation and seasonal decomposition.
public enum MetadataFamilies {
    static func adf(_ name: String, labels: [String] = [], _ help: String) -> FamilyDescriptor {
        FamilyDescriptor(
            name, labels: labels, kind: .stationarity, slot: ArchiveSlot(.stationarity, quantity(of: name)),
            help: help)
    }

    public static let adfStatistic = adf(
        "sibyl_adf_statistic", "Augmented Dickey-Fuller test statistic over the longest window.")
    public static let adfPValue = adf("sibyl_adf_pvalue", "MacKinnon approximate p-value of the ADF statistic.")
    public static let adfUsedLags = adf("sibyl_adf_used_lags", "Lags of the differenced series in the ADF regression.")
    public static let adfObservations = adf("sibyl_adf_observations", "Observations used by the ADF regression.")
    public static let adfInformationCriterion = adf(
        "sibyl_adf_information_criterion",
        "Information criterion of the ADF lag chosen by the search (statsmodels icbest).")
    public static let adfCriticalValue = adf(
        "sibyl_adf_critical_value", labels: ["level"],
        "MacKinnon critical value of the ADF statistic at the significance level (statsmodels adfuller).")
    public static let stationary = FamilyDescriptor(
        "sibyl_stationary", kind: .stationarity, slot: ArchiveSlot(.stationarity, "stationary"),
        help: "1 when the ADF p-value is below the configured alpha (stationary), else 0.")
    public static let acf = FamilyDescriptor(
        "sibyl_acf", labels: ["lag"], kind: .acf, slot: ArchiveSlot(.autocorrelation, nil),
        help: "Autocorrelation of the source series at the lag, over the longest window (statsmodels acf).")
    public static let seasonalComponent = FamilyDescriptor(
        "sibyl_seasonal_component", keepsSourceUnit: true, labels: ["phase"], kind: .seasonality,
        slot: ArchiveSlot(.seasonality, "component"),
        help: "Additive seasonal component at the phase (seasonal_decompose, period points).")
    public static let seasonalStrength = FamilyDescriptor(
        "sibyl_seasonal_strength", kind: .seasonality, slot: ArchiveSlot(.seasonality, "strength"),
        help: "Seasonal strength max(0, 1 - var(resid) / var(seasonal + resid)).")

    /// Every metadata family.
    public static let all = [
        acf, adfCriticalValue, adfInformationCriterion, adfObservations, adfPValue, adfStatistic, adfUsedLags,
        seasonalComponent, seasonalStrength, stationary,
    ]
}
