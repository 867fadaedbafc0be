extension ForecastSummary {
    /// The summary over the first `steps` steps of `path` (a shorter horizon of the same forecast): max, min and
    /// mean of the point forecast and the extreme interval bounds over those steps, computed as
    /// ``HoltWintersFit/summary(steps:normalQuantile:)`` computes them; the fit's parameters and RMSE unchanged.
    /// - Parameters:
    ///   - path: the forecast path, at least `steps` long.
    ///   - steps: the horizon's steps, at least 1.
    public func horizon(_ path: HoltWintersForecast, steps: Int) -> ForecastSummary {
        let count = Swift.min(Swift.max(1, steps), path.values.count)
        var maximum = -Double.infinity
        var minimum = Double.infinity
        var sum = 0.0
        for value in path.values.prefix(count) {
            maximum = Swift.max(maximum, value)
            minimum = Swift.min(minimum, value)
            sum += value
        }
        var summary = self
        summary.steps = count
        summary.maximum = maximum
        summary.minimum = minimum
        summary.mean = sum / Double(count)
        summary.lowerMinimum = path.lower.prefix(count).min() ?? .nan
        summary.upperMaximum = path.upper.prefix(count).max() ?? .nan
        return summary
    }
}
