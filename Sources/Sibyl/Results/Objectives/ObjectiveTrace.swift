import SibylAnalysis
package import SibylWire

/// The last hour of the values one objective judges for one series (the samples, or their rate), reduced for
/// drawing, with the forecast band of the same values: what the status page draws as a sparkline.
///
/// The values are reduced to at most ``maximumPoints`` by keeping, in each of ``maximumPoints`` / 2 equal runs of
/// consecutive samples, the smallest and the largest value in time order, so that a short excursion past a bound
/// stays visible however many samples the hour holds. Values that are not finite are left out.
package struct ObjectiveTrace: Sendable, Hashable {
    /// The forecast of the judged values: the point forecast and the prediction interval per step.
    package struct Band: Sendable, Hashable {
        /// The time of each forecast step, in milliseconds.
        package var timestamps: [Int64]
        /// The point forecast per step.
        package var values: [Double]
        /// The interval's lower edge per step.
        package var lower: [Double]
        /// The interval's upper edge per step.
        package var upper: [Double]

        /// Creates a band; the arrays are cut to the shortest of them.
        /// - Parameters:
        ///   - timestamps: step times in milliseconds.
        ///   - values: point forecasts.
        ///   - lower: lower edges.
        ///   - upper: upper edges.
        package init(timestamps: [Int64], values: [Double], lower: [Double], upper: [Double]) {
            let count = Swift.min(timestamps.count, values.count, lower.count, upper.count)
            self.timestamps = Array(timestamps.prefix(count))
            self.values = Array(values.prefix(count))
            self.lower = Array(lower.prefix(count))
            self.upper = Array(upper.prefix(count))
        }

        /// The band of a series forecast: step `k` is `k` steps after its last resampled point.
        package init(_ forecast: SeriesForecast) {
            let path = forecast.path
            self.init(
                timestamps: path.values.indices.map { forecast.lastTime + Int64($0 + 1) * forecast.step },
                values: path.values, lower: path.lower, upper: path.upper)
        }
    }

    /// How many series of one objective get a trace (the first ones by label set).
    package static let seriesPerObjective = 4
    /// How far back a trace reaches, in milliseconds (one hour).
    package static let length: Int64 = 3_600_000
    /// The most points a trace keeps.
    package static let maximumPoints = 240

    /// The series' labels.
    package var labels: [Label]
    /// The sample times kept, in milliseconds, ascending.
    package var timestamps: [Int64]
    /// The values kept, one per timestamp, all finite.
    package var values: [Double]
    /// The forecast band, when the series has a forecast.
    package var forecast: Band?

    /// Creates a trace from the judged values, reducing them to at most ``maximumPoints``.
    /// - Parameters:
    ///   - labels: the series' labels.
    ///   - timestamps: sample times in milliseconds, ascending.
    ///   - values: the values, one per timestamp.
    ///   - forecast: the forecast band, if any.
    package init(labels: [Label], timestamps: [Int64], values: [Double], forecast: Band?) {
        self.labels = labels
        self.forecast = forecast
        var times: [Int64] = []
        var kept: [Double] = []
        for (time, value) in zip(timestamps, values) where value.isFinite {
            times.append(time)
            kept.append(value)
        }
        guard kept.count > Self.maximumPoints else {
            self.timestamps = times
            self.values = kept
            return
        }
        let runs = Self.maximumPoints / 2
        var reducedTimes: [Int64] = []
        var reducedValues: [Double] = []
        reducedTimes.reserveCapacity(Self.maximumPoints)
        reducedValues.reserveCapacity(Self.maximumPoints)
        for run in 0..<runs {
            let range = (run * kept.count / runs)..<((run + 1) * kept.count / runs)
            guard var low = range.first else { continue }
            var high = low
            for index in range {
                if kept[index] < kept[low] { low = index }
                if kept[index] > kept[high] { high = index }
            }
            for index in low == high ? [low] : [Swift.min(low, high), Swift.max(low, high)] {
                reducedTimes.append(times[index])
                reducedValues.append(kept[index])
            }
        }
        self.timestamps = reducedTimes
        self.values = reducedValues
    }
}
