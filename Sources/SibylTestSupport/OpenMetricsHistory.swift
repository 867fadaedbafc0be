/// A deterministic history written as OpenMetrics text, for `promtool tsdb create-blocks-from openmetrics`.
///
/// Every family is typed `gauge` (promtool keeps counters' `_total` names as they are then).
/// Values are written with the shortest text that round-trips, so Prometheus stores the exact
/// double; ordinary NaN and ±Inf are allowed, stale markers cannot be expressed in this format.
public struct OpenMetricsHistory: Sendable {
    /// One series of the history.
    public struct Series: Sendable {
        /// The metric name.
        public var name: String
        /// Labels other than the name, in any order.
        public var labels: [(String, String)]
        /// `(timestamp ms, value)` pairs in ascending time.
        public var samples: [(Int64, Double)]

        /// Creates a series.
        /// - Parameters:
        ///   - name: the metric name.
        ///   - labels: the other labels.
        ///   - samples: `(timestamp ms, value)` pairs.
        public init(name: String, labels: [(String, String)], samples: [(Int64, Double)]) {
            self.name = name
            self.labels = labels
            self.samples = samples
        }
    }

    /// The series.
    public var series: [Series]

    /// Creates a history.
    public init(series: [Series] = []) {
        self.series = series
    }

    /// The OpenMetrics text, ending in `# EOF`.
    public func text() -> String {
        var out = ""
        var typed = Set<String>()
        // promtool wants each family's lines together.
        let ordered = series.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
        for (_, one) in ordered {
            if typed.insert(one.name).inserted {
                out += "# TYPE \(one.name) gauge\n"
            }
            let labelText =
                one.labels.isEmpty
                ? ""
                : "{"
                    + one.labels.map { name, value in
                        "\(name)=\"\(Self.escape(value))\""
                    }.joined(separator: ",") + "}"
            for (timestamp, value) in one.samples {
                out += "\(one.name)\(labelText) \(Self.format(value)) \(Self.seconds(timestamp))\n"
            }
        }
        out += "# EOF\n"
        return out
    }

    /// OpenMetrics escaping of a label value: `\\`, `\"`, `\n`.
    static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// The shortest round-trip text of a value, with OpenMetrics' spellings of NaN and infinities.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        return "\(value)"
    }

    /// Milliseconds as OpenMetrics seconds with exactly three decimals.
    static func seconds(_ milliseconds: Int64) -> String {
        let sign = milliseconds < 0 ? "-" : ""
        let magnitude = milliseconds.magnitude
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
