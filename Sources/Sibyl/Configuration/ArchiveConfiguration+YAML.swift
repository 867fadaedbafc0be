import SibylWire

extension ArchiveConfiguration: ConfigurationSection {
    static let keys = ["path", "retention", "max_size", "remote_read"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["path"], let text = decoder.scalar(field, expected: "a file path such as sibyl.db") {
            if text.isEmpty || text.unicodeScalars.contains(where: { $0 == "\0" }) {
                decoder.report(.invalidValue, at: field.valuePosition, "\(field.path): must be a file path")
            } else {
                path = text
            }
        }
        if let field = mapping["retention"] {
            retention = decoder.positiveDuration(field) ?? retention
        }
        if let field = mapping["max_size"] {
            maxSize = decoder.byteSize(field) ?? maxSize
        }
        if let field = mapping["remote_read"], let remoteRead = decoder.mapping(field, keys: ["labels"]),
            let labels = remoteRead["labels"]
        {
            remoteReadLabels = decoder.defaultLabels(labels) ?? remoteReadLabels
        }
    }
}

extension ConfigurationDecoder {
    /// A size greater than zero (`512MiB`, `2GB`, a number of bytes), or `nil` after reporting why not.
    mutating func byteSize(_ field: ConfigurationField) -> ByteSize? {
        guard let text = scalar(field, expected: "a size such as 512MiB, 2GB or a number of bytes") else { return nil }
        if let size = ByteSize(parsing: text.filter { $0 != "_" }), size.bytes > 0 { return size }
        report(
            .invalidValue, at: field.valuePosition,
            "\(field.path): expected a size such as 512MiB, 2GB or a number of bytes (greater than zero), got "
                + ConfigurationDecoder.quoted(text))
        return nil
    }
}

extension ConfigurationDecoder {
    /// A mapping of label names to values (`{job: sibyl}`), or `nil` after reporting every bad entry: a name must be
    /// a Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`) not starting with `__` (`__name__` and Prometheus'
    /// internal labels), a value a non-empty string (an empty value is no label in Prometheus).
    mutating func defaultLabels(_ field: ConfigurationField) -> DefaultLabels? {
        guard let entries = entries(field) else { return nil }
        var labels: [Label] = []
        var valid = true
        for (name, value) in entries {
            if name.utf8.starts(with: "__".utf8) {
                report(
                    .invalidValue, at: value.keyPosition,
                    "\(value.path): label names starting with \"__\" are reserved (\"__name__\" is the metric name)")
                valid = false
            } else if !NameEscaping.isLegacyLabelName(name) {
                report(
                    .invalidValue, at: value.keyPosition,
                    "\(value.path): not a valid label name \(Self.quoted(name)) (expected [a-zA-Z_][a-zA-Z0-9_]*)")
                valid = false
            }
            guard let text = scalar(value, expected: "a label value") else {
                valid = false
                continue
            }
            guard !text.isEmpty else {
                report(.invalidValue, at: value.valuePosition, "\(value.path): a label value must not be empty")
                valid = false
                continue
            }
            labels.append(Label(name, text))
        }
        return valid ? DefaultLabels(labels) : nil
    }
}
