import SibylWire

/// The window-statistics families, `sibyl_window_*{…, window}`: the archive keeps the five of one label set in
/// one row, in the columns their slots give.
public enum WindowFamilies {
    static func window(_ name: String, column: Int, keepsSourceUnit: Bool = true, _ help: String) -> FamilyDescriptor {
        FamilyDescriptor(
            name, keepsSourceUnit: keepsSourceUnit, labels: ["window"], kind: .stats,
            slot: ArchiveSlot(.windowStatistics, quantity(of: name), windowColumn: column), help: help)
    }

    public static let min = window(
        "sibyl_window_min", column: 0, "Smallest sample of the source series in the window (T - window, T].")
    public static let max = window(
        "sibyl_window_max", column: 1, "Largest sample of the source series in the window (T - window, T].")
    public static let avg = window(
        "sibyl_window_avg", column: 2, "Mean of the source series' samples in the window (T - window, T].")
    public static let stddev = window(
        "sibyl_window_stddev", column: 3,
        "Sample standard deviation (n - 1, as pandas) of the source series in the window (T - window, T]; "
            + "PromQL's stddev_over_time is the population one (n).")
    public static let samples = window(
        "sibyl_window_samples", column: 4, keepsSourceUnit: false,
        "Number of samples of the source series in the window (T - window, T], NaN excluded.")

    /// The five families, in the order of their archive columns.
    public static let all = [min, max, avg, stddev, samples]
}
