/// One sample line of a text exposition (format 0.0.4), parsed back for assertions.
public struct ExposedSample: Sendable, Hashable {
    /// The metric name.
    public var name: String
    /// The labels.
    public var labels: [String: String]
    /// The value (Go's `NaN`, `+Inf`, `-Inf` included).
    public var value: Double

    /// Every sample line of `text`; comment lines are skipped, a malformed line is left out.
    /// - Parameter text: the exposition.
    /// - Returns: the samples in order.
    public static func parse(_ text: String) -> [ExposedSample] {
        text.split(separator: "\n").compactMap { line in
            line.hasPrefix("#") ? nil : parseLine(Array(line.unicodeScalars))
        }
    }

    /// The samples of `text` named `name` whose labels include `labels`.
    /// - Parameters:
    ///   - text: the exposition.
    ///   - name: the metric name.
    ///   - labels: labels the sample must carry.
    /// - Returns: the matching samples.
    public static func find(in text: String, _ name: String, _ labels: [String: String] = [:]) -> [ExposedSample] {
        parse(text).filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }

    private static func parseLine(_ scalars: [Unicode.Scalar]) -> ExposedSample? {
        var index = 0
        var name = ""
        while index < scalars.count, scalars[index] != "{", scalars[index] != " " {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        var labels: [String: String] = [:]
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while index < scalars.count, scalars[index] != "}" {
                var key = ""
                while index < scalars.count, scalars[index] != "=" {
                    if scalars[index] != "," { key.unicodeScalars.append(scalars[index]) }
                    index += 1
                }
                index += 2  // `="`
                var value = ""
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count {
                        index += 1
                        value.unicodeScalars.append(scalars[index] == "n" ? "\n" : scalars[index])
                    } else {
                        value.unicodeScalars.append(scalars[index])
                    }
                    index += 1
                }
                index += 1
                labels[key] = value
            }
            index += 1
        }
        var rest = ""
        for scalar in scalars[min(index, scalars.count)...] { rest.unicodeScalars.append(scalar) }
        let fields = rest.split(separator: " ")
        guard let text = fields.first, !name.isEmpty else { return nil }
        let value: Double? =
            switch text {
            case "NaN": .nan
            case "+Inf": .infinity
            case "-Inf": -.infinity
            default: Double(text)
            }
        return value.map { ExposedSample(name: name, labels: labels, value: $0) }
    }
}
