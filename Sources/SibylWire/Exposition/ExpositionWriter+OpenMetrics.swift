extension ExpositionWriter {
    /// Appends a family's OpenMetrics 1.0 metadata: `# HELP` (when the help is not empty), `# TYPE` and `# UNIT`.
    ///
    /// A counter named `…_total` is the family without the suffix (a counter without it is written `unknown`, as
    /// prometheus/common does, so that the output stays valid); `untyped` is `unknown`. `# UNIT` is written only
    /// when the family name ends in `_<unit>`, as OpenMetrics requires.
    func appendOpenMetricsHeader(of family: MetricFamily, into buffer: inout [UInt8]) {
        let name = family.name.rawValue
        let type: String
        var familyName = name
        switch family.kind {
        case .counter where name.hasSuffix("_total"):
            familyName = String(name.dropLast("_total".count))
            type = "counter"
        case .counter, .untyped:
            type = "unknown"
        case .gauge:
            type = "gauge"
        }
        let legacy = family.name.isLegacy
        if !family.help.isEmpty {
            buffer.append(contentsOf: "# HELP ".utf8)
            appendFamilyName(familyName, legacy: legacy, to: &buffer)
            buffer.append(UInt8(ascii: " "))
            Self.appendEscapedLabelValue(family.help, to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
        }
        buffer.append(contentsOf: "# TYPE ".utf8)
        appendFamilyName(familyName, legacy: legacy, to: &buffer)
        buffer.append(contentsOf: " \(type)\n".utf8)
        if let unit = family.unit, !unit.isEmpty, familyName.hasSuffix("_" + unit) {
            buffer.append(contentsOf: "# UNIT ".utf8)
            appendFamilyName(familyName, legacy: legacy, to: &buffer)
            buffer.append(contentsOf: " \(unit)\n".utf8)
        }
    }
}
