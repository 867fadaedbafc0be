package import SibylWire

/// The anomalies as the status page shows them: the series whose newest sample is anomalous now
/// (`sibyl_anomaly` 1), with their direction and `sibyl_anomaly_score`, read from the families the exposition
/// serves, and how many series were scored at all.
package struct AnomalySummary: Sendable, Hashable {
    /// One source series whose newest sample is anomalous.
    package struct Series: Sendable, Hashable {
        /// The series' labels as Sibyl's derived series carry them (`metric` holds the source metric name), without
        /// `direction`; sorted by name.
        package var labels: [Label]
        /// `above` or `below` the forecast.
        package var direction: String
        /// The newest sample's distance from the forecast over the interval's half-width, when exposed.
        package var score: Double?

        /// Creates an anomalous series.
        /// - Parameters:
        ///   - labels: the derived labels without `direction`.
        ///   - direction: `above` or `below`.
        ///   - score: the anomaly score.
        package init(labels: [Label], direction: String, score: Double?) {
            self.labels = labels.sorted()
            self.direction = direction
            self.score = score
        }
    }

    /// The anomalous series, highest score first.
    package var anomalies: [Series]
    /// The series with an anomaly score (their newest sample was scored against a forecast).
    package var scoredSeries: Int

    /// No series scored.
    package static let empty = AnomalySummary(anomalies: [], scoredSeries: 0)

    /// Creates a summary.
    /// - Parameters:
    ///   - anomalies: the anomalous series (sorted here, highest score first, then by labels).
    ///   - scoredSeries: how many series were scored.
    package init(anomalies: [Series], scoredSeries: Int) {
        self.anomalies = anomalies.sorted { left, right in
            let (leftScore, rightScore) = (left.score ?? -.infinity, right.score ?? -.infinity)
            if leftScore != rightScore { return leftScore > rightScore }
            if left.labels != right.labels { return left.labels.lexicographicallyPrecedes(right.labels) }
            return left.direction < right.direction
        }
        self.scoredSeries = max(scoredSeries, self.anomalies.count)
    }

    /// The summary of the forecast-score families (`sibyl_anomaly`, `sibyl_anomaly_score`); other families are
    /// ignored.
    /// - Parameter families: the families `/metrics` serves, or some of them.
    package init(_ families: [MetricFamily]) {
        let anomalyName = ForecastFamilies.anomaly.name
        let scoreName = ForecastFamilies.anomalyScore.name
        var scores: [[Label]: Double] = [:]
        for family in families where family.name.rawValue == scoreName {
            for sample in family.samples { scores[Self.labels(sample.labels)] = sample.value }
        }
        var anomalies: [Series] = []
        for family in families where family.name.rawValue == anomalyName {
            for sample in family.samples where sample.value == 1 {
                guard let direction = sample.labels.labels.first(where: { $0.name == "direction" })?.value else {
                    continue
                }
                let labels = Self.labels(sample.labels.labels.filter { $0.name != "direction" })
                anomalies.append(Series(labels: labels, direction: direction, score: scores[labels]))
            }
        }
        self.init(anomalies: anomalies, scoredSeries: scores.count)
    }

    /// The anomaly of a source series, if its newest sample is anomalous.
    /// - Parameter sourceLabels: the source series' labels (`__name__` included), as a trace holds them.
    /// - Returns: the anomalous series, `nil` when it is not anomalous.
    package func anomaly(of sourceLabels: [Label]) -> Series? {
        let key = Self.derivedLabels(of: sourceLabels)
        return anomalies.first { $0.labels == key }
    }

    /// The labels the derived series of `sourceLabels` carry before Sibyl's own (``SourceLabels/base(_:)``,
    /// empty values dropped as the exposition drops them), sorted by name.
    static func derivedLabels(of sourceLabels: [Label]) -> [Label] {
        SourceLabels.base(sourceLabels).filter { !$0.value.isEmpty }.map { Label($0.name, $0.value) }.sorted()
    }

    private static func labels(_ rendered: RenderedLabels) -> [Label] { labels(rendered.labels) }

    private static func labels(_ rendered: [RenderedLabels.Label]) -> [Label] {
        rendered.map { Label($0.name, $0.value) }.sorted()
    }
}
