extension ArchiveConfiguration: ConfigurationSection {
    static let keys = ["path", "retention", "max_size"]

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
