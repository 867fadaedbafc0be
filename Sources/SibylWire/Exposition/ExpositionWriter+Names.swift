extension ExpositionWriter {
    /// Appends a family name as `# HELP`, `# TYPE` and `# UNIT` write it: as it is when it is a legacy name,
    /// else escaped or quoted as the format says.
    func appendFamilyName(_ name: String, legacy: Bool, to buffer: inout [UInt8]) {
        if legacy || format.escaping == .underscores {
            buffer.append(contentsOf: (legacy ? name : MetricName.underscoreEscaped(name)).utf8)
        } else {
            Self.appendQuoted(name, to: &buffer)
        }
    }

    /// Appends `"text"`, escaped as a label value.
    static func appendQuoted(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        appendEscapedLabelValue(text, to: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends the text format's `# HELP` and `# TYPE` of a family whose name is not a legacy name (a legacy
    /// one's are rendered once, in ``MetricFamily``).
    func appendTextHeader(of family: MetricFamily, into buffer: inout [UInt8]) {
        if !family.help.isEmpty {
            buffer.append(contentsOf: "# HELP ".utf8)
            appendFamilyName(family.name.rawValue, legacy: false, to: &buffer)
            buffer.append(UInt8(ascii: " "))
            Self.appendEscapedHelp(family.help, to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
        }
        buffer.append(contentsOf: "# TYPE ".utf8)
        appendFamilyName(family.name.rawValue, legacy: false, to: &buffer)
        buffer.append(contentsOf: " \(family.kind.rawValue)\n".utf8)
    }

    /// Refuses two families whose names are the same once escaped (`a.b` and `a_b`).
    static func checkDistinctOnceEscaped(_ families: [MetricFamily]) throws(ExpositionError) {
        var seen: Set<String> = []
        for family in families where !seen.insert(family.name.underscoreEscaped).inserted {
            let escaped = family.name.underscoreEscaped
            throw ExpositionError(.duplicateFamily, "duplicate metric family \"\(escaped)\" once names are escaped")
        }
    }
}
