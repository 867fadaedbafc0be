/// One of the forecast's horizons (`forecast.horizons`): how it is labelled and how many steps of the path it
/// covers.
package struct ForecastHorizon: Sendable, Hashable {
    /// The `horizon` label's value, a Prometheus duration (`10m`).
    package let label: String
    /// The steps of the path it covers (the whole path when it is longer).
    package let steps: Int

    /// Creates a horizon.
    package init(label: String, steps: Int) {
        self.label = label
        self.steps = steps
    }

    /// The horizons of `durations`, each a whole number of `step`s.
    package static func horizons(_ durations: [PrometheusDuration], step: PrometheusDuration) -> [ForecastHorizon] {
        durations.map { duration in
            ForecastHorizon(
                label: duration.description,
                steps: Int(max(1, (duration.milliseconds + step.milliseconds - 1) / max(1, step.milliseconds))))
        }
    }
}
