import Foundation

/// An objective's status as the API shows it, for `sibyl slo status`.
struct ObjectiveStatusView: Decodable {
    struct Series: Decodable {
        struct Window: Decodable {
            var window: String
            var samples: Int
            var violations: Int
            var violationSeconds: Double
            var complianceRatio: Double?
            var worstValue: Double?

            private enum CodingKeys: String, CodingKey {
                case window, samples, violations
                case violationSeconds = "violation_seconds"
                case complianceRatio = "compliance_ratio"
                case worstValue = "worst_value"
            }
        }

        struct Prediction: Decodable {
            var bound: String
            var violated: Bool
            var intervalViolated: Bool
            var etaSeconds: Double?
            var predictedValue: Double?

            private enum CodingKeys: String, CodingKey {
                case bound, violated
                case intervalViolated = "interval_violated"
                case etaSeconds = "eta_seconds"
                case predictedValue = "predicted_value"
            }
        }

        var labels: [String: String]
        var windows: [Window]
        var predictions: [Prediction]
    }

    var objective: ObjectiveView
    var evaluated: Bool
    var evaluatedAt: Double?
    var series: [Series]
    var budget: ObjectiveBudgetView?

    private enum CodingKeys: String, CodingKey {
        case objective, evaluated, series, budget
        case evaluatedAt = "evaluated_at"
    }

    /// A heading line, then a table of windows and one of predictions (each row names its series), then the error
    /// budget when the objective has one.
    var text: String {
        guard let budget else { return judgement }
        return judgement + "\n" + budget.text
    }

    /// The heading line and the tables of windows and predictions.
    private var judgement: String {
        let range = "[\(ObjectivesTable.number(objective.min)), \(ObjectivesTable.number(objective.max))]"
        var text = "objective \(objective.name) \(range) on \(objective.selector)\n"
        guard evaluated else { return text + "not evaluated yet\n" }
        if let evaluatedAt {
            text += "evaluated at \(TimeArgument.rfc3339(Int64((evaluatedAt * 1000).rounded())))\n"
        }
        guard !series.isEmpty else { return text + "no matching series\n" }
        var windows = ObjectivesTable(
            header: ["SERIES", "WINDOW", "SAMPLES", "VIOLATIONS", "SECONDS_OUTSIDE", "COMPLIANCE", "WORST"])
        var predictions = ObjectivesTable(header: ["SERIES", "BOUND", "PREDICTED", "INTERVAL", "ETA_SECONDS", "VALUE"])
        for series in series {
            let name = Self.render(series.labels)
            for window in series.windows {
                windows.rows.append([
                    name, window.window, "\(window.samples)", "\(window.violations)",
                    ObjectivesTable.number(window.violationSeconds), window.complianceRatio.map { "\($0)" } ?? "-",
                    ObjectivesTable.number(window.worstValue),
                ])
            }
            for prediction in series.predictions {
                predictions.rows.append([
                    name, prediction.bound, prediction.violated ? "yes" : "no",
                    prediction.intervalViolated ? "yes" : "no",
                    ObjectivesTable.number(prediction.etaSeconds), ObjectivesTable.number(prediction.predictedValue),
                ])
            }
        }
        text += windows.text
        if !predictions.rows.isEmpty { text += "\n" + predictions.text }
        return text
    }

    /// `name{a="b",…}` with the labels sorted.
    static func render(_ labels: [String: String]) -> String {
        let name = labels["__name__"] ?? ""
        let rest = labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\"\($0.value)\"" }
        return rest.isEmpty ? name : "\(name){\(rest.joined(separator: ","))}"
    }
}
