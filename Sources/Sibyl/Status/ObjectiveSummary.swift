package import SibylAnalysis
import SibylWire

/// One objective as the status page shows it: its definition, its state from the latest judgement, and the
/// traces of its first series.
///
/// The state looks at the objective's shortest window: **violated** when a series has a sample outside the range
/// in it, else **predicted** when a series' forecast crosses a bound within the horizon, else **ok**. An objective
/// not judged yet (or changed since) is **pending**; one whose selector matches no stored series is **no data**.
package struct ObjectiveSummary: Sendable {
    /// The objective's state.
    package enum State: String, Sendable, Hashable {
        /// Not judged yet, or changed since it was last judged.
        case pending
        /// Judged, but no stored series matches its selector.
        case noData = "no data"
        /// No sample outside the range in the shortest window, and no predicted violation.
        case ok
        /// Some sample outside the range in the shortest window.
        case violated
        /// No violation in the shortest window, but a forecast crosses a bound.
        case predicted
    }

    /// The objective's name.
    package var name: String
    /// The selector, as PromQL text (`a / b` for a ratio objective).
    package var selector: String
    /// The lowest allowed value, if any.
    package var min: Double?
    /// The highest allowed value, if any.
    package var max: Double?
    /// Whether the per-second rate is judged.
    package var isRate: Bool
    /// The windows, in milliseconds, ascending.
    package var windows: [Int64]
    /// The state.
    package var state: State
    /// When it was last judged, in Unix milliseconds.
    package var evaluatedAt: Int64?
    /// Series judged.
    package var series: Int
    /// Series with a sample outside the range in the shortest window.
    package var violatingSeries: Int
    /// Samples outside the range in the shortest window, over every series.
    package var samplesOutside: Int
    /// Seconds outside the range in the shortest window, over every series.
    package var secondsOutside: Double
    /// The worst value of the shortest window over every series (the one farthest past, or nearest to, a bound).
    package var worstValue: Double?
    /// Series whose forecast crosses a bound.
    package var predictedSeries: Int
    /// The earliest predicted crossing, in seconds from the evaluation time.
    package var etaSeconds: Double?
    /// The bound of the earliest predicted crossing (`min` or `max`).
    package var predictedBound: String?
    /// Series judged without a forecast (none computed yet, or skipped).
    package var seriesWithoutForecast: Int
    /// Why the first series without a forecast has none (`too_short` and its message), if one has none.
    package var forecastProblem: AnalysisError?
    /// The unit of the judged values, for showing them.
    package var unit: ValueUnit
    /// The recent values and forecast bands of the first series.
    package var traces: [ObjectiveTrace]
    /// The error budget at the last judgement, for an objective with a target.
    package var budget: ErrorBudgetReport?

    /// Creates a summary with every field given.
    /// - Parameters:
    ///   - selector: the selector's text.
    ///   - min: the lowest allowed value.
    ///   - max: the highest allowed value.
    ///   - isRate: whether the rate is judged.
    ///   - windows: the windows in milliseconds.
    ///   - evaluatedAt: when it was judged.
    ///   - series: series judged.
    ///   - violatingSeries: series with a violation in the shortest window.
    ///   - samplesOutside: samples outside in the shortest window.
    ///   - secondsOutside: seconds outside in the shortest window.
    ///   - worstValue: the worst value in the shortest window.
    ///   - predictedSeries: series predicted to cross a bound.
    ///   - etaSeconds: the earliest predicted crossing.
    ///   - predictedBound: its bound.
    ///   - seriesWithoutForecast: series judged without a forecast.
    ///   - forecastProblem: why the first of them has none.
    ///   - unit: the unit of the judged values.
    ///   - budget: the error budget.
    package init(
        name: String, selector: String, min: Double?, max: Double?, isRate: Bool = false, windows: [Int64],
        state: State, evaluatedAt: Int64? = nil, series: Int = 0, violatingSeries: Int = 0, samplesOutside: Int = 0,
        secondsOutside: Double = 0, worstValue: Double? = nil, predictedSeries: Int = 0, etaSeconds: Double? = nil,
        predictedBound: String? = nil, seriesWithoutForecast: Int = 0, forecastProblem: AnalysisError? = nil,
        unit: ValueUnit = .plain, traces: [ObjectiveTrace] = [], budget: ErrorBudgetReport? = nil
    ) {
        self.name = name
        self.selector = selector
        self.min = min
        self.max = max
        self.isRate = isRate
        self.windows = windows
        self.state = state
        self.evaluatedAt = evaluatedAt
        self.series = series
        self.violatingSeries = violatingSeries
        self.samplesOutside = samplesOutside
        self.secondsOutside = secondsOutside
        self.worstValue = worstValue
        self.predictedSeries = predictedSeries
        self.etaSeconds = etaSeconds
        self.predictedBound = predictedBound
        self.seriesWithoutForecast = seriesWithoutForecast
        self.forecastProblem = forecastProblem
        self.unit = unit
        self.traces = traces
        self.budget = budget
    }

    /// The summary of a registered objective and its latest judgement; a judgement of another definition than the
    /// registered one is ignored (pending).
    /// - Parameters:
    ///   - objective: the objective as registered now.
    ///   - result: its latest judgement, if any.
    ///   - traces: the traces of its first series, from the same judgement.
    ///   - budget: its latest error-budget report, if it has a target.
    package init(
        _ objective: RegisteredObjective, result: ObjectiveResult?, traces: [ObjectiveTrace],
        budget: ErrorBudgetReport? = nil
    ) {
        let definition = objective.objective
        self.init(
            name: definition.name,
            selector: definition.selector.description + (definition.divideBy.map { " / \($0)" } ?? ""),
            min: definition.min, max: definition.max, isRate: definition.transform == .rate,
            windows: objective.windows.map(\.milliseconds), state: .pending,
            unit: ValueUnit(
                selector: definition.selector, divideBy: definition.divideBy, isRate: definition.transform == .rate),
            budget: budget)
        guard let result, let specification = ObjectiveSpecification(objective), result.specification == specification
        else { return }
        evaluatedAt = result.time
        series = result.series.count
        self.traces = traces
        var worst: WindowCompliance.WorstSample?
        for one in result.series {
            if let compliance = one.windows.first?.compliance {
                samplesOutside += compliance.samplesOutside
                secondsOutside += compliance.secondsOutside
                if compliance.samplesOutside > 0 { violatingSeries += 1 }
                if let candidate = compliance.worst, worst.map({ candidate.excess > $0.excess }) ?? true {
                    worst = candidate
                }
            }
            if one.predictions.isEmpty {
                seriesWithoutForecast += 1
                if forecastProblem == nil { forecastProblem = one.forecastError }
            }
            let predicted = one.predictions.filter(\.isPredicted)
            if !predicted.isEmpty { predictedSeries += 1 }
            for prediction in predicted {
                if let eta = prediction.etaSeconds, etaSeconds.map({ eta < $0 }) ?? true {
                    etaSeconds = eta
                    predictedBound = prediction.violation.bound.rawValue
                }
            }
        }
        worstValue = worst?.value
        state =
            if series == 0 { .noData } else if violatingSeries > 0 { .violated } else if predictedSeries > 0 {
                .predicted
            } else { .ok }
    }
}
