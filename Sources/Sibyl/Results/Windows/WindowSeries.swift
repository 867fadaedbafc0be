import SibylAnalysis
package import SibylWire

/// Turns window statistics into the `sibyl_window_*` families, keeping each source series' labels.
///
/// Source labels become derived labels as ``SourceLabels`` says (the metric name moves to `metric`; a
/// collision with one of Sibyl's labels becomes `exported_<name>`). Label blocks are rendered once per
/// series and window and reused across cycles.
package struct WindowSeries: Sendable {
    /// Window lengths in milliseconds, as in the evaluation configuration.
    package let windows: [Int64]
    private let windowNames: [String]
    private var cache: [[Label]: [RenderedLabels]] = [:]
    /// The label sets the cached `order` was computed for.
    private var orderKeys: [[Label]] = []
    /// (series index, window index) pairs in exposition order.
    private var order: [(Int, Int)] = []

    /// Creates a builder for the given windows.
    /// - Parameter windows: window lengths in milliseconds.
    package init(windows: [Int64]) {
        self.windows = windows
        self.windowNames = windows.map { PrometheusDuration(milliseconds: $0).description }
    }

    /// Builds the families for one cycle's statistics.
    ///
    /// Samples are appended in the exposition's own label order, so the writer does not sort; that
    /// order is computed when the set of series changes and reused while it stays the same.
    /// - Parameter statistics: per series, its window statistics.
    /// - Returns: the `sibyl_window_*` families.
    package mutating func families(for statistics: [SeriesStatistics]) -> [MetricFamily] {
        var avg = WindowFamilies.avg.family()
        var max = WindowFamilies.max.family()
        var min = WindowFamilies.min.family()
        var samples = WindowFamilies.samples.family()
        var stddev = WindowFamilies.stddev.family()
        var seen: [[Label]: [RenderedLabels]] = [:]
        seen.reserveCapacity(statistics.count)
        var blocks: [[RenderedLabels]] = []
        blocks.reserveCapacity(statistics.count)
        for series in statistics {
            let labels = cache[series.labels] ?? render(series.labels) ?? []
            if !labels.isEmpty { seen[series.labels] = labels }
            blocks.append(labels)
        }
        cache = seen
        let keys = statistics.map(\.labels)
        if keys != orderKeys {
            var entries: [(block: RenderedLabels, series: Int, window: Int)] = []
            for (series, labels) in blocks.enumerated() {
                for (window, block) in labels.enumerated() { entries.append((block, series, window)) }
            }
            entries.sort { $0.block < $1.block }
            order = entries.map { ($0.series, $0.window) }
            orderKeys = keys
        }
        for (index, window) in order {
            guard index < statistics.count, window < statistics[index].windows.count, window < blocks[index].count
            else { continue }
            let block = blocks[index][window]
            let value = statistics[index].windows[window]
            samples.append(block, Double(value?.count ?? 0))
            guard let value else { continue }
            avg.append(block, value.mean)
            max.append(block, value.max)
            min.append(block, value.min)
            if let deviation = value.standardDeviation { stddev.append(block, deviation) }
        }
        return [avg, max, min, samples, stddev]
    }

    /// The label blocks of one series, one per window; `nil` when its labels cannot be exposed.
    private func render(_ labels: [Label]) -> [RenderedLabels]? {
        SourceLabels.blocks(SourceLabels.base(labels), "window", windowNames)
    }
}
