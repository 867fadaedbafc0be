import SibylWire
import Testing

struct MetricNameTests {
    @Test(
        "accepts valid metric names",
        arguments: ["up", "_", ":", "sibyl_window_max", "job:rate5m:sum", "__private", "a0", "A_Z9:"]
    )
    func acceptsValid(_ name: String) throws {
        #expect(try MetricName(name).rawValue == name)
        #expect(MetricName.isValid(name))
    }

    @Test(
        "rejects invalid metric names, naming them",
        arguments: ["", "0up", "up-time", "up time", "é", "up.total", "up\n", "{up}", "up\"", "日本"]
    )
    func rejectsInvalid(_ name: String) {
        #expect(!MetricName.isValid(name))
        #expect {
            try MetricName(name)
        } throws: { error in
            let error = error as? ExpositionError
            return error?.code == .invalidMetricName
                && error?.description == "invalid metric name \(name.debugDescription)"
                && error?.shortDescription == "invalid_metric_name"
        }
    }

    @Test("orders names by bytes")
    func ordersByBytes() throws {
        let names = try ["b", "a_b", "a", "B", "a:", "_"].map { try MetricName($0) }
        #expect(names.sorted().map(\.rawValue) == ["B", "_", "a", "a:", "a_b", "b"])
    }

    @Test(
        "accepts any non-empty UTF-8 name with init(utf8:), escaping it with underscores",
        arguments: [
            ("up", "up", true), ("http.requests", "http_requests", false), ("job:rate5m", "job:rate5m", true),
            ("0x", "_x", false), ("日本", "__", false), ("a-b c", "a_b_c", false),
        ])
    func acceptsUTF8(_ name: String, _ escaped: String, _ legacy: Bool) throws {
        let metric = try MetricName(utf8: name)
        #expect(metric.rawValue == name)
        #expect(metric.isLegacy == legacy)
        #expect(metric.underscoreEscaped == escaped)
        #expect(throws: ExpositionError.self) { try MetricName(utf8: "") }
    }
}
