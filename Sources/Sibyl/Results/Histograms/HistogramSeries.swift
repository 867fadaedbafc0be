package import SibylAnalysis
package import SibylWire

/// The `sibyl_histogram_*` samples of native-histogram source series at one evaluation time.
package struct HistogramSeries: Sendable {
    /// The windows, in milliseconds.
    package let windows: [Int64]
    /// `analysis.histograms.quantiles`.
    package let quantiles: [Double]
    /// `analysis.histograms.thresholds`.
    package let thresholds: [Double]

    /// - Parameters:
    ///   - windows: the windows in milliseconds.
    ///   - quantiles: the quantiles of `sibyl_histogram_quantile`.
    ///   - thresholds: the `le` bounds of `sibyl_histogram_fraction`.
    package init(windows: [Int64], quantiles: [Double], thresholds: [Double]) {
        self.windows = windows
        self.quantiles = quantiles
        self.thresholds = thresholds
    }

    /// The four families for `series` (source labels and their samples, stale markers left out) at `time`: per
    /// series and window, the rate of count and sum, their ratio, the quantiles and the fractions of
    /// `rate(x[window])`; a window with fewer than two samples, or whose histograms cannot be combined, has none.
    package func families(
        for series: [(labels: [Label], samples: [(time: Int64, histogram: FloatHistogram)])], at time: Int64
    ) -> [MetricFamily] {
        var rates: [(RenderedLabels, Double)] = []
        var averages: [(RenderedLabels, Double)] = []
        var quantileSamples: [(RenderedLabels, Double)] = []
        var fractions: [(RenderedLabels, Double)] = []
        for (labels, samples) in series {
            let base = SourceLabels.base(labels)
            for window in windows {
                guard let rate = HistogramRate.rate(samples, end: time, range: window) else { continue }
                let name = PrometheusDuration(milliseconds: window).description
                func labelled(_ extra: [(name: String, value: String)]) -> RenderedLabels? {
                    try? RenderedLabels(base + [(name: "window", value: name)] + extra)
                }
                if let count = labelled([(name: "statistic", value: "count")]) { rates.append((count, rate.count)) }
                if let sum = labelled([(name: "statistic", value: "sum")]) { rates.append((sum, rate.sum)) }
                if let plain = labelled([]) { averages.append((plain, rate.sum / rate.count)) }
                for q in quantiles {
                    if let block = labelled([(name: "quantile", value: GoFloatFormat.string(q))]) {
                        quantileSamples.append((block, rate.quantile(q)))
                    }
                }
                for le in thresholds {
                    if let block = labelled([(name: "le", value: GoFloatFormat.string(le))]) {
                        fractions.append((block, rate.fraction(from: -.infinity, to: le)))
                    }
                }
            }
        }
        func sorted(_ samples: [(RenderedLabels, Double)]) -> [(RenderedLabels, Double)] {
            samples.sorted { $0.0 < $1.0 }
        }
        return [
            HistogramFamilies.rate.family(sorted(rates)), HistogramFamilies.avg.family(sorted(averages)),
            HistogramFamilies.quantile.family(sorted(quantileSamples)),
            HistogramFamilies.fraction.family(sorted(fractions)),
        ]
    }
}
