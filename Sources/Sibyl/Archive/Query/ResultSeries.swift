/// One derived series and its archived values over a range, as in a Prometheus range query's matrix:
/// `{"metric":{"__name__":<the family, e.g. sibyl_window_max>,"instance":"a:9100","metric":"node_load1","window":"1h"},
/// "values":[[1795784400,"0.25"],…]}`.
package struct ResultSeries: Sendable, Hashable, Codable {
    /// The derived series' labels, its name under `__name__`.
    package var metric: [String: String]
    /// The values, oldest first.
    package var values: [ResultSample]

    /// Creates a series.
    /// - Parameters:
    ///   - metric: the labels, the name under `__name__`.
    ///   - values: the values, oldest first.
    package init(metric: [String: String], values: [ResultSample]) {
        self.metric = metric
        self.values = values
    }
}
