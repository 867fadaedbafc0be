import SibylAnalysis
import SibylWire

/// Answers `GET /api/v1/objectives/{name}/status` from the analysis runner's latest judgement of each objective and
/// the error-budget ledger's latest report.
///
/// An objective whose definition changed since it was last judged reads as not evaluated until the next cycle; its
/// budget is shown only while the report's target and period are the objective's.
package struct EvaluatedObjectiveStatusProvider: ObjectiveStatusProvider {
    /// The runner holding the results.
    package let runner: AnalysisRunner
    /// The ledger of the budgeted objectives, if anything keeps one.
    package let budgets: ErrorBudgetLedger?

    /// Creates the provider.
    /// - Parameters:
    ///   - runner: the runner holding the results.
    ///   - budgets: the ledger whose latest reports give the budgets.
    package init(runner: AnalysisRunner, budgets: ErrorBudgetLedger? = nil) {
        self.runner = runner
        self.budgets = budgets
    }

    /// The latest results of `objective`.
    /// - Parameter objective: the objective as registered now.
    /// - Returns: its status.
    package func status(of objective: RegisteredObjective) async -> ObjectiveStatus {
        guard let specification = ObjectiveSpecification(objective) else { return .unevaluated(objective) }
        guard let result = runner.latestObjectiveResults[objective.name], result.specification == specification
        else {
            var status = ObjectiveStatus.unevaluated(objective)
            status.budget = budgets?.latestReport(of: specification)
            return status
        }
        let series = result.series.map { series in
            ObjectiveSeriesStatus(
                labels: series.labels.dictionary,
                windows: series.windows.map { window in
                    let compliance = window.compliance
                    return ObjectiveSeriesStatus.Window(
                        window: PrometheusDuration(milliseconds: window.milliseconds),
                        samples: compliance.judgedSamples, violations: compliance.samplesOutside,
                        violationSeconds: compliance.secondsOutside, complianceRatio: compliance.complianceRatio,
                        worstValue: compliance.worst?.value, worstTime: compliance.worst?.timestamp)
                },
                predictions: series.predictions.map { prediction in
                    ObjectiveSeriesStatus.Prediction(
                        bound: prediction.violation.bound.rawValue, violated: prediction.isPredicted,
                        intervalViolated: prediction.violation.intervalViolates ?? false,
                        etaSeconds: prediction.etaSeconds, predictedValue: prediction.violation.predictedExtreme)
                })
        }
        return ObjectiveStatus(
            objective: objective, evaluated: true, evaluatedAt: result.time, series: series,
            budget: budgets?.latestReport(of: specification))
    }
}
