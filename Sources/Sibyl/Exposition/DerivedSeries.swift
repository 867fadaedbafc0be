import SibylAnalysis
public import SibylWire

/// Turns window statistics into the `sibyl_window_*` families, keeping each source series' labels.
///
/// The source's metric name moves to the label `metric`; a source label that collides with one
/// of Sibyl's (`metric`, `window`) is kept as `exported_<name>`, as Prometheus does for target
/// labels. Label blocks are rendered once per series and window and reused across cycles.
public struct DerivedSeries: Sendable {
    /// Window lengths in milliseconds, as in the evaluation configuration.
    public let windows: [Int64]
    private let windowNames: [String]
    private var cache: [[Label]: [RenderedLabels]] = [:]

    /// Creates a builder for the given windows.
    /// - Parameter windows: window lengths in milliseconds.
    public init(windows: [Int64]) {
        self.windows = windows
        self.windowNames = windows.map { PrometheusDuration(milliseconds: $0).description }
    }

    /// The help texts of the families, by name.
    static let help: [(String, String)] = [
        ("sibyl_window_avg", "Mean of the source series' samples in the window (T - window, T]."),
        ("sibyl_window_max", "Largest sample of the source series in the window (T - window, T]."),
        ("sibyl_window_min", "Smallest sample of the source series in the window (T - window, T]."),
        ("sibyl_window_samples", "Number of samples of the source series in the window (T - window, T], NaN excluded."),
        (
            "sibyl_window_stddev",
            "Sample standard deviation (n - 1, as pandas) of the source series in the window (T - window, T]; "
                + "PromQL's stddev_over_time is the population one (n)."
        ),
    ]

    /// Builds the families for one cycle's statistics.
    /// - Parameter statistics: per series, its window statistics.
    /// - Returns: the `sibyl_window_*` families.
    public mutating func families(for statistics: [SeriesStatistics]) -> [MetricFamily] {
        var families = Self.help.compactMap { try? MetricFamily(name: $0.0, kind: .gauge, help: $0.1) }
        var seen: [[Label]: [RenderedLabels]] = [:]
        seen.reserveCapacity(statistics.count)
        for series in statistics {
            guard let labels = cache[series.labels] ?? render(series.labels) else { continue }
            seen[series.labels] = labels
            for (index, window) in series.windows.enumerated() where index < labels.count {
                let block = labels[index]
                families[3].append(block, Double(window?.count ?? 0))
                guard let window else { continue }
                families[0].append(block, window.mean)
                families[1].append(block, window.max)
                families[2].append(block, window.min)
                if let deviation = window.standardDeviation { families[4].append(block, deviation) }
            }
        }
        cache = seen
        return families
    }

    /// The label blocks of one series, one per window; `nil` when its labels cannot be exposed.
    private func render(_ labels: [Label]) -> [RenderedLabels]? {
        var base: [(name: String, value: String)] = []
        for label in labels {
            switch label.name {
            case "__name__": base.append((name: "metric", value: label.value))
            case "metric", "window": base.append((name: "exported_" + label.name, value: label.value))
            case let name where name.hasPrefix("__"): continue
            default: base.append((name: label.name, value: label.value))
            }
        }
        var blocks: [RenderedLabels] = []
        for name in windowNames {
            guard let block = try? RenderedLabels(base + [(name: "window", value: name)]) else { return nil }
            blocks.append(block)
        }
        return blocks
    }
}
