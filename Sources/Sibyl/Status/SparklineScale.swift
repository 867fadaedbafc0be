/// The vertical range of a ``Sparkline``: what the series did and where its forecast goes, so that a wide
/// prediction interval or a far bound never flattens the series into a line.
///
/// The core is the values and the point forecast. The chart reaches at most one core span past it on each side
/// (``reach``): a bound within that is drawn, one beyond is named at the chart's edge; the prediction interval is
/// clipped to it, and ``bandIsClipped`` says so. A core of one value (the first cycle) gets a span of a tenth of
/// the value (1 around 0). The range is then padded by 6 % on each side.
package struct SparklineScale: Sendable, Hashable {
    /// The lowest value drawn.
    package let low: Double
    /// The highest value drawn.
    package let high: Double
    /// Whether the prediction interval reaches past the chart and is cut at its edge.
    package let bandIsClipped: Bool

    /// The padding on each side, as a share of the range.
    package static let padding = 0.06

    /// The scale of a chart.
    /// - Parameters:
    ///   - values: the series' values, finite.
    ///   - forecast: the point forecast, finite.
    ///   - interval: the prediction interval's edges, finite.
    ///   - bounds: the objective's bounds.
    package init(values: [Double], forecast: [Double], interval: [Double], bounds: [Double]) {
        let core = values + forecast
        let (coreLow, coreHigh) = Self.extent(core.isEmpty ? bounds : core) ?? (0, 1)
        var span = coreHigh - coreLow
        if span <= 0 { span = coreHigh == 0 ? 1 : abs(coreHigh) / 10 }
        let reach = (coreLow - span)...(coreHigh + span)
        var drawn = [coreLow, coreHigh] + bounds.filter { reach.contains($0) }
        if let (bandLow, bandHigh) = Self.extent(interval) {
            drawn += [max(bandLow, reach.lowerBound), min(bandHigh, reach.upperBound)]
            bandIsClipped = bandLow < reach.lowerBound || bandHigh > reach.upperBound
        } else {
            bandIsClipped = false
        }
        var low = drawn.min() ?? coreLow
        var high = drawn.max() ?? coreHigh
        if high <= low {
            low -= span / 2
            high += span / 2
        }
        let pad = (high - low) * Self.padding
        self.low = low - pad
        self.high = high + pad
    }

    /// Whether `value` is drawn inside the chart.
    package func contains(_ value: Double) -> Bool { value >= low && value <= high }

    /// `value` cut to the chart's range.
    package func clamp(_ value: Double) -> Double { min(max(value, low), high) }

    private static func extent(_ values: [Double]) -> (Double, Double)? {
        guard let low = values.min(), let high = values.max() else { return nil }
        return (low, high)
    }
}
