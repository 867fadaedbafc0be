import SibylWire

/// The native-histogram families, `sibyl_histogram_*{…, window}`: per native-histogram source series and window
/// `(T − window, T]`, what PromQL computes from `rate(x[window])`.
public enum HistogramFamilies {
    static func histogram(
        _ name: String, labels: [String], keepsSourceUnit: Bool = false, _ help: String
    ) -> FamilyDescriptor {
        FamilyDescriptor(
            name, keepsSourceUnit: keepsSourceUnit, labels: ["window"] + labels, kind: .histograms,
            slot: ArchiveSlot(.histograms, quantity(of: name)), help: help)
    }

    public static let rate = histogram(
        "sibyl_histogram_rate", labels: ["statistic"],
        "Per-second rate of a native histogram's observations over the window, as histogram_count(rate(x[window])) "
            + "(statistic=\"count\") and histogram_sum(rate(x[window])) (statistic=\"sum\").")
    public static let avg = histogram(
        "sibyl_histogram_avg", labels: [], keepsSourceUnit: true,
        "Mean observation of a native histogram in the window: the sum's rate over the count's.")
    public static let quantile = histogram(
        "sibyl_histogram_quantile", labels: ["quantile"], keepsSourceUnit: true,
        "histogram_quantile(quantile, rate(x[window])) by Prometheus 3's rules, for analysis.histograms.quantiles.")
    public static let fraction = histogram(
        "sibyl_histogram_fraction", labels: ["le"],
        "Share of a native histogram's observations in the window at or below le, as "
            + "histogram_fraction(-Inf, le, rate(x[window])), for analysis.histograms.thresholds.")

    /// The four families.
    public static let all = [rate, avg, quantile, fraction]
}
