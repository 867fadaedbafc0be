package import SibylAnalysis
package import SibylWire

/// Judges objectives at one evaluation time: per matching stored series, each window against the range (on the
/// per-second rate for `transform: rate`), and the forecast of the same values against each bound.
package struct ObjectiveEvaluator: Sendable {
    /// The sampling step in milliseconds (gaps longer than two steps are not counted as time).
    package let step: Int64
    /// The forecasts of rate-transformed series are computed with it.
    package let forecaster: ForecastEvaluator

    /// Creates an evaluator.
    /// - Parameters:
    ///   - step: the sampling step in milliseconds.
    ///   - forecaster: the forecast settings.
    package init(step: Int64, forecaster: ForecastEvaluator) {
        self.step = step
        self.forecaster = forecaster
    }

    /// The stored series an objective judges (with `divide_by`, their ratios).
    /// - Parameters:
    ///   - specification: the objective.
    ///   - store: the series.
    /// - Returns: the matching entries, sorted by label set.
    package func series(of specification: ObjectiveSpecification, in store: SeriesStore) -> [SeriesStore.Entry] {
        selection(of: specification, in: store).entries
    }

    /// The stored series an objective judges, and those an objective with `divide_by` leaves out for want of one
    /// divisor.
    /// - Parameters:
    ///   - specification: the objective.
    ///   - store: the series.
    /// - Returns: the matching entries (with `divide_by`, their ratios) sorted by label set, and the series left out.
    package func selection(
        of specification: ObjectiveSpecification, in store: SeriesStore
    ) -> (entries: [SeriesStore.Entry], skipped: [ObjectiveRatio.Skip]) {
        let selector = specification.selector.compiled()
        var entries = store.entries.values.filter { selector.matches($0.labels) }
        var skipped: [ObjectiveRatio.Skip] = []
        if let divisor = specification.divisor?.compiled() {
            let ratio = ObjectiveRatio(
                numerators: entries, divisors: store.entries.values.filter { divisor.matches($0.labels) })
            entries = ratio.entries
            skipped = ratio.skipped.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
        }
        return (entries.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }, skipped)
    }

    /// The values an objective judges for one series over the forecast window: the samples, or their rate.
    /// - Parameters:
    ///   - entry: the series.
    ///   - specification: the objective.
    ///   - now: the evaluation time T.
    /// - Returns: timestamps and values, oldest first.
    func judged(
        _ entry: SeriesStore.Entry, _ specification: ObjectiveSpecification, at now: Int64
    ) -> (timestamps: [Int64], values: [Double]) {
        // One step more than the longest window, so that the first window sample has a predecessor.
        let longest = max(specification.windows.last ?? 0, forecaster.window) + 2 * step
        return judged(entry, specification, at: now, length: longest)
    }

    /// The values an objective judges for one series over `(now − length, now]`: the samples, or their rate.
    /// - Parameters:
    ///   - entry: the series.
    ///   - specification: the objective.
    ///   - now: the evaluation time T.
    ///   - length: how far back, in milliseconds.
    /// - Returns: timestamps and values, oldest first.
    func judged(
        _ entry: SeriesStore.Entry, _ specification: ObjectiveSpecification, at now: Int64, length: Int64
    ) -> (timestamps: [Int64], values: [Double]) {
        let samples = entry.buffer.samples(endingAt: now, length: length)
        guard specification.isRate,
            let rate = try? CounterRate(counterTimestamps: samples.timestamps, counterValues: samples.values)
        else { return samples }
        return (rate.timestamps, rate.values)
    }

    /// The forecast of the judged values of a rate or ratio objective's series (the plain ones reuse the series'
    /// forecast).
    /// - Parameters:
    ///   - entry: the series (with `divide_by`, its ratio).
    ///   - specification: the objective, with ``ObjectiveSpecification/judgesDerivedValues``.
    ///   - now: the evaluation time T.
    /// - Returns: the forecast of the rate, or why there is none.
    package func rateForecast(
        _ entry: SeriesStore.Entry, _ specification: ObjectiveSpecification, at now: Int64
    ) -> Result<SeriesForecast, AnalysisError> {
        let values = judged(entry, specification, at: now)
        let start = now - forecaster.window
        let first = values.timestamps.firstIndex { $0 > start } ?? values.timestamps.count
        return forecaster.forecast(
            timestamps: Array(values.timestamps[first...]), values: Array(values.values[first...]),
            key: ForecastChoices.Key(entry.labels, derived: specification.name), at: now)
    }

    /// Judges one objective.
    /// - Parameters:
    ///   - specification: the objective.
    ///   - store: the series.
    ///   - now: the evaluation time T in milliseconds.
    ///   - forecast: the forecast of a series' judged values (the series' own, or its rate's), if there is one.
    /// - Returns: the result.
    package func evaluate(
        _ specification: ObjectiveSpecification, store: SeriesStore, at now: Int64,
        forecast: ([Label]) -> Result<SeriesForecast, AnalysisError>?
    ) -> ObjectiveResult {
        evaluate(specification, selection: selection(of: specification, in: store), at: now, forecast: forecast)
    }

    /// Judges one objective over series already selected (``selection(of:in:)``), so that a run that also draws the
    /// objective's traces divides a ratio objective's series once.
    /// - Parameters:
    ///   - specification: the objective.
    ///   - selection: its series and the series left out.
    ///   - now: the evaluation time T in milliseconds.
    ///   - forecast: the forecast of a series' judged values, if there is one.
    /// - Returns: the result.
    package func evaluate(
        _ specification: ObjectiveSpecification,
        selection: (entries: [SeriesStore.Entry], skipped: [ObjectiveRatio.Skip]), at now: Int64,
        forecast: ([Label]) -> Result<SeriesForecast, AnalysisError>?
    ) -> ObjectiveResult {
        // A ratio objective judges no range: its indicator is its budget's (``ErrorBudgetLedger``).
        guard let range = specification.range else {
            return ObjectiveResult(specification: specification, time: now, series: [], skipped: [])
        }
        let series = selection.entries.map { entry -> ObjectiveResult.Series in
            let values = judged(entry, specification, at: now)
            let windows = specification.windows.compactMap { window -> ObjectiveResult.Window? in
                guard
                    let compliance = try? WindowCompliance(
                        timestamps: values.timestamps, values: values.values, range: range, end: now,
                        length: window, stepMilliseconds: step)
                else { return nil }
                return ObjectiveResult.Window(milliseconds: window, compliance: compliance)
            }
            let latest = values.values.last(where: \.isFinite)
            var predictions: [ObjectiveResult.Prediction] = []
            var forecastError: AnalysisError?
            switch forecast(entry.labels) {
            case .success(let forecast)?:
                do {
                    let path = forecast.path
                    predictions = try PredictedViolation.predictions(
                        forecast: path.values, lower: path.lower, upper: path.upper, stepMilliseconds: forecast.step,
                        range: range
                    ).map { violation in
                        let eta = violation.stepsUntilViolation.map { steps in
                            max(0, Double(forecast.lastTime + Int64(steps) * forecast.step - now) / 1000)
                        }
                        return ObjectiveResult.Prediction(
                            violation: violation, etaSeconds: eta,
                            isAlreadyBeyond: Self.isBeyond(latest, violation.bound, range))
                    }
                } catch {
                    forecastError = error as? AnalysisError ?? .invalidArgument("\(error)")
                }
            case .failure(let error)?: forecastError = error
            case nil: forecastError = .tooShort("the forecasts have not run yet")
            }
            return ObjectiveResult.Series(
                labels: entry.labels, windows: windows, predictions: predictions, forecastError: forecastError)
        }
        return ObjectiveResult(specification: specification, time: now, series: series, skipped: selection.skipped)
    }

    /// Whether `value` is beyond `bound` of `range` (a value on the bound is inside).
    static func isBeyond(_ value: Double?, _ bound: AllowedRange.Bound, _ range: AllowedRange) -> Bool {
        guard let value, let limit = range.limit(bound) else { return false }
        return bound == .max ? value > limit : value < limit
    }
}
