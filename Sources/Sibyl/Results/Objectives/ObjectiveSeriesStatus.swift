/// One series' results for one objective: violations per window and the predicted crossings.
///
/// Values that do not exist (no sample in a window, no forecast) are `nil` and left out of the JSON.
package struct ObjectiveSeriesStatus: Sendable, Hashable, Encodable {
    /// The series' violations over one window.
    package struct Window: Sendable, Hashable, Encodable {
        /// The window.
        package var window: PrometheusDuration
        /// The samples judged (after the transform).
        package var samples: Int
        /// The samples outside the range.
        package var violations: Int
        /// The seconds outside the range.
        package var violationSeconds: Double
        /// Time inside over time covered, when any time was covered.
        package var complianceRatio: Double?
        /// The value farthest outside the range, when there was a violation.
        package var worstValue: Double?
        /// When the worst value was seen, in Unix milliseconds.
        package var worstTime: Int64?

        /// Creates a window's results.
        package init(
            window: PrometheusDuration, samples: Int, violations: Int, violationSeconds: Double,
            complianceRatio: Double? = nil, worstValue: Double? = nil, worstTime: Int64? = nil
        ) {
            self.window = window
            self.samples = samples
            self.violations = violations
            self.violationSeconds = violationSeconds
            self.complianceRatio = complianceRatio
            self.worstValue = worstValue
            self.worstTime = worstTime
        }

        private enum CodingKeys: String, CodingKey {
            case window, samples, violations
            case violationSeconds = "violation_seconds"
            case complianceRatio = "compliance_ratio"
            case worstValue = "worst_value"
            case worstTime = "worst_time"
        }

        /// Encodes the window as a Prometheus duration and the time as Unix seconds.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(window.description, forKey: .window)
            try container.encode(samples, forKey: .samples)
            try container.encode(violations, forKey: .violations)
            try container.encode(violationSeconds, forKey: .violationSeconds)
            try container.encodeIfPresent(complianceRatio, forKey: .complianceRatio)
            try container.encodeIfPresent(worstValue, forKey: .worstValue)
            try container.encodeIfPresent(worstTime.map { Double($0) / 1000 }, forKey: .worstTime)
        }
    }

    /// Whether the forecast crosses one bound within the horizon.
    package struct Prediction: Sendable, Hashable, Encodable {
        /// `min` or `max`.
        package var bound: String
        /// Whether the point forecast crosses the bound.
        package var violated: Bool
        /// Whether the prediction interval crosses it.
        package var intervalViolated: Bool
        /// Seconds until the first crossing, when there is one.
        package var etaSeconds: Double?
        /// The forecast's extreme toward the bound over the horizon.
        package var predictedValue: Double?

        /// Creates a prediction.
        package init(
            bound: String, violated: Bool, intervalViolated: Bool, etaSeconds: Double? = nil,
            predictedValue: Double? = nil
        ) {
            self.bound = bound
            self.violated = violated
            self.intervalViolated = intervalViolated
            self.etaSeconds = etaSeconds
            self.predictedValue = predictedValue
        }

        private enum CodingKeys: String, CodingKey {
            case bound, violated
            case intervalViolated = "interval_violated"
            case etaSeconds = "eta_seconds"
            case predictedValue = "predicted_value"
        }
    }

    /// The series' labels, its metric name under `__name__`.
    package var labels: [String: String]
    /// The results per window, ascending.
    package var windows: [Window]
    /// The predictions, one per bound the objective has.
    package var predictions: [Prediction]

    /// Creates a series' results.
    /// - Parameters:
    ///   - labels: the series' labels.
    ///   - windows: the results per window.
    package init(labels: [String: String], windows: [Window], predictions: [Prediction] = []) {
        self.labels = labels
        self.windows = windows
        self.predictions = predictions
    }
}
